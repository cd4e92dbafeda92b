locals {
  name_prefix = "${var.project}-${var.environment}"
  is_prod     = var.environment == "prod"
  not_prod    = !local.is_prod
  neg_offset  = -var.offset
  half        = var.total / 2
  remainder   = var.total % 3
  weighted    = (var.a + var.b) * 0.25 - -1
  precedence  = 1 + 2 * 3 - 4 / 2
  in_range    = var.port >= 1024 && var.port <= 65535 || var.port == 443
  ratio_ok    = var.cpu_threshold > 0.5 && var.cpu_threshold < 1.0

  # Multi-line conditional with operators at line starts (wrapped in parens).
  instance_type = (
    local.is_prod
    ? "m6i.xlarge"
    : "t3.medium"
  )

  replicas = var.environment == "prod" ? 3 : (
    var.environment == "stg" ? 2 : 1
  )

  tier = (
    var.sla >= 99.9 ? "gold" :
    var.sla >= 99.5 ? "silver" :
    "bronze"
  )

  maybe_null     = var.kms_key_id != null ? var.kms_key_id : null
  bool_or_null   = var.flag == true ? true : var.flag == false ? false : null
  nullish        = null
  flags          = [true, false, null, !true, -1, -0.5]
  nested_cond    = var.a ? (var.b ? "ab" : "a") : (var.c ? "c" : "none")
  compare_null   = var.x == null || var.y != null
  not_in_call    = !contains(var.blocked_regions, var.aws_region)
  negated_group  = !(local.is_prod && var.allow_public)

  # for expressions in all shapes
  upper_names = [for n in var.names : upper(n)]
  with_index  = [for i, n in var.names : "${i}:${n}"]
  non_null    = [for k, v in var.settings : v if v != null]
  inverted    = { for k, v in var.settings : v => k }
  by_zone     = { for s in var.subnets : s.zone => s.id... }
  by_tier_if  = { for k, s in var.subnets : s.tier => k... if s.public == false }
  keyed       = { for b in var.bucket_list : "${b.name}-${var.environment}" => b }
  paren_key   = { for k, v in var.settings : (k) => v }

  ports_by_name = {
    # keys are the rule names
    for rule in var.ingress_rules :
    lower(rule.description) => rule.port // port only
    if rule.description != null
  }

  flattened = flatten([
    for env, cfg in var.environments : [
      for az in cfg.zones : {
        env  = env
        zone = az
        cidr = cidrsubnet(cfg.cidr, 4, index(cfg.zones, az))
      }
    ]
  ])

  cond_in_for = [for x in var.values : x > 10 ? "big" : x < 0 ? "negative" : "small"]
  for_in_cond = var.enabled ? [for x in var.values : x * 2] : []
  tuple_of_conds = [
    var.a ? 1 : 0,
    var.b ? "yes" : null,
    (var.c ? true : false),
  ]
  object_of_conds = {
    size  = local.is_prod ? 100 : 20
    "iops" = (local.is_prod
      ? 3000
      : null)
    (local.name_prefix) = var.enabled ? "on" : "off"
  }

  indexed       = var.matrix[0][1]
  keyed_index   = var.account_ids["log-archive"]
  computed_idx  = var.zones[var.index % length(var.zones)]
  cond_index    = var.zones[local.is_prod ? 0 : 1]
  literal_index = ["a", "b", "c"][1]
  literal_attr  = { x = 1, y = 2 }.y
  fn_index      = split(",", var.csv)[0]
  fn_attr       = element(var.subnets, 0).id
  legacy_index  = aws_subnet.private.0.id
  legacy_splat  = aws_subnet.private.*.id
  full_splat    = aws_subnet.private[*].id
  splat_index   = aws_instance.web[*].network_interface[0].id
  splat_nested  = module.vpc.subnets.*.cidr_block
  module_out    = module.network.vpc_id
  data_attr     = data.aws_caller_identity.current.account_id
  data_index    = data.aws_availability_zones.available.names[0]
  path_ref      = "${path.module}/templates"
  root_ref      = path.root
  workspace     = terraform.workspace
}

locals {
  multi_line_binop = (
    var.a +
    var.b +
    var.c
  )
  logical_chain = (var.a &&
    var.b ||
    var.c)
  empty_tuple  = []
  empty_object = {}
}
