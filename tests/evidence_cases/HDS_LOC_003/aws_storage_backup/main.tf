# HDS_LOC_003 AWS storage and backups: S3 replication copies objects to each destination bucket's
# region (a copy outside the EEA is reported on the source bucket too); an AWS Backup plan's copy
# actions copy every recovery point to the destination vault's region.
provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

variable "replica_bucket_arn" {
  type        = string
  description = "ARN of the replica bucket, owned by the DR account"
}

variable "dr_vault_arn" {
  type        = string
  description = "ARN of the disaster-recovery backup vault"
}

resource "aws_iam_role" "replication" {
  name               = "hds-s3-replication"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "s3.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# --- S3 replication ---

resource "aws_s3_bucket" "records" {
  bucket = "hds-records"
}

resource "aws_s3_bucket" "records_replica" {
  provider = aws.frankfurt
  bucket   = "hds-records-replica"
}

resource "aws_s3_bucket_replication_configuration" "pass_records_to_frankfurt" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.records.id
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket        = aws_s3_bucket.records_replica.arn
      storage_class = "STANDARD_IA"
    }
  }
}

resource "aws_s3_bucket" "imaging" {
  bucket = "hds-imaging"
}

resource "aws_s3_bucket" "imaging_replica" {
  provider = aws.virginia
  bucket   = "hds-imaging-replica"
}

resource "aws_s3_bucket_replication_configuration" "fail_imaging_to_virginia" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.imaging.id
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.imaging_replica.arn
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "hds-reports"
}

resource "aws_s3_bucket_replication_configuration" "unknown_reports_to_other_account" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.reports.id
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket  = var.replica_bucket_arn
      account = "210987654321"
    }
  }
}

# A paused rule (status Disabled) copies nothing.
resource "aws_s3_bucket" "archive" {
  bucket = "hds-archive"
}

resource "aws_s3_bucket" "archive_replica" {
  provider = aws.virginia
  bucket   = "hds-archive-replica"
}

resource "aws_s3_bucket_replication_configuration" "none_paused_to_virginia" {
  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.archive.id
  rule {
    id     = "paused"
    status = "Disabled"
    destination {
      bucket = aws_s3_bucket.archive_replica.arn
    }
  }
}

# --- AWS Backup copy actions ---

resource "aws_backup_vault" "primary" {
  name = "hds-primary"
}

resource "aws_backup_vault" "frankfurt" {
  provider = aws.frankfurt
  name     = "hds-dr-frankfurt"
}

resource "aws_backup_vault" "virginia" {
  provider = aws.virginia
  name     = "hds-dr-virginia"
}

resource "aws_backup_plan" "pass_copies_to_frankfurt" {
  name = "hds-daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = aws_backup_vault.frankfurt.arn
      lifecycle {
        delete_after = 35
      }
    }
  }
}

resource "aws_backup_plan" "fail_copies_to_virginia" {
  name = "hds-weekly"
  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 4 ? * SUN *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.virginia.arn
    }
  }
}

resource "aws_backup_plan" "fail_copies_to_london_vault_arn" {
  name = "hds-monthly"
  rule {
    rule_name         = "monthly"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 5 1 * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-2:210987654321:backup-vault:hds-offsite"
    }
  }
}

resource "aws_backup_plan" "unknown_copies_to_vault_from_variable" {
  name = "hds-archive"
  rule {
    rule_name         = "archive"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 6 1 * ? *)"
    copy_action {
      destination_vault_arn = var.dr_vault_arn
    }
  }
}

resource "aws_backup_plan" "none_no_copy" {
  name = "hds-hourly"
  rule {
    rule_name         = "hourly"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 * * * ? *)"
    lifecycle {
      delete_after = 2
    }
  }
}
