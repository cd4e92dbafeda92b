# HDS_BKP_002 google_storage_bucket: a bucket labelled hds-role = backup needs a locked retention
# policy (bucket lock, irreversible).
provider "google" {
  project = "hds-prod-123456"
  region  = "europe-west9"
}

variable "lock_retention" {
  type = bool
}

resource "google_storage_bucket" "pass_locked_retention" {
  name                        = "hds-ehr-backups"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  retention_policy {
    retention_period = 3024000
    is_locked        = true
  }
  labels = {
    hds-role = "backup"
  }
}

resource "google_storage_bucket" "fail_retention_not_locked" {
  name                        = "hds-billing-backups"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  retention_policy {
    retention_period = 3024000
  }
  labels = {
    hds-role = "backup"
  }
}

resource "google_storage_bucket" "fail_no_retention" {
  name                        = "hds-lab-backups"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  labels                      = {
    hds-role = "backup"
  }
}

resource "google_storage_bucket" "unknown_lock_from_variable" {
  name                        = "hds-imaging-backups"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  retention_policy {
    retention_period = 3024000
    is_locked        = var.lock_retention
  }
  labels = {
    hds-role = "backup"
  }
}

resource "google_storage_bucket" "none_uploads" {
  name                        = "hds-uploads"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
}
