# HDS_BKP_002 scaleway_object_bucket: a bucket tagged hds-role = backup needs object_lock_enabled and a
# scaleway_object_bucket_lock_configuration whose default retention is in COMPLIANCE mode.
terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-1"
}

variable "object_lock" {
  type = bool
}

resource "scaleway_object_bucket" "pass_compliance_lock" {
  name                = "hds-ehr-backups"
  object_lock_enabled = true
  tags                = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket_lock_configuration" "ehr" {
  bucket = scaleway_object_bucket.pass_compliance_lock.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 35
    }
  }
}

resource "scaleway_object_bucket" "fail_governance_mode" {
  name                = "hds-billing-backups"
  object_lock_enabled = true
  tags                = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket_lock_configuration" "billing" {
  bucket = scaleway_object_bucket.fail_governance_mode.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}

resource "scaleway_object_bucket" "fail_no_object_lock" {
  name = "hds-lab-backups"
  tags = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket" "unknown_lock_from_variable" {
  name                = "hds-imaging-backups"
  object_lock_enabled = var.object_lock
  tags                = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket" "none_public_site" {
  name = "hds-portal-site"
}

# The lock configuration names the bucket literally: it configures the same bucket.
resource "scaleway_object_bucket" "pass_compliance_by_bucket_name" {
  name                = "hds-consents-backups"
  object_lock_enabled = true
  tags                = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket_lock_configuration" "consents" {
  bucket = "hds-consents-backups"
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 35
    }
  }
}
