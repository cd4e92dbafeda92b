# HDS_LOC_003 on azapi flexible servers: geo-redundant backups (properties.backup.geoRedundantBackup
# "Enabled") are copied to the Azure paired region of the server's location.
provider "azapi" {}

provider "azurerm" {
  features {}
}

variable "geo_backup" {
  type = string
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

resource "azapi_resource" "pass_postgresql_geo_backups_france_central" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version = "16"
      backup  = { backupRetentionDays = 14, geoRedundantBackup = "Enabled" }
    }
  }
}

resource "azapi_resource" "fail_postgresql_geo_backups_uk_south" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-records-uk"
  location  = "uksouth"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version = "16"
      backup  = { geoRedundantBackup = "Enabled" }
    }
  }
}

resource "azapi_resource" "unknown_postgresql_geo_backups_from_variable" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v5", tier = "GeneralPurpose" }
    properties = {
      version = "16"
      backup  = { geoRedundantBackup = var.geo_backup }
    }
  }
}

resource "azapi_resource" "none_postgresql_local_backups" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "psql-scratch-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku        = { name = "Standard_B1ms", tier = "Burstable" }
    properties = { version = "16" }
  }
}

resource "azapi_resource" "pass_mysql_geo_backups_france_central" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version = "8.0.21"
      backup  = { backupRetentionDays = 7, geoRedundantBackup = "Enabled" }
    }
  }
}

resource "azapi_resource" "fail_mysql_geo_backups_uk_south" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-records-uk"
  location  = "uksouth"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version = "8.0.21"
      backup  = { geoRedundantBackup = "Enabled" }
    }
  }
}

resource "azapi_resource" "unknown_mysql_geo_backups_from_variable" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "mysql-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      version = "8.0.21"
      backup  = { geoRedundantBackup = var.geo_backup }
    }
  }
}
