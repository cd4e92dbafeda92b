# HDS_ENC_001, settings: EBS encryption by default (on unless enabled = false) and an EMR security
# configuration's EnableAtRestEncryption (jsonencode text, parsed).
provider "aws" {
  region = "eu-west-3"
}

variable "ebs_default" {
  type = bool
}

variable "emr_configuration" {
  type = string
}

resource "aws_ebs_encryption_by_default" "pass_enabled" {
  enabled = true
}

resource "aws_ebs_encryption_by_default" "fail_disabled" {
  enabled = false
}

resource "aws_ebs_encryption_by_default" "unknown_from_variable" {
  enabled = var.ebs_default
}

resource "aws_emr_security_configuration" "pass_at_rest" {
  name = "at-rest"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "fail_at_rest_off" {
  name = "plain"
  configuration = <<EOT
{
  "EncryptionConfiguration": {
    "EnableAtRestEncryption": false,
    "EnableInTransitEncryption": false
  }
}
EOT
}

resource "aws_emr_security_configuration" "unknown_from_variable" {
  name          = "from-variable"
  configuration = var.emr_configuration
}

resource "aws_emr_security_configuration" "fail_local_disks_plain" {
  name = "s3-only"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption        = true
      EnableInTransitEncryption     = false
      AtRestEncryptionConfiguration = { S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" } }
    }
  })
}
