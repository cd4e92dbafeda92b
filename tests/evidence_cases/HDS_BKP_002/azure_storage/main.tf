# HDS_BKP_002 azurerm_storage_account: an account tagged hds-role = backup needs a Locked account-level
# immutability policy, or a locked immutability policy on each of its containers.
provider "azurerm" {
  features {}
}

variable "policy_state" {
  type = string
}

resource "azurerm_resource_group" "backup" {
  name     = "rg-hds-backup"
  location = "francecentral"
}

resource "azurerm_storage_account" "pass_account_policy_locked" {
  name                     = "sthdsehrbackup"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
  immutability_policy {
    allow_protected_append_writes = false
    state                         = "Locked"
    period_since_creation_in_days = 35
  }
  blob_properties {
    versioning_enabled = true
  }
  tags = {
    hds-role = "backup"
  }
}

resource "azurerm_storage_account" "pass_containers_locked" {
  name                     = "sthdsimgbackup"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  tags                     = {
    hds-role = "backup"
  }
}

resource "azurerm_storage_container" "imaging" {
  name                  = "imaging"
  storage_account_id    = azurerm_storage_account.pass_containers_locked.id
  container_access_type = "private"
}

resource "azurerm_storage_container_immutability_policy" "imaging" {
  storage_container_resource_manager_id = azurerm_storage_container.imaging.resource_manager_id
  immutability_period_in_days           = 35
  protected_append_writes_enabled       = false
  locked                                = true
}

resource "azurerm_storage_account" "fail_policy_unlocked" {
  name                     = "sthdsbillbackup"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  immutability_policy {
    allow_protected_append_writes = false
    state                         = "Unlocked"
    period_since_creation_in_days = 35
  }
  tags = {
    hds-role = "backup"
  }
}

resource "azurerm_storage_account" "fail_no_policy" {
  name                     = "sthdslabbackup"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  tags                     = {
    hds-role = "backup"
  }
}

resource "azurerm_storage_account" "unknown_state_from_variable" {
  name                     = "sthdsarcbackup"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  immutability_policy {
    allow_protected_append_writes = false
    state                         = var.policy_state
    period_since_creation_in_days = 35
  }
  tags = {
    hds-role = "backup"
  }
}

resource "azurerm_storage_account" "none_application_data" {
  name                     = "sthdsappdata"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
