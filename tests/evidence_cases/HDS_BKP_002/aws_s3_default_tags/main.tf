# HDS_BKP_002 with the backup tag set once, in the provider's default_tags (the backup account's
# configuration): every bucket of this provider is a backup store unless its own tags say otherwise.
provider "aws" {
  region = "eu-west-3"
  default_tags {
    tags = {
      "hds-role"    = "backup"
      "cost-center" = "backup"
    }
  }
}

variable "retention_mode" {
  type = string
}

resource "aws_s3_bucket" "pass_compliance_lock" {
  bucket              = "hds-vault-ehr"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "ehr" {
  bucket = aws_s3_bucket.pass_compliance_lock.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 35
    }
  }
}

resource "aws_s3_bucket" "fail_no_object_lock" {
  bucket = "hds-vault-billing"
}

resource "aws_s3_bucket" "unknown_mode_from_variable" {
  bucket              = "hds-vault-imaging"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "imaging" {
  bucket = aws_s3_bucket.unknown_mode_from_variable.id
  rule {
    default_retention {
      mode = var.retention_mode
      days = 35
    }
  }
}

# Its own tag overrides the provider's default: the access logs are not a backup store.
resource "aws_s3_bucket" "none_access_logs" {
  bucket = "hds-vault-access-logs"
  tags   = {
    "hds-role" = "logs"
  }
}
