# HDS_TLS_001 Azure storage, Redis, gateways, CDN / Front Door and API Management backends: no plain HTTP.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    azapi   = { source = "Azure/azapi" }
  }
}

provider "azurerm" {
  features {}
}

variable "https_traffic_only" {
  type = bool
}

variable "non_ssl_port" {
  type = bool
}

variable "listener_protocol" {
  type = string
}

variable "http_allowed" {
  type = bool
}

variable "forwarding_protocol" {
  type = string
}

variable "backend_url" {
  type = string
}

resource "azurerm_resource_group" "records" {
  name     = "rg-records"
  location = "francecentral"
}

# --- Storage accounts --------------------------------------------------------------------------

resource "azurerm_storage_account" "pass_https_only_default" {
  name                     = "strecordsdefault"
  resource_group_name      = azurerm_resource_group.records.name
  location                 = azurerm_resource_group.records.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "fail_http_allowed" {
  name                       = "strecordshttp"
  resource_group_name        = azurerm_resource_group.records.name
  location                   = azurerm_resource_group.records.location
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "unknown_https_from_variable" {
  name                       = "strecordsvar"
  resource_group_name        = azurerm_resource_group.records.name
  location                   = azurerm_resource_group.records.location
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = var.https_traffic_only
}

resource "azapi_resource" "pass_storage_https_only" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordstls"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      supportsHttpsTrafficOnly = true
      minimumTlsVersion        = "TLS1_2"
    }
  }
}

resource "azapi_resource" "fail_storage_http_allowed" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordshttp"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      supportsHttpsTrafficOnly = false
    }
  }
}

resource "azapi_resource" "unknown_storage_https_from_variable" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapirecordsvar"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_ZRS" }
    properties = {
      supportsHttpsTrafficOnly = var.https_traffic_only
    }
  }
}

# --- Azure Cache for Redis ---------------------------------------------------------------------

resource "azurerm_redis_cache" "pass_tls_port_only" {
  name                = "redis-sessions-tls"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "fail_non_ssl_port_open" {
  name                 = "redis-sessions-plain"
  resource_group_name  = azurerm_resource_group.records.name
  location             = azurerm_resource_group.records.location
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true
}

resource "azurerm_redis_cache" "unknown_non_ssl_port_from_variable" {
  name                 = "redis-sessions-var"
  resource_group_name  = azurerm_resource_group.records.name
  location             = azurerm_resource_group.records.location
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = var.non_ssl_port
}

resource "azapi_resource" "pass_redis_tls_port_only" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-tls"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      sku               = { name = "Standard", family = "C", capacity = 1 }
      enableNonSslPort  = false
      minimumTlsVersion = "1.2"
    }
  }
}

resource "azapi_resource" "fail_redis_non_ssl_port_open" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-plain"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      sku              = { name = "Standard", family = "C", capacity = 1 }
      enableNonSslPort = true
    }
  }
}

resource "azapi_resource" "unknown_redis_non_ssl_port_from_variable" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "redis-api-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    properties = {
      sku              = { name = "Standard", family = "C", capacity = 1 }
      enableNonSslPort = var.non_ssl_port
    }
  }
}

# --- App Service through azapi -----------------------------------------------------------------

resource "azapi_resource" "pass_site_https_only" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-tls"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records/providers/Microsoft.Web/serverFarms/plan-linux"
      httpsOnly    = true
    }
  }
}

resource "azapi_resource" "fail_site_https_only_default" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-plain"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records/providers/Microsoft.Web/serverFarms/plan-linux"
    }
  }
}

resource "azapi_resource" "unknown_site_https_only_from_variable" {
  type      = "Microsoft.Web/sites@2023-12-01"
  name      = "app-api-var"
  location  = "francecentral"
  parent_id = azurerm_resource_group.records.id
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-records/providers/Microsoft.Web/serverFarms/plan-linux"
      httpsOnly    = var.https_traffic_only
    }
  }
}

# --- CDN endpoints and Front Door routes -------------------------------------------------------

