# HDS_ENC_002 (customer-managed keys required), one key setting per type: a key created here
# passes, an unset key or an AWS-managed alias fails, a key from a variable is unknown until apply.
provider "aws" {
  region = "eu-west-3"
}

resource "aws_kms_key" "k" {
  description = "customer key"
}

variable "key_arn" {
  type = string
}

resource "aws_appflow_connector_profile" "pass_customer_key" {
  name = "crm"
  connector_type = "Salesforce"
  connection_mode = "Public"
  kms_arn = aws_kms_key.k.arn
}

resource "aws_appflow_connector_profile" "fail_no_key" {
  name = "crm"
  connector_type = "Salesforce"
  connection_mode = "Public"
}

resource "aws_appflow_connector_profile" "unknown_key_from_variable" {
  name = "crm"
  connector_type = "Salesforce"
  connection_mode = "Public"
  kms_arn = var.key_arn
}

resource "aws_appflow_flow" "pass_customer_key" {
  name = "export"
  kms_arn = aws_kms_key.k.arn
}

resource "aws_appflow_flow" "fail_no_key" {
  name = "export"
}

resource "aws_appflow_flow" "unknown_key_from_variable" {
  name = "export"
  kms_arn = var.key_arn
}

resource "aws_athena_database" "pass_customer_key" {
  name = "reports"
  bucket = "results-bucket"
  encryption_configuration {
    encryption_option = "SSE_KMS"
    kms_key = aws_kms_key.k.arn
  }
}

resource "aws_athena_database" "fail_no_key" {
  name = "reports"
  bucket = "results-bucket"
}

resource "aws_athena_database" "unknown_key_from_variable" {
  name = "reports"
  bucket = "results-bucket"
  encryption_configuration {
    encryption_option = "SSE_KMS"
    kms_key = var.key_arn
  }
}

resource "aws_athena_workgroup" "pass_customer_key" {
  name = "analysts"
  configuration {
    result_configuration {
      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn = aws_kms_key.k.arn
      }
    }
  }
}

resource "aws_athena_workgroup" "fail_no_key" {
  name = "analysts"
  configuration {
    result_configuration {
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

resource "aws_athena_workgroup" "unknown_key_from_variable" {
  name = "analysts"
  configuration {
    result_configuration {
      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn = var.key_arn
      }
    }
  }
}

resource "aws_codegurureviewer_repository_association" "pass_customer_key" {
  kms_key_details {
    encryption_option = "CUSTOMER_MANAGED_CMK"
    kms_key_id = aws_kms_key.k.arn
  }
}

resource "aws_codegurureviewer_repository_association" "fail_no_key" {
  kms_key_details {
    encryption_option = "AWS_OWNED_CMK"
  }
}

resource "aws_codegurureviewer_repository_association" "unknown_key_from_variable" {
  kms_key_details {
    encryption_option = "CUSTOMER_MANAGED_CMK"
    kms_key_id = var.key_arn
  }
}

resource "aws_db_instance_automated_backups_replication" "pass_customer_key" {
  source_db_instance_arn = "arn:aws:rds:eu-west-3:123456789012:db:prod"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_db_instance_automated_backups_replication" "fail_no_key" {
  source_db_instance_arn = "arn:aws:rds:eu-west-3:123456789012:db:prod"
}

resource "aws_db_instance_automated_backups_replication" "unknown_key_from_variable" {
  source_db_instance_arn = "arn:aws:rds:eu-west-3:123456789012:db:prod"
  kms_key_id = var.key_arn
}

resource "aws_dms_s3_endpoint" "pass_customer_key" {
  endpoint_id = "to-s3"
  endpoint_type = "target"
  bucket_name = "dms-target"
  kms_key_arn = aws_kms_key.k.arn
}

resource "aws_dms_s3_endpoint" "fail_no_key" {
  endpoint_id = "to-s3"
  endpoint_type = "target"
  bucket_name = "dms-target"
}

resource "aws_dms_s3_endpoint" "unknown_key_from_variable" {
  endpoint_id = "to-s3"
  endpoint_type = "target"
  bucket_name = "dms-target"
  kms_key_arn = var.key_arn
}

resource "aws_dynamodb_table_replica" "pass_customer_key" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/patients"
  kms_key_arn = aws_kms_key.k.arn
}

resource "aws_dynamodb_table_replica" "fail_no_key" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/patients"
}

resource "aws_dynamodb_table_replica" "unknown_key_from_variable" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/patients"
  kms_key_arn = var.key_arn
}

resource "aws_imagebuilder_component" "pass_customer_key" {
  name = "harden"
  platform = "Linux"
  version = "1.0.0"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_imagebuilder_component" "fail_no_key" {
  name = "harden"
  platform = "Linux"
  version = "1.0.0"
}

