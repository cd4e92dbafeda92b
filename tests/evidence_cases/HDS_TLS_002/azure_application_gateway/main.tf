# HDS_TLS_002 Azure Application Gateway: SSL policies (gateway and SSL profiles) with TLS 1.2 at least.
provider "azurerm" {
  features {}
}

variable "ssl_policy_name" {
  type = string
}

variable "certificate_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "edge" {
  name     = "rg-edge"
  location = "francecentral"
}

resource "azurerm_virtual_network" "edge" {
  name                = "vnet-edge"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "gateway" {
  name                 = "snet-appgw"
  resource_group_name  = azurerm_resource_group.edge.name
  virtual_network_name = azurerm_virtual_network.edge.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_public_ip" "gateway" {
  name                = "pip-appgw"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_application_gateway" "pass_api_default_policy" {
  name                = "agw-pass-api-default-policy"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway.id
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway.id
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_port {
    name = "https"
    port = 443
  }

  ssl_certificate {
    name     = "portal"
    data     = filebase64("portal.pfx")
    password = var.certificate_password
  }

  backend_address_pool {
    name  = "portal"
    fqdns = ["portal.example.internal"]
  }

  backend_http_settings {
    name                  = "portal-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  request_routing_rule {
    name                       = "https-to-portal"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "portal"
    backend_http_settings_name = "portal-https"
  }

  request_routing_rule {
    name                        = "http-redirect"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }
}

resource "azurerm_application_gateway" "pass_predefined_2022_policy" {
  name                = "agw-pass-predefined-2022-policy"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway.id
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway.id
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_port {
    name = "https"
    port = 443
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101S"
  }

  ssl_certificate {
    name     = "portal"
    data     = filebase64("portal.pfx")
    password = var.certificate_password
  }

  backend_address_pool {
    name  = "portal"
    fqdns = ["portal.example.internal"]
  }

  backend_http_settings {
    name                  = "portal-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  request_routing_rule {
    name                       = "https-to-portal"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "portal"
    backend_http_settings_name = "portal-https"
  }

  request_routing_rule {
    name                        = "http-redirect"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }
}

resource "azurerm_application_gateway" "fail_predefined_2015_policy" {
  name                = "agw-fail-predefined-2015-policy"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway.id
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway.id
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_port {
    name = "https"
    port = 443
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20150501"
  }

  ssl_certificate {
    name     = "portal"
    data     = filebase64("portal.pfx")
    password = var.certificate_password
  }

  backend_address_pool {
    name  = "portal"
    fqdns = ["portal.example.internal"]
  }

  backend_http_settings {
    name                  = "portal-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  request_routing_rule {
    name                       = "https-to-portal"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "portal"
    backend_http_settings_name = "portal-https"
  }

  request_routing_rule {
    name                        = "http-redirect"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }
}

resource "azurerm_application_gateway" "fail_custom_tls11_minimum" {
  name                = "agw-fail-custom-tls11-minimum"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway.id
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway.id
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_port {
    name = "https"
    port = 443
  }

  ssl_policy {
    policy_type          = "CustomV2"
    min_protocol_version = "TLSv1_1"
    cipher_suites        = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
  }

  ssl_certificate {
    name     = "portal"
    data     = filebase64("portal.pfx")
    password = var.certificate_password
  }

  backend_address_pool {
    name  = "portal"
    fqdns = ["portal.example.internal"]
  }

  backend_http_settings {
    name                  = "portal-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  request_routing_rule {
    name                       = "https-to-portal"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "portal"
    backend_http_settings_name = "portal-https"
  }

  request_routing_rule {
    name                        = "http-redirect"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }
}

resource "azurerm_application_gateway" "unknown_policy_from_variable" {
  name                = "agw-unknown-policy-from-variable"
  resource_group_name = azurerm_resource_group.edge.name
  location            = azurerm_resource_group.edge.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway.id
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway.id
  }

  frontend_port {
    name = "http"
    port = 80
  }

  frontend_port {
    name = "https"
    port = 443
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = var.ssl_policy_name
  }

  ssl_certificate {
    name     = "portal"
    data     = filebase64("portal.pfx")
    password = var.certificate_password
  }

  backend_address_pool {
    name  = "portal"
    fqdns = ["portal.example.internal"]
  }

  backend_http_settings {
    name                  = "portal-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  request_routing_rule {
    name                       = "https-to-portal"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "portal"
    backend_http_settings_name = "portal-https"
  }

  request_routing_rule {
    name                        = "http-redirect"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }
}
