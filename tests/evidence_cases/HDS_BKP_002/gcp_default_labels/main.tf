# HDS_BKP_002 with the backup label set once, in the provider's default_labels (the backup project's
# configuration): every bucket of this provider is a backup store unless its own labels say otherwise.
provider "google" {
  project        = "hds-backup-123456"
  region         = "europe-west9"
  default_labels = {
    hds-role = "backup"
  }
}

variable "lock_retention" {
  type = bool
}

resource "google_storage_bucket" "pass_locked_retention" {
  name                        = "hds-vault-ehr"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  retention_policy {
    retention_period = 3024000
    is_locked        = true
  }
}

resource "google_storage_bucket" "fail_no_retention" {
  name                        = "hds-vault-billing"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "unknown_lock_from_variable" {
  name                        = "hds-vault-imaging"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  retention_policy {
    retention_period = 3024000
    is_locked        = var.lock_retention
  }
}

resource "google_storage_bucket" "none_access_logs" {
  name                        = "hds-vault-access-logs"
  location                    = "EUROPE-WEST9"
  uniform_bucket_level_access = true
  labels                      = {
    hds-role = "logs"
  }
}
