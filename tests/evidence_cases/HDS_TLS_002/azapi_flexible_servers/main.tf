# HDS_TLS_002 on PostgreSQL/MySQL flexible servers created through azapi: the minimum TLS version is
# a server parameter, set by a child resource of type <server type>/configurations.
provider "azapi" {}

provider "azurerm" {
  features {}
}

variable "parameter_value" {
  type = string
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

resource "azapi_resource" "pass_postgresql_default_minimum" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-default-minimum-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "pass_postgresql_tls12_minimum" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-tls12-minimum-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_tls12_minimum_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "ssl_min_protocol_version"
  parent_id = azapi_resource.pass_postgresql_tls12_minimum.id
  body = {
    properties = { value = "TLSv1.2", source = "user-override" }
  }
}

resource "azapi_resource" "fail_postgresql_tls11_admitted" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-tls11-admitted-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_tls11_admitted_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "ssl_min_protocol_version"
  parent_id = azapi_resource.fail_postgresql_tls11_admitted.id
  body = {
    properties = { value = "TLSv1.1", source = "user-override" }
  }
}

resource "azapi_resource" "unknown_postgresql_minimum_from_variable" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-minimum-from-variable-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_minimum_from_variable_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "ssl_min_protocol_version"
  parent_id = azapi_resource.unknown_postgresql_minimum_from_variable.id
  body = {
    properties = { value = var.parameter_value, source = "user-override" }
  }
}

resource "azapi_resource" "pass_mysql_default_minimum" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-default-minimum-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "pass_mysql_tls12_minimum" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-tls12-minimum-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_tls12_minimum_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "tls_version"
  parent_id = azapi_resource.pass_mysql_tls12_minimum.id
  body = {
    properties = { value = "TLSv1.2", source = "user-override" }
  }
}

resource "azapi_resource" "fail_mysql_tls11_admitted" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-tls11-admitted-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_tls11_admitted_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "tls_version"
  parent_id = azapi_resource.fail_mysql_tls11_admitted.id
  body = {
    properties = { value = "TLSv1.1,TLSv1.2", source = "user-override" }
  }
}

resource "azapi_resource" "unknown_mysql_minimum_from_variable" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-minimum-from-variable-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_minimum_from_variable_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "tls_version"
  parent_id = azapi_resource.unknown_mysql_minimum_from_variable.id
  body = {
    properties = { value = var.parameter_value, source = "user-override" }
  }
}
