# HDS_ENC_001 OVHcloud storage: block volumes are encrypted only with a *-luks type or
# encryption.encrypted = true (hds-knowledge.md §8), v2 block volumes with encryption.enabled = true,
# Object Storage containers with encryption.sse_algorithm = "AES256" (SSE-OMK).
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

variable "volume_type" {
  type = string
}

variable "volume_encryption" {
  type = bool
}

variable "sse_algorithm" {
  type = string
}

resource "ovh_cloud_project_volume" "pass_luks_type" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "records-data"
  description  = "patient records database volume"
  size         = 100
  type         = "high-speed-gen2-luks"
}

resource "ovh_cloud_project_volume" "pass_encrypted_flag" {
  service_name      = var.service_name
  region_name       = "EU-WEST-PAR"
  availability_zone = "eu-west-par-a"
  name              = "records-logs"
  size              = 50
  type              = "high-speed"
  encryption = {
    encrypted = true
  }
}

resource "ovh_cloud_project_volume" "fail_classic" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "scratch"
  size         = 50
  type         = "classic"
}

# No type: the API creates a classic volume.
resource "ovh_cloud_project_volume" "fail_default_type" {
  service_name = var.service_name
  region_name  = "SBG5"
  name         = "exports"
  size         = 20
}

resource "ovh_cloud_project_volume" "unknown_type_from_variable" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "shared"
  size         = 50
  type         = var.volume_type
}

# A plain type, encryption decided by a variable: encrypted or not is known only at apply.
resource "ovh_cloud_project_volume" "unknown_encrypted_flag_from_variable" {
  service_name      = var.service_name
  region_name       = "EU-WEST-PAR"
  availability_zone = "eu-west-par-b"
  name              = "shared-logs"
  size              = 50
  type              = "high-speed"
  encryption = {
    encrypted = var.volume_encryption
  }
}

resource "ovh_cloud_storage_block_volume" "pass_encrypted" {
  service_name = var.service_name
  name         = "imaging"
  size         = 200
  region       = "GRA11"
  volume_type  = "HIGH_SPEED"
  encryption = {
    enabled = true
  }
}

resource "ovh_cloud_storage_block_volume" "fail_encryption_unset" {
  service_name = var.service_name
  name         = "imaging-cache"
  size         = 50
  region       = "GRA11"
  volume_type  = "CLASSIC"
}

resource "ovh_cloud_storage_block_volume" "fail_encryption_off" {
  service_name = var.service_name
  name         = "imaging-tmp"
  size         = 50
  region       = "GRA11"
  volume_type  = "CLASSIC"
  encryption = {
    enabled = false
  }
}

resource "ovh_cloud_storage_block_volume" "unknown_encryption_from_variable" {
  service_name = var.service_name
  name         = "imaging-shared"
  size         = 100
  region       = "GRA11"
  volume_type  = "HIGH_SPEED"
  encryption = {
    enabled = var.volume_encryption
  }
}

resource "ovh_cloud_project_storage" "pass_sse_omk" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "hds-documents"
  encryption = {
    sse_algorithm = "AES256"
  }
}

resource "ovh_cloud_project_storage" "fail_plaintext" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "hds-exports"
  encryption = {
    sse_algorithm = "plaintext"
  }
}

resource "ovh_cloud_project_storage" "fail_encryption_unset" {
  service_name = var.service_name
  region_name  = "SBG"
  name         = "hds-reports"
}

resource "ovh_cloud_project_storage" "unknown_algorithm_from_variable" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "hds-shared"
  encryption = {
    sse_algorithm = var.sse_algorithm
  }
}
