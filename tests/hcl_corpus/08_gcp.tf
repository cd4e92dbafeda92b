resource "google_project_service" "apis" {
  for_each = toset([
    "compute.googleapis.com",
    "storage.googleapis.com",
    "cloudkms.googleapis.com",
  ])
  project            = var.gcp_project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_kms_key_ring" "main" {
  name     = "kr-${var.environment}"
  location = "europe-west9"
}

resource "google_kms_crypto_key" "bucket" {
  name            = "bucket-key"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_storage_bucket" "buckets" {
  for_each = var.buckets

  name                        = "${var.gcp_project_id}-${each.key}"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = each.key == "logs" ? true : false
  labels                      = merge(each.value.tags, { env = var.environment })

  versioning {
    enabled = each.value.versioning
  }

  dynamic "lifecycle_rule" {
    for_each = each.value.lifecycle_days != null ? [each.value.lifecycle_days] : []
    content {
      condition { age = lifecycle_rule.value }
      action {
        type = "Delete"
      }
    }
  }

  dynamic "encryption" {
    for_each = each.value.kms_key_id == null ? [] : [1]
    content {
      default_kms_key_name = google_kms_crypto_key.bucket.id
    }
  }
}

resource "google_storage_bucket_iam_binding" "readers" {
  for_each = { for name, b in var.buckets : name => b if lookup(b.tags, "public", "false") != "true" }
  bucket   = google_storage_bucket.buckets[each.key].name
  role     = "roles/storage.objectViewer"
  members = [
    "group:${var.reader_group}",
    "serviceAccount:${google_service_account.app.email}",
  ]

  condition {
    title       = "expires-${each.key}"
    description = "Temporary read access"
    expression  = "request.time < timestamp(\"2030-01-01T00:00:00Z\")"
  }
}

resource "google_service_account" "app" {
  account_id   = "sa-app-${var.environment}"
  display_name = "Application (${upper(var.environment)})"
}

resource "google_compute_instance" "app" {
  count        = var.scale.min
  name         = "app-${var.environment}-${count.index}"
  machine_type = local.is_prod ? "n2-standard-4" : "e2-medium"
  zone         = element(var.gcp_zones, count.index)
  tags         = ["app", "allow-health-check"]

  boot_disk {
    kms_key_self_link = google_kms_crypto_key.bucket.id
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 20
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.app.self_link
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }

  metadata = {
    block-project-ssh-keys = "true"
    enable-oslogin         = "TRUE"
    serial-port-enable     = false
  }

  metadata_startup_script = <<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "Booting instance ${count.index} in ${var.environment}"
    export APP_HOME="$${HOME}/app"

    %{ for port in var.app_ports ~}
    iptables -A INPUT -p tcp --dport ${port} -j ACCEPT
    %{ endfor ~}
    %{ if var.environment == "prod" }systemctl enable app-monitoring%{ else }echo "no monitoring"%{ endif }
  EOT
}

resource "google_compute_firewall" "deny_ssh" {
  name          = "deny-ssh-from-internet"
  network       = google_compute_network.main.name
  direction     = "INGRESS"
  priority      = 900
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }

  log_config { metadata = "INCLUDE_ALL_METADATA" }
}
