# HDS_ENC_001 Clever Cloud add-ons: disk encryption at rest is an option of each add-on, off unless
# encryption = true.
terraform {
  required_providers {
    clevercloud = { source = "CleverCloud/clevercloud" }
  }
}

provider "clevercloud" {
  organisation = "orga_00000000-0000-0000-0000-000000000000"
}

variable "encrypt_addons" {
  type = bool
}

resource "clevercloud_postgresql" "pass_encrypted" {
  name       = "records"
  plan       = "xs_med"
  region     = "parhds"
  encryption = true
}

resource "clevercloud_postgresql" "fail_encryption_unset" {
  name   = "records-staging"
  plan   = "xs_sml"
  region = "parhds"
}

resource "clevercloud_postgresql" "unknown_encryption_from_variable" {
  name       = "records-analytics"
  plan       = "xs_med"
  region     = "parhds"
  encryption = var.encrypt_addons
}

resource "clevercloud_mysql" "pass_encrypted" {
  name       = "billing"
  plan       = "xs_med"
  region     = "parhds"
  encryption = true
}

resource "clevercloud_mysql" "fail_encryption_off" {
  name       = "billing-archive"
  plan       = "xs_sml"
  region     = "parhds"
  encryption = false
}

resource "clevercloud_mysql" "unknown_encryption_from_variable" {
  name       = "billing-reporting"
  plan       = "xs_sml"
  region     = "parhds"
  encryption = var.encrypt_addons
}

resource "clevercloud_mongodb" "pass_encrypted" {
  name       = "documents"
  plan       = "xs_med"
  region     = "parhds"
  encryption = true
}

resource "clevercloud_mongodb" "fail_encryption_unset" {
  name   = "documents-cache"
  plan   = "xs_sml"
  region = "parhds"
}

resource "clevercloud_mongodb" "unknown_encryption_from_variable" {
  name       = "documents-shared"
  plan       = "xs_sml"
  region     = "parhds"
  encryption = var.encrypt_addons
}

resource "clevercloud_elasticsearch" "pass_encrypted" {
  name       = "search"
  plan       = "xs"
  region     = "parhds"
  encryption = true
}

resource "clevercloud_elasticsearch" "fail_encryption_off" {
  name       = "search-logs"
  plan       = "xs"
  region     = "parhds"
  encryption = false
}

resource "clevercloud_elasticsearch" "unknown_encryption_from_variable" {
  name       = "search-shared"
  plan       = "xs"
  region     = "parhds"
  encryption = var.encrypt_addons
}
