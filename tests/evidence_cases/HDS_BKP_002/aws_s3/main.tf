# HDS_BKP_002 aws_s3_bucket: a bucket tagged hds-role = backup needs object lock with a default
# retention in COMPLIANCE mode (GOVERNANCE can be bypassed). Buckets that are not backup stores get no
# verdict.
provider "aws" {
  region = "eu-west-3"
}

variable "retention_mode" {
  type = string
}

resource "aws_s3_bucket" "pass_compliance_lock" {
  bucket              = "hds-ehr-backups"
  object_lock_enabled = true
  tags                = {
    "hds-role" = "backup"
  }
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
  bucket = "hds-billing-backups"
  tags   = {
    "hds-role" = "backup"
  }
}

resource "aws_s3_bucket" "fail_governance_mode" {
  bucket              = "hds-imaging-backups"
  object_lock_enabled = true
  tags                = {
    "hds-role" = "backup"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "imaging" {
  bucket = aws_s3_bucket.fail_governance_mode.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 35
    }
  }
}

resource "aws_s3_bucket" "fail_lock_without_default_retention" {
  bucket              = "hds-lab-backups"
  object_lock_enabled = true
  tags                = {
    "hds-role" = "backup"
  }
}

resource "aws_s3_bucket" "unknown_mode_from_variable" {
  bucket              = "hds-archive-backups"
  object_lock_enabled = true
  tags                = {
    "hds-role" = "backup"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "archive" {
  bucket = aws_s3_bucket.unknown_mode_from_variable.id
  rule {
    default_retention {
      mode  = var.retention_mode
      years = 10
    }
  }
}

resource "aws_s3_bucket" "none_static_assets" {
  bucket = "hds-portal-assets"
  tags   = {
    "hds-role" = "web"
  }
}

# The object-lock configuration names the bucket literally: it configures the same bucket.
resource "aws_s3_bucket" "pass_lock_by_bucket_name" {
  bucket              = "hds-consents-backups"
  object_lock_enabled = true
  tags                = {
    "hds-role" = "backup"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "consents" {
  bucket = "hds-consents-backups"
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 35
    }
  }
}
