# HDS_TLS_003 Azure Database for PostgreSQL / MySQL and Cloud SQL: the server refuses connections without TLS.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    google  = { source = "hashicorp/google" }
  }
}

provider "azurerm" {
  features {}
}

provider "google" {
  project = "hds-records"
  region  = "europe-west9"
}

variable "ssl_enforcement" {
  type = bool
}

variable "require_secure_transport" {
  type = string
}

variable "ssl_mode" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "data" {
  name     = "rg-records-db"
  location = "francecentral"
}

# --- single servers ----------------------------------------------------------------------------

resource "azurerm_postgresql_server" "pass_ssl_enforced" {
  name                             = "psql-records-tls"
  resource_group_name              = azurerm_resource_group.data.name
  location                         = azurerm_resource_group.data.location
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  administrator_login              = "psqladmin"
  administrator_login_password     = var.admin_password
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_postgresql_server" "fail_ssl_not_enforced" {
  name                         = "psql-records-plain"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "psqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = false
}

resource "azurerm_postgresql_server" "unknown_ssl_from_variable" {
  name                         = "psql-records-var"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "11"
  administrator_login          = "psqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = var.ssl_enforcement
}

resource "azurerm_mysql_server" "pass_ssl_enforced" {
  name                         = "mysql-records-tls"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = true
}

resource "azurerm_mysql_server" "fail_ssl_not_enforced" {
  name                         = "mysql-records-plain"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = false
}

resource "azurerm_mysql_server" "unknown_ssl_from_variable" {
  name                         = "mysql-records-var"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  sku_name                     = "GP_Gen5_2"
  version                      = "8.0"
  administrator_login          = "mysqladmin"
  administrator_login_password = var.admin_password
  ssl_enforcement_enabled      = var.ssl_enforcement
}

# --- flexible servers: require_secure_transport server parameter -------------------------------

resource "azurerm_postgresql_flexible_server" "pass_secure_transport_default" {
  name                   = "psqlf-records-default"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server" "fail_secure_transport_off" {
  name                   = "psqlf-records-plain"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "secure_transport_off" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.fail_secure_transport_off.id
  value     = "off"
}

resource "azurerm_postgresql_flexible_server" "unknown_secure_transport_from_variable" {
  name                   = "psqlf-records-var"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 32768
  administrator_login    = "psqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "secure_transport_from_variable" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.unknown_secure_transport_from_variable.id
  value     = var.require_secure_transport
}

resource "azurerm_mysql_flexible_server" "pass_secure_transport_on" {
  name                   = "mysqlf-records-tls"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "secure_transport_on" {
  name                = "require_secure_transport"
  resource_group_name = azurerm_resource_group.data.name
  server_name         = azurerm_mysql_flexible_server.pass_secure_transport_on.name
  value               = "ON"
}

resource "azurerm_mysql_flexible_server" "fail_secure_transport_off" {
  name                   = "mysqlf-records-plain"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "secure_transport_off" {
  name                = "require_secure_transport"
  resource_group_name = azurerm_resource_group.data.name
  server_name         = azurerm_mysql_flexible_server.fail_secure_transport_off.name
  value               = "OFF"
}

resource "azurerm_mysql_flexible_server" "unknown_secure_transport_from_variable" {
  name                   = "mysqlf-records-var"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  version                = "8.0.21"
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "secure_transport_from_variable" {
  name                = "require_secure_transport"
  resource_group_name = azurerm_resource_group.data.name
  server_name         = azurerm_mysql_flexible_server.unknown_secure_transport_from_variable.name
  value               = var.require_secure_transport
}

# --- Cloud SQL ---------------------------------------------------------------------------------

resource "google_sql_database_instance" "pass_encrypted_only" {
  name             = "records-pg-tls"
  database_version = "POSTGRES_16"
  region           = "europe-west9"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "pass_legacy_require_ssl" {
  name             = "records-mysql-tls"
  database_version = "MYSQL_8_0"
  region           = "europe-west9"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = false
      require_ssl  = true
    }
  }
}

resource "google_sql_database_instance" "fail_ssl_mode_default" {
  name             = "records-pg-plain"
  database_version = "POSTGRES_16"
  region           = "europe-west9"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = false
    }
  }
}

resource "google_sql_database_instance" "unknown_ssl_mode_from_variable" {
  name             = "records-pg-var"
  database_version = "POSTGRES_16"
  region           = "europe-west9"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = var.ssl_mode
    }
  }
}
