# HDS_ENC_002 (customer-managed keys required) on AWS application services: Lambda, CloudWatch Logs,
# CloudTrail Lake, Secrets Manager, SSM parameters and DMS replication instances.
provider "aws" {
  region = "eu-west-3"
}

variable "app_key_arn" {
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

# --- aws_lambda_function --------------------------------------------------------------------

resource "aws_lambda_function" "pass_customer_key" {
  function_name = "lab-import"
  role          = "arn:aws:iam::123456789012:role/lambda-lab-import"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "lab-import.zip"
  kms_key_arn   = aws_kms_key.apps.arn

  environment {
    variables = {
      QUEUE = "hl7-outbound"
    }
  }
}

resource "aws_lambda_function" "fail_aws_managed_key" {
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

resource "aws_lambda_function" "unknown_key_from_variable" {
  function_name = "report-builder"
  role          = "arn:aws:iam::123456789012:role/lambda-reports"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "reports.zip"
  kms_key_arn   = var.app_key_arn
}

# --- aws_cloudwatch_log_group ---------------------------------------------------------------

resource "aws_cloudwatch_log_group" "pass_customer_key" {
  name              = "/aws/lambda/lab-import"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.apps.arn
}

resource "aws_cloudwatch_log_group" "fail_service_key" {
  name              = "/aws/lambda/appointment-reminder"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "unknown_key_from_variable" {
  name              = "/aws/lambda/report-builder"
  retention_in_days = 365
  kms_key_id        = var.app_key_arn
}

# --- aws_cloudtrail_event_data_store --------------------------------------------------------

resource "aws_cloudtrail_event_data_store" "pass_customer_key" {
  name                           = "care-audit"
  retention_period               = 2557
  termination_protection_enabled = true
  kms_key_id                     = aws_kms_key.apps.arn
}

resource "aws_cloudtrail_event_data_store" "fail_aws_owned_key" {
  name             = "legacy-audit"
  retention_period = 365
}

resource "aws_cloudtrail_event_data_store" "unknown_key_from_variable" {
  name             = "reports-audit"
  retention_period = 365
  kms_key_id       = var.app_key_arn
}

# --- aws_secretsmanager_secret --------------------------------------------------------------

resource "aws_secretsmanager_secret" "pass_customer_key" {
  name       = "care/db-password"
  kms_key_id = aws_kms_key.apps.arn
}

resource "aws_secretsmanager_secret" "fail_aws_managed_key" {
  name       = "care/api-key"
  kms_key_id = "alias/aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "unknown_key_from_variable" {
  name       = "care/report-token"
  kms_key_id = var.app_key_arn
}

resource "aws_secretsmanager_secret_version" "api_key" {
  secret_id     = aws_secretsmanager_secret.fail_aws_managed_key.id
  secret_string = var.api_key_value
}

# --- aws_ssm_parameter ----------------------------------------------------------------------

resource "aws_ssm_parameter" "pass_customer_key" {
  name   = "/care/db/password"
  type   = "SecureString"
  key_id = aws_kms_key.apps.key_id
  value  = var.api_key_value
}

resource "aws_ssm_parameter" "fail_default_ssm_key" {
  name  = "/care/legacy/password"
  type  = "SecureString"
  value = var.api_key_value
}

resource "aws_ssm_parameter" "unknown_key_from_variable" {
  name   = "/care/reports/token"
  type   = "SecureString"
  key_id = var.app_key_arn
  value  = var.api_key_value
}

# --- aws_dms_replication_instance -----------------------------------------------------------

resource "aws_dms_replication_instance" "pass_customer_key" {
  replication_instance_id    = "records-migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
  kms_key_arn                = aws_kms_key.apps.arn
  publicly_accessible        = false
}

resource "aws_dms_replication_instance" "fail_aws_managed_key" {
  replication_instance_id    = "legacy-migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
  publicly_accessible        = false
}

resource "aws_dms_replication_instance" "unknown_key_from_variable" {
  replication_instance_id    = "reports-migration"
  replication_instance_class = "dms.t3.medium"
  allocated_storage          = 50
  kms_key_arn                = var.app_key_arn
  publicly_accessible        = false
}
