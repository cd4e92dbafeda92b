# HDS_LOC_003 Azure storage and backup vaults: geo-redundant storage (GRS, GZRS, GeoRedundant) keeps a
# copy in the paired region of the primary location: France Central pairs with France South (EEA),
# UK South with UK West (outside the EEA). Poland Central has no pair, so where a geo copy would go
# cannot be told. Locally or zone-redundant storage keeps no copy elsewhere.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    azapi   = { source = "Azure/azapi" }
  }
}

provider "azurerm" {
  features {}
}

provider "azapi" {}

variable "replication_type" {
  type = string
}

variable "vault_storage_mode" {
  type = string
}

variable "vault_redundancy" {
  type = string
}

resource "azurerm_resource_group" "paris" {
  name     = "rg-hds-paris"
  location = "francecentral"
}

resource "azurerm_resource_group" "london" {
  name     = "rg-hds-london"
  location = "uksouth"
}

resource "azurerm_resource_group" "warsaw" {
  name     = "rg-hds-warsaw"
  location = "polandcentral"
}

# --- storage accounts ---

resource "azurerm_storage_account" "pass_grs_france_central" {
  name                     = "sthdsrecords"
  resource_group_name      = azurerm_resource_group.paris.name
  location                 = azurerm_resource_group.paris.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "fail_ragrs_uk_south" {
  name                     = "sthdsukexports"
  resource_group_name      = azurerm_resource_group.london.name
  location                 = azurerm_resource_group.london.location
  account_tier             = "Standard"
  account_replication_type = "RAGRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "unknown_replication_from_variable" {
  name                     = "sthdsimaging"
  resource_group_name      = azurerm_resource_group.paris.name
  location                 = azurerm_resource_group.paris.location
  account_tier             = "Standard"
  account_replication_type = var.replication_type
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "unknown_gzrs_region_without_pair" {
  name                     = "sthdswarsaw"
  resource_group_name      = azurerm_resource_group.warsaw.name
  location                 = azurerm_resource_group.warsaw.location
  account_tier             = "Standard"
  account_replication_type = "GZRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "none_zrs" {
  name                     = "sthdsscratch"
  resource_group_name      = azurerm_resource_group.paris.name
  location                 = azurerm_resource_group.paris.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}

# --- storage accounts through azapi ---

resource "azapi_resource" "pass_grs_france_central" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "sthdsapirecords"
  parent_id = azurerm_resource_group.paris.id
  location  = "francecentral"
  body      = {
    kind       = "StorageV2"
    sku        = { name = "Standard_GRS" }
    properties = {
      minimumTlsVersion        = "TLS1_2"
      supportsHttpsTrafficOnly = true
    }
  }
}

resource "azapi_resource" "fail_gzrs_uk_south" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "sthdsapiukexports"
  parent_id = azurerm_resource_group.london.id
  location  = "uksouth"
  body      = {
    kind       = "StorageV2"
    sku        = { name = "Standard_GZRS" }
    properties = {
      minimumTlsVersion        = "TLS1_2"
      supportsHttpsTrafficOnly = true
    }
  }
}

resource "azapi_resource" "unknown_sku_from_variable" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "sthdsapiimaging"
  parent_id = azurerm_resource_group.paris.id
  location  = "francecentral"
  body      = {
    kind       = "StorageV2"
    sku        = { name = "Standard_${var.replication_type}" }
    properties = {
      minimumTlsVersion        = "TLS1_2"
      supportsHttpsTrafficOnly = true
    }
  }
}

resource "azapi_resource" "none_lrs" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "sthdsapiscratch"
  parent_id = azurerm_resource_group.paris.id
  location  = "francecentral"
  body      = {
    kind       = "StorageV2"
    sku        = { name = "Standard_LRS" }
    properties = {
      minimumTlsVersion        = "TLS1_2"
      supportsHttpsTrafficOnly = true
    }
  }
}

# --- Recovery Services vaults (GeoRedundant unless told otherwise) ---

resource "azurerm_recovery_services_vault" "pass_default_geo_france_central" {
  name                = "rsv-hds-paris"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  sku                 = "Standard"
  soft_delete_enabled = true
}

resource "azurerm_recovery_services_vault" "fail_geo_uk_south" {
  name                = "rsv-hds-london"
  location            = azurerm_resource_group.london.location
  resource_group_name = azurerm_resource_group.london.name
  sku                 = "Standard"
  storage_mode_type   = "GeoRedundant"
  soft_delete_enabled = true
}

resource "azurerm_recovery_services_vault" "unknown_storage_mode_from_variable" {
  name                = "rsv-hds-imaging"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  sku                 = "Standard"
  storage_mode_type   = var.vault_storage_mode
  soft_delete_enabled = true
}

resource "azurerm_recovery_services_vault" "none_zone_redundant" {
  name                = "rsv-hds-scratch"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  sku                 = "Standard"
  storage_mode_type   = "ZoneRedundant"
  soft_delete_enabled = true
}

# --- Data Protection backup vaults ---

resource "azurerm_data_protection_backup_vault" "pass_geo_france_central" {
  name                = "bv-hds-paris"
  resource_group_name = azurerm_resource_group.paris.name
  location            = azurerm_resource_group.paris.location
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
  soft_delete         = "On"
}

resource "azurerm_data_protection_backup_vault" "fail_geo_uk_south" {
  name                = "bv-hds-london"
  resource_group_name = azurerm_resource_group.london.name
  location            = azurerm_resource_group.london.location
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
}

resource "azurerm_data_protection_backup_vault" "unknown_redundancy_from_variable" {
  name                = "bv-hds-imaging"
  resource_group_name = azurerm_resource_group.paris.name
  location            = azurerm_resource_group.paris.location
  datastore_type      = "VaultStore"
  redundancy          = var.vault_redundancy
}

resource "azurerm_data_protection_backup_vault" "none_locally_redundant" {
  name                = "bv-hds-scratch"
  resource_group_name = azurerm_resource_group.paris.name
  location            = azurerm_resource_group.paris.location
  datastore_type      = "VaultStore"
  redundancy          = "LocallyRedundant"
}
