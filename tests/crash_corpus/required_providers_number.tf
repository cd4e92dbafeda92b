terraform {
  required_providers = 5
}

resource "aws_s3_bucket" "b" {}
