# HDS_BKP_001 Azure backup vaults: immutability = "Locked" makes recovery points undeletable for their
# retention; "Unlocked" can still be switched off, and the default (Disabled) protects nothing.
provider "azurerm" {
  features {}
}

variable "immutability" {
  type = string
}

resource "azurerm_resource_group" "backup" {
  name     = "rg-hds-backup"
  location = "francecentral"
}

resource "azurerm_recovery_services_vault" "pass_locked" {
  name                = "rsv-ehr"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"
  storage_mode_type   = "ZoneRedundant"
  soft_delete_enabled = true
  immutability        = "Locked"
}

resource "azurerm_recovery_services_vault" "fail_unlocked" {
  name                = "rsv-billing"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"
  soft_delete_enabled = true
  immutability        = "Unlocked"
}

resource "azurerm_recovery_services_vault" "fail_immutability_not_set" {
  name                = "rsv-scratch"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"
}

resource "azurerm_recovery_services_vault" "unknown_immutability_from_variable" {
  name                = "rsv-imaging"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"
  immutability        = var.immutability
}

resource "azurerm_data_protection_backup_vault" "pass_locked" {
  name                = "bv-ehr-disks"
  resource_group_name = azurerm_resource_group.backup.name
  location            = azurerm_resource_group.backup.location
  datastore_type      = "VaultStore"
  redundancy          = "ZoneRedundant"
  soft_delete         = "AlwaysOn"
  immutability        = "Locked"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_vault" "fail_disabled" {
  name                = "bv-scratch"
  resource_group_name = azurerm_resource_group.backup.name
  location            = azurerm_resource_group.backup.location
  datastore_type      = "VaultStore"
  redundancy          = "LocallyRedundant"
  immutability        = "Disabled"
}

resource "azurerm_data_protection_backup_vault" "unknown_immutability_from_variable" {
  name                = "bv-imaging"
  resource_group_name = azurerm_resource_group.backup.name
  location            = azurerm_resource_group.backup.location
  datastore_type      = "VaultStore"
  redundancy          = "ZoneRedundant"
  immutability        = var.immutability
}
