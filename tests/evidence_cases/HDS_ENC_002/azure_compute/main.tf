# HDS_ENC_002 Azure compute (customer-managed keys required): managed disks, and the OS disks of
# virtual machines and scale sets, name a disk encryption set (a Key Vault key) in
# disk_encryption_set_id; without one they use platform-managed keys.
provider "azurerm" {
  features {}
}

variable "disk_encryption_set_id" {
  type = string
}

variable "admin_ssh_public_key" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "compute" {
  name     = "rg-clinical-compute"
  location = "francecentral"
}

resource "azurerm_key_vault_key" "disks" {
  name         = "disks-cmk"
  key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-clinical"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_disk_encryption_set" "disks" {
  name                = "des-clinical"
  resource_group_name = azurerm_resource_group.compute.name
  location            = azurerm_resource_group.compute.location
  key_vault_key_id    = azurerm_key_vault_key.disks.versionless_id
  encryption_type     = "EncryptionAtRestWithCustomerKey"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_virtual_network" "compute" {
  name                = "vnet-compute"
  address_space       = ["10.20.0.0/16"]
  location            = azurerm_resource_group.compute.location
  resource_group_name = azurerm_resource_group.compute.name
}

resource "azurerm_subnet" "app" {
  name                 = "snet-app"
  resource_group_name  = azurerm_resource_group.compute.name
  virtual_network_name = azurerm_virtual_network.compute.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_network_interface" "app" {
  for_each            = toset(["linux-cmk", "linux-pmk", "linux-var", "win-cmk", "win-pmk", "win-var"])
  name                = "nic-${each.key}"
  location            = azurerm_resource_group.compute.location
  resource_group_name = azurerm_resource_group.compute.name
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_managed_disk" "pass_encryption_set_here" {
  name                   = "disk-records-data"
  location               = azurerm_resource_group.compute.location
  resource_group_name    = azurerm_resource_group.compute.name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = 256
  disk_encryption_set_id = azurerm_disk_encryption_set.disks.id
}

resource "azurerm_managed_disk" "pass_shared_encryption_set" {
  name                   = "disk-records-index"
  location               = azurerm_resource_group.compute.location
  resource_group_name    = azurerm_resource_group.compute.name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = 64
  disk_encryption_set_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-shared"
}

resource "azurerm_managed_disk" "fail_platform_keys" {
  name                 = "disk-records-scratch"
  location             = azurerm_resource_group.compute.location
  resource_group_name  = azurerm_resource_group.compute.name
  storage_account_type = "StandardSSD_LRS"
  create_option        = "Empty"
  disk_size_gb         = 128
}

resource "azurerm_managed_disk" "unknown_encryption_set_from_variable" {
  name                   = "disk-records-logs"
  location               = azurerm_resource_group.compute.location
  resource_group_name    = azurerm_resource_group.compute.name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = var.disk_encryption_set_id
}

resource "azurerm_linux_virtual_machine" "pass_encryption_set_here" {
  name                  = "vm-app-linux"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app["linux-cmk"].id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.disks.id
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_linux_virtual_machine" "fail_platform_keys" {
  name                  = "vm-app-linux-dev"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app["linux-pmk"].id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_linux_virtual_machine" "unknown_encryption_set_from_variable" {
  name                  = "vm-app-linux-shared"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app["linux-var"].id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = var.disk_encryption_set_id
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_windows_virtual_machine" "pass_encryption_set_here" {
  name                  = "vm-app-win"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "adminuser"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.app["win-cmk"].id]
  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.disks.id
  }
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_windows_virtual_machine" "fail_platform_keys" {
  name                  = "vm-app-win-dev"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_B2s"
  admin_username        = "adminuser"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.app["win-pmk"].id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
  }
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_windows_virtual_machine" "unknown_encryption_set_from_variable" {
  name                  = "vm-app-win-shared"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "adminuser"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.app["win-var"].id]
  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = var.disk_encryption_set_id
  }
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "pass_encryption_set_here" {
  name                = "vmss-api"
  resource_group_name = azurerm_resource_group.compute.name
  location            = azurerm_resource_group.compute.location
  sku                 = "Standard_D2s_v5"
  instances           = 2
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  os_disk {
    storage_account_type   = "Premium_LRS"
    caching                = "ReadWrite"
    disk_encryption_set_id = azurerm_disk_encryption_set.disks.id
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "fail_platform_keys" {
  name                = "vmss-api-dev"
  resource_group_name = azurerm_resource_group.compute.name
  location            = azurerm_resource_group.compute.location
  sku                 = "Standard_B2s"
  instances           = 1
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  os_disk {
    storage_account_type = "StandardSSD_LRS"
    caching              = "ReadWrite"
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "unknown_encryption_set_from_variable" {
  name                = "vmss-api-shared"
  resource_group_name = azurerm_resource_group.compute.name
  location            = azurerm_resource_group.compute.location
  sku                 = "Standard_D2s_v5"
  instances           = 2
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  os_disk {
    storage_account_type   = "Premium_LRS"
    caching                = "ReadWrite"
    disk_encryption_set_id = var.disk_encryption_set_id
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}

resource "azurerm_windows_virtual_machine_scale_set" "pass_encryption_set_here" {
  name                 = "vmss-win"
  resource_group_name  = azurerm_resource_group.compute.name
  location             = azurerm_resource_group.compute.location
  sku                  = "Standard_D2s_v5"
  instances            = 2
  admin_username       = "adminuser"
  admin_password       = var.admin_password
  computer_name_prefix = "win"
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
  os_disk {
    storage_account_type   = "Premium_LRS"
    caching                = "ReadWrite"
    disk_encryption_set_id = azurerm_disk_encryption_set.disks.id
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}

resource "azurerm_windows_virtual_machine_scale_set" "fail_platform_keys" {
  name                 = "vmss-win-dev"
  resource_group_name  = azurerm_resource_group.compute.name
  location             = azurerm_resource_group.compute.location
  sku                  = "Standard_B2s"
  instances            = 1
  admin_username       = "adminuser"
  admin_password       = var.admin_password
  computer_name_prefix = "windev"
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
  os_disk {
    storage_account_type = "StandardSSD_LRS"
    caching              = "ReadWrite"
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}

resource "azurerm_windows_virtual_machine_scale_set" "unknown_encryption_set_from_variable" {
  name                 = "vmss-win-shared"
  resource_group_name  = azurerm_resource_group.compute.name
  location             = azurerm_resource_group.compute.location
  sku                  = "Standard_D2s_v5"
  instances            = 2
  admin_username       = "adminuser"
  admin_password       = var.admin_password
  computer_name_prefix = "winsh"
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
  os_disk {
    storage_account_type   = "Premium_LRS"
    caching                = "ReadWrite"
    disk_encryption_set_id = var.disk_encryption_set_id
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
    }
  }
}
