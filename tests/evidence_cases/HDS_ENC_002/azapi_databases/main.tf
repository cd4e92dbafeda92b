# HDS_ENC_002 (customer-managed keys required) on azapi databases: the key is named in the body
# (Azure SQL properties.keyId, Cosmos DB properties.keyVaultKeyUri, flexible servers
# properties.dataEncryption.primaryKeyURI); none named means the service-managed key.
provider "azapi" {}

provider "azurerm" {
  features {}
}

variable "key_uri" {
  type = string
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

resource "azapi_resource" "pass_sql_server_key_vault_key" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      administratorLogin = "records_admin"
      keyId              = "https://kv-records-hds.vault.azure.net/keys/tde/0a1b2c3d4e5f"
    }
  }
}

resource "azapi_resource" "fail_sql_server_service_key" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-billing-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = { administratorLogin = "billing_admin" }
  }
}

resource "azapi_resource" "unknown_sql_server_key_from_variable" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      administratorLogin = "imaging_admin"
      keyId              = var.key_uri
    }
  }
}

resource "azapi_resource" "pass_cosmos_key_vault_key" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      keyVaultKeyUri           = "https://kv-records-hds.vault.azure.net/keys/cosmos"
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "fail_cosmos_service_key" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-billing-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "unknown_cosmos_key_from_variable" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      keyVaultKeyUri           = var.key_uri
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "pass_postgresql_key_vault_key" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version = "16"
      dataEncryption = {
        type                          = "AzureKeyVault"
        primaryKeyURI                 = "https://kv-records-hds.vault.azure.net/keys/psql/1f2e3d4c"
        primaryUserAssignedIdentityId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-psql"
      }
    }
  }
}

resource "azapi_resource" "fail_postgresql_service_key" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-billing-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_B1ms", tier = "Burstable" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "unknown_postgresql_key_from_variable" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version        = "16"
      dataEncryption = { type = "AzureKeyVault", primaryKeyURI = var.key_uri }
    }
  }
}

resource "azapi_resource" "pass_mysql_key_vault_key" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version        = "8.0.21"
      dataEncryption = { type = "AzureKeyVault", primaryKeyURI = "https://kv-records-hds.vault.azure.net/keys/mysql/9a8b7c6d" }
    }
  }
}

resource "azapi_resource" "fail_mysql_service_key" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-billing-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_B1ms", tier = "Burstable" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "unknown_mysql_key_from_variable" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version        = "8.0.21"
      dataEncryption = { type = "AzureKeyVault", primaryKeyURI = var.key_uri }
    }
  }
}
