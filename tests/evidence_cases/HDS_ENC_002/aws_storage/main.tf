# HDS_ENC_002 (customer-managed keys required) on AWS storage: S3 buckets and their SSE
# configuration, EFS, the four FSx file systems and AWS Backup vaults.
provider "aws" {
  region = "eu-west-3"
}

variable "storage_key_arn" {
  type = string
}

resource "aws_kms_key" "storage" {
  description         = "Patient documents"
  enable_key_rotation = true
}

# --- aws_s3_bucket --------------------------------------------------------------------------

resource "aws_s3_bucket" "pass_sse_kms_customer_key" {
  bucket = "hds-records-cmk"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
  bucket = aws_s3_bucket.pass_sse_kms_customer_key.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "fail_default_sse_s3" {
  bucket = "hds-legacy-sse-s3"
}

resource "aws_s3_bucket" "fail_aws_managed_key" {
  bucket = "hds-exports-aws-s3-key"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
  bucket = aws_s3_bucket.fail_aws_managed_key.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
  }
}

resource "aws_s3_bucket" "unknown_key_from_variable" {
  bucket = "hds-reports-variable-key"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.unknown_key_from_variable.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.storage_key_arn
    }
  }
}

# --- aws_efs_file_system --------------------------------------------------------------------

resource "aws_efs_file_system" "pass_customer_key" {
  creation_token = "records-share"
  encrypted      = true
  kms_key_id     = aws_kms_key.storage.arn
}

resource "aws_efs_file_system" "fail_default_efs_key" {
  creation_token = "legacy-share"
  encrypted      = true
}

resource "aws_efs_file_system" "unknown_key_from_variable" {
  creation_token = "reports-share"
  encrypted      = true
  kms_key_id     = var.storage_key_arn
}

# --- FSx ------------------------------------------------------------------------------------

resource "aws_fsx_lustre_file_system" "pass_customer_key" {
  storage_capacity            = 1200
  subnet_ids                  = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type             = "PERSISTENT_2"
  per_unit_storage_throughput = 125
  kms_key_id                  = aws_kms_key.storage.arn
}

resource "aws_fsx_lustre_file_system" "fail_aws_managed_key" {
  storage_capacity            = 1200
  subnet_ids                  = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type             = "PERSISTENT_2"
  per_unit_storage_throughput = 125
}

resource "aws_fsx_lustre_file_system" "unknown_key_from_variable" {
  storage_capacity            = 1200
  subnet_ids                  = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type             = "PERSISTENT_2"
  per_unit_storage_throughput = 125
  kms_key_id                  = var.storage_key_arn
}

resource "aws_fsx_ontap_file_system" "pass_customer_key" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"]
  preferred_subnet_id = "subnet-0a1b2c3d4e5f60718"
  deployment_type     = "MULTI_AZ_1"
  throughput_capacity = 512
  kms_key_id          = aws_kms_key.storage.arn
}

resource "aws_fsx_ontap_file_system" "fail_aws_managed_key" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"]
  preferred_subnet_id = "subnet-0a1b2c3d4e5f60718"
  deployment_type     = "MULTI_AZ_1"
  throughput_capacity = 512
  kms_key_id          = "arn:aws:kms:eu-west-3:123456789012:alias/aws/fsx"
}

resource "aws_fsx_ontap_file_system" "unknown_key_from_variable" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"]
  preferred_subnet_id = "subnet-0a1b2c3d4e5f60718"
  deployment_type     = "MULTI_AZ_1"
  throughput_capacity = 512
  kms_key_id          = var.storage_key_arn
}

resource "aws_fsx_openzfs_file_system" "pass_customer_key" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
  kms_key_id          = aws_kms_key.storage.arn
}

resource "aws_fsx_openzfs_file_system" "fail_aws_managed_key" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
}

resource "aws_fsx_openzfs_file_system" "unknown_key_from_variable" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
  kms_key_id          = var.storage_key_arn
}

resource "aws_fsx_windows_file_system" "pass_customer_key" {
  active_directory_id = "d-9067a1b2c3"
  storage_capacity    = 300
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  throughput_capacity = 32
  kms_key_id          = aws_kms_key.storage.arn
}

resource "aws_fsx_windows_file_system" "fail_aws_managed_key" {
  active_directory_id = "d-9067a1b2c3"
  storage_capacity    = 300
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  throughput_capacity = 32
}

resource "aws_fsx_windows_file_system" "unknown_key_from_variable" {
  active_directory_id = "d-9067a1b2c3"
  storage_capacity    = 300
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  throughput_capacity = 32
  kms_key_id          = var.storage_key_arn
}

# --- aws_backup_vault -----------------------------------------------------------------------

resource "aws_backup_vault" "pass_customer_key" {
  name        = "records-daily"
  kms_key_arn = aws_kms_key.storage.arn
}

resource "aws_backup_vault" "fail_aws_managed_key" {
  name = "legacy-daily"
}

resource "aws_backup_vault" "unknown_key_from_variable" {
  name        = "reports-daily"
  kms_key_arn = var.storage_key_arn
}
