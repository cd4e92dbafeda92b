# HDS_ENC_002 OVHcloud block storage (customer-managed keys required): a volume names an OKMS service
# key in encryption.kms; a *-luks type or encryption without kms uses an OVHcloud-managed key.
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  type    = string
  default = "0123456789abcdef0123456789abcdef"
}

variable "okms_id" {
  type    = string
  default = "6f3a0d7c-2b1e-4c8a-9e5d-1a2b3c4d5e6f"
}

variable "service_key_id" {
  type = string
}

resource "ovh_okms_service_key" "volumes" {
  okms_id    = var.okms_id
  name       = "hds-volumes"
  type       = "oct"
  size       = 256
  operations = ["encrypt", "decrypt", "wrapKey", "unwrapKey"]
}

resource "ovh_cloud_project_volume" "pass_okms_key_here" {
  service_name      = var.service_name
  region_name       = "EU-WEST-PAR"
  availability_zone = "eu-west-par-a"
  name              = "records-data"
  size              = 100
  type              = "high-speed-gen2"
  encryption = {
    encrypted = true
    kms = {
      domain_id      = var.okms_id
      service_key_id = ovh_okms_service_key.volumes.id
    }
  }
}

resource "ovh_cloud_project_volume" "fail_ovh_managed_luks" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "records-logs"
  size         = 50
  type         = "high-speed-gen2-luks"
}

resource "ovh_cloud_project_volume" "unknown_key_from_variable" {
  service_name      = var.service_name
  region_name       = "EU-WEST-PAR"
  availability_zone = "eu-west-par-b"
  name              = "records-shared"
  size              = 100
  type              = "high-speed-gen2"
  encryption = {
    encrypted = true
    kms = {
      domain_id      = var.okms_id
      service_key_id = var.service_key_id
    }
  }
}

resource "ovh_cloud_storage_block_volume" "pass_okms_key" {
  service_name = var.service_name
  name         = "imaging"
  size         = 200
  region       = "GRA11"
  volume_type  = "HIGH_SPEED"
  encryption = {
    enabled = true
    kms = {
      domain_id      = var.okms_id
      service_key_id = "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"
    }
  }
}

resource "ovh_cloud_storage_block_volume" "fail_ovh_managed_key" {
  service_name = var.service_name
  name         = "imaging-cache"
  size         = 50
  region       = "GRA11"
  volume_type  = "HIGH_SPEED"
  encryption = {
    enabled = true
  }
}

resource "ovh_cloud_storage_block_volume" "unknown_key_from_variable" {
  service_name = var.service_name
  name         = "imaging-shared"
  size         = 100
  region       = "GRA11"
  volume_type  = "HIGH_SPEED"
  encryption = {
    enabled = true
    kms = {
      domain_id      = var.okms_id
      service_key_id = var.service_key_id
    }
  }
}
