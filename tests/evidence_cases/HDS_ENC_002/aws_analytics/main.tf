# HDS_ENC_002 (customer-managed keys required) on AWS analytics: Elasticsearch/OpenSearch domains,
# Kinesis streams, Firehose and video streams, MSK and Kendra indexes.
provider "aws" {
  region = "eu-west-3"
}

variable "analytics_key_arn" {
  type = string
}

resource "aws_kms_key" "analytics" {
  description         = "Analytics of care data"
  enable_key_rotation = true
}

# --- Elasticsearch and OpenSearch -----------------------------------------------------------

resource "aws_elasticsearch_domain" "pass_customer_key" {
  domain_name           = "records-es"
  elasticsearch_version = "7.10"

  ebs_options {
    ebs_enabled = true
    volume_size = 100
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.analytics.key_id
  }
}

resource "aws_elasticsearch_domain" "fail_aws_managed_key" {
  domain_name           = "legacy-es"
  elasticsearch_version = "7.10"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "unknown_key_from_variable" {
  domain_name           = "reports-es"
  elasticsearch_version = "7.10"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.analytics_key_arn
  }
}

resource "aws_opensearch_domain" "pass_customer_key" {
  domain_name    = "records-search"
  engine_version = "OpenSearch_2.13"

  ebs_options {
    ebs_enabled = true
    volume_size = 100
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.analytics.key_id
  }
}

resource "aws_opensearch_domain" "fail_aws_managed_key" {
  domain_name    = "legacy-search"
  engine_version = "OpenSearch_2.13"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = "alias/aws/es"
  }
}

resource "aws_opensearch_domain" "unknown_key_from_variable" {
  domain_name    = "reports-search"
  engine_version = "OpenSearch_2.13"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.analytics_key_arn
  }
}

# --- Kinesis --------------------------------------------------------------------------------

resource "aws_kinesis_stream" "pass_customer_key" {
  name            = "vitals"
  shard_count     = 2
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.analytics.arn
}

resource "aws_kinesis_stream" "fail_aws_managed_key" {
  name            = "legacy-vitals"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "unknown_key_from_variable" {
  name            = "reports-vitals"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = var.analytics_key_arn
}

resource "aws_kinesis_firehose_delivery_stream" "pass_customer_key" {
  name        = "vitals-to-s3"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.analytics.arn
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-vitals"
    bucket_arn = "arn:aws:s3:::hds-vitals-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "fail_aws_owned_key" {
  name        = "legacy-to-s3"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-legacy"
    bucket_arn = "arn:aws:s3:::hds-legacy-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "unknown_key_from_variable" {
  name        = "reports-to-s3"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = var.analytics_key_arn
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-reports"
    bucket_arn = "arn:aws:s3:::hds-reports-archive"
  }
}

resource "aws_kinesis_video_stream" "pass_customer_key" {
  name                    = "consultation-video"
  data_retention_in_hours = 24
  kms_key_id              = aws_kms_key.analytics.arn
}

resource "aws_kinesis_video_stream" "fail_aws_managed_key" {
  name                    = "legacy-video"
  data_retention_in_hours = 24
}

resource "aws_kinesis_video_stream" "unknown_key_from_variable" {
  name                    = "reports-video"
  data_retention_in_hours = 24
  kms_key_id              = var.analytics_key_arn
}

# --- MSK ------------------------------------------------------------------------------------

resource "aws_msk_cluster" "pass_customer_key" {
  cluster_name           = "care-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719", "subnet-0a1b2c3d4e5f60720"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.analytics.arn
  }
}

resource "aws_msk_cluster" "fail_aws_managed_key" {
  cluster_name           = "legacy-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719", "subnet-0a1b2c3d4e5f60720"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }
}

resource "aws_msk_cluster" "unknown_key_from_variable" {
  cluster_name           = "reports-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719", "subnet-0a1b2c3d4e5f60720"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.analytics_key_arn
  }
}

# --- Kendra ---------------------------------------------------------------------------------

resource "aws_kendra_index" "pass_customer_key" {
  name     = "care-knowledge"
  edition  = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::123456789012:role/kendra-care"

  server_side_encryption_configuration {
    kms_key_id = aws_kms_key.analytics.arn
  }
}

resource "aws_kendra_index" "fail_aws_owned_key" {
  name     = "legacy-knowledge"
  edition  = "DEVELOPER_EDITION"
  role_arn = "arn:aws:iam::123456789012:role/kendra-legacy"
}

resource "aws_kendra_index" "unknown_key_from_variable" {
  name     = "reports-knowledge"
  edition  = "DEVELOPER_EDITION"
  role_arn = "arn:aws:iam::123456789012:role/kendra-reports"

  server_side_encryption_configuration {
    kms_key_id = var.analytics_key_arn
  }
}
