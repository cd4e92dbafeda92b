# HDS_ENC_001 on buckets the aws provider stores at OVHcloud Object Storage (endpoints.s3): AWS's
# default SSE-S3 does not apply there, so only a bucket with its own SSE configuration passes.
provider "aws" {
  region                      = "gra"
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_requesting_account_id  = true

  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}

resource "aws_s3_bucket" "pass_own_sse_configuration" {
  bucket = "hds-scans-gra"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scans" {
  bucket = aws_s3_bucket.pass_own_sse_configuration.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "unknown_no_sse_configuration" {
  bucket = "hds-exports-gra"
}
