# HDS_LOC_003 Google Cloud: a Cloud SQL read replica (master_instance_name) holds a copy of its primary
# in its own region, and a custom backup location keeps backups there (a copy outside the EEA is
# reported on the primary too); a configurable dual-region bucket stores a copy in each of its
# data_locations.
provider "google" {
  project = "hds-prod-123456"
  region  = "europe-west9"
}

variable "dr_region" {
  type        = string
  description = "Region of the disaster-recovery replica"
}

variable "backup_location" {
  type = string
}

variable "dual_regions" {
  type = list(string)
}

# --- Cloud SQL ---

resource "google_sql_database_instance" "pass_records_backups_in_paris" {
  name             = "hds-records"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      location                       = "europe-west9"
    }
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
  deletion_protection = true
}

resource "google_sql_database_instance" "pass_records_replica_belgium" {
  name                 = "hds-records-replica"
  master_instance_name = google_sql_database_instance.pass_records_backups_in_paris.name
  database_version     = "POSTGRES_16"
  region               = "europe-west1"
  replica_configuration {
    failover_target = false
  }
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "fail_claims_replicated_to_iowa" {
  name             = "hds-claims"
  database_version = "MYSQL_8_0"
  region           = "europe-west9"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
  }
}

resource "google_sql_database_instance" "fail_claims_replica_iowa" {
  name                 = "hds-claims-replica"
  master_instance_name = google_sql_database_instance.fail_claims_replicated_to_iowa.name
  database_version     = "MYSQL_8_0"
  region               = "us-central1"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "unknown_lab_replicated_to_dr_region" {
  name             = "hds-lab"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-custom-1-3840"
    backup_configuration {
      enabled = true
    }
  }
}

resource "google_sql_database_instance" "unknown_lab_replica_dr_region" {
  name                 = "hds-lab-replica"
  master_instance_name = google_sql_database_instance.unknown_lab_replicated_to_dr_region.name
  database_version     = "POSTGRES_16"
  region               = var.dr_region
  settings {
    tier = "db-custom-1-3840"
  }
}

resource "google_sql_database_instance" "fail_billing_backups_in_london" {
  name             = "hds-billing"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled  = true
      location = "europe-west2"
    }
  }
}

resource "google_sql_database_instance" "unknown_backup_location_from_variable" {
  name             = "hds-imaging"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled  = true
      location = var.backup_location
    }
  }
}

resource "google_sql_database_instance" "none_default_backups" {
  name             = "hds-scratch"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled = true
    }
  }
}

# --- Cloud Storage ---

resource "google_storage_bucket" "pass_dual_region_paris_belgium" {
  name                        = "hds-records-dual"
  location                    = "EU"
  uniform_bucket_level_access = true
  custom_placement_config {
    data_locations = ["EUROPE-WEST9", "EUROPE-WEST1"]
  }
}

resource "google_storage_bucket" "fail_dual_region_us" {
  name                        = "hds-exports-dual"
  location                    = "US"
  uniform_bucket_level_access = true
  custom_placement_config {
    data_locations = ["US-EAST1", "US-EAST4"]
  }
}

resource "google_storage_bucket" "unknown_dual_region_from_variable" {
  name                        = "hds-imaging-dual"
  location                    = "EU"
  uniform_bucket_level_access = true
  custom_placement_config {
    data_locations = var.dual_regions
  }
}

resource "google_storage_bucket" "none_single_region" {
  name                        = "hds-uploads"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
}
