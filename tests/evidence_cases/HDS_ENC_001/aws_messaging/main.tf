# HDS_ENC_001 on AWS messaging: SNS topics, SQS queues and Amazon MQ brokers.
provider "aws" {
  region = "eu-west-3"
}

variable "topic_key" {
  type = string
}

variable "queue_sse" {
  type = bool
}

variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "messaging" {
  description         = "Care notifications"
  enable_key_rotation = true
}

# --- aws_sns_topic --------------------------------------------------------------------------

resource "aws_sns_topic" "pass_kms_key" {
  name              = "appointment-reminders"
  kms_master_key_id = aws_kms_key.messaging.arn
}

resource "aws_sns_topic" "pass_aws_managed_key" {
  name              = "lab-results-ready"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "fail_no_key" {
  name = "legacy-alerts"
}

resource "aws_sns_topic" "unknown_key_from_variable" {
  name              = "report-alerts"
  kms_master_key_id = var.topic_key
}

# --- aws_sqs_queue --------------------------------------------------------------------------

resource "aws_sqs_queue" "pass_sse_sqs_by_default" {
  name                      = "hl7-inbound"
  message_retention_seconds = 345600
}

resource "aws_sqs_queue" "pass_kms_key" {
  name                              = "hl7-outbound"
  kms_master_key_id                 = aws_kms_key.messaging.arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "fail_sse_disabled" {
  name                    = "legacy-inbound"
  sqs_managed_sse_enabled = false
}

resource "aws_sqs_queue" "unknown_sse_from_variable" {
  name                    = "reports-inbound"
  sqs_managed_sse_enabled = var.queue_sse
}

# --- aws_mq_broker --------------------------------------------------------------------------

resource "aws_mq_broker" "pass_aws_owned_key" {
  broker_name        = "care-bus"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  deployment_mode    = "ACTIVE_STANDBY_MULTI_AZ"

  user {
    username = "care"
    password = var.mq_password
  }
}

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
