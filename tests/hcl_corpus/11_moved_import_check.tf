# Refactoring and continuous-validation blocks (Terraform >= 1.5).

moved {
  from = aws_instance.bastion
  to   = aws_instance.bastion[0]
}

moved {
  from = module.bucket_logs
  to   = module.buckets["logs"]
}

moved {
  from = aws_security_group.legacy
  to = module.network.aws_security_group.default
}

import {
  to = aws_s3_bucket.data
  id = "acme-dev-data"
}

import {
  provider = aws.us_east
  to       = aws_acm_certificate.app
  id       = "arn:aws:acm:us-east-1:${var.account_ids.shared}:certificate/1234abcd"
}

import {
  for_each = var.existing_buckets
  to       = aws_s3_bucket.imported[each.key]
  id       = each.value
}

removed {
  from = aws_instance.legacy_worker

  lifecycle {
    destroy = false
  }
}

check "api_health" {
  data "http" "api" {
    url = "https://api.${var.dns_zone}/health"
    request_headers = {
      Accept = "application/json"
    }
  }

  assert {
    condition     = data.http.api.status_code == 200
    error_message = "${data.http.api.url} returned HTTP ${data.http.api.status_code}"
  }
  assert {
    condition     = jsondecode(data.http.api.response_body).status == "ok"
    error_message = "Health payload is not \"ok\"."
  }
}

check "certificate_expiry" {
  assert {
    condition = timecmp(
      aws_acm_certificate.app.not_after,
      timeadd(plantimestamp(), "720h"),
    ) > 0
    error_message = "Certificate expires within 30 days."
  }
}

check "bucket_encryption" {
  assert {
    condition = alltrue([
      for name, b in module.buckets :
      b.sse_algorithm != null && contains(["aws:kms", "aws:kms:dsse"], b.sse_algorithm)
    ])
    error_message = "All buckets must use KMS encryption."
  }
}

data "aws_iam_session_context" "current" {
  arn = data.aws_caller_identity.current.arn
}

data "aws_ssm_parameter" "db_password" {
  name            = "/${var.environment}/db/password"
  with_decryption = true
}

data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-tfstate-eu-west-3"
    key    = "network/${var.environment}.tfstate"
    region = "eu-west-3"
  }
  defaults = {
    vpc_id = null
  }
}

data "google_client_config" "default" {}

data "azurerm_subscription" "primary" {
  provider = azurerm.connectivity
}

locals {
  remote_vpc   = data.terraform_remote_state.network.outputs.vpc_id
  caller_arn   = provider::aws::arn_parse(data.aws_caller_identity.current.arn)
  caller_acct  = provider::aws::arn_parse(data.aws_caller_identity.current.arn).account_id
  bucket_arn   = provider::aws::arn_build("aws", "s3", "", "", aws_s3_bucket.data.bucket)
  trimmed_arn  = trimprefix(provider::aws::arn_build(
    "aws",
    "iam",
    "",
    var.account_ids.shared,
    "role/${aws_iam_role.app.name}",
  ), "arn:")
  parsed_roles = [for r in var.role_arns : provider::aws::arn_parse(r).resource]
}
