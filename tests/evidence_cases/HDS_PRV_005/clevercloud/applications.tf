# Applications (runtimes).

resource "clevercloud_docker" "pass_triage_api" {
  name               = "triage-api"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_docker" "fail_triage_api_par" {
  name               = "triage-api-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_docker" "unknown_triage_api_zone_from_variable" {
  name               = "triage-api-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_dotnet" "pass_billing" {
  name               = "billing"
  region             = "grahds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_dotnet" "fail_billing_default_zone" {
  name               = "billing-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_dotnet" "unknown_billing_zone_from_variable" {
  name               = "billing-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_frankenphp" "pass_forms" {
  name               = "forms"
  region             = "rbxhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_frankenphp" "fail_forms_par" {
  name               = "forms-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_frankenphp" "unknown_forms_zone_from_variable" {
  name               = "forms-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_go" "pass_hl7_gateway" {
  name               = "hl7-gateway"
  region             = "fr-north-hds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_go" "fail_hl7_gateway_mtl" {
  name               = "hl7-gateway-mtl"
  region             = "mtl"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_go" "unknown_hl7_gateway_zone_from_variable" {
  name               = "hl7-gateway-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_haskell" "pass_scheduler" {
  name               = "scheduler"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_haskell" "fail_scheduler_default_zone" {
  name               = "scheduler-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_haskell" "unknown_scheduler_zone_from_variable" {
  name               = "scheduler-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_java_jar" "pass_fhir_server" {
  name               = "fhir-server"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_java_jar" "fail_fhir_server_par" {
  name               = "fhir-server-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_java_jar" "unknown_fhir_server_zone_from_variable" {
  name               = "fhir-server-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_java_war" "pass_dicom_viewer" {
  name               = "dicom-viewer"
  region             = "grahds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_java_war" "fail_dicom_viewer_wsw" {
  name               = "dicom-viewer-wsw"
  region             = "wsw"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_java_war" "unknown_dicom_viewer_zone_from_variable" {
  name               = "dicom-viewer-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_linux" "pass_etl_worker" {
  name               = "etl-worker"
  region             = "rbxhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_linux" "fail_etl_worker_default_zone" {
  name               = "etl-worker-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_linux" "unknown_etl_worker_zone_from_variable" {
  name               = "etl-worker-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_nodejs" "pass_patient_portal" {
  name               = "patient-portal"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_nodejs" "fail_patient_portal_par" {
  name               = "patient-portal-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_nodejs" "unknown_patient_portal_zone_from_variable" {
  name               = "patient-portal-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_php" "pass_appointments" {
  name               = "appointments"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_php" "fail_appointments_rbx" {
  name               = "appointments-rbx"
  region             = "rbx"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_php" "unknown_appointments_zone_from_variable" {
  name               = "appointments-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_play2" "pass_lab_results" {
  name               = "lab-results"
  region             = "grahds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_play2" "fail_lab_results_default_zone" {
  name               = "lab-results-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_play2" "unknown_lab_results_zone_from_variable" {
  name               = "lab-results-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_python" "pass_ml_triage" {
  name               = "ml-triage"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_python" "fail_ml_triage_par" {
  name               = "ml-triage-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_python" "unknown_ml_triage_zone_from_variable" {
  name               = "ml-triage-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_ruby" "pass_staff_directory" {
  name               = "staff-directory"
  region             = "fr-north-hds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_ruby" "fail_staff_directory_ldn" {
  name               = "staff-directory-ldn"
  region             = "ldn"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_ruby" "unknown_staff_directory_zone_from_variable" {
  name               = "staff-directory-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_rust" "pass_pseudonymiser" {
  name               = "pseudonymiser"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_rust" "fail_pseudonymiser_default_zone" {
  name               = "pseudonymiser-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_rust" "unknown_pseudonymiser_zone_from_variable" {
  name               = "pseudonymiser-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_scala" "pass_claims" {
  name               = "claims"
  region             = "rbxhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_scala" "fail_claims_par" {
  name               = "claims-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_scala" "unknown_claims_zone_from_variable" {
  name               = "claims-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_static" "pass_docs_site" {
  name               = "docs-site"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_static" "fail_docs_site_sgp" {
  name               = "docs-site-sgp"
  region             = "sgp"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_static" "unknown_docs_site_zone_from_variable" {
  name               = "docs-site-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_static_apache" "pass_brochure" {
  name               = "brochure"
  region             = "grahds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

# No region: the provider's default zone, par, which is not an HDS zone.
resource "clevercloud_static_apache" "fail_brochure_default_zone" {
  name               = "brochure-preview"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_static_apache" "unknown_brochure_zone_from_variable" {
  name               = "brochure-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_v" "pass_audit_trail" {
  name               = "audit-trail"
  region             = "parhds"
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}

resource "clevercloud_v" "fail_audit_trail_par" {
  name               = "audit-trail-par"
  region             = "par"
  min_instance_count = 1
  max_instance_count = 1
  smallest_flavor    = "XS"
  biggest_flavor     = "S"
}

resource "clevercloud_v" "unknown_audit_trail_zone_from_variable" {
  name               = "audit-trail-env"
  region             = var.zone
  min_instance_count = 1
  max_instance_count = 2
  smallest_flavor    = "XS"
  biggest_flavor     = "M"
}
