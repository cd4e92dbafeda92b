# HDS_ENC_001 Azure databases: Cosmos DB, SQL servers, MySQL/PostgreSQL flexible servers, Synapse
# workspaces and Data Explorer clusters are always encrypted with platform keys; a SQL database is
# encrypted unless transparent_data_encryption_enabled = false; a Synapse dedicated SQL pool only
# when data_encrypted = true.
provider "azurerm" {
  features {}
}

variable "tde_enabled" {
  type = bool
}

variable "pool_encrypted" {
  type = bool
}

variable "cosmos_key_id" {
  type = string
}

variable "sql_admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "data" {
  name     = "rg-clinical-data"
  location = "francecentral"
}

resource "azurerm_cosmosdb_account" "pass_platform_keys" {
  name                = "cosmos-clinical"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

# A key unknown until apply still leaves the account encrypted: the platform key is the floor.
resource "azurerm_cosmosdb_account" "pass_key_from_variable" {
  name                = "cosmos-clinical-cmk"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  key_vault_key_id    = var.cosmos_key_id
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

resource "azurerm_mssql_server" "pass_platform_keys" {
  name                         = "sql-clinical"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_database" "pass_tde_default" {
  name      = "sqldb-patients"
  server_id = azurerm_mssql_server.pass_platform_keys.id
  sku_name  = "S1"
}

resource "azurerm_mssql_database" "pass_tde_on" {
  name                                = "sqldb-appointments"
  server_id                           = azurerm_mssql_server.pass_platform_keys.id
  sku_name                            = "S1"
  transparent_data_encryption_enabled = true
}

resource "azurerm_mssql_database" "fail_tde_off" {
  name                                = "sqldb-warehouse"
  server_id                           = azurerm_mssql_server.pass_platform_keys.id
  sku_name                            = "DW100c"
  transparent_data_encryption_enabled = false
}

resource "azurerm_mssql_database" "unknown_tde_from_variable" {
  name                                = "sqldb-reporting"
  server_id                           = azurerm_mssql_server.pass_platform_keys.id
  sku_name                            = "S1"
  transparent_data_encryption_enabled = var.tde_enabled
}

resource "azurerm_mysql_flexible_server" "pass_platform_keys" {
  name                   = "mysql-clinical"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  administrator_login    = "mysqladmin"
  administrator_password = var.sql_admin_password
  sku_name               = "GP_Standard_D2ds_v4"
  version                = "8.0.21"
  zone                   = "1"
}

resource "azurerm_postgresql_flexible_server" "pass_platform_keys" {
  name                          = "psql-clinical"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "16"
  administrator_login           = "psqladmin"
  administrator_password        = var.sql_admin_password
  sku_name                      = "GP_Standard_D2s_v3"
  storage_mb                    = 65536
  zone                          = "1"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "pass_synapse_lake" {
  name                     = "stsynapseclinical"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = azurerm_resource_group.data.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  account_kind             = "StorageV2"
  is_hns_enabled           = true
}

resource "azurerm_storage_data_lake_gen2_filesystem" "synapse" {
  name               = "synapse"
  storage_account_id = azurerm_storage_account.pass_synapse_lake.id
}

resource "azurerm_synapse_workspace" "pass_platform_keys" {
  name                                 = "synw-clinical"
  resource_group_name                  = azurerm_resource_group.data.name
  location                             = azurerm_resource_group.data.location
  storage_data_lake_gen2_filesystem_id = azurerm_storage_data_lake_gen2_filesystem.synapse.id
  sql_administrator_login              = "sqladminuser"
  sql_administrator_login_password     = var.sql_admin_password
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_synapse_sql_pool" "pass_data_encrypted" {
  name                 = "dwpatients"
  synapse_workspace_id = azurerm_synapse_workspace.pass_platform_keys.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  storage_account_type = "GRS"
  data_encrypted       = true
}

resource "azurerm_synapse_sql_pool" "fail_encryption_unset" {
  name                 = "dwclaims"
  synapse_workspace_id = azurerm_synapse_workspace.pass_platform_keys.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  storage_account_type = "GRS"
}

resource "azurerm_synapse_sql_pool" "fail_encryption_off" {
  name                 = "dwresearch"
  synapse_workspace_id = azurerm_synapse_workspace.pass_platform_keys.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  storage_account_type = "LRS"
  data_encrypted       = false
}

resource "azurerm_synapse_sql_pool" "unknown_encryption_from_variable" {
  name                 = "dwshared"
  synapse_workspace_id = azurerm_synapse_workspace.pass_platform_keys.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  storage_account_type = "GRS"
  data_encrypted       = var.pool_encrypted
}

resource "azurerm_kusto_cluster" "pass_platform_keys" {
  name                = "adxclinical"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
  sku {
    name     = "Standard_E2ads_v5"
    capacity = 2
  }
}

# disk_encryption_enabled = false leaves the cluster's VM disks to platform encryption only; the data
# in Azure Storage is encrypted either way.
resource "azurerm_kusto_cluster" "pass_disk_encryption_off" {
  name                    = "adxresearch"
  location                = azurerm_resource_group.data.location
  resource_group_name     = azurerm_resource_group.data.name
  disk_encryption_enabled = false
  sku {
    name     = "Standard_E2ads_v5"
    capacity = 2
  }
}
