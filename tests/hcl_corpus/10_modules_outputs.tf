module "network" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.5.2"

  name            = "${local.name_prefix}-vpc"
  cidr            = var.vpc_cidr
  azs             = slice(data.aws_availability_zones.available.names, 0, 3)
  private_subnets = [for i in range(3) : cidrsubnet(var.vpc_cidr, 8, i)]
  public_subnets  = [for i in range(3) : cidrsubnet(var.vpc_cidr, 8, i + 100)]

  enable_nat_gateway     = true
  single_nat_gateway     = !local.is_prod
  one_nat_gateway_per_az = local.is_prod

  tags = var.common_tags
}

module "buckets" {
  source   = "./modules/secure-bucket"
  for_each = var.buckets

  name       = each.key
  versioning = each.value.versioning
  kms_key_id = coalesce(each.value.kms_key_id, aws_kms_key.data.arn)
  tags       = merge(var.common_tags, each.value.tags, { Bucket = each.key })

  providers = {
    aws          = aws
    aws.replica  = aws.us_east
  }

  depends_on = [aws_kms_key.data, module.network]
}

module "audit_trail" {
  source = "git::https://example.com/acme/terraform-aws-cloudtrail.git?ref=v2.3.1"
  count  = var.enable_audit ? 1 : 0

  providers = { aws = aws.audit }

  trail_name = "org-trail"
  s3_bucket  = module.buckets["logs"].bucket_id
  is_multi_region_trail = true
}

module "empty" {
  source = "./modules/noop"
}

output "vpc_id" {
  description = "The VPC identifier."
  value       = module.network.vpc_id
}

output "private_subnet_ids" {
  value = module.network.private_subnets[*]
}

output "legacy_subnet_ids" {
  value = aws_subnet.private.*.id
}

output "first_subnet" {
  value = aws_subnet.private.0.id
}

output "bucket_arns" {
  value = { for name, m in module.buckets : name => m.bucket_arn }
}

output "audit_trail_arn" {
  value = one(module.audit_trail[*].trail_arn)
}

output "audit_trail_arn_legacy" {
  value = length(module.audit_trail) > 0 ? module.audit_trail[0].trail_arn : null
}

output "role_arn" {
  value      = aws_iam_role.app.arn
  depends_on = [aws_iam_role_policy.app]

  precondition {
    condition     = length(aws_iam_role.app.name) <= 64
    error_message = "Role name \"${aws_iam_role.app.name}\" is too long."
  }
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}

output "connection_string" {
  value = "postgresql://${var.db_user}:${random_password.db.result}@${aws_db_instance.main.address}:${aws_db_instance.main.port}/${var.db_name}?sslmode=require"
  sensitive = true
}

output "summary" {
  value = {
    environment = var.environment
    regions     = [var.aws_region, "us-east-1"]
    counts = {
      subnets = length(aws_subnet.private)
      buckets = length(keys(module.buckets))
    }
    enabled = [for k, v in var.feature-flags : k if v == true]
    "quoted key" = "value"
  }
}

output "lookup_interp" {
  value = "${lookup(var.account_ids, "shared", "000000000000")}-shared"
}

output "nothing" {
  value = null
}

output "static_list" {
  value = [1, 2.5, "three", true, null, [4], { five = 5 }]
}
