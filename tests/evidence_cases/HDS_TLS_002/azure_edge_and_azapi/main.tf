# HDS_TLS_002 Azure API Management, CDN / Front Door custom domains and azapi resources: TLS 1.2 at least.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    azapi   = { source = "Azure/azapi" }
  }
}

provider "azurerm" {
  features {}
}

variable "minimum_tls_version" {
  type = string
}

variable "legacy_clients" {
  type = bool
}

resource "azurerm_resource_group" "edge" {
  name     = "rg-records-edge"
  location = "francecentral"
}

# --- API Management ----------------------------------------------------------------------------

resource "azurerm_api_management" "pass_protocol_defaults" {
  name                = "apim-records-default"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location
  publisher_name      = "Hopital"
  publisher_email     = "dsi@example.fr"
  sku_name            = "Developer_1"
}

resource "azurerm_api_management" "fail_frontend_tls10" {
  name                = "apim-records-tls10"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location
  publisher_name      = "Hopital"
  publisher_email     = "dsi@example.fr"
  sku_name            = "Developer_1"

  security {
    frontend_tls10_enabled = true
  }
}

resource "azurerm_api_management" "unknown_backend_tls11_from_variable" {
  name                = "apim-records-var"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location
  publisher_name      = "Hopital"
  publisher_email     = "dsi@example.fr"
  sku_name            = "Developer_1"

  security {
    backend_tls11_enabled = var.legacy_clients
  }
}

# --- CDN endpoint custom domains ---------------------------------------------------------------

resource "azurerm_cdn_profile" "portal" {
  name                = "cdn-portal"
  resource_group_name = azurerm_resource_group.edge.name
  location            = "global"
  sku                 = "Standard_Microsoft"
}

resource "azurerm_cdn_endpoint" "portal" {
  name                = "cdn-portal"
  profile_name        = azurerm_cdn_profile.portal.name
  resource_group_name = azurerm_resource_group.edge.name
  location            = "global"
  is_http_allowed     = false

  origin {
    name      = "portal"
    host_name = "portal-origin.example.fr"
  }
}

resource "azurerm_cdn_endpoint_custom_domain" "pass_cdn_managed_tls12" {
  name            = "portal"
  cdn_endpoint_id = azurerm_cdn_endpoint.portal.id
  host_name       = "portal.example.fr"

  cdn_managed_https {
    certificate_type = "Dedicated"
    protocol_type    = "ServerNameIndication"
    tls_version      = "TLS12"
  }
}

resource "azurerm_cdn_endpoint_custom_domain" "fail_cdn_managed_tls10" {
  name            = "records"
  cdn_endpoint_id = azurerm_cdn_endpoint.portal.id
  host_name       = "records.example.fr"

  cdn_managed_https {
    certificate_type = "Dedicated"
    protocol_type    = "ServerNameIndication"
    tls_version      = "TLS10"
  }
}

resource "azurerm_cdn_endpoint_custom_domain" "unknown_tls_from_variable" {
  name            = "rdv"
  cdn_endpoint_id = azurerm_cdn_endpoint.portal.id
  host_name       = "rdv.example.fr"

  user_managed_https {
    key_vault_secret_id = "https://kv-edge.vault.azure.net/secrets/rdv/0123456789abcdef"
    tls_version         = var.minimum_tls_version
  }
}

# --- Front Door custom domains -----------------------------------------------------------------

resource "azurerm_cdn_frontdoor_profile" "portal" {
  name                = "afd-portal"
  resource_group_name = azurerm_resource_group.edge.name
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_custom_domain" "pass_tls12_default" {
  name                     = "portal"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.portal.id
  host_name                = "portal.example.fr"

  tls {
    certificate_type = "ManagedCertificate"
  }
}

resource "azurerm_cdn_frontdoor_custom_domain" "fail_tls10" {
  name                     = "records"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.portal.id
  host_name                = "records.example.fr"

  tls {
    certificate_type    = "ManagedCertificate"
    minimum_tls_version = "TLS10"
  }
}

resource "azurerm_cdn_frontdoor_custom_domain" "unknown_tls_from_variable" {
  name                     = "rdv"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.portal.id
  host_name                = "rdv.example.fr"

  tls {
    certificate_type    = "ManagedCertificate"
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azapi: storage, SQL, Cosmos DB, Redis, App Service ----------------------------------------

resource "azapi_resource" "pass_storage_tls12" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordstls12"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      minimumTlsVersion = "TLS1_2"
    }
  }
}

resource "azapi_resource" "fail_storage_tls10" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordstls10"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      minimumTlsVersion = "TLS1_0"
    }
  }
}

resource "azapi_resource" "unknown_storage_tls_from_variable" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordstlsvar"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      minimumTlsVersion = var.minimum_tls_version
    }
  }
}

resource "azapi_resource" "pass_sql_tls12_default" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-api-records-default"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      administrators = {
        administratorType         = "ActiveDirectory"
        azureADOnlyAuthentication = true
        login                     = "dba-group"
        sid                       = "00000000-0000-0000-0000-000000000001"
        tenantId                  = "00000000-0000-0000-0000-000000000002"
      }
    }
  }
}

resource "azapi_resource" "fail_sql_tls11" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-api-records-tls11"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      minimalTlsVersion = "1.1"
    }
  }
}

resource "azapi_resource" "unknown_sql_tls_from_variable" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "sql-api-records-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      minimalTlsVersion = var.minimum_tls_version
    }
  }
}

resource "azapi_resource" "pass_cosmos_tls12" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-api-records-tls12"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      minimalTlsVersion        = "Tls12"
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "fail_cosmos_tls10" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-api-records-tls10"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      minimalTlsVersion        = "Tls"
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "unknown_cosmos_tls_from_variable" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "cosmos-api-records-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      minimalTlsVersion        = var.minimum_tls_version
      locations                = [{ locationName = "francecentral", failoverPriority = 0 }]
    }
  }
}

resource "azapi_resource" "pass_redis_tls12_default" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-records-default"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      sku = { name = "Standard", family = "C", capacity = 1 }
    }
  }
}

resource "azapi_resource" "fail_redis_tls10" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-records-tls10"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      sku               = { name = "Standard", family = "C", capacity = 1 }
      minimumTlsVersion = "1.0"
    }
  }
}

resource "azapi_resource" "unknown_redis_tls_from_variable" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-records-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    properties = {
      sku               = { name = "Standard", family = "C", capacity = 1 }
      minimumTlsVersion = var.minimum_tls_version
    }
  }
}

resource "azapi_resource" "pass_site_tls12" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-records-tls12"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-edge/providers/Microsoft.Web/serverFarms/plan-linux"
      httpsOnly    = true
      siteConfig   = { minTlsVersion = "1.2" }
    }
  }
}

resource "azapi_resource" "fail_site_tls11" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-records-tls11"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-edge/providers/Microsoft.Web/serverFarms/plan-linux"
      httpsOnly    = true
      siteConfig   = { minTlsVersion = "1.1" }
    }
  }
}

resource "azapi_resource" "unknown_site_tls_from_variable" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-records-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.edge.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records-edge/providers/Microsoft.Web/serverFarms/plan-linux"
      httpsOnly    = true
      siteConfig   = { minTlsVersion = var.minimum_tls_version }
    }
  }
}
