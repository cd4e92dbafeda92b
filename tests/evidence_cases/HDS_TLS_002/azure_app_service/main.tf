# HDS_TLS_002 Azure App Service apps, function apps and their slots: TLS 1.2 at least, site and SCM.
provider "azurerm" {
  features {}
}

variable "minimum_tls_version" {
  type = string
}

resource "azurerm_resource_group" "apps" {
  name     = "rg-patient-apps"
  location = "francecentral"
}

resource "azurerm_service_plan" "linux" {
  name                = "plan-linux"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_service_plan" "windows" {
  name                = "plan-windows"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  os_type             = "Windows"
  sku_name            = "P1v3"
}

resource "azurerm_app_service_plan" "legacy" {
  name                = "plan-legacy"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location

  sku {
    tier = "PremiumV3"
    size = "P1v3"
  }
}

resource "azurerm_storage_account" "pass_functions_storage" {
  name                     = "stfunctionsrecords"
  resource_group_name      = azurerm_resource_group.apps.name
  location                 = azurerm_resource_group.apps.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_linux_web_app" "pass_host" {
  name                = "app-host-linux"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {}
}

resource "azurerm_windows_web_app" "pass_host" {
  name                = "app-host-windows"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {}
}

resource "azurerm_linux_function_app" "pass_host" {
  name                       = "func-host-linux"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_windows_function_app" "pass_host" {
  name                       = "func-host-windows"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_app_service" "pass_host" {
  name                = "app-host-legacy"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true
}

resource "azurerm_function_app" "pass_host" {
  name                       = "func-host-legacy"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true
}

# --- azurerm_linux_web_app -------------------------------------------------------------------

resource "azurerm_linux_web_app" "pass_tls12_default" {
  name                = "linux-web-app-pass-tls12-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {}
}

