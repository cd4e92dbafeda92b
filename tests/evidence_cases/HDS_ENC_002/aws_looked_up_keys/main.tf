# HDS_ENC_002 (customer-managed keys required) with keys looked up by data sources: an AWS-managed
# alias (alias/aws/…) is AWS's key and fails; a customer alias passes; a lookup by a variable is unknown.
provider "aws" {
  region = "eu-west-3"
}

variable "key_alias" {
  type = string
}

data "aws_kms_key" "aws_ebs" {
  key_id = "alias/aws/ebs"
}

data "aws_kms_alias" "aws_sns" {
  name = "alias/aws/sns"
}

data "aws_kms_alias" "aws_s3" {
  name = "alias/aws/s3"
}

data "aws_kms_key" "records" {
  key_id = "alias/hds-records"
}

data "aws_kms_alias" "chosen" {
  name = var.key_alias
}

resource "aws_ebs_volume" "pass_looked_up_customer_key" {
  availability_zone = "eu-west-3a"
  size              = 100
  encrypted         = true
  kms_key_id        = data.aws_kms_key.records.arn
}

resource "aws_ebs_volume" "fail_looked_up_aws_managed_key" {
  availability_zone = "eu-west-3a"
  size              = 100
  encrypted         = true
  kms_key_id        = data.aws_kms_key.aws_ebs.arn
}

resource "aws_ebs_volume" "unknown_looked_up_by_variable" {
  availability_zone = "eu-west-3b"
  size              = 100
  encrypted         = true
  kms_key_id        = data.aws_kms_alias.chosen.target_key_arn
}

resource "aws_instance" "pass_looked_up_customer_key" {
  ami           = "ami-0f61de2873e29e866"
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = data.aws_kms_key.records.arn
  }
}

resource "aws_instance" "fail_looked_up_aws_managed_key" {
  ami           = "ami-0f61de2873e29e866"
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = data.aws_kms_key.aws_ebs.arn
  }
}

resource "aws_sns_topic" "fail_looked_up_aws_managed_alias" {
  name              = "lab-results-ready"
  kms_master_key_id = data.aws_kms_alias.aws_sns.target_key_arn
}

resource "aws_sns_topic" "unknown_looked_up_by_variable" {
  name              = "report-alerts"
  kms_master_key_id = data.aws_kms_alias.chosen.target_key_arn
}

resource "aws_s3_bucket" "fail_looked_up_aws_managed_key" {
  bucket = "hds-exports-looked-up-aws-key"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
  bucket = aws_s3_bucket.fail_looked_up_aws_managed_key.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_alias.aws_s3.target_key_arn
    }
  }
}

resource "aws_s3_bucket" "pass_looked_up_customer_key" {
  bucket = "hds-records-looked-up-key"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
  bucket = aws_s3_bucket.pass_looked_up_customer_key.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_key.records.arn
    }
  }
}
