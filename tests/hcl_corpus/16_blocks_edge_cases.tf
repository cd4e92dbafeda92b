# Block-structure edge cases. All of this is valid HCL syntax, but some of
# it would be rejected by Terraform's schema validation (e.g. 3-label
# blocks); it is here to exercise the parser only.

terraform {}

locals {}

data "aws_region" "current" {}
data aws_partition current {}

resource "aws_s3_bucket" "empty-body" {
}

resource aws_s3_bucket bare_labels {
  bucket = "bare-labels"
}

resource "aws_s3_bucket" mixed_labels {
  bucket = "mixed-labels"
}

output "single_line" { value = "one attribute on one line" }

# Block with three labels (generic HCL, not a Terraform block type).
policy_rule "aws" "s3" "encryption-at-rest" {
  severity = "high"
  enabled  = true
}

policy_rule "aws" "s3" "public-access" {
  severity = "critical"
  enabled  = false
  exceptions {}
  exceptions {
    bucket = "public-website"
    reason = null
  }
}

scanner_settings {
  exclude   = ["examples/**", "docs/**"]
  max-depth = 4
}

resource "aws_security_group_rule" "rule-with-dashes" {
  type              = "ingress"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  security_group_id = aws_security_group.app.id
  cidr_blocks       = [var.office-cidr, var.vpn-cidr]
  description       = var.rule-descriptions["app-port"]
}

resource "aws_wafv2_web_acl" "main" {
  name  = "main-acl"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit"
    priority = 1
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
        scope_down_statement {
          geo_match_statement { country_codes = ["FR", "DE", "BE"] }
        }
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = false
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "main-acl"
    sampled_requests_enabled   = true
  }
}

locals {
  deep_tuple = [[[[1, 2.5], [true]], [[null], []]], [[["x"]]]]
  deep_object = {
    level1 = {
      level2 = {
        level3 = { level4 = { value = [1, { level6 = [false, null] }] } }
      }
    }
  }
  mixed_separators = { a = 1, "b" : 2, c : 3, "d" = 4 }
  expression_keys = {
    (var.key_name)        = "from variable"
    (local.prefix)        = "from local"
    "${var.env}-suffix"   = "from template"
    (format("%s-k", var.env)) : "from function"
  }
  trailing_commas = {
    list = [1, 2, 3,]
    map  = { a = 1, b = 2, }
    call = max(1, 2, 3,)
  }
  single_line_mixed = [{ a = [1, { b = null }] }, [{ c = true }], {}, []]
  multi_line_tuple = [
    "one",
    2,
    3.5,
    true,
    null,
    { six = 6 },
    [7],
  ]
  legacy_chain = module.network.subnets.0.routes.1.cidr
  splat_chain  = module.network.subnets[*].routes[0].cidr
  attr_splat_chain = module.network.subnets.*.tags.Name
  numeric_key  = var.matrix[2][0]
  literal_ops  = [1 + 2, 3 - 4, 5 * 6, 7 / 8, 9 % 10, -11, 0.5 * 2]
}
