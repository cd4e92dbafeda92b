# HDS_TLS_004 aws_s3_bucket: a bucket policy must deny requests made without TLS.
provider "aws" {
  region = "eu-west-3"
}

variable "policy" {
  type = string
}

resource "aws_s3_bucket" "pass_policy_denies_plain" {
  bucket = "pass-policy-denies-plain"
}

resource "aws_s3_bucket_policy" "deny_plain" {
  bucket = aws_s3_bucket.pass_policy_denies_plain.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::pass-policy-denies-plain", "arn:aws:s3:::pass-policy-denies-plain/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_no_policy" {
  bucket = "fail-no-policy"
}

resource "aws_s3_bucket" "fail_policy_allows_plain" {
  bucket = "fail-policy-allows-plain"
}

resource "aws_s3_bucket_policy" "read_only" {
  bucket = aws_s3_bucket.fail_policy_allows_plain.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::fail-policy-allows-plain/*" }]
  })
}

resource "aws_s3_bucket" "unknown_policy_from_variable" {
  bucket = "unknown-policy-from-variable"
}

resource "aws_s3_bucket_policy" "from_variable" {
  bucket = aws_s3_bucket.unknown_policy_from_variable.id
  policy = var.policy
}

# A policy naming its bucket by its literal name (not a reference) protects the same bucket.
resource "aws_s3_bucket" "pass_policy_names_bucket_literally" {
  bucket = "pass-policy-names-bucket-literally"
}

resource "aws_s3_bucket_policy" "by_name" {
  bucket = "pass-policy-names-bucket-literally"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::pass-policy-names-bucket-literally/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
