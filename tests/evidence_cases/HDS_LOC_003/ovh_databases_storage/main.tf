# HDS_LOC_003 OVHcloud: a managed database pushes its backups to each of its backup_regions; an Object
# Storage container replicates to the region of each replication rule's destination. BHS (Beauharnois)
# is in Canada, outside the EEA.
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

variable "backup_regions" {
  type = list(string)
}

variable "replica_region" {
  type = string
}

# --- managed databases ---

resource "ovh_cloud_project_database" "pass_backups_gra_sbg" {
  service_name   = var.project_id
  description    = "records"
  engine         = "postgresql"
  version        = "16"
  plan           = "business"
  flavor         = "db1-7"
  backup_regions = ["GRA", "SBG"]
  backup_time    = "03:00:00"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "fail_backups_bhs" {
  service_name   = var.project_id
  description    = "claims"
  engine         = "mysql"
  version        = "8"
  plan           = "business"
  flavor         = "db1-7"
  backup_regions = ["GRA", "BHS"]
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "unknown_backup_regions_from_variable" {
  service_name   = var.project_id
  description    = "imaging"
  engine         = "postgresql"
  version        = "16"
  plan           = "essential"
  flavor         = "db1-4"
  backup_regions = var.backup_regions
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "none_default_backups" {
  service_name = var.project_id
  description  = "scratch"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}

# --- Object Storage replication ---

resource "ovh_cloud_project_storage" "pass_replicated_to_sbg" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "records"
  versioning   = {
    status = "enabled"
  }
  replication = {
    rules = [{
      id                        = "to-sbg"
      priority                  = 1
      status                    = "enabled"
      delete_marker_replication = "disabled"
      destination               = {
        name   = "records-replica"
        region = "SBG"
      }
    }]
  }
}

resource "ovh_cloud_project_storage" "fail_replicated_to_bhs" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "exports"
  versioning   = {
    status = "enabled"
  }
  replication = {
    rules = [{
      id                        = "to-bhs"
      priority                  = 1
      status                    = "enabled"
      delete_marker_replication = "disabled"
      destination               = {
        name   = "exports-replica"
        region = "BHS"
      }
    }]
  }
}

resource "ovh_cloud_project_storage" "unknown_replica_region_from_variable" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "imaging"
  versioning   = {
    status = "enabled"
  }
  replication = {
    rules = [{
      id                        = "to-dr"
      priority                  = 1
      status                    = "enabled"
      delete_marker_replication = "disabled"
      destination               = {
        name   = "imaging-replica"
        region = var.replica_region
      }
    }]
  }
}

resource "ovh_cloud_project_storage" "none_not_replicated" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "uploads"
}

# A disabled rule copies nothing.
resource "ovh_cloud_project_storage" "none_replication_disabled" {
  service_name = var.project_id
  region_name  = "GRA"
  name         = "archive"
  versioning   = {
    status = "enabled"
  }
  replication = {
    rules = [{
      id                        = "to-bhs-paused"
      priority                  = 1
      status                    = "disabled"
      delete_marker_replication = "disabled"
      destination               = {
        name   = "archive-replica"
        region = "BHS"
      }
    }]
  }
}
