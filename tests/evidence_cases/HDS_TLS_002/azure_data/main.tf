# HDS_TLS_002 Azure databases, caches, messaging and storage: minimum TLS version 1.2.
provider "azurerm" {
  features {}
}

variable "minimum_tls_version" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "data" {
  name     = "rg-records-data"
  location = "francecentral"
}

# --- Storage accounts --------------------------------------------------------------------------

resource "azurerm_storage_account" "pass_tls12_default" {
  name                     = "strecordstls12"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = azurerm_resource_group.data.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "fail_tls10" {
  name                     = "strecordstls10"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = azurerm_resource_group.data.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_0"
}

resource "azurerm_storage_account" "unknown_tls_from_variable" {
  name                     = "strecordstlsvar"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = azurerm_resource_group.data.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = var.minimum_tls_version
}

# --- Azure SQL ---------------------------------------------------------------------------------

resource "azurerm_mssql_server" "pass_tls12" {
  name                         = "sql-records-tls12"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "fail_tls11" {
  name                         = "sql-records-tls11"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = "1.1"
}

resource "azurerm_mssql_server" "unknown_tls_from_variable" {
  name                         = "sql-records-tlsvar"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = var.minimum_tls_version
}

resource "azurerm_mssql_managed_instance" "pass_tls12_default" {
  name                         = "sqlmi-records-tls12"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 32
  subnet_id                    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-data/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-sqlmi"
  vcores                       = 4
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
}

resource "azurerm_mssql_managed_instance" "fail_tls10" {
  name                         = "sqlmi-records-tls10"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 32
  subnet_id                    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-data/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-sqlmi"
  vcores                       = 4
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = "1.0"
}

resource "azurerm_mssql_managed_instance" "unknown_tls_from_variable" {
  name                         = "sqlmi-records-tlsvar"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 32
  subnet_id                    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-data/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-sqlmi"
  vcores                       = 4
  administrator_login          = "sqladmin"
  administrator_login_password = var.admin_password
  minimum_tls_version          = var.minimum_tls_version
}

# --- Azure Cache for Redis ---------------------------------------------------------------------

resource "azurerm_redis_cache" "pass_tls12_default" {
  name                = "redis-records-tls12"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "fail_tls10" {
  name                = "redis-records-tls10"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.0"
}

resource "azurerm_redis_cache" "unknown_tls_from_variable" {
  name                = "redis-records-tlsvar"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.minimum_tls_version
}

# --- Cosmos DB ---------------------------------------------------------------------------------

resource "azurerm_cosmosdb_account" "pass_tls12" {
  name                = "cosmos-records-tls12"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  offer_type          = "Standard"
  minimal_tls_version = "Tls12"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "fail_tls11" {
  name                = "cosmos-records-tls11"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  offer_type          = "Standard"
  minimal_tls_version = "Tls11"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "unknown_tls_from_variable" {
  name                = "cosmos-records-tlsvar"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  offer_type          = "Standard"
  minimal_tls_version = var.minimum_tls_version

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
}

# --- Event Hubs and Service Bus ----------------------------------------------------------------

resource "azurerm_eventhub_namespace" "pass_tls12_default" {
  name                = "evh-records-tls12"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  capacity            = 1
}

resource "azurerm_eventhub_namespace" "fail_tls11" {
  name                = "evh-records-tls11"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  capacity            = 1
  minimum_tls_version = "1.1"
}

resource "azurerm_eventhub_namespace" "unknown_tls_from_variable" {
  name                = "evh-records-tlsvar"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  capacity            = 1
  minimum_tls_version = var.minimum_tls_version
}

resource "azurerm_servicebus_namespace" "pass_tls12" {
  name                = "sb-records-tls12"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  minimum_tls_version = "1.2"
}

resource "azurerm_servicebus_namespace" "fail_tls10" {
  name                = "sb-records-tls10"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  minimum_tls_version = "1.0"
}

resource "azurerm_servicebus_namespace" "unknown_tls_from_variable" {
  name                = "sb-records-tlsvar"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  sku                 = "Standard"
  minimum_tls_version = var.minimum_tls_version
}

# --- PostgreSQL / MySQL single servers ---------------------------------------------------------

resource "azurerm_postgresql_server" "pass_tls12" {
  name                             = "psql-records-tls12"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "psqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_postgresql_server" "fail_tls_enforcement_disabled" {
  name                             = "psql-records-notls"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "psqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = false
  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"
}

resource "azurerm_postgresql_server" "unknown_tls_from_variable" {
  name                             = "psql-records-tlsvar"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "psqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = var.minimum_tls_version
}

resource "azurerm_mysql_server" "pass_tls12_default" {
  name                         = "mysql-records-tls12"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = true
}

resource "azurerm_mysql_server" "fail_tls11" {
  name                             = "mysql-records-tls11"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  administrator_login              = "mysqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_1"
}

resource "azurerm_mysql_server" "unknown_tls_from_variable" {
  name                             = "mysql-records-tlsvar"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  administrator_login              = "mysqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = var.minimum_tls_version
}

# --- PostgreSQL / MySQL flexible servers: server parameters ------------------------------------

resource "azurerm_postgresql_flexible_server" "pass_tls12_default" {
  name                   = "psqlf-records-default"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server" "fail_tls10_parameter" {
  name                   = "psqlf-records-tls10"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "tls10" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.fail_tls10_parameter.id
  value     = "TLSv1"
}

resource "azurerm_postgresql_flexible_server" "pass_tls13_parameter" {
  name                   = "psqlf-records-tls13"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "tls13" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.pass_tls13_parameter.id
  value     = "TLSv1.3"
}

resource "azurerm_postgresql_flexible_server" "unknown_tls_parameter_from_variable" {
  name                   = "psqlf-records-tlsvar"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "tls_from_variable" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.unknown_tls_parameter_from_variable.id
  value     = var.minimum_tls_version
}

resource "azurerm_mysql_flexible_server" "pass_tls12_default" {
  name                   = "mysqlf-records-default"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server" "fail_tls11_admitted" {
  name                   = "mysqlf-records-tls11"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "tls11" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.data.name
  server_name         = azurerm_mysql_flexible_server.fail_tls11_admitted.name
  value               = "TLSv1.1,TLSv1.2"
}

resource "azurerm_mysql_flexible_server" "unknown_tls_parameter_from_variable" {
  name                   = "mysqlf-records-tlsvar"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "tls_from_variable" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.data.name
  server_name         = azurerm_mysql_flexible_server.unknown_tls_parameter_from_variable.name
  value               = var.minimum_tls_version
}
