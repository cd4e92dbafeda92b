# HDS_ENC_002 (customer-managed keys required) on AWS messaging: SNS topics, SQS queues and
# Amazon MQ brokers.
provider "aws" {
  region = "eu-west-3"
}

variable "messaging_key_arn" {
  type = string
}

variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "messaging" {
  description         = "Care notifications"
  enable_key_rotation = true
}

resource "aws_kms_alias" "messaging" {
  name          = "alias/care-messaging"
  target_key_id = aws_kms_key.messaging.key_id
}

# --- aws_sns_topic --------------------------------------------------------------------------

resource "aws_sns_topic" "pass_customer_key_alias" {
  name              = "appointment-reminders"
  kms_master_key_id = aws_kms_alias.messaging.name
}

resource "aws_sns_topic" "fail_aws_managed_key" {
  name              = "lab-results-ready"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "unknown_key_from_variable" {
  name              = "report-alerts"
  kms_master_key_id = var.messaging_key_arn
}

# --- aws_sqs_queue --------------------------------------------------------------------------

resource "aws_sqs_queue" "pass_customer_key" {
  name                              = "hl7-outbound"
  kms_master_key_id                 = aws_kms_key.messaging.arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "fail_sse_sqs_only" {
  name                    = "hl7-inbound"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "unknown_key_from_variable" {
  name              = "reports-inbound"
  kms_master_key_id = var.messaging_key_arn
}

# --- aws_mq_broker --------------------------------------------------------------------------

resource "aws_mq_broker" "pass_customer_key" {
  broker_name        = "lab-bus"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.messaging.arn
  }

  user {
    username = "lab"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "fail_aws_owned_key" {
  broker_name        = "care-bus"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"

  user {
    username = "care"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "unknown_key_from_variable" {
  broker_name        = "reports-bus"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"

  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = var.messaging_key_arn
  }

  user {
    username = "reports"
    password = var.mq_password
  }
}
