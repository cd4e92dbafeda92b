# HDS_BKP_002 ovh_cloud_project_storage: a container tagged hds-role = backup needs object lock
# (object_lock.status = "enabled") with a default rule in compliance mode.
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "project_id" {
  type = string
}

variable "lock_status" {
  type = string
}

resource "ovh_cloud_project_storage" "pass_compliance_lock" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "ehr-backups"
  object_lock  = {
    status = "enabled"
    rule   = {
      mode   = "compliance"
      period = "P35D"
    }
  }
  tags = {
    hds-role = "backup"
  }
}

resource "ovh_cloud_project_storage" "fail_governance_mode" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "billing-backups"
  object_lock  = {
    status = "enabled"
    rule   = {
      mode   = "governance"
      period = "P30D"
    }
  }
  tags = {
    hds-role = "backup"
  }
}

resource "ovh_cloud_project_storage" "fail_no_object_lock" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "lab-backups"
  versioning   = {
    status = "enabled"
  }
  tags = {
    hds-role = "backup"
  }
}

resource "ovh_cloud_project_storage" "unknown_status_from_variable" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "imaging-backups"
  object_lock  = {
    status = var.lock_status
    rule   = {
      mode   = "compliance"
      period = "P35D"
    }
  }
  tags = {
    hds-role = "backup"
  }
}

resource "ovh_cloud_project_storage" "none_documents" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "documents"
}
