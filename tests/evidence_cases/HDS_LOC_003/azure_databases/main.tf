# HDS_LOC_003 Azure databases: geo-redundant backups are copied to the paired region of the server's
# location (France Central -> France South, in the EEA; UK South -> UK West, outside it). Azure SQL
# databases keep Geo backup storage unless told otherwise; Cosmos DB keeps a replica in each
# geo_location and, with periodic backups, Geo-redundant backups by default.
provider "azurerm" {
  features {}
}

variable "geo_backups" {
  type = bool
}

variable "sql_backup_storage" {
  type = string
}

variable "existing_sql_server_id" {
  type = string
}

variable "cosmos_backup_redundancy" {
  type = string
}

variable "sql_admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "paris" {
  name     = "rg-hds-db-paris"
  location = "francecentral"
}

resource "azurerm_resource_group" "london" {
  name     = "rg-hds-db-london"
  location = "uksouth"
}

# --- PostgreSQL / MySQL flexible servers ---

resource "azurerm_postgresql_flexible_server" "pass_geo_backups_france_central" {
  name                          = "psql-hds-records"
  resource_group_name           = azurerm_resource_group.paris.name
  location                      = azurerm_resource_group.paris.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  storage_mb                    = 131072
  backup_retention_days         = 14
  geo_redundant_backup_enabled  = true
  public_network_access_enabled = false
  administrator_login           = "records_admin"
  administrator_password        = var.sql_admin_password
}

resource "azurerm_postgresql_flexible_server" "fail_geo_backups_uk_south" {
  name                         = "psql-hds-uk"
  resource_group_name          = azurerm_resource_group.london.name
  location                     = azurerm_resource_group.london.location
  version                      = "16"
  sku_name                     = "GP_Standard_D2ds_v5"
  storage_mb                   = 65536
  geo_redundant_backup_enabled = true
  administrator_login          = "records_admin"
  administrator_password       = var.sql_admin_password
}

resource "azurerm_postgresql_flexible_server" "unknown_geo_backups_from_variable" {
  name                         = "psql-hds-imaging"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  version                      = "16"
  sku_name                     = "GP_Standard_D2ds_v5"
  storage_mb                   = 65536
  geo_redundant_backup_enabled = var.geo_backups
  administrator_login          = "records_admin"
  administrator_password       = var.sql_admin_password
}

resource "azurerm_postgresql_flexible_server" "none_local_backups" {
  name                   = "psql-hds-scratch"
  resource_group_name    = azurerm_resource_group.paris.name
  location               = azurerm_resource_group.paris.location
  version                = "16"
  sku_name               = "B_Standard_B1ms"
  storage_mb             = 32768
  administrator_login    = "records_admin"
  administrator_password = var.sql_admin_password
}

resource "azurerm_mysql_flexible_server" "pass_geo_backups_france_central" {
  name                         = "mysql-hds-appointments"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  version                      = "8.0.21"
  sku_name                     = "GP_Standard_D2ds_v4"
  backup_retention_days        = 14
  geo_redundant_backup_enabled = true
  administrator_login          = "appointments_admin"
  administrator_password       = var.sql_admin_password
}

resource "azurerm_mysql_flexible_server" "fail_geo_backups_uk_south" {
  name                         = "mysql-hds-uk"
  resource_group_name          = azurerm_resource_group.london.name
  location                     = azurerm_resource_group.london.location
  version                      = "8.0.21"
  sku_name                     = "GP_Standard_D2ds_v4"
  geo_redundant_backup_enabled = true
  administrator_login          = "appointments_admin"
  administrator_password       = var.sql_admin_password
}

resource "azurerm_mysql_flexible_server" "unknown_geo_backups_from_variable" {
  name                         = "mysql-hds-imaging"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  version                      = "8.0.21"
  sku_name                     = "GP_Standard_D2ds_v4"
  geo_redundant_backup_enabled = var.geo_backups
  administrator_login          = "appointments_admin"
  administrator_password       = var.sql_admin_password
}

resource "azurerm_mysql_flexible_server" "none_local_backups" {
  name                         = "mysql-hds-scratch"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  version                      = "8.0.21"
  sku_name                     = "B_Standard_B1ms"
  geo_redundant_backup_enabled = false
  administrator_login          = "appointments_admin"
  administrator_password       = var.sql_admin_password
}

# --- PostgreSQL / MySQL single servers (retired service, still in older estates) ---

