# HDS_ENC_001 on AWS storage: S3 buckets (default SSE-S3, or their separate SSE configuration), EFS,
# the four FSx file systems and AWS Backup vaults.
provider "aws" {
  region = "eu-west-3"
}

variable "sse_algorithm" {
  type = string
}

variable "efs_encrypted" {
  type = bool
}

resource "aws_kms_key" "storage" {
  description         = "Patient documents"
  enable_key_rotation = true
}

# --- aws_s3_bucket --------------------------------------------------------------------------

resource "aws_s3_bucket" "pass_default_sse_s3" {
  bucket = "hds-records-default-sse"
}

resource "aws_s3_bucket" "pass_sse_kms" {
  bucket = "hds-records-sse-kms"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_kms" {
  bucket = aws_s3_bucket.pass_sse_kms.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.storage.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "unknown_sse_algorithm_from_variable" {
  bucket = "hds-records-sse-variable"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_variable" {
  bucket = aws_s3_bucket.unknown_sse_algorithm_from_variable.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse_algorithm
    }
  }
}

# --- aws_efs_file_system --------------------------------------------------------------------

resource "aws_efs_file_system" "pass_encrypted" {
  creation_token   = "records-share"
  encrypted        = true
  kms_key_id       = aws_kms_key.storage.arn
  performance_mode = "generalPurpose"
}

resource "aws_efs_file_system" "fail_not_encrypted" {
  creation_token = "legacy-share"
}

resource "aws_efs_file_system" "unknown_encrypted_from_variable" {
  creation_token = "reports-share"
  encrypted      = var.efs_encrypted
}

# --- FSx (always encrypted at rest) ---------------------------------------------------------

resource "aws_fsx_lustre_file_system" "pass_aws_managed_key" {
  storage_capacity            = 1200
  subnet_ids                  = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type             = "PERSISTENT_2"
  per_unit_storage_throughput = 125
}

resource "aws_fsx_ontap_file_system" "pass_customer_key" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"]
  preferred_subnet_id = "subnet-0a1b2c3d4e5f60718"
  deployment_type     = "MULTI_AZ_1"
  throughput_capacity = 512
  kms_key_id          = aws_kms_key.storage.arn
}

resource "aws_fsx_openzfs_file_system" "pass_aws_managed_key" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
}

resource "aws_fsx_windows_file_system" "pass_aws_managed_key" {
  active_directory_id = "d-9067a1b2c3"
  storage_capacity    = 300
  subnet_ids          = ["subnet-0a1b2c3d4e5f60718"]
  throughput_capacity = 32
}

# --- aws_backup_vault -----------------------------------------------------------------------

resource "aws_backup_vault" "pass_aws_managed_key" {
  name = "records-daily"
}

resource "aws_backup_vault" "pass_customer_key" {
  name        = "records-monthly"
  kms_key_arn = aws_kms_key.storage.arn
}
