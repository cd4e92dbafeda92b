locals {
  # Nested calls with all literal kinds as arguments.
  merged = merge(
    var.common_tags,
    { Name = "x", Enabled = true, Weight = 0.5, Parent = null },
    lookup(var.tag_sets, var.environment, {}),
  )
  picked     = lookup(var.account_ids, "audit", null)
  picked_def = lookup(var.sizes, var.environment, lookup(var.sizes, "default", 1))
  joined     = concat(var.a_list, ["x", "y"], [for v in var.b_list : tostring(v)])
  formatted  = format("%s-%s-%03d", var.project, var.environment, var.index + 1)
  fmt_list   = formatlist("%s.%s", var.hosts, var.domain)
  first_ok   = coalesce(var.override, local.default_name, "fallback")
  first_list = coalescelist(var.custom_cidrs, [var.vpc_cidr])
  safe       = try(var.settings.nested.deep[0], var.settings["fallback"], null)
  can_parse  = can(regex("^[a-z][a-z0-9-]{2,62}$", var.name))
  subnet     = cidrsubnet(cidrsubnet(var.vpc_cidr, 4, 1), 4, 15)
  host_ip    = cidrhost(local.subnet, -2)
  netmask    = cidrnetmask("10.0.0.0/12")
  ranges     = cidrsubnets(var.vpc_cidr, 4, 4, 8, 8)
  clamp      = max(1, min(var.requested, 10))
  negative   = abs(-3.25)
  rounded    = ceil(var.scale.max * 0.25) + floor(1.75)
  powed      = pow(2, 8) - 1
  mixed_args = compact([var.a, null, "", "b"])
  bools      = anytrue([false, var.flag, null == var.x])
  all_true   = alltrue([true, !false, 1 < 2])
  empty_call = timestamp()
  uuid_val   = uuid()

  # Argument expansion with "..." and trailing commas.
  merged_all  = merge(var.list_of_maps...)
  merged_for  = merge([for m in var.layers : m.tags]...)
  max_port    = max(var.ports...)
  expand_ml   = merge(
    [
      for name, cfg in var.services : {
        (name) = cfg.port
      }
    ]...
  )
  concat_trailing = concat(
    ["a"],
    ["b"],
  )

  # jsonencode / yamlencode of nested structures.
  json_object = jsonencode({
    name    = var.name
    enabled = true
    ratio   = 0.25
    missing = null
    ports   = [80, 443]
    nested  = { a = [1, { b = [true, false] }] }
    "quoted-key" : "colon separator"
  })
  json_tuple = jsonencode([1, "two", 3.5, null, false, { six = 6 }, [7, [8]]])
  yaml_doc   = yamlencode({ apiVersion = "v1", kind = "ConfigMap", data = { k = "v" } })
  json_round = jsondecode(jsonencode({ a = 1 })).a

  # Collection functions.
  key_list   = keys({ b = 2, a = 1 })
  value_list = values(var.account_ids)
  zipped     = zipmap(["a", "b"], [1, 2])
  flat       = flatten([[1, 2], [3, [4, 5]], []])
  distinct   = distinct(concat(var.l1, var.l2))
  sorted     = sort(setunion(toset(var.l1), toset(var.l2)))
  chunked    = chunklist(range(0, 10, 2), 2)
  sliced     = slice(var.names, 0, min(3, length(var.names)))
  element    = element(var.zones, var.index)
  contains   = contains(keys(var.account_ids), "audit")
  lookup_map = { for k in keys(var.account_ids) : k => lookup(var.account_ids, k) }
  transposed = transpose({ a = ["x", "y"], b = ["y"] })
  ternary_fn = length(var.names) > 0 ? element(var.names, 0) : coalesce(var.default_name, "none")

  # String functions.
  trimmed   = trimspace("  ${var.name}  ")
  replaced  = replace(var.name, "/[^a-z0-9]/", "-")
  regexed   = regexall("([a-z]+)-(\\d+)", var.id)
  templated = templatefile("${path.module}/tpl/app.conf.tftpl", { port = 8080, hosts = var.hosts })
  encoded   = base64encode(file("${path.module}/files/ca.pem"))
  hashed    = sha256(join("", [var.a, var.b]))
  split_idx = split("/", var.path)[length(split("/", var.path)) - 1]
  substrd   = substr(var.name, 0, 8)
  titled    = title(lower("HELLO WORLD"))
  heredoc_arg = replace(<<-EOT
    Hello NAME
    EOT
  , "NAME", var.name)

  # Type conversion and provider-defined functions.
  as_number = tonumber("42")
  as_bool   = tobool("true")
  as_set    = toset(["a", "b", "a"])
  as_map    = tomap({ a = "1", b = "2" })
  sensitive = nonsensitive(sensitive("not secret"))
  arn_parts = provider::aws::arn_parse(var.role_arn)
  arn_acct  = provider::aws::arn_parse(var.role_arn).account_id
  arn_list  = [for a in var.arns : provider::aws::arn_parse(a).service]
  arn_build = provider::aws::arn_build("aws", "iam", "", var.account_ids["shared"], "role/app")
  tf_decode = provider::terraform::tfvarsdecode(file("${path.module}/defaults.tfvars"))
}