resource "azurerm_postgresql_server" "pass_geo_backups_france_central" {
  name                             = "psqls-hds-legacy"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  storage_mb                       = 102400
  backup_retention_days            = 14
  geo_redundant_backup_enabled     = true
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_postgresql_server" "fail_geo_backups_uk_south" {
  name                             = "psqls-hds-uk"
  resource_group_name              = azurerm_resource_group.london.name
  location                         = azurerm_resource_group.london.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  storage_mb                       = 102400
  geo_redundant_backup_enabled     = true
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_postgresql_server" "unknown_geo_backups_from_variable" {
  name                             = "psqls-hds-imaging"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  storage_mb                       = 102400
  geo_redundant_backup_enabled     = var.geo_backups
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_postgresql_server" "none_local_backups" {
  name                             = "psqls-hds-scratch"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "B_Gen5_1"
  version                          = "11"
  storage_mb                       = 5120
  geo_redundant_backup_enabled     = false
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_mysql_server" "pass_geo_backups_france_central" {
  name                             = "mysqls-hds-legacy"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  storage_mb                       = 102400
  backup_retention_days            = 14
  geo_redundant_backup_enabled     = true
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_mysql_server" "fail_geo_backups_uk_south" {
  name                             = "mysqls-hds-uk"
  resource_group_name              = azurerm_resource_group.london.name
  location                         = azurerm_resource_group.london.location
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  storage_mb                       = 102400
  geo_redundant_backup_enabled     = true
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_mysql_server" "unknown_geo_backups_from_variable" {
  name                             = "mysqls-hds-imaging"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  storage_mb                       = 102400
  geo_redundant_backup_enabled     = var.geo_backups
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

resource "azurerm_mysql_server" "none_local_backups" {
  name                             = "mysqls-hds-scratch"
  resource_group_name              = azurerm_resource_group.paris.name
  location                         = azurerm_resource_group.paris.location
  sku_name                         = "B_Gen5_1"
  version                          = "8.0"
  storage_mb                       = 5120
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
  administrator_login              = "legacy_admin"
  administrator_login_password     = var.sql_admin_password
}

# --- Azure SQL ---

resource "azurerm_mssql_server" "paris" {
  name                         = "sql-hds-paris"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  version                      = "12.0"
  administrator_login          = "sql_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "london" {
  name                         = "sql-hds-london"
  resource_group_name          = azurerm_resource_group.london.name
  location                     = azurerm_resource_group.london.location
  version                      = "12.0"
  administrator_login          = "sql_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

# storage_account_type defaults to Geo.
resource "azurerm_mssql_database" "pass_default_geo_backups_france_central" {
  name      = "records"
  server_id = azurerm_mssql_server.paris.id
  sku_name  = "S1"
}

resource "azurerm_mssql_database" "fail_geo_backups_uk_south" {
  name                 = "records-uk"
  server_id            = azurerm_mssql_server.london.id
  sku_name             = "S1"
  storage_account_type = "GeoZone"
}

resource "azurerm_mssql_database" "unknown_backup_storage_from_variable" {
  name                 = "imaging"
  server_id            = azurerm_mssql_server.paris.id
  sku_name             = "S1"
  storage_account_type = var.sql_backup_storage
}

resource "azurerm_mssql_database" "unknown_server_not_in_configuration" {
  name      = "reports"
  server_id = var.existing_sql_server_id
  sku_name  = "S0"
}

resource "azurerm_mssql_database" "none_zone_backups" {
  name                 = "scratch"
  server_id            = azurerm_mssql_server.paris.id
  sku_name             = "S0"
  storage_account_type = "Zone"
}

resource "azurerm_virtual_network" "sqlmi" {
  name                = "vnet-hds-sqlmi"
  resource_group_name = azurerm_resource_group.paris.name
  location            = azurerm_resource_group.paris.location
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "sqlmi" {
  name                 = "snet-sqlmi"
  resource_group_name  = azurerm_resource_group.paris.name
  virtual_network_name = azurerm_virtual_network.sqlmi.name
  address_prefixes     = ["10.10.1.0/24"]
}

# storage_account_type defaults to GRS.
resource "azurerm_mssql_managed_instance" "pass_default_grs_france_central" {
  name                         = "sqlmi-hds-paris"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 256
  subnet_id                    = azurerm_subnet.sqlmi.id
  vcores                       = 8
  administrator_login          = "sqlmi_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_managed_instance" "fail_grs_uk_south" {
  name                         = "sqlmi-hds-london"
  resource_group_name          = azurerm_resource_group.london.name
  location                     = azurerm_resource_group.london.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 256
  subnet_id                    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hds-db-london/providers/Microsoft.Network/virtualNetworks/vnet-hds-sqlmi/subnets/snet-sqlmi"
  vcores                       = 8
  storage_account_type         = "GRS"
  administrator_login          = "sqlmi_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_managed_instance" "unknown_backup_storage_from_variable" {
  name                         = "sqlmi-hds-imaging"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 256
  subnet_id                    = azurerm_subnet.sqlmi.id
  vcores                       = 8
  storage_account_type         = var.sql_backup_storage
  administrator_login          = "sqlmi_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_managed_instance" "none_zrs_backups" {
  name                         = "sqlmi-hds-scratch"
  resource_group_name          = azurerm_resource_group.paris.name
  location                     = azurerm_resource_group.paris.location
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 32
  subnet_id                    = azurerm_subnet.sqlmi.id
  vcores                       = 4
  storage_account_type         = "ZRS"
  administrator_login          = "sqlmi_admin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.2"
}

# --- Cosmos DB ---

resource "azurerm_cosmosdb_account" "pass_replica_germany_geo_backups" {
  name                = "cosmos-hds-records"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
  geo_location {
    location          = "germanywestcentral"
    failover_priority = 1
  }
}

resource "azurerm_cosmosdb_account" "fail_replica_east_us" {
  name                = "cosmos-hds-global"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
  geo_location {
    location          = "eastus"
    failover_priority = 1
  }
  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}

resource "azurerm_cosmosdb_account" "unknown_backup_redundancy_from_variable" {
  name                = "cosmos-hds-imaging"
  location            = azurerm_resource_group.paris.location
  resource_group_name = azurerm_resource_group.paris.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }
  backup {
    type                = "Periodic"
    interval_in_minutes = 240
    retention_in_hours  = 8
    storage_redundancy  = var.cosmos_backup_redundancy
  }
}
