# HDS_ENC_001 Azure Automation variables: stored encrypted only when encrypted = true (the default is
# false); a value that may carry a connection string or a patient identifier must be encrypted.
provider "azurerm" {
  features {}
}

variable "encrypt_variables" {
  type = bool
}

resource "azurerm_resource_group" "ops" {
  name     = "rg-ops"
  location = "francecentral"
}

resource "azurerm_automation_account" "ops" {
  name                = "aa-ops"
  location            = azurerm_resource_group.ops.location
  resource_group_name = azurerm_resource_group.ops.name
  sku_name            = "Basic"
}

resource "azurerm_automation_variable_string" "pass_encrypted" {
  name                    = "records-db-connection"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "Server=tcp:sql-clinical.database.windows.net,1433;Database=patients"
  encrypted               = true
}

resource "azurerm_automation_variable_string" "fail_plain" {
  name                    = "export-container"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "exports"
}

resource "azurerm_automation_variable_string" "unknown_encrypted_from_variable" {
  name                    = "export-share"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "share-01"
  encrypted               = var.encrypt_variables
}

resource "azurerm_automation_variable_bool" "pass_encrypted" {
  name                    = "purge-enabled"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = false
  encrypted               = true
}

resource "azurerm_automation_variable_bool" "fail_plain" {
  name                    = "maintenance-mode"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = false
  encrypted               = false
}

resource "azurerm_automation_variable_bool" "unknown_encrypted_from_variable" {
  name                    = "export-enabled"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = true
  encrypted               = var.encrypt_variables
}

resource "azurerm_automation_variable_datetime" "pass_encrypted" {
  name                    = "last-export"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "2026-01-01T00:00:00Z"
  encrypted               = true
}

resource "azurerm_automation_variable_datetime" "fail_plain" {
  name                    = "last-purge"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "2026-01-01T00:00:00Z"
}

resource "azurerm_automation_variable_datetime" "unknown_encrypted_from_variable" {
  name                    = "last-restore-test"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = "2026-01-01T00:00:00Z"
  encrypted               = var.encrypt_variables
}

resource "azurerm_automation_variable_int" "pass_encrypted" {
  name                    = "retention-days"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = 3650
  encrypted               = true
}

resource "azurerm_automation_variable_int" "fail_plain" {
  name                    = "batch-size"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = 500
  encrypted               = false
}

resource "azurerm_automation_variable_int" "unknown_encrypted_from_variable" {
  name                    = "max-parallel-exports"
  resource_group_name     = azurerm_resource_group.ops.name
  automation_account_name = azurerm_automation_account.ops.name
  value                   = 4
  encrypted               = var.encrypt_variables
}
