# HDS_ENC_001 Azure compute: managed disks (standalone, and the OS disks of virtual machines and scale
# sets) are always encrypted at rest with platform-managed keys (hds-knowledge.md §8); a disk
# encryption set only swaps in a customer-managed key.
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

resource "azurerm_network_interface" "linux" {
  name                = "nic-app-linux"
  location            = azurerm_resource_group.compute.location
  resource_group_name = azurerm_resource_group.compute.name
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_interface" "windows" {
  name                = "nic-app-windows"
  location            = azurerm_resource_group.compute.location
  resource_group_name = azurerm_resource_group.compute.name
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_managed_disk" "pass_platform_keys" {
  name                 = "disk-records-data"
  location             = azurerm_resource_group.compute.location
  resource_group_name  = azurerm_resource_group.compute.name
  storage_account_type = "Premium_ZRS"
  create_option        = "Empty"
  disk_size_gb         = 256
}

resource "azurerm_managed_disk" "pass_encryption_set_from_variable" {
  name                   = "disk-records-logs"
  location               = azurerm_resource_group.compute.location
  resource_group_name    = azurerm_resource_group.compute.name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = var.disk_encryption_set_id
}

resource "azurerm_linux_virtual_machine" "pass_platform_keys" {
  name                  = "vm-app-linux"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.linux.id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_public_key
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_windows_virtual_machine" "pass_platform_keys" {
  name                  = "vm-app-win"
  resource_group_name   = azurerm_resource_group.compute.name
  location              = azurerm_resource_group.compute.location
  size                  = "Standard_D2s_v5"
  admin_username        = "adminuser"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.windows.id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "pass_platform_keys" {
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
    storage_account_type = "Premium_LRS"
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

resource "azurerm_windows_virtual_machine_scale_set" "pass_platform_keys" {
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
    storage_account_type = "Premium_LRS"
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
