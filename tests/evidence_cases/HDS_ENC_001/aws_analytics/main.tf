# HDS_ENC_001 on AWS analytics: Elasticsearch/OpenSearch domains, Kinesis streams, Firehose and
# video streams, MSK, Glue catalog and security configurations, Kendra indexes.
provider "aws" {
  region = "eu-west-3"
}

variable "search_encrypted" {
  type = bool
}

variable "stream_encryption_type" {
  type = string
}

variable "firehose_sse_enabled" {
  type = bool
}

variable "catalog_encryption_mode" {
  type = string
}

variable "bookmarks_encryption_mode" {
  type = string
}

resource "aws_kms_key" "analytics" {
  description         = "Analytics of care data"
  enable_key_rotation = true
}

# --- Elasticsearch and OpenSearch -----------------------------------------------------------

resource "aws_elasticsearch_domain" "pass_encrypt_at_rest" {
  domain_name           = "records-es"
  elasticsearch_version = "7.10"

  cluster_config {
    instance_type = "r6g.large.elasticsearch"
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 100
  }

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "fail_no_encrypt_at_rest" {
  domain_name           = "legacy-es"
  elasticsearch_version = "6.8"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }
}

resource "aws_elasticsearch_domain" "unknown_encrypt_at_rest_from_variable" {
  domain_name           = "reports-es"
  elasticsearch_version = "7.10"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled = var.search_encrypted
  }
}

resource "aws_opensearch_domain" "pass_encrypt_at_rest" {
  domain_name    = "records-search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 2
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 100
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.analytics.key_id
  }
}

resource "aws_opensearch_domain" "fail_encrypt_at_rest_disabled" {
  domain_name    = "legacy-search"
  engine_version = "OpenSearch_1.3"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled = false
  }
}

resource "aws_opensearch_domain" "unknown_encrypt_at_rest_from_variable" {
  domain_name    = "reports-search"
  engine_version = "OpenSearch_2.13"

  ebs_options {
    ebs_enabled = true
    volume_size = 20
  }

  encrypt_at_rest {
    enabled = var.search_encrypted
  }
}

# --- Kinesis --------------------------------------------------------------------------------

resource "aws_kinesis_stream" "pass_kms" {
  name             = "vitals"
  retention_period = 24
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_kinesis_stream" "fail_no_encryption" {
  name        = "legacy-vitals"
  shard_count = 1
}

resource "aws_kinesis_stream" "unknown_encryption_type_from_variable" {
  name            = "reports-vitals"
  shard_count     = 1
  encryption_type = var.stream_encryption_type
}

resource "aws_kinesis_firehose_delivery_stream" "pass_sse_enabled" {
  name        = "vitals-to-s3"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-vitals"
    bucket_arn = "arn:aws:s3:::hds-vitals-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "pass_reads_from_kinesis_stream" {
  name        = "vitals-stream-to-s3"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.pass_kms.arn
    role_arn           = "arn:aws:iam::123456789012:role/firehose-vitals-source"
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-vitals"
    bucket_arn = "arn:aws:s3:::hds-vitals-stream-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "fail_no_sse" {
  name        = "legacy-to-s3"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-legacy"
    bucket_arn = "arn:aws:s3:::hds-legacy-archive"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "unknown_sse_from_variable" {
  name        = "reports-to-s3"
  destination = "extended_s3"

  server_side_encryption {
    enabled = var.firehose_sse_enabled
  }

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose-reports"
    bucket_arn = "arn:aws:s3:::hds-reports-archive"
  }
}

resource "aws_kinesis_video_stream" "pass_aws_managed_key" {
  name                    = "consultation-video"
  data_retention_in_hours = 24
  media_type              = "video/h264"
}

# --- MSK ------------------------------------------------------------------------------------

resource "aws_msk_cluster" "pass_aws_managed_key" {
  cluster_name           = "care-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719", "subnet-0a1b2c3d4e5f60720"]
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }
}

# --- Glue -----------------------------------------------------------------------------------

resource "aws_glue_data_catalog_encryption_settings" "pass_sse_kms" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = aws_kms_key.analytics.arn
    }

    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = aws_kms_key.analytics.arn
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "fail_disabled" {
  catalog_id = "210987654321"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }

    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "unknown_mode_from_variable" {
  catalog_id = "123456789012"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
    }

    encryption_at_rest {
      catalog_encryption_mode = var.catalog_encryption_mode
    }
  }
}

resource "aws_glue_security_configuration" "pass_everything_encrypted" {
  name = "care-etl"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = aws_kms_key.analytics.arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = aws_kms_key.analytics.arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}

resource "aws_glue_security_configuration" "fail_logs_not_encrypted" {
  name = "legacy-etl"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = aws_kms_key.analytics.arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = aws_kms_key.analytics.arn
    }
  }
}

resource "aws_glue_security_configuration" "unknown_bookmarks_from_variable" {
  name = "reports-etl"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = aws_kms_key.analytics.arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = var.bookmarks_encryption_mode
    }

    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}

# --- Kendra ---------------------------------------------------------------------------------

resource "aws_kendra_index" "pass_aws_owned_key" {
  name     = "care-knowledge"
  edition  = "DEVELOPER_EDITION"
  role_arn = "arn:aws:iam::123456789012:role/kendra-care"
}
