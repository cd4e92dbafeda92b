# HDS_TLS_002 Google Cloud SSL policies and HTTPS proxies, OVHcloud Octavia listeners: TLS 1.2 at least.
terraform {
  required_providers {
    google = { source = "hashicorp/google" }
    ovh    = { source = "ovh/ovh" }
  }
}

provider "google" {
  project = "hds-records"
  region  = "europe-west9"
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "min_tls_version" {
  type = string
}

variable "ssl_policy_id" {
  type = string
}

variable "records_certificate" {
  type = string
}

variable "records_private_key" {
  type      = string
  sensitive = true
}

variable "tls_versions" {
  type = list(string)
}

variable "service_name" {
  type    = string
  default = "0123456789abcdef0123456789abcdef"
}

# --- global SSL policies and HTTPS proxies -----------------------------------------------------

resource "google_compute_ssl_policy" "pass_modern_tls12" {
  name            = "portal-tls12"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_ssl_policy" "fail_default_minimum" {
  name    = "portal-default"
  profile = "COMPATIBLE"
}

resource "google_compute_ssl_policy" "unknown_minimum_from_variable" {
  name            = "portal-var"
  profile         = "MODERN"
  min_tls_version = var.min_tls_version
}

resource "google_compute_managed_ssl_certificate" "portal" {
  name = "portal"

  managed {
    domains = ["portal.example.fr."]
  }
}

resource "google_compute_backend_service" "portal" {
  name                  = "portal"
  protocol              = "HTTPS"
  load_balancing_scheme = "EXTERNAL_MANAGED"
}

resource "google_compute_url_map" "portal" {
  name            = "portal"
  default_service = google_compute_backend_service.portal.id
}

resource "google_compute_target_https_proxy" "pass_tls12_policy" {
  name             = "portal-https"
  url_map          = google_compute_url_map.portal.id
  ssl_certificates = [google_compute_managed_ssl_certificate.portal.id]
  ssl_policy       = google_compute_ssl_policy.pass_modern_tls12.id
}

resource "google_compute_target_https_proxy" "fail_google_default_policy" {
  name             = "portal-https-default"
  url_map          = google_compute_url_map.portal.id
  ssl_certificates = [google_compute_managed_ssl_certificate.portal.id]
}

resource "google_compute_target_https_proxy" "unknown_policy_elsewhere" {
  name             = "portal-https-shared"
  url_map          = google_compute_url_map.portal.id
  ssl_certificates = [google_compute_managed_ssl_certificate.portal.id]
  ssl_policy       = var.ssl_policy_id
}

# --- regional SSL policies and HTTPS proxies ---------------------------------------------------

resource "google_compute_region_ssl_policy" "pass_restricted_tls12" {
  name            = "records-tls12"
  region          = "europe-west9"
  profile         = "RESTRICTED"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_region_ssl_policy" "fail_tls11" {
  name            = "records-tls11"
  region          = "europe-west9"
  profile         = "MODERN"
  min_tls_version = "TLS_1_1"
}

resource "google_compute_region_ssl_policy" "unknown_minimum_from_variable" {
  name            = "records-var"
  region          = "europe-west9"
  profile         = "MODERN"
  min_tls_version = var.min_tls_version
}

resource "google_compute_region_ssl_certificate" "records" {
  name        = "records"
  region      = "europe-west9"
  certificate = var.records_certificate
  private_key = var.records_private_key
}

resource "google_compute_region_backend_service" "records" {
  name                  = "records"
  region                = "europe-west9"
  protocol              = "HTTPS"
  load_balancing_scheme = "INTERNAL_MANAGED"
}

resource "google_compute_region_url_map" "records" {
  name            = "records"
  region          = "europe-west9"
  default_service = google_compute_region_backend_service.records.id
}

resource "google_compute_region_target_https_proxy" "pass_tls12_policy" {
  name             = "records-https"
  region           = "europe-west9"
  url_map          = google_compute_region_url_map.records.id
  ssl_certificates = [google_compute_region_ssl_certificate.records.id]
  ssl_policy       = google_compute_region_ssl_policy.pass_restricted_tls12.id
}

resource "google_compute_region_target_https_proxy" "fail_tls11_policy" {
  name             = "records-https-tls11"
  region           = "europe-west9"
  url_map          = google_compute_region_url_map.records.id
  ssl_certificates = [google_compute_region_ssl_certificate.records.id]
  ssl_policy       = google_compute_region_ssl_policy.fail_tls11.id
}

resource "google_compute_region_target_https_proxy" "unknown_policy_from_variable" {
  name             = "records-https-var"
  region           = "europe-west9"
  url_map          = google_compute_region_url_map.records.id
  ssl_certificates = [google_compute_region_ssl_certificate.records.id]
  ssl_policy       = google_compute_region_ssl_policy.unknown_minimum_from_variable.id
}

# --- OVHcloud Public Cloud load balancer (Octavia) ---------------------------------------------

resource "ovh_cloud_project_loadbalancer" "pass_tls12_tls13" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-tls12"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    {
      port                      = 443
      protocol                  = "terminated-https"
      default_tls_container_ref = "https://gra.kms.example/containers/portal"
      tls_versions              = ["TLSv1.2", "TLSv1.3"]
    },
  ]
}

resource "ovh_cloud_project_loadbalancer" "fail_tls10_admitted" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-tls10"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    {
      port                      = 443
      protocol                  = "terminated-https"
      default_tls_container_ref = "https://gra.kms.example/containers/portal"
      tls_versions              = ["TLSv1", "TLSv1.1", "TLSv1.2"]
    },
  ]
}

resource "ovh_cloud_project_loadbalancer" "unknown_tls_versions_from_variable" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-var"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    {
      port                      = 443
      protocol                  = "terminated-https"
      default_tls_container_ref = "https://gra.kms.example/containers/portal"
      tls_versions              = var.tls_versions
    },
  ]
}

resource "ovh_cloud_project_loadbalancer" "none_tcp_only" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "hl7-tcp"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    { port = 2575, protocol = "tcp" },
  ]
}

variable "listener_protocol" {
  type = string
}

resource "ovh_cloud_project_loadbalancer" "fail_tls11_protocol_from_variable" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-protocol-var"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    {
      port                      = 443
      protocol                  = var.listener_protocol
      default_tls_container_ref = "https://gra.kms.example/containers/portal"
      tls_versions              = ["TLSv1.1", "TLSv1.2"]
    },
  ]
}
