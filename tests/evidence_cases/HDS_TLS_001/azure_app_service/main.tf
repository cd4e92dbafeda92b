# HDS_TLS_001 Azure App Service apps, function apps and their slots: HTTPS only, and FTPS or no FTP.
provider "azurerm" {
  features {}
}

variable "https_only" {
  type = bool
}

variable "ftps_state" {
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

resource "azurerm_linux_web_app" "pass_https_only_ftps_only" {
  name                = "linux-web-app-pass-https-only-ftps-only"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_linux_web_app" "fail_https_only_default" {
  name                = "linux-web-app-fail-https-only-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id

  site_config {}
}

resource "azurerm_linux_web_app" "unknown_https_only_from_variable" {
  name                = "linux-web-app-unknown-https-only-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_linux_web_app" "fail_plain_ftp_allowed" {
  name                = "linux-web-app-fail-plain-ftp-allowed"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_linux_web_app" "unknown_ftps_state_from_variable" {
  name                = "linux-web-app-unknown-ftps-state-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.linux.id
  https_only          = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_windows_web_app -----------------------------------------------------------------

resource "azurerm_windows_web_app" "pass_https_only_ftps_only" {
  name                = "windows-web-app-pass-https-only-ftps-only"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_windows_web_app" "fail_https_only_default" {
  name                = "windows-web-app-fail-https-only-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id

  site_config {}
}

resource "azurerm_windows_web_app" "unknown_https_only_from_variable" {
  name                = "windows-web-app-unknown-https-only-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_windows_web_app" "fail_plain_ftp_allowed" {
  name                = "windows-web-app-fail-plain-ftp-allowed"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_windows_web_app" "unknown_ftps_state_from_variable" {
  name                = "windows-web-app-unknown-ftps-state-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  service_plan_id     = azurerm_service_plan.windows.id
  https_only          = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_linux_function_app --------------------------------------------------------------

resource "azurerm_linux_function_app" "pass_https_only_ftps_only" {
  name                       = "linux-function-app-pass-https-only-ftps-only"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_linux_function_app" "fail_https_only_default" {
  name                       = "linux-function-app-fail-https-only-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_linux_function_app" "unknown_https_only_from_variable" {
  name                       = "linux-function-app-unknown-https-only-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_linux_function_app" "fail_plain_ftp_allowed" {
  name                       = "linux-function-app-fail-plain-ftp-allowed"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_linux_function_app" "unknown_ftps_state_from_variable" {
  name                       = "linux-function-app-unknown-ftps-state-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.linux.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_windows_function_app ------------------------------------------------------------

resource "azurerm_windows_function_app" "pass_https_only_ftps_only" {
  name                       = "windows-function-app-pass-https-only-ftps-only"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_windows_function_app" "fail_https_only_default" {
  name                       = "windows-function-app-fail-https-only-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_windows_function_app" "unknown_https_only_from_variable" {
  name                       = "windows-function-app-unknown-https-only-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_windows_function_app" "fail_plain_ftp_allowed" {
  name                       = "windows-function-app-fail-plain-ftp-allowed"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_windows_function_app" "unknown_ftps_state_from_variable" {
  name                       = "windows-function-app-unknown-ftps-state-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  service_plan_id            = azurerm_service_plan.windows.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_linux_web_app_slot --------------------------------------------------------------

resource "azurerm_linux_web_app_slot" "pass_https_only_ftps_only" {
  name           = "linux-web-app-slot-pass-https-only-ftps-only"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_linux_web_app_slot" "fail_https_only_default" {
  name           = "linux-web-app-slot-fail-https-only-default"
  app_service_id = azurerm_linux_web_app.pass_host.id

  site_config {}
}

resource "azurerm_linux_web_app_slot" "unknown_https_only_from_variable" {
  name           = "linux-web-app-slot-unknown-https-only-from-variable"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_linux_web_app_slot" "fail_plain_ftp_allowed" {
  name           = "linux-web-app-slot-fail-plain-ftp-allowed"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_linux_web_app_slot" "unknown_ftps_state_from_variable" {
  name           = "linux-web-app-slot-unknown-ftps-state-from-variable"
  app_service_id = azurerm_linux_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_windows_web_app_slot ------------------------------------------------------------

resource "azurerm_windows_web_app_slot" "pass_https_only_ftps_only" {
  name           = "windows-web-app-slot-pass-https-only-ftps-only"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_windows_web_app_slot" "fail_https_only_default" {
  name           = "windows-web-app-slot-fail-https-only-default"
  app_service_id = azurerm_windows_web_app.pass_host.id

  site_config {}
}

resource "azurerm_windows_web_app_slot" "unknown_https_only_from_variable" {
  name           = "windows-web-app-slot-unknown-https-only-from-variable"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_windows_web_app_slot" "fail_plain_ftp_allowed" {
  name           = "windows-web-app-slot-fail-plain-ftp-allowed"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_windows_web_app_slot" "unknown_ftps_state_from_variable" {
  name           = "windows-web-app-slot-unknown-ftps-state-from-variable"
  app_service_id = azurerm_windows_web_app.pass_host.id
  https_only     = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_linux_function_app_slot ---------------------------------------------------------

resource "azurerm_linux_function_app_slot" "pass_https_only_ftps_only" {
  name                       = "linux-function-app-slot-pass-https-only-ftps-only"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_linux_function_app_slot" "fail_https_only_default" {
  name                       = "linux-function-app-slot-fail-https-only-default"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_linux_function_app_slot" "unknown_https_only_from_variable" {
  name                       = "linux-function-app-slot-unknown-https-only-from-variable"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_linux_function_app_slot" "fail_plain_ftp_allowed" {
  name                       = "linux-function-app-slot-fail-plain-ftp-allowed"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_linux_function_app_slot" "unknown_ftps_state_from_variable" {
  name                       = "linux-function-app-slot-unknown-ftps-state-from-variable"
  function_app_id            = azurerm_linux_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_windows_function_app_slot -------------------------------------------------------

resource "azurerm_windows_function_app_slot" "pass_https_only_ftps_only" {
  name                       = "windows-function-app-slot-pass-https-only-ftps-only"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_windows_function_app_slot" "fail_https_only_default" {
  name                       = "windows-function-app-slot-fail-https-only-default"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_windows_function_app_slot" "unknown_https_only_from_variable" {
  name                       = "windows-function-app-slot-unknown-https-only-from-variable"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_windows_function_app_slot" "fail_plain_ftp_allowed" {
  name                       = "windows-function-app-slot-fail-plain-ftp-allowed"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_windows_function_app_slot" "unknown_ftps_state_from_variable" {
  name                       = "windows-function-app-slot-unknown-ftps-state-from-variable"
  function_app_id            = azurerm_windows_function_app.pass_host.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_app_service ---------------------------------------------------------------------

resource "azurerm_app_service" "pass_https_only_ftps_only" {
  name                = "app-service-pass-https-only-ftps-only"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_app_service" "fail_https_only_default" {
  name                = "app-service-fail-https-only-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id

  site_config {}
}

resource "azurerm_app_service" "unknown_https_only_from_variable" {
  name                = "app-service-unknown-https-only-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_app_service" "fail_plain_ftp_allowed" {
  name                = "app-service-fail-plain-ftp-allowed"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_app_service" "unknown_ftps_state_from_variable" {
  name                = "app-service-unknown-ftps-state-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_function_app --------------------------------------------------------------------

resource "azurerm_function_app" "pass_https_only_ftps_only" {
  name                       = "function-app-pass-https-only-ftps-only"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_function_app" "fail_https_only_default" {
  name                       = "function-app-fail-https-only-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_function_app" "unknown_https_only_from_variable" {
  name                       = "function-app-unknown-https-only-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_function_app" "fail_plain_ftp_allowed" {
  name                       = "function-app-fail-plain-ftp-allowed"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_function_app" "unknown_ftps_state_from_variable" {
  name                       = "function-app-unknown-ftps-state-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_app_service_slot ----------------------------------------------------------------

resource "azurerm_app_service_slot" "pass_https_only_ftps_only" {
  name                = "app-service-slot-pass-https-only-ftps-only"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_app_service_slot" "fail_https_only_default" {
  name                = "app-service-slot-fail-https-only-default"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id

  site_config {}
}

resource "azurerm_app_service_slot" "unknown_https_only_from_variable" {
  name                = "app-service-slot-unknown-https-only-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_app_service_slot" "fail_plain_ftp_allowed" {
  name                = "app-service-slot-fail-plain-ftp-allowed"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_app_service_slot" "unknown_ftps_state_from_variable" {
  name                = "app-service-slot-unknown-ftps-state-from-variable"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  app_service_name    = azurerm_app_service.pass_host.name
  app_service_plan_id = azurerm_app_service_plan.legacy.id
  https_only          = true

  site_config {
    ftps_state = var.ftps_state
  }
}

# --- azurerm_function_app_slot ---------------------------------------------------------------

resource "azurerm_function_app_slot" "pass_https_only_ftps_only" {
  name                       = "function-app-slot-pass-https-only-ftps-only"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_function_app_slot" "fail_https_only_default" {
  name                       = "function-app-slot-fail-https-only-default"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key

  site_config {}
}

resource "azurerm_function_app_slot" "unknown_https_only_from_variable" {
  name                       = "function-app-slot-unknown-https-only-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = var.https_only

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_function_app_slot" "fail_plain_ftp_allowed" {
  name                       = "function-app-slot-fail-plain-ftp-allowed"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = "AllAllowed"
  }
}

resource "azurerm_function_app_slot" "unknown_ftps_state_from_variable" {
  name                       = "function-app-slot-unknown-ftps-state-from-variable"
  resource_group_name        = azurerm_resource_group.apps.name
  location                   = azurerm_resource_group.apps.location
  function_app_name          = azurerm_function_app.pass_host.name
  app_service_plan_id        = azurerm_app_service_plan.legacy.id
  storage_account_name       = azurerm_storage_account.pass_functions_storage.name
  storage_account_access_key = azurerm_storage_account.pass_functions_storage.primary_access_key
  https_only                 = true

  site_config {
    ftps_state = var.ftps_state
  }
}