resource "azurerm_linux_web_app" "fail_tls11_site" {
  name                = "linux-web-app-fail-tls11-site"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_linux_web_app" "fail_tls10_scm" {
  name                = "linux-web-app-fail-tls10-scm"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_linux_web_app" "unknown_tls_from_variable" {
  name                = "linux-web-app-unknown-tls-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_windows_web_app -----------------------------------------------------------------

resource "azurerm_windows_web_app" "pass_tls12_default" {
  name                = "windows-web-app-pass-tls12-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {}
}

resource "azurerm_windows_web_app" "fail_tls11_site" {
  name                = "windows-web-app-fail-tls11-site"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_windows_web_app" "fail_tls10_scm" {
  name                = "windows-web-app-fail-tls10-scm"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_windows_web_app" "unknown_tls_from_variable" {
  name                = "windows-web-app-unknown-tls-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_linux_function_app --------------------------------------------------------------

resource "azurerm_linux_function_app" "pass_tls12_default" {
  name                       = "linux-function-app-pass-tls12-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_linux_function_app" "fail_tls11_site" {
  name                       = "linux-function-app-fail-tls11-site"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_linux_function_app" "fail_tls10_scm" {
  name                       = "linux-function-app-fail-tls10-scm"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_linux_function_app" "unknown_tls_from_variable" {
  name                       = "linux-function-app-unknown-tls-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_windows_function_app ------------------------------------------------------------

resource "azurerm_windows_function_app" "pass_tls12_default" {
  name                       = "windows-function-app-pass-tls12-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_windows_function_app" "fail_tls11_site" {
  name                       = "windows-function-app-fail-tls11-site"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_windows_function_app" "fail_tls10_scm" {
  name                       = "windows-function-app-fail-tls10-scm"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_windows_function_app" "unknown_tls_from_variable" {
  name                       = "windows-function-app-unknown-tls-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_linux_web_app_slot --------------------------------------------------------------

resource "azurerm_linux_web_app_slot" "pass_tls12_default" {
  name           = "linux-web-app-slot-pass-tls12-default"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {}
}

resource "azurerm_linux_web_app_slot" "fail_tls11_site" {
  name           = "linux-web-app-slot-fail-tls11-site"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_linux_web_app_slot" "fail_tls10_scm" {
  name           = "linux-web-app-slot-fail-tls10-scm"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_linux_web_app_slot" "unknown_tls_from_variable" {
  name           = "linux-web-app-slot-unknown-tls-from-variable"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_windows_web_app_slot ------------------------------------------------------------

resource "azurerm_windows_web_app_slot" "pass_tls12_default" {
  name           = "windows-web-app-slot-pass-tls12-default"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {}
}

resource "azurerm_windows_web_app_slot" "fail_tls11_site" {
  name           = "windows-web-app-slot-fail-tls11-site"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_windows_web_app_slot" "fail_tls10_scm" {
  name           = "windows-web-app-slot-fail-tls10-scm"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_windows_web_app_slot" "unknown_tls_from_variable" {
  name           = "windows-web-app-slot-unknown-tls-from-variable"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_linux_function_app_slot ---------------------------------------------------------

resource "azurerm_linux_function_app_slot" "pass_tls12_default" {
  name                       = "linux-function-app-slot-pass-tls12-default"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_linux_function_app_slot" "fail_tls11_site" {
  name                       = "linux-function-app-slot-fail-tls11-site"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_linux_function_app_slot" "fail_tls10_scm" {
  name                       = "linux-function-app-slot-fail-tls10-scm"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_linux_function_app_slot" "unknown_tls_from_variable" {
  name                       = "linux-function-app-slot-unknown-tls-from-variable"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_windows_function_app_slot -------------------------------------------------------

resource "azurerm_windows_function_app_slot" "pass_tls12_default" {
  name                       = "windows-function-app-slot-pass-tls12-default"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {}
}

resource "azurerm_windows_function_app_slot" "fail_tls11_site" {
  name                       = "windows-function-app-slot-fail-tls11-site"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = "1.1"
  }
}

resource "azurerm_windows_function_app_slot" "fail_tls10_scm" {
  name                       = "windows-function-app-slot-fail-tls10-scm"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version     = "1.2"
    scm_minimum_tls_version = "1.0"
  }
}

resource "azurerm_windows_function_app_slot" "unknown_tls_from_variable" {
  name                       = "windows-function-app-slot-unknown-tls-from-variable"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_app_service ---------------------------------------------------------------------

resource "azurerm_app_service" "pass_tls12" {
  name                = "app-service-pass-tls12"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = "1.2"
  }
}

resource "azurerm_app_service" "fail_tls10" {
  name                = "app-service-fail-tls10"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = "1.0"
  }
}

resource "azurerm_app_service" "unknown_tls_from_variable" {
  name                = "app-service-unknown-tls-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_function_app --------------------------------------------------------------------

resource "azurerm_function_app" "pass_tls12" {
  name                       = "function-app-pass-tls12"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = "1.2"
  }
}

resource "azurerm_function_app" "fail_tls10" {
  name                       = "function-app-fail-tls10"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = "1.0"
  }
}

resource "azurerm_function_app" "unknown_tls_from_variable" {
  name                       = "function-app-unknown-tls-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_app_service_slot ----------------------------------------------------------------

resource "azurerm_app_service_slot" "pass_tls12" {
  name                = "app-service-slot-pass-tls12"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = "1.2"
  }
}

resource "azurerm_app_service_slot" "fail_tls10" {
  name                = "app-service-slot-fail-tls10"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = "1.0"
  }
}

resource "azurerm_app_service_slot" "unknown_tls_from_variable" {
  name                = "app-service-slot-unknown-tls-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    min_tls_version = var.minimum_tls_version
  }
}

# --- azurerm_function_app_slot ---------------------------------------------------------------

resource "azurerm_function_app_slot" "pass_tls12" {
  name                       = "function-app-slot-pass-tls12"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = "1.2"
  }
}

resource "azurerm_function_app_slot" "fail_tls10" {
  name                       = "function-app-slot-fail-tls10"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = "1.0"
  }
}

resource "azurerm_function_app_slot" "unknown_tls_from_variable" {
  name                       = "function-app-slot-unknown-tls-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    min_tls_version = var.minimum_tls_version
  }
}
