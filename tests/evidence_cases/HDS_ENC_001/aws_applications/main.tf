# HDS_ENC_001 on AWS application services: API Gateway stage caches, AppSync caches, Lambda,
# CloudWatch Logs, CloudTrail Lake, Secrets Manager, SSM parameters and DMS replication instances.
provider "aws" {
  region = "eu-west-3"
}

variable "cache_encrypted" {
  type = bool
}

variable "parameter_type" {
  type = string
}

variable "api_key_value" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "apps" {
  description         = "Care applications"
  enable_key_rotation = true
}

# --- aws_api_gateway_method_settings --------------------------------------------------------

resource "aws_api_gateway_method_settings" "pass_cache_encrypted" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 300
    cache_data_encrypted = true
    metrics_enabled      = true
  }
}

resource "aws_api_gateway_method_settings" "fail_cache_not_encrypted" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "staging"
  method_path = "patients/GET"

  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 60
  }
}

resource "aws_api_gateway_method_settings" "pass_caching_off" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "patients/POST"

  settings {
    caching_enabled = false
    metrics_enabled = true
    logging_level   = "ERROR"
  }
}

resource "aws_api_gateway_method_settings" "unknown_cache_encryption_from_variable" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "reports"
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_data_encrypted = var.cache_encrypted
  }
}

# --- aws_appsync_api_cache ------------------------------------------------------------------

resource "aws_appsync_api_cache" "pass_at_rest_encryption" {
  api_id                     = "abcdefghijklmnopqrstuvwxyz"
  api_caching_behavior       = "FULL_REQUEST_CACHING"
  type                       = "SMALL"
  ttl                        = 900
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_appsync_api_cache" "fail_no_at_rest_encryption" {
  api_id               = "bcdefghijklmnopqrstuvwxyza"
  api_caching_behavior = "PER_RESOLVER_CACHING"
  type                 = "SMALL"
  ttl                  = 300
}

resource "aws_appsync_api_cache" "unknown_at_rest_from_variable" {
  api_id                     = "cdefghijklmnopqrstuvwxyzab"
  api_caching_behavior       = "FULL_REQUEST_CACHING"
  type                       = "SMALL"
  ttl                        = 300
  at_rest_encryption_enabled = var.cache_encrypted
}

# --- always encrypted: Lambda, CloudWatch Logs, CloudTrail Lake, Secrets Manager, DMS ---------

resource "aws_lambda_function" "pass_aws_managed_key" {
  function_name = "appointment-reminder"
  role          = "arn:aws:iam::123456789012:role/lambda-reminder"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "reminder.zip"

  environment {
    variables = {
      TABLE = "appointments"
    }
  }
}

resource "aws_lambda_function" "pass_customer_key" {
  function_name = "lab-import"
  role          = "arn:aws:iam::123456789012:role/lambda-lab-import"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "lab-import.zip"
  kms_key_arn   = aws_kms_key.apps.arn
}

resource "aws_cloudwatch_log_group" "pass_service_key" {
  name              = "/aws/lambda/appointment-reminder"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "pass_customer_key" {
  name              = "/aws/lambda/lab-import"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.apps.arn
}

resource "aws_cloudtrail_event_data_store" "pass_always_encrypted" {
  name                           = "care-audit"
  retention_period               = 2557
  termination_protection_enabled = true
}

resource "aws_secretsmanager_secret" "pass_aws_managed_key" {
  name = "care/api-key"
}

resource "aws_secretsmanager_secret_version" "api_key" {
  secret_id     = aws_secretsmanager_secret.pass_aws_managed_key.id
  secret_string = var.api_key_value
}

resource "aws_dms_replication_instance" "pass_aws_managed_key" {
  replication_instance_id    = "records-migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
  publicly_accessible        = false
}

# --- aws_ssm_parameter ----------------------------------------------------------------------

resource "aws_ssm_parameter" "pass_secure_string" {
  name  = "/care/db/password"
  type  = "SecureString"
  value = var.api_key_value
}

resource "aws_ssm_parameter" "fail_plain_string" {
  name  = "/care/legacy/password"
  type  = "String"
  value = var.api_key_value
}

resource "aws_ssm_parameter" "unknown_type_from_variable" {
  name  = "/care/reports/token"
  type  = var.parameter_type
  value = var.api_key_value
}
