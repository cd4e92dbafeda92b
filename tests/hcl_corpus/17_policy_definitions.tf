resource "azurerm_policy_definition" "require_https" {
  name         = "require-https-storage"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Storage accounts must require HTTPS"

  metadata = jsonencode({ category = "Storage", version = "1.0.0" })

  policy_rule = <<RULE
{
  "if": {
    "allOf": [
      { "field": "type", "equals": "Microsoft.Storage/storageAccounts" },
      { "field": "Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly", "notEquals": "true" }
    ]
  },
  "then": { "effect": "[parameters('effect')]" }
}
RULE

  parameters = <<-PARAMS
    {
      "effect": {
        "type": "String",
        "allowedValues": ["Audit", "Deny", "Disabled"],
        "defaultValue": "${local.is_prod ? "Deny" : "Audit"}"
      }
    }
  PARAMS
}

resource "azurerm_subscription_policy_assignment" "require_https" {
  name                 = "require-https"
  policy_definition_id = azurerm_policy_definition.require_https.id
  subscription_id      = data.azurerm_subscription.primary.id
  enforce              = local.is_prod
  parameters = jsonencode({
    effect = { value = local.is_prod ? "Deny" : "Audit" }
  })

  non_compliance_message {
    content = "HTTPS is required (${var.environment})."
  }
}

resource "google_org_policy_policy" "restrict_locations" {
  name   = "projects/${var.gcp_project_id}/policies/gcp.resourceLocations"
  parent = "projects/${var.gcp_project_id}"

  spec {
    rules {
      values {
        allowed_values = [for loc in var.allowed_locations : "in:${loc}-locations"]
      }
    }
  }
}

resource "google_org_policy_policy" "bool_constraints" {
  for_each = toset([
    "compute.requireOsLogin",
    "compute.skipDefaultNetworkCreation",
    "iam.disableServiceAccountKeyCreation",
  ])
  name   = "projects/${var.gcp_project_id}/policies/${each.value}"
  parent = "projects/${var.gcp_project_id}"

  spec {
    rules { enforce = "TRUE" }
  }
}

# Compact and unusual-but-valid formatting below.
resource "aws_config_config_rule" "s3_ssl"{
  name="s3-bucket-ssl-requests-only"
  source{
    owner="AWS"
    source_identifier="S3_BUCKET_SSL_REQUESTS_ONLY"
  }
  scope {   
    compliance_resource_types = [ "AWS::S3::Bucket" ]   
  }
  input_parameters=jsonencode({})
  maximum_execution_frequency = var.env_frequency[ var.environment ]
}



resource   "aws_config_config_rule"   "encrypted_volumes"   {


  name = "encrypted-volumes"
  source {
    owner             = "AWS"
    source_identifier = "ENCRYPTED_VOLUMES"
  }
  input_parameters = jsonencode({
    kmsId = (
      var.use_cmk
      ? aws_kms_key.data.arn
      : null
    )
  })
  tags = merge(
    var.common_tags,
    length(var.extra_tags) > 0
    ? var.extra_tags
    : {},
  )
  description = ( ( "Checks " ) )
  evaluation_mode { mode = "DETECTIVE" }
  evaluation_mode {
    mode = var.proactive ? "PROACTIVE" : "DETECTIVE"
  }
}

locals {
  rule_names = [
    aws_config_config_rule.s3_ssl.name,
    var.extra_rule != null
    ? var.extra_rule
    : "none",
    [for r in var.rules : r.name if r.enabled][0],
  ]
  rule_map = {
    ssl     = aws_config_config_rule.s3_ssl.arn
    volumes = var.include_volumes ? aws_config_config_rule.encrypted_volumes.arn : null
    (var.custom_rule_key) = {for k, v in var.custom_rules : k => v.arn}
  }
  empty_forms = [[ ], { }, [
  ], {
  }]
  policy_from_heredoc_index = jsondecode(azurerm_policy_definition.require_https.parameters)["effect"]
  nested_parens = (((var.a + 1) * (var.b - 1)) / 2)
}
