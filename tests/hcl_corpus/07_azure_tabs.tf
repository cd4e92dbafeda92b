# Azure resources. This file is indented with TABS (converted below).

resource "azurerm_resource_group" "main" {
	name     = "rg-${local.name_prefix}"
	location = "francecentral"
	tags     = var.common_tags
}

resource "azurerm_storage_account" "data" {
	name                            = lower(replace("st${local.name_prefix}data", "-", ""))
	resource_group_name             = azurerm_resource_group.main.name
	location                        = azurerm_resource_group.main.location
	account_tier                    = "Standard"
	account_replication_type        = local.is_prod ? "GZRS" : "LRS"
	min_tls_version                 = "TLS1_2"
	enable_https_traffic_only       = true
	allow_nested_items_to_be_public = false
	public_network_access_enabled   = false

	blob_properties {
		versioning_enabled = true
		delete_retention_policy {
			days = 30
		}
		container_delete_retention_policy { days = 7 }
	}

	network_rules {
		default_action             = "Deny"
		bypass                     = ["AzureServices", "Logging"]
		ip_rules                   = var.trusted_ips
		virtual_network_subnet_ids = [azurerm_subnet.app.id]
	}

	identity {
		type = "SystemAssigned"
	}
}

resource "azurerm_key_vault" "main" {
	name                       = "kv-${substr(local.name_prefix, 0, 20)}"
	location                   = azurerm_resource_group.main.location
	resource_group_name        = azurerm_resource_group.main.name
	tenant_id                  = data.azurerm_client_config.current.tenant_id
	sku_name                   = "premium"
	soft_delete_retention_days = 90
	purge_protection_enabled   = true
	enable_rbac_authorization  = true

	network_acls {
		default_action = "Deny"
		bypass         = "AzureServices"
	}
}

data "azurerm_client_config" "current" {}

resource "azurerm_network_security_group" "app" {
	name                = "nsg-app"
	location            = azurerm_resource_group.main.location
	resource_group_name = azurerm_resource_group.main.name

	dynamic "security_rule" {
		for_each = { for i, r in var.ingress_rules : tostring(r.port) => merge(r, { priority = 100 + i * 10 }) }
		content {
			name                       = "allow-${security_rule.key}"
			priority                   = security_rule.value.priority
			direction                  = "Inbound"
			access                     = "Allow"
			protocol                   = title(security_rule.value.protocol)
			source_port_range          = "*"
			destination_port_range     = security_rule.key
			source_address_prefixes    = security_rule.value.cidr_blocks
			destination_address_prefix = "VirtualNetwork"
		}
	}

	security_rule {
		name                       = "deny-all-inbound"
		priority                   = 4096
		direction                  = "Inbound"
		access                     = "Deny"
		protocol                   = "*"
		source_port_range          = "*"
		destination_port_range     = "*"
		source_address_prefix      = "*"
		destination_address_prefix = "*"
	}
}

resource "azurerm_mssql_server" "db" {
	name                          = "sql-${local.name_prefix}"
	resource_group_name           = azurerm_resource_group.main.name
	location                      = azurerm_resource_group.main.location
	version                       = "12.0"
	minimum_tls_version           = "1.2"
	public_network_access_enabled = false

	azuread_administrator {
		login_username              = "sql-admins"
		object_id                   = var.sql_admin_group_id
		azuread_authentication_only = true
	}
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
	provider                   = azurerm.connectivity
	name                       = "diag-kv"
	target_resource_id         = azurerm_key_vault.main.id
	log_analytics_workspace_id = var.law_id

	enabled_log {
		category_group = "audit"
	}
	enabled_log { category_group = "allLogs" }

	metric {
		category = "AllMetrics"
		enabled  = false
	}
}

resource "azurerm_linux_virtual_machine" "jump" {
	name                = "vm-jump"
	resource_group_name = azurerm_resource_group.main.name
	location            = azurerm_resource_group.main.location
	size                = "Standard_B2s"
	admin_username      = "azureuser"
	custom_data = base64encode(<<-EOT
		#cloud-config
		package_upgrade: true
		EOT
	)
	disable_password_authentication = true
	encryption_at_host_enabled      = true
}
