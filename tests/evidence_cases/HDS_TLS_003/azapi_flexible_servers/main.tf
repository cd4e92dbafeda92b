# HDS_TLS_003 on PostgreSQL/MySQL flexible servers created through azapi: require_secure_transport is
# a server parameter (ON by default), set by a child resource of type <server type>/configurations.
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

resource "azapi_resource" "pass_postgresql_default_secure_transport" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-default-secure-transport-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "pass_postgresql_secure_transport_on" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-secure-transport-on-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_secure_transport_on_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "require_secure_transport"
  parent_id = azapi_resource.pass_postgresql_secure_transport_on.id
  body = {
    properties = { value = "ON", source = "user-override" }
  }
}

resource "azapi_resource" "fail_postgresql_secure_transport_off" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-secure-transport-off-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_secure_transport_off_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "require_secure_transport"
  parent_id = azapi_resource.fail_postgresql_secure_transport_off.id
  body = {
    properties = { value = "OFF", source = "user-override" }
  }
}

resource "azapi_resource" "unknown_postgresql_secure_transport_from_variable" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-secure-transport-from-variable-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "postgresql_secure_transport_from_variable_parameter" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "require_secure_transport"
  parent_id = azapi_resource.unknown_postgresql_secure_transport_from_variable.id
  body = {
    properties = { value = var.parameter_value, source = "user-override" }
  }
}

resource "azapi_resource" "pass_mysql_default_secure_transport" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-default-secure-transport-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "pass_mysql_secure_transport_on" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-secure-transport-on-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_secure_transport_on_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "require_secure_transport"
  parent_id = azapi_resource.pass_mysql_secure_transport_on.id
  body = {
    properties = { value = "ON", source = "user-override" }
  }
}

resource "azapi_resource" "fail_mysql_secure_transport_off" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-secure-transport-off-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_secure_transport_off_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "require_secure_transport"
  parent_id = azapi_resource.fail_mysql_secure_transport_off.id
  body = {
    properties = { value = "OFF", source = "user-override" }
  }
}

resource "azapi_resource" "unknown_mysql_secure_transport_from_variable" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-secure-transport-from-variable-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = { version = "8.0.21" }
  }
}

resource "azapi_resource" "mysql_secure_transport_from_variable_parameter" {
  type      = "Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30"
  name      = "require_secure_transport"
  parent_id = azapi_resource.unknown_mysql_secure_transport_from_variable.id
  body = {
    properties = { value = var.parameter_value, source = "user-override" }
  }
}
