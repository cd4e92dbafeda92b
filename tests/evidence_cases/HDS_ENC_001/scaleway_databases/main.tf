# HDS_ENC_001 Scaleway Managed Databases: encrypted at rest only with encryption_at_rest = true
# (off by default, and it can only be chosen at creation).
terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-1"
}

variable "encryption_at_rest" {
  type = bool
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "scaleway_rdb_instance" "pass_encrypted" {
  name               = "records"
  node_type          = "DB-PRO2-XXS"
  engine             = "PostgreSQL-16"
  is_ha_cluster      = true
  user_name          = "records"
  password           = var.db_password
  encryption_at_rest = true
}

resource "scaleway_rdb_instance" "fail_encryption_unset" {
  name          = "records-staging"
  node_type     = "DB-DEV-S"
  engine        = "PostgreSQL-16"
  is_ha_cluster = false
  user_name     = "records"
  password      = var.db_password
}

resource "scaleway_rdb_instance" "fail_encryption_off" {
  name               = "billing"
  node_type          = "DB-DEV-S"
  engine             = "MySQL-8"
  user_name          = "billing"
  password           = var.db_password
  encryption_at_rest = false
}

resource "scaleway_rdb_instance" "unknown_encryption_from_variable" {
  name               = "analytics"
  node_type          = "DB-PRO2-XXS"
  engine             = "PostgreSQL-16"
  user_name          = "analytics"
  password           = var.db_password
  encryption_at_rest = var.encryption_at_rest
}