resource "azurerm_cdn_profile" "portal" {
  name                = "cdn-portal"
  resource_group_name = azurerm_resource_group.records.name
  location            = "global"
  sku                 = "Standard_Microsoft"
}

resource "azurerm_cdn_endpoint" "pass_http_disallowed" {
  name                = "cdn-portal-tls"
  profile_name        = azurerm_cdn_profile.portal.name
  resource_group_name = azurerm_resource_group.records.name
  location            = "global"
  is_http_allowed     = false

  origin {
    name      = "portal"
    host_name = "portal.example.fr"
  }
}

resource "azurerm_cdn_endpoint" "fail_http_allowed_default" {
  name                = "cdn-portal-plain"
  profile_name        = azurerm_cdn_profile.portal.name
  resource_group_name = azurerm_resource_group.records.name
  location            = "global"

  origin {
    name      = "portal"
    host_name = "portal.example.fr"
  }
}

resource "azurerm_cdn_endpoint" "unknown_http_allowed_from_variable" {
  name                = "cdn-portal-var"
  profile_name        = azurerm_cdn_profile.portal.name
  resource_group_name = azurerm_resource_group.records.name
  location            = "global"
  is_http_allowed     = var.http_allowed

  origin {
    name      = "portal"
    host_name = "portal.example.fr"
  }
}

resource "azurerm_cdn_frontdoor_profile" "portal" {
  name                = "afd-portal"
  resource_group_name = azurerm_resource_group.records.name
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_endpoint" "portal" {
  name                     = "afd-portal"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.portal.id
}

resource "azurerm_cdn_frontdoor_origin_group" "portal" {
  name                     = "portal"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.portal.id

  load_balancing {}
}

resource "azurerm_cdn_frontdoor_origin" "portal" {
  name                           = "portal"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.portal.id
  host_name                      = "portal.example.fr"
  certificate_name_check_enabled = true
}

resource "azurerm_cdn_frontdoor_route" "pass_https_redirect" {
  name                          = "portal-https"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.portal.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.portal.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.portal.id]
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = true
  forwarding_protocol           = "HttpsOnly"
  patterns_to_match             = ["/*"]
}

resource "azurerm_cdn_frontdoor_route" "fail_http_to_origin" {
  name                          = "portal-origin-http"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.portal.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.portal.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.portal.id]
  supported_protocols           = ["Https"]
  forwarding_protocol           = "HttpOnly"
  patterns_to_match             = ["/legacy/*"]
}

resource "azurerm_cdn_frontdoor_route" "unknown_forwarding_from_variable" {
  name                          = "portal-var"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.portal.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.portal.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.portal.id]
  supported_protocols           = ["Https"]
  forwarding_protocol           = var.forwarding_protocol
  patterns_to_match             = ["/api/*"]
}

# --- API Management backends -------------------------------------------------------------------

resource "azurerm_api_management" "records" {
  name                = "apim-records"
  resource_group_name = azurerm_resource_group.records.name
  location            = azurerm_resource_group.records.location
  publisher_name      = "Hopital"
  publisher_email     = "dsi@example.fr"
  sku_name            = "Developer_1"
}

resource "azurerm_api_management_backend" "pass_https_backend" {
  name                = "records-https"
  resource_group_name = azurerm_resource_group.records.name
  api_management_name = azurerm_api_management.records.name
  protocol            = "http"
  url                 = "https://records.example.internal/api"
}

resource "azurerm_api_management_backend" "fail_plain_http_backend" {
  name                = "records-http"
  resource_group_name = azurerm_resource_group.records.name
  api_management_name = azurerm_api_management.records.name
  protocol            = "http"
  url                 = "http://records.example.internal/api"
}

resource "azurerm_api_management_backend" "unknown_backend_url_from_variable" {
  name                = "records-var"
  resource_group_name = azurerm_resource_group.records.name
  api_management_name = azurerm_api_management.records.name
  protocol            = "http"
  url                 = var.backend_url
}
