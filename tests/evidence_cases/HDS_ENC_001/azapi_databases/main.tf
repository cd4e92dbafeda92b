# HDS_ENC_001 on the databases Azure Verified Modules create through azapi_resource: Azure SQL
# servers (TDE on by default), Cosmos DB accounts and PostgreSQL/MySQL flexible servers are always
# encrypted at rest; a customer key only chooses the key.
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

resource "azapi_resource" "pass_sql_server_service_key" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      administratorLogin = "records_admin"
      minimalTlsVersion  = "1.2"
      version            = "12.0"
    }
  }
}

resource "azapi_resource" "pass_sql_server_key_from_variable" {
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

resource "azapi_resource" "pass_cosmos_account" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-records-hds"
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

resource "azapi_resource" "pass_postgresql_flexible_server" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version = "16"
      storage = { storageSizeGB = 128 }
    }
  }
}

resource "azapi_resource" "pass_mysql_flexible_server" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version = "8.0.21"
      dataEncryption = {
        type          = "AzureKeyVault"
        primaryKeyURI = var.key_uri
      }
    }
  }
}
