# HDS_ENC_001 Google Cloud data stores: Google encrypts all data at rest (hds-knowledge.md §8); a
# Cloud KMS key (CMEK) only replaces the Google-managed key, so every store passes, key or not.
provider "google" {
  project = "hds-clinical"
  region  = "europe-west9"
}

variable "kms_key_name" {
  type = string
}

resource "google_kms_key_ring" "data" {
  name     = "hds-data"
  location = "europe-west9"
}

resource "google_kms_crypto_key" "data" {
  name            = "hds-data"
  key_ring        = google_kms_key_ring.data.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "pass_google_keys" {
  name                        = "hds-clinical-documents"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket" "pass_key_from_variable" {
  name                        = "hds-clinical-imaging"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
  encryption {
    default_kms_key_name = var.kms_key_name
  }
}

resource "google_artifact_registry_repository" "pass_google_keys" {
  location      = "europe-west9"
  repository_id = "clinical-images"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository" "pass_customer_key" {
  location      = "europe-west9"
  repository_id = "clinical-images-cmek"
  format        = "DOCKER"
  kms_key_name  = google_kms_crypto_key.data.id
}

resource "google_bigquery_dataset" "pass_google_keys" {
  dataset_id = "clinical_reporting"
  location   = "europe-west9"
}

resource "google_bigquery_table" "pass_google_keys" {
  dataset_id          = google_bigquery_dataset.pass_google_keys.dataset_id
  table_id            = "admissions"
  deletion_protection = true
  schema = jsonencode([
    { name = "admission_id", type = "STRING", mode = "REQUIRED" },
    { name = "admitted_at", type = "TIMESTAMP", mode = "NULLABLE" },
  ])
}

resource "google_bigtable_instance" "pass_google_keys" {
  name                = "clinical-signals"
  deletion_protection = true
  cluster {
    cluster_id   = "clinical-signals-c1"
    zone         = "europe-west9-a"
    num_nodes    = 1
    storage_type = "SSD"
  }
}

resource "google_pubsub_topic" "pass_google_keys" {
  name                       = "lab-results"
  message_retention_duration = "86400s"
  message_storage_policy {
    allowed_persistence_regions = ["europe-west9"]
  }
}

resource "google_spanner_instance" "clinical" {
  name         = "clinical"
  config       = "regional-europe-west9"
  display_name = "clinical"
  num_nodes    = 1
}

resource "google_spanner_database" "pass_google_keys" {
  instance            = google_spanner_instance.clinical.name
  name                = "appointments"
  deletion_protection = true
}

resource "google_sql_database_instance" "pass_google_keys" {
  name                = "clinical-pg"
  database_version    = "POSTGRES_16"
  region              = "europe-west9"
  deletion_protection = true
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_redis_instance" "pass_google_keys" {
  name           = "clinical-sessions"
  tier           = "STANDARD_HA"
  memory_size_gb = 1
  region         = "europe-west9"
}

resource "google_vertex_ai_dataset" "pass_google_keys" {
  display_name        = "radiology-reports"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
  region              = "europe-west9"
}

resource "google_vertex_ai_metadata_store" "pass_google_keys" {
  name   = "clinical-models"
  region = "europe-west9"
}