resource "aws_imagebuilder_component" "unknown_key_from_variable" {
  name = "harden"
  platform = "Linux"
  version = "1.0.0"
  kms_key_id = var.key_arn
}

resource "aws_networkfirewall_firewall" "pass_customer_key" {
  name = "edge"
  vpc_id = "vpc-123"
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = aws_kms_key.k.arn
  }
}

resource "aws_networkfirewall_firewall" "fail_no_key" {
  name = "edge"
  vpc_id = "vpc-123"
  encryption_configuration {
    type = "AWS_OWNED_KMS_KEY"
  }
}

resource "aws_networkfirewall_firewall" "unknown_key_from_variable" {
  name = "edge"
  vpc_id = "vpc-123"
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = var.key_arn
  }
}

resource "aws_networkfirewall_firewall_policy" "pass_customer_key" {
  name = "edge"
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = aws_kms_key.k.arn
  }
}

resource "aws_networkfirewall_firewall_policy" "fail_no_key" {
  name = "edge"
}

resource "aws_networkfirewall_firewall_policy" "unknown_key_from_variable" {
  name = "edge"
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = var.key_arn
  }
}

resource "aws_networkfirewall_rule_group" "pass_customer_key" {
  name = "deny"
  type = "STATEFUL"
  capacity = 10
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = aws_kms_key.k.arn
  }
}

resource "aws_networkfirewall_rule_group" "fail_no_key" {
  name = "deny"
  type = "STATEFUL"
  capacity = 10
}

resource "aws_networkfirewall_rule_group" "unknown_key_from_variable" {
  name = "deny"
  type = "STATEFUL"
  capacity = 10
  encryption_configuration {
    type = "CUSTOMER_KMS"
    key_id = var.key_arn
  }
}

resource "aws_rds_cluster_activity_stream" "pass_customer_key" {
  resource_arn = "arn:aws:rds:eu-west-3:123456789012:cluster:prod"
  mode = "async"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_rds_cluster_activity_stream" "fail_no_key" {
  resource_arn = "arn:aws:rds:eu-west-3:123456789012:cluster:prod"
  mode = "async"
}

resource "aws_rds_cluster_activity_stream" "unknown_key_from_variable" {
  resource_arn = "arn:aws:rds:eu-west-3:123456789012:cluster:prod"
  mode = "async"
  kms_key_id = var.key_arn
}

resource "aws_redshift_snapshot_copy_grant" "pass_customer_key" {
  snapshot_copy_grant_name = "to-paris"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_redshift_snapshot_copy_grant" "fail_no_key" {
  snapshot_copy_grant_name = "to-paris"
}

resource "aws_redshift_snapshot_copy_grant" "unknown_key_from_variable" {
  snapshot_copy_grant_name = "to-paris"
  kms_key_id = var.key_arn
}

resource "aws_s3_bucket_object" "pass_customer_key" {
  bucket = "reports"
  key = "a.csv"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_s3_bucket_object" "fail_no_key" {
  bucket = "reports"
  key = "a.csv"
  server_side_encryption = "aws:kms"
  kms_key_id = "alias/aws/s3"
}

resource "aws_s3_bucket_object" "unknown_key_from_variable" {
  bucket = "reports"
  key = "a.csv"
  kms_key_id = var.key_arn
}

resource "aws_s3_object_copy" "pass_customer_key" {
  bucket = "reports"
  key = "b.csv"
  source = "reports/a.csv"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_s3_object_copy" "fail_no_key" {
  bucket = "reports"
  key = "b.csv"
  source = "reports/a.csv"
}

resource "aws_s3_object_copy" "unknown_key_from_variable" {
  bucket = "reports"
  key = "b.csv"
  source = "reports/a.csv"
  kms_key_id = var.key_arn
}

resource "aws_sagemaker_flow_definition" "pass_customer_key" {
  flow_definition_name = "review"
  output_config {
    kms_key_id = aws_kms_key.k.arn
  }
}

resource "aws_sagemaker_flow_definition" "fail_no_key" {
  flow_definition_name = "review"
}

resource "aws_sagemaker_flow_definition" "unknown_key_from_variable" {
  flow_definition_name = "review"
  output_config {
    kms_key_id = var.key_arn
  }
}

resource "aws_scheduler_schedule" "pass_customer_key" {
  name = "nightly"
  schedule_expression = "rate(1 day)"
  kms_key_arn = aws_kms_key.k.arn
}

resource "aws_scheduler_schedule" "fail_no_key" {
  name = "nightly"
  schedule_expression = "rate(1 day)"
}

resource "aws_scheduler_schedule" "unknown_key_from_variable" {
  name = "nightly"
  schedule_expression = "rate(1 day)"
  kms_key_arn = var.key_arn
}
