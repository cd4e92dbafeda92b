# Scaleway: regions and zones, Terraform-created buckets (never HDS buckets), RDB encryption at
# rest, load balancer frontends, object lock on backup buckets.
terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-1"
}

resource "scaleway_object_bucket" "records" {
  name = "hds-records"
}

resource "scaleway_object_bucket" "backups" {
  name                = "hds-backups"
  region              = "nl-ams"
  object_lock_enabled = true
  tags = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket_lock_configuration" "backups" {
  bucket = scaleway_object_bucket.backups.name
  region = "nl-ams"
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "scaleway_object_bucket" "exports" {
  name                = "hds-exports"
  object_lock_enabled = true
  tags = {
    hds-role = "backup"
  }
}

resource "scaleway_object_bucket_lock_configuration" "exports" {
  bucket = scaleway_object_bucket.exports.name
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}

resource "scaleway_rdb_instance" "plain" {
  name           = "hds-db-plain"
  node_type      = "DB-DEV-S"
  engine         = "PostgreSQL-15"
  is_ha_cluster  = true
  disable_backup = false
}

resource "scaleway_rdb_instance" "e${ncrypted" {
  name               = "hds-db"
  node_type          = "DB-DEV-S"
  engine             = "PostgreSQL-15"
  region             = "fr-par"
  encryption_at_rest = true
}

resource "scaleway_instance_server" "app" {
  type  = "PRO2-S"
  image = "debian_bookworm"
  zone  = "fr-par-2"
}

resource "scaleway_block_volume" "data" {
  iops       = 5000
  size_in_gb = 20
  zone       = "pl-waw-1"
}

resource "scaleway_lb" "lb" {
  name = "hds-lb"
  type = "LB-S"
}

resource "scaleway_lb_backend" "http" {
  lb_id            = scaleway_lb.lb.id
  forward_protocol = "http"
  forward_port     = 8080
}

resource "scaleway_lb_backend" "tcp" {
  lb_id            = scaleway_lb.lb.id
  forward_protocol = "tcp"
  forward_port     = 5432
}

resource "scaleway_lb_frontend" "https" {
  lb_id           = scaleway_lb.lb.id
  backend_id      = scaleway_lb_backend.http.id
  inbound_port    = 443
  certificate_ids = ["fr-par-1/11111111-1111-1111-1111-111111111111"]
}

resource "scaleway_lb_frontend" "http_plain" {
  lb_id        = scaleway_lb.lb.id
  backend_id   = scaleway_lb_backend.http.id
  inbound_port = 8000
}

resource "scaleway_lb_frontend" "http_redirect" {
  lb_id        = scaleway_lb.lb.id
  backend_id   = scaleway_lb_backend.http.id
  inbound_port = 80
  acl {
    name = "to-https"
    action {
      type = "redirect"
      redirect {
        type   = "scheme"
        target = "https"
        code   = 301
      }
    }
    match {
      ip_subnet = ["0.0.0.0/0"]
    }
  }
}

resource "scaleway_lb_frontend" "tcp" {
  lb_id        = scaleway_lb.lb.id
  backend_id   = scaleway_lb_backend.tcp.id
  inbound_port = 5432
}
