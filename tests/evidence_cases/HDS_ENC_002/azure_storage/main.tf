# HDS_ENC_002 Azure storage (customer-managed keys required): storage accounts name a Key Vault key
# inline (customer_managed_key) or through azurerm_storage_account_customer_managed_key; azapi
# accounts through encryption.keyvaultproperties; Recovery Services vaults and App Configuration
# stores through their encryption block.
provider "azurerm" {
  features {}
}

provider "azapi" {}

variable "key_vault_key_id" {
  type = string
}

variable "key_name" {
  type = string
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

resource "azurerm_user_assigned_identity" "storage" {
  name                = "id-storage-cmk"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
}

resource "azurerm_key_vault" "records" {
  name                     = "kv-records-hds"
  location                 = azurerm_resource_group.records.location
  resource_group_name      = azurerm_resource_group.records.name
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "azurerm_key_vault_key" "storage" {
  name         = "storage-cmk"
  key_vault_id = azurerm_key_vault.records.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_storage_account" "pass_inline_key" {
  name                     = "stpatientrecords"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.storage.versionless_id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
}

resource "azurerm_storage_account" "pass_separate_key" {
  name                     = "stpatientimaging"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account_customer_managed_key" "imaging" {
  storage_account_id = azurerm_storage_account.pass_separate_key.id
  key_vault_id       = azurerm_key_vault.records.id
  key_name           = azurerm_key_vault_key.storage.name
}

resource "azurerm_key_vault_managed_hardware_security_module_key" "storage" {
  name           = "storage-cmk"
  managed_hsm_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/managedHSMs/mhsm-records"
  key_type       = "RSA-HSM"
  key_size       = 3072
  key_opts       = ["wrapKey", "unwrapKey"]
}

resource "azurerm_storage_account" "pass_managed_hsm_key" {
  name                     = "stpatientgenomics"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  customer_managed_key {
    managed_hsm_key_id        = azurerm_key_vault_managed_hardware_security_module_key.storage.versioned_id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
}

resource "azurerm_storage_account" "fail_platform_keys" {
  name                              = "stpatientexports"
  resource_group_name               = azurerm_resource_group.records.name
  location                          = azurerm_resource_group.records.location
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  infrastructure_encryption_enabled = true
}

resource "azurerm_storage_account" "unknown_key_from_variable" {
  name                     = "stpatientarchive"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  customer_managed_key {
    key_vault_key_id          = var.key_vault_key_id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
}

resource "azapi_resource" "pass_azapi_key_vault_key" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stavmrecords"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      encryption = {
        keySource = "Microsoft.Keyvault"
        identity  = { userAssignedIdentity = azurerm_user_assigned_identity.storage.id }
        keyvaultproperties = {
          keyname     = "storage-cmk"
          keyvaulturi = "https://kv-records-hds.vault.azure.net/"
        }
        services = {
          blob = { enabled = true, keyType = "Account" }
        }
      }
    }
  }
}

resource "azapi_resource" "fail_azapi_microsoft_keys" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stavmexports"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = jsonencode({
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      encryption = {
        keySource = "Microsoft.Storage"
        services  = { blob = { enabled = true, keyType = "Account" } }
      }
    }
  })
}

resource "azapi_resource" "unknown_azapi_key_from_variable" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stavmarchive"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      encryption = {
        keySource = "Microsoft.Keyvault"
        keyvaultproperties = {
          keyname     = var.key_name
          keyvaulturi = "https://kv-records-hds.vault.azure.net/"
        }
      }
    }
  }
}

resource "azurerm_recovery_services_vault" "pass_customer_key" {
  name                = "rsv-records"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
  sku                 = "Standard"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  encryption {
    key_id                            = azurerm_key_vault_key.storage.id
    infrastructure_encryption_enabled = true
    user_assigned_identity_id         = azurerm_user_assigned_identity.storage.id
  }
}

resource "azurerm_recovery_services_vault" "fail_platform_keys" {
  name                = "rsv-records-dev"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
  sku                 = "Standard"
}

resource "azurerm_recovery_services_vault" "unknown_key_from_variable" {
  name                = "rsv-records-shared"
  location            = azurerm_resource_group.records.location
  resource_group_name = azurerm_resource_group.records.name
  sku                 = "Standard"
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_id                            = var.key_vault_key_id
    infrastructure_encryption_enabled = false
    use_system_assigned_identity      = true
  }
}

resource "azurerm_app_configuration" "pass_customer_key" {
  name                = "appcs-records"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  sku                 = "standard"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  encryption {
    key_vault_key_identifier = azurerm_key_vault_key.storage.id
    identity_client_id       = azurerm_user_assigned_identity.storage.client_id
  }
}

resource "azurerm_app_configuration" "fail_platform_keys" {
  name                = "appcs-records-dev"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  sku                 = "standard"
}

resource "azurerm_app_configuration" "unknown_key_from_variable" {
  name                = "appcs-records-shared"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  sku                 = "standard"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }
  encryption {
    key_vault_key_identifier = var.key_vault_key_id
    identity_client_id       = azurerm_user_assigned_identity.storage.client_id
  }
}
