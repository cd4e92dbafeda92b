# HDS_ENC_002 Azure databases (customer-managed keys required): Cosmos DB key_vault_key_id, the SQL
# server's TDE protector (inline or azurerm_mssql_server_transparent_data_encryption), which its
# databases use unless they name their own key, MySQL/PostgreSQL flexible servers' and Synapse
# workspaces' customer_managed_key blocks.
provider "azurerm" {
  features {}
}

variable "key_vault_key_id" {
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

resource "azurerm_user_assigned_identity" "data" {
  name                = "id-clinical-data"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
}

resource "azurerm_key_vault_key" "data" {
  name         = "clinical-data"
  key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-clinical"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_cosmosdb_account" "pass_customer_key" {
  name                = "cosmos-clinical"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  key_vault_key_id    = azurerm_key_vault_key.data.versionless_id
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "fail_platform_keys" {
  name                = "cosmos-clinical-dev"
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

resource "azurerm_cosmosdb_account" "unknown_key_from_variable" {
  name                = "cosmos-clinical-shared"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  key_vault_key_id    = var.key_vault_key_id
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

resource "azurerm_mssql_server" "pass_inline_tde_protector" {
  name                                         = "sql-clinical"
  resource_group_name                          = azurerm_resource_group.data.name
  location                                     = azurerm_resource_group.data.location
  version                                      = "12.0"
  administrator_login                          = "sqladmin"
  administrator_login_password                 = var.sql_admin_password
  minimum_tls_version                          = "1.2"
  primary_user_assigned_identity_id            = azurerm_user_assigned_identity.data.id
  transparent_data_encryption_key_vault_key_id = azurerm_key_vault_key.data.id
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
}

resource "azurerm_mssql_server" "pass_separate_tde_protector" {
  name                         = "sql-clinical-research"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_mssql_server_transparent_data_encryption" "research" {
  server_id             = azurerm_mssql_server.pass_separate_tde_protector.id
  key_vault_key_id      = azurerm_key_vault_key.data.id
  auto_rotation_enabled = true
}

resource "azurerm_mssql_server" "fail_service_managed_tde" {
  name                         = "sql-clinical-dev"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "unknown_key_from_variable" {
  name                                         = "sql-clinical-shared"
  resource_group_name                          = azurerm_resource_group.data.name
  location                                     = azurerm_resource_group.data.location
  version                                      = "12.0"
  administrator_login                          = "sqladmin"
  administrator_login_password                 = var.sql_admin_password
  minimum_tls_version                          = "1.2"
  transparent_data_encryption_key_vault_key_id = var.key_vault_key_id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_mssql_database" "pass_own_key" {
  name                                         = "sqldb-patients"
  server_id                                    = azurerm_mssql_server.fail_service_managed_tde.id
  sku_name                                     = "S1"
  transparent_data_encryption_key_vault_key_id = azurerm_key_vault_key.data.id
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
}

# No key of its own: the database is encrypted with its server's TDE protector.
resource "azurerm_mssql_database" "pass_server_tde_protector" {
  name      = "sqldb-appointments"
  server_id = azurerm_mssql_server.pass_inline_tde_protector.id
  sku_name  = "S1"
}

# TDE off: the server's customer key encrypts nothing of this database.
resource "azurerm_mssql_database" "fail_tde_off_under_customer_keyed_server" {
  name                                = "sqldb-scratch"
  server_id                           = azurerm_mssql_server.pass_inline_tde_protector.id
  sku_name                            = "S1"
  transparent_data_encryption_enabled = false
}

resource "azurerm_mssql_database" "pass_server_separate_tde_protector" {
  name      = "sqldb-cohorts"
  server_id = azurerm_mssql_server.pass_separate_tde_protector.id
  sku_name  = "S1"
}

resource "azurerm_mssql_database" "fail_service_managed_tde" {
  name      = "sqldb-reporting"
  server_id = azurerm_mssql_server.fail_service_managed_tde.id
  sku_name  = "S1"
}

resource "azurerm_mssql_database" "unknown_key_from_variable" {
  name                                         = "sqldb-exports"
  server_id                                    = azurerm_mssql_server.fail_service_managed_tde.id
  sku_name                                     = "S1"
  transparent_data_encryption_key_vault_key_id = var.key_vault_key_id
}

resource "azurerm_mysql_flexible_server" "pass_customer_key" {
  name                   = "mysql-clinical"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  administrator_login    = "mysqladmin"
  administrator_password = var.sql_admin_password
  sku_name               = "GP_Standard_D2ds_v4"
  version                = "8.0.21"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
  customer_managed_key {
    key_vault_key_id                  = azurerm_key_vault_key.data.id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.data.id
  }
}

resource "azurerm_mysql_flexible_server" "fail_platform_keys" {
  name                   = "mysql-clinical-dev"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  administrator_login    = "mysqladmin"
  administrator_password = var.sql_admin_password
  sku_name               = "B_Standard_B1ms"
  version                = "8.0.21"
}

resource "azurerm_mysql_flexible_server" "unknown_key_from_variable" {
  name                   = "mysql-clinical-shared"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  administrator_login    = "mysqladmin"
  administrator_password = var.sql_admin_password
  sku_name               = "GP_Standard_D2ds_v4"
  version                = "8.0.21"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
  customer_managed_key {
    key_vault_key_id                  = var.key_vault_key_id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.data.id
  }
}

resource "azurerm_postgresql_flexible_server" "pass_customer_key" {
  name                          = "psql-clinical"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "16"
  administrator_login           = "psqladmin"
  administrator_password        = var.sql_admin_password
  sku_name                      = "GP_Standard_D2s_v3"
  storage_mb                    = 65536
  public_network_access_enabled = false
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
  customer_managed_key {
    key_vault_key_id                  = azurerm_key_vault_key.data.id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.data.id
  }
}

resource "azurerm_postgresql_flexible_server" "fail_platform_keys" {
  name                          = "psql-clinical-dev"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "16"
  administrator_login           = "psqladmin"
  administrator_password        = var.sql_admin_password
  sku_name                      = "B_Standard_B1ms"
  storage_mb                    = 32768
  public_network_access_enabled = false
}

resource "azurerm_postgresql_flexible_server" "unknown_key_from_variable" {
  name                          = "psql-clinical-shared"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "16"
  administrator_login           = "psqladmin"
  administrator_password        = var.sql_admin_password
  sku_name                      = "GP_Standard_D2s_v3"
  storage_mb                    = 65536
  public_network_access_enabled = false
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }
  customer_managed_key {
    key_vault_key_id                  = var.key_vault_key_id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.data.id
  }
}

resource "azurerm_storage_data_lake_gen2_filesystem" "synapse" {
  name               = "synapse"
  storage_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-clinical-data/providers/Microsoft.Storage/storageAccounts/stsynapseclinical"
}

resource "azurerm_synapse_workspace" "pass_customer_key" {
  name                                 = "synw-clinical"
  resource_group_name                  = azurerm_resource_group.data.name
  location                             = azurerm_resource_group.data.location
  storage_data_lake_gen2_filesystem_id = azurerm_storage_data_lake_gen2_filesystem.synapse.id
  sql_administrator_login              = "sqladminuser"
  sql_administrator_login_password     = var.sql_admin_password
  identity {
    type = "SystemAssigned"
  }
  customer_managed_key {
    key_versionless_id = azurerm_key_vault_key.data.versionless_id
    key_name           = "clinical-data"
  }
}

resource "azurerm_synapse_workspace" "fail_platform_keys" {
  name                                 = "synw-clinical-dev"
  resource_group_name                  = azurerm_resource_group.data.name
  location                             = azurerm_resource_group.data.location
  storage_data_lake_gen2_filesystem_id = azurerm_storage_data_lake_gen2_filesystem.synapse.id
  sql_administrator_login              = "sqladminuser"
  sql_administrator_login_password     = var.sql_admin_password
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_synapse_workspace" "unknown_key_from_variable" {
  name                                 = "synw-clinical-shared"
  resource_group_name                  = azurerm_resource_group.data.name
  location                             = azurerm_resource_group.data.location
  storage_data_lake_gen2_filesystem_id = azurerm_storage_data_lake_gen2_filesystem.synapse.id
  sql_administrator_login              = "sqladminuser"
  sql_administrator_login_password     = var.sql_admin_password
  identity {
    type = "SystemAssigned"
  }
  customer_managed_key {
    key_versionless_id = var.key_vault_key_id
    key_name           = "clinical-data"
  }
}

# azurerm_mssql_server_transparent_data_encryption without a key keeps the service-managed protector.
resource "azurerm_mssql_server" "fail_separate_service_managed_tde" {
  name                         = "sql-clinical-test"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server_transparent_data_encryption" "test" {
  server_id = azurerm_mssql_server.fail_separate_service_managed_tde.id
}

resource "azurerm_mssql_server" "unknown_separate_key_from_variable" {
  name                         = "sql-clinical-partners"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_mssql_server_transparent_data_encryption" "partners" {
  server_id        = azurerm_mssql_server.unknown_separate_key_from_variable.id
  key_vault_key_id = var.key_vault_key_id
}

resource "azurerm_mssql_database" "fail_server_separate_service_managed_tde" {
  name      = "sqldb-test"
  server_id = azurerm_mssql_server.fail_separate_service_managed_tde.id
  sku_name  = "S1"
}

# The server is managed elsewhere: its TDE protector, which this database uses, is not in this code.
resource "azurerm_mssql_database" "unknown_server_outside_configuration" {
  name      = "sqldb-partner-exchange"
  server_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.Sql/servers/sql-shared"
  sku_name  = "S1"
}
