# HDS_ENC_001, services that always encrypt at rest (the key setting only chooses whose key):
# each passes whether or not a key is named; a failing or unknown verdict cannot happen (cannot.json).
provider "aws" {
  region = "eu-west-3"
}

resource "aws_kms_key" "k" {
  description = "customer key"
}

resource "aws_appflow_connector_profile" "pass_default_key" {
  name            = "crm"
  connector_type  = "Salesforce"
  connection_mode = "Public"
}

resource "aws_appflow_flow" "pass_customer_key" {
  name    = "export"
  kms_arn = aws_kms_key.k.arn
}

resource "aws_athena_database" "pass_no_encryption_configuration" {
  name   = "reports"
  bucket = "results-bucket"
}

resource "aws_athena_workgroup" "pass_sse_kms" {
  name = "analysts"
  configuration {
    result_configuration {
      output_location = "s3://results-bucket/out/"
      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.k.arn
      }
    }
  }
}

resource "aws_codegurureviewer_repository_association" "pass_aws_owned" {
  repository {
    codecommit {
      name = "app"
    }
  }
}

resource "aws_dms_s3_endpoint" "pass_default_sse_s3" {
  endpoint_id             = "to-s3"
  endpoint_type           = "target"
  bucket_name             = "dms-target"
  service_access_role_arn = "arn:aws:iam::123456789012:role/dms"
}

resource "aws_dynamodb_table_replica" "pass_default_key" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/patients"
}

resource "aws_networkfirewall_firewall" "pass_aws_owned_key" {
  name                = "edge"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-3:123456789012:firewall-policy/edge"
  vpc_id              = "vpc-123"
  subnet_mapping {
    subnet_id = "subnet-123"
  }
}

resource "aws_networkfirewall_firewall_policy" "pass_customer_kms" {
  name = "edge"
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = aws_kms_key.k.arn
  }
  firewall_policy {
    stateless_default_actions          = ["aws:forward_to_sfe"]
    stateless_fragment_default_actions = ["aws:forward_to_sfe"]
  }
}

resource "aws_networkfirewall_rule_group" "pass_no_encryption_configuration" {
  name     = "deny"
  type     = "STATEFUL"
  capacity = 10
}

resource "aws_rds_cluster_activity_stream" "pass_required_key" {
  resource_arn = "arn:aws:rds:eu-west-3:123456789012:cluster:prod"
  mode         = "async"
  kms_key_id   = aws_kms_key.k.key_id
}

resource "aws_s3_bucket_object" "pass_default_sse_s3" {
  bucket = "reports"
  key    = "a.csv"
  source = "a.csv"
}

resource "aws_s3_object_copy" "pass_aws_kms" {
  bucket                 = "reports"
  key                    = "b.csv"
  source                 = "reports/a.csv"
  server_side_encryption = "aws:kms"
}

resource "aws_sagemaker_data_quality_job_definition" "pass_default_volume_key" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/dq:latest"
  }
  job_resources {
    cluster_config {
      instance_count = 1
      instance_type  = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}

resource "aws_sagemaker_flow_definition" "pass_default_output" {
  flow_definition_name = "review"
  role_arn             = "arn:aws:iam::123456789012:role/sm"
  output_config {
    s3_output_path = "s3://review-output/"
  }
}

resource "aws_scheduler_schedule" "pass_aws_owned_key" {
  name                = "nightly"
  schedule_expression = "rate(1 day)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:sqs:eu-west-3:123456789012:jobs"
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
  }
}
