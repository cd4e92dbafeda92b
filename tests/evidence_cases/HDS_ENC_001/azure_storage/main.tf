# HDS_ENC_001 Azure storage: storage accounts, Recovery Services vaults and App Configuration stores
# are always encrypted at rest with platform-managed keys (hds-knowledge.md §8); Data Lake Store
# Gen1 is encrypted unless encryption_state = "Disabled".
provider "azurerm" {
  features {}
}

provider "azapi" {}

variable "data_lake_encryption_state" {
  type = string
}

variable "infrastructure_encryption" {
  type = bool
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

resource "azurerm_storage_account" "pass_platform_keys" {
  name                     = "stpatientrecords"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "pass_double_encryption" {
  name                              = "stpatientimaging"
  resource_group_name               = azurerm_resource_group.records.name
  location                          = azurerm_resource_group.records.location
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  infrastructure_encryption_enabled = true
}

# infrastructure_encryption_enabled = false only drops the second layer: the service layer stays.
resource "azurerm_storage_account" "pass_single_layer" {
  name                              = "stpatientexports"
  resource_group_name               = azurerm_resource_group.records.name
  location                          = azurerm_resource_group.records.location
  account_tier                      = "Standard"
  account_replication_type          = "LRS"
  infrastructure_encryption_enabled = false
}

resource "azurerm_storage_account" "pass_layer_from_variable" {
  name                              = "stpatientarchive"
  resource_group_name               = azurerm_resource_group.records.name
  location                          = azurerm_resource_group.records.location
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  infrastructure_encryption_enabled = var.infrastructure_encryption
}

resource "azapi_resource" "pass_azapi_platform_keys" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stavmrecords"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      minimumTlsVersion        = "TLS1_2"
      supportsHttpsTrafficOnly = true
    }
  }
}

resource "azapi_resource" "pass_azapi_infrastructure_encryption" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stavmimaging"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = jsonencode({
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      encryption = {
        keySource                       = "Microsoft.Storage"
        requireInfrastructureEncryption = true
        services = {
          blob = { enabled = true, keyType = "Account" }
          file = { enabled = true, keyType = "Account" }
        }
      }
    }
  })
}

resource "azurerm_data_lake_store" "pass_default_state" {
  name                = "dlspatientraw"
  resource_group_name = azurerm_resource_group.records.name
  location            = "northeurope"
}

resource "azurerm_data_lake_store" "pass_service_managed" {
  name                = "dlspatientcurated"
  resource_group_name = azurerm_resource_group.records.name
  location            = "northeurope"
  encryption_state    = "Enabled"
  encryption_type     = "ServiceManaged"
}

resource "azurerm_data_lake_store" "fail_disabled" {
  name                = "dlspatientscratch"
  resource_group_name = azurerm_resource_group.records.name
  location            = "northeurope"
  encryption_state    = "Disabled"
}

resource "azurerm_data_lake_store" "unknown_state_from_variable" {
  name                = "dlspatientshared"
  resource_group_name = azurerm_resource_group.records.name
  location            = "northeurope"
  encryption_state    = var.data_lake_encryption_state
}

resource "azurerm_recovery_services_vault" "pass_platform_keys" {
  name                = "rsv-records"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
  sku                 = "Standard"
  storage_mode_type   = "ZoneRedundant"
  soft_delete_enabled = true
}

resource "azurerm_user_assigned_identity" "vault" {
  name                = "id-rsv-records"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
}

resource "azurerm_key_vault_key" "vault" {
  name         = "rsv-records"
  key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-records"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_recovery_services_vault" "pass_customer_key" {
  name                = "rsv-records-cmk"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
  sku                 = "Standard"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.vault.id]
  }
  encryption {
    key_id                            = azurerm_key_vault_key.vault.id
    infrastructure_encryption_enabled = true
    user_assigned_identity_id         = azurerm_user_assigned_identity.vault.id
  }
}

resource "azurerm_app_configuration" "pass_platform_keys" {
  name                = "appcs-records"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  sku                 = "standard"
}
