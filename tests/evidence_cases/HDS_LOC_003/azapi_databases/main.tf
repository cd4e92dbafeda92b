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

# Cosmos DB through azapi: each properties.locations entry holds a replica; the default backup policy
# (periodic, Geo redundancy) copies backups to the paired region.
variable "cosmos_locations" {
  type = list(object({ locationName = string, failoverPriority = number }))
}

resource "azapi_resource" "pass_cosmos_replica_germany_geo_backups" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-records-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      locations = [
        { locationName = "francecentral", failoverPriority = 0 },
        { locationName = "germanywestcentral", failoverPriority = 1 },
      ]
    }
  }
}

resource "azapi_resource" "fail_cosmos_replica_east_us" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-global-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      locations = [
        { locationName = "francecentral", failoverPriority = 0 },
        { locationName = "eastus", failoverPriority = 1 },
      ]
      backupPolicy = { type = "Continuous", continuousModeProperties = { tier = "Continuous7Days" } }
    }
  }
}

resource "azapi_resource" "unknown_cosmos_locations_from_variable" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-imaging-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      locations                = var.cosmos_locations
      backupPolicy = {
        type                   = "Periodic"
        periodicModeProperties = { backupStorageRedundancy = "Local" }
      }
    }
  }
}

resource "azapi_resource" "none_cosmos_single_region_local_backups" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-scratch-hds"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      backupPolicy = {
        type                   = "Periodic"
        periodicModeProperties = { backupStorageRedundancy = "Local" }
      }
    }
  }
}
