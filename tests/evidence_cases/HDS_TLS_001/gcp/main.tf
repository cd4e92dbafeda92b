# HDS_TLS_001 Google Cloud: HTTP proxies only redirect to HTTPS; Memorystore Redis requires TLS.
provider "google" {
  project = "hds-records"
  region  = "europe-west9"
}

variable "https_redirect" {
  type = bool
}

variable "url_map_id" {
  type = string
}

variable "transit_encryption_mode" {
  type = string
}

# --- global load balancer ----------------------------------------------------------------------

resource "google_compute_url_map" "redirect" {
  name = "portal-http-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_backend_service" "portal" {
  name                  = "portal"
  protocol              = "HTTPS"
  load_balancing_scheme = "EXTERNAL_MANAGED"
}

resource "google_compute_url_map" "serve" {
  name            = "portal-serve"
  default_service = google_compute_backend_service.portal.id
}

resource "google_compute_url_map" "switchable" {
  name = "portal-switchable"

  default_url_redirect {
    https_redirect = var.https_redirect
    strip_query    = false
  }
}

resource "google_compute_target_http_proxy" "pass_redirects_to_https" {
  name    = "portal-http-redirect"
  url_map = google_compute_url_map.redirect.id
}

resource "google_compute_target_http_proxy" "fail_serves_plain_http" {
  name    = "portal-http-serve"
  url_map = google_compute_url_map.serve.id
}

resource "google_compute_target_http_proxy" "unknown_url_map_elsewhere" {
  name    = "portal-http-elsewhere"
  url_map = var.url_map_id
}

resource "google_compute_target_http_proxy" "unknown_redirect_from_variable" {
  name    = "portal-http-switchable"
  url_map = google_compute_url_map.switchable.id
}

# --- regional load balancer --------------------------------------------------------------------

resource "google_compute_region_url_map" "redirect" {
  name   = "records-http-redirect"
  region = "europe-west9"

  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
}

resource "google_compute_region_backend_service" "records" {
  name                  = "records"
  region                = "europe-west9"
  protocol              = "HTTPS"
  load_balancing_scheme = "INTERNAL_MANAGED"
}

resource "google_compute_region_url_map" "serve" {
  name            = "records-serve"
  region          = "europe-west9"
  default_service = google_compute_region_backend_service.records.id
}

resource "google_compute_region_target_http_proxy" "pass_redirects_to_https" {
  name    = "records-http-redirect"
  region  = "europe-west9"
  url_map = google_compute_region_url_map.redirect.id
}

resource "google_compute_region_target_http_proxy" "fail_serves_plain_http" {
  name    = "records-http-serve"
  region  = "europe-west9"
  url_map = google_compute_region_url_map.serve.id
}

resource "google_compute_region_target_http_proxy" "unknown_url_map_elsewhere" {
  name    = "records-http-elsewhere"
  region  = "europe-west9"
  url_map = var.url_map_id
}

# --- Memorystore for Redis ---------------------------------------------------------------------

resource "google_redis_instance" "pass_server_authentication" {
  name                    = "sessions-tls"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 1
  region                  = "europe-west9"
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}

resource "google_redis_instance" "fail_transit_encryption_default" {
  name           = "sessions-plain"
  tier           = "STANDARD_HA"
  memory_size_gb = 1
  region         = "europe-west9"
}

resource "google_redis_instance" "unknown_mode_from_variable" {
  name                    = "sessions-var"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 1
  region                  = "europe-west9"
  transit_encryption_mode = var.transit_encryption_mode
}
