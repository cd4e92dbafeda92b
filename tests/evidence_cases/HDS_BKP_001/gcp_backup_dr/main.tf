# HDS_BKP_001 google_backup_dr_backup_vault: backups are protected only by a non-zero
# backup_minimum_enforced_retention_duration (no one can delete them before it expires).
provider "google" {
  project = "hds-prod-123456"
  region  = "europe-west9"
}

variable "minimum_retention" {
  type = string
}

resource "google_backup_dr_backup_vault" "pass_thirty_days" {
  location                                   = "europe-west9"
  backup_vault_id                            = "ehr-vault"
  description                                = "EHR backups"
  backup_minimum_enforced_retention_duration = "2592000s"
  effective_time                             = "2026-12-01T00:00:00Z"
  labels                                     = {
    hds-role = "backup"
  }
}

resource "google_backup_dr_backup_vault" "fail_no_minimum_retention" {
  location                                   = "europe-west9"
  backup_vault_id                            = "scratch-vault"
  backup_minimum_enforced_retention_duration = "0s"
  force_delete                               = true
}

resource "google_backup_dr_backup_vault" "unknown_retention_from_variable" {
  location                                   = "europe-west9"
  backup_vault_id                            = "imaging-vault"
  backup_minimum_enforced_retention_duration = var.minimum_retention
}

resource "google_backup_dr_backup_vault" "unknown_retention_not_in_seconds" {
  location                                   = "europe-west9"
  backup_vault_id                            = "billing-vault"
  backup_minimum_enforced_retention_duration = "30d"
}
