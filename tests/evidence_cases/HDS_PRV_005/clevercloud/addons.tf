# Add-ons (databases, storage, managed services).

resource "clevercloud_postgresql" "pass_records" {
  name   = "records"
  plan   = "xs_med"
  region = "parhds"
}

resource "clevercloud_postgresql" "fail_records_par" {
  name   = "records-par"
  plan   = "xs_med"
  region = "par"
}

resource "clevercloud_postgresql" "unknown_records_zone_from_variable" {
  name   = "records-env"
  plan   = "xs_med"
  region = var.zone
}

resource "clevercloud_mysql" "pass_appointments_db" {
  name   = "appointments-db"
  plan   = "s_sml"
  region = "grahds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_mysql" "fail_appointments_db_default_zone" {
  name = "appointments-db-preview"
  plan = "s_sml"
}

resource "clevercloud_mysql" "unknown_appointments_db_zone_from_variable" {
  name   = "appointments-db-env"
  plan   = "s_sml"
  region = var.zone
}

resource "clevercloud_mongodb" "pass_documents_db" {
  name   = "documents-db"
  plan   = "xs_sml"
  region = "rbxhds"
}

resource "clevercloud_mongodb" "fail_documents_db_mtl" {
  name   = "documents-db-mtl"
  plan   = "xs_sml"
  region = "mtl"
}

resource "clevercloud_mongodb" "unknown_documents_db_zone_from_variable" {
  name   = "documents-db-env"
  plan   = "xs_sml"
  region = var.zone
}

resource "clevercloud_elasticsearch" "pass_search" {
  name   = "search"
  plan   = "s"
  region = "parhds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_elasticsearch" "fail_search_default_zone" {
  name = "search-preview"
  plan = "s"
}

resource "clevercloud_elasticsearch" "unknown_search_zone_from_variable" {
  name   = "search-env"
  plan   = "s"
  region = var.zone
}

resource "clevercloud_redis" "pass_sessions" {
  name   = "sessions"
  plan   = "s_mono"
  region = "parhds"
}

resource "clevercloud_redis" "fail_sessions_par" {
  name   = "sessions-par"
  plan   = "s_mono"
  region = "par"
}

resource "clevercloud_redis" "unknown_sessions_zone_from_variable" {
  name   = "sessions-env"
  plan   = "s_mono"
  region = var.zone
}

resource "clevercloud_materia_kv" "pass_cache" {
  name   = "cache"
  region = "parhds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_materia_kv" "fail_cache_default_zone" {
  name = "cache-preview"
}

resource "clevercloud_materia_kv" "unknown_cache_zone_from_variable" {
  name   = "cache-env"
  region = var.zone
}

resource "clevercloud_cellar" "pass_scans" {
  name   = "scans"
  region = "rbxhds"
}

resource "clevercloud_cellar" "fail_scans_par" {
  name   = "scans-par"
  region = "par"
}

resource "clevercloud_cellar" "unknown_scans_zone_from_variable" {
  name   = "scans-env"
  region = var.zone
}

resource "clevercloud_fsbucket" "pass_uploads" {
  name   = "uploads"
  region = "parhds"
}

resource "clevercloud_fsbucket" "fail_uploads_wsw" {
  name   = "uploads-wsw"
  region = "wsw"
}

resource "clevercloud_fsbucket" "unknown_uploads_zone_from_variable" {
  name   = "uploads-env"
  region = var.zone
}

resource "clevercloud_pulsar" "pass_events" {
  name   = "events"
  region = "parhds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_pulsar" "fail_events_default_zone" {
  name = "events-preview"
}

resource "clevercloud_pulsar" "unknown_events_zone_from_variable" {
  name   = "events-env"
  region = var.zone
}

resource "clevercloud_keycloak" "pass_identity" {
  name   = "identity"
  realms = ["clinicians", "patients"]
  region = "parhds"
}

resource "clevercloud_keycloak" "fail_identity_par" {
  name   = "identity-par"
  realms = ["clinicians", "patients"]
  region = "par"
}

resource "clevercloud_keycloak" "unknown_identity_zone_from_variable" {
  name   = "identity-env"
  realms = ["clinicians", "patients"]
  region = var.zone
}

resource "clevercloud_metabase" "pass_reporting" {
  name   = "reporting"
  region = "grahds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_metabase" "fail_reporting_default_zone" {
  name = "reporting-preview"
}

resource "clevercloud_metabase" "unknown_reporting_zone_from_variable" {
  name   = "reporting-env"
  region = var.zone
}

resource "clevercloud_matomo" "pass_analytics" {
  name   = "analytics"
  region = "parhds"
}

resource "clevercloud_matomo" "fail_analytics_par" {
  name   = "analytics-par"
  region = "par"
}

resource "clevercloud_matomo" "unknown_analytics_zone_from_variable" {
  name   = "analytics-env"
  region = var.zone
}

resource "clevercloud_otoroshi" "pass_api_gateway" {
  name   = "api-gateway"
  region = "parhds"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_otoroshi" "fail_api_gateway_default_zone" {
  name = "api-gateway-preview"
}

resource "clevercloud_otoroshi" "unknown_api_gateway_zone_from_variable" {
  name   = "api-gateway-env"
  region = var.zone
}

resource "clevercloud_addon" "pass_mail" {
  name                 = "mail"
  third_party_provider = "mailpace"
  region               = "parhds"
}

resource "clevercloud_addon" "fail_mail_par" {
  name                 = "mail-par"
  third_party_provider = "mailpace"
  region               = "par"
}

resource "clevercloud_addon" "unknown_mail_zone_from_variable" {
  name                 = "mail-env"
  third_party_provider = "mailpace"
  region               = var.zone
}
