# HDS_ENC_002 Google Cloud data stores (customer-managed keys required): each store names a Cloud KMS
# key (CMEK); a BigQuery table without one takes its dataset's default key.
provider "google" {
  project = "hds-clinical"
  region  = "europe-west9"
}

variable "kms_key_name" {
  type = string
}

locals {
  shared_key = "projects/hds-security/locations/europe-west9/keyRings/hds-shared/cryptoKeys/hds-data"
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

resource "google_storage_bucket" "pass_key_here" {
  name                        = "hds-clinical-documents"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_storage_bucket" "fail_google_keys" {
  name                        = "hds-clinical-exports"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "unknown_key_from_variable" {
  name                        = "hds-clinical-imaging"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
  encryption {
    default_kms_key_name = var.kms_key_name
  }
}

resource "google_artifact_registry_repository" "pass_shared_key" {
  location      = "europe-west9"
  repository_id = "clinical-images"
  format        = "DOCKER"
  kms_key_name  = local.shared_key
}

resource "google_artifact_registry_repository" "fail_google_keys" {
  location      = "europe-west9"
  repository_id = "clinical-images-dev"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository" "unknown_key_from_variable" {
  location      = "europe-west9"
  repository_id = "clinical-images-shared"
  format        = "DOCKER"
  kms_key_name  = var.kms_key_name
}

resource "google_bigquery_dataset" "pass_key_here" {
  dataset_id = "clinical_reporting"
  location   = "europe-west9"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_bigquery_dataset" "fail_google_keys" {
  dataset_id = "clinical_sandbox"
  location   = "europe-west9"
}

resource "google_bigquery_dataset" "unknown_key_from_variable" {
  dataset_id = "clinical_shared"
  location   = "europe-west9"
  default_encryption_configuration {
    kms_key_name = var.kms_key_name
  }
}

resource "google_bigquery_table" "pass_own_key" {
  dataset_id          = google_bigquery_dataset.fail_google_keys.dataset_id
  table_id            = "admissions"
  deletion_protection = true
  encryption_configuration {
    kms_key_name = local.shared_key
  }
}

# No key of its own: created with its dataset's default key.
resource "google_bigquery_table" "pass_dataset_key" {
  dataset_id          = google_bigquery_dataset.pass_key_here.dataset_id
  table_id            = "discharges"
  deletion_protection = true
}

resource "google_bigquery_table" "fail_dataset_google_keys" {
  dataset_id          = google_bigquery_dataset.fail_google_keys.dataset_id
  table_id            = "sandbox_cohort"
  deletion_protection = false
}

resource "google_bigquery_table" "unknown_key_from_variable" {
  dataset_id          = google_bigquery_dataset.fail_google_keys.dataset_id
  table_id            = "lab_results"
  deletion_protection = true
  encryption_configuration {
    kms_key_name = var.kms_key_name
  }
}

# The dataset is managed elsewhere: its default key is not in this code.
resource "google_bigquery_table" "unknown_dataset_outside_configuration" {
  dataset_id          = "registry_exchange"
  table_id            = "referrals"
  deletion_protection = true
}

resource "google_bigtable_instance" "pass_key_here" {
  name                = "clinical-signals"
  deletion_protection = true
  cluster {
    cluster_id   = "clinical-signals-c1"
    zone         = "europe-west9-a"
    num_nodes    = 1
    storage_type = "SSD"
    kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_bigtable_instance" "fail_google_keys" {
  name                = "clinical-signals-dev"
  deletion_protection = false
  cluster {
    cluster_id   = "clinical-signals-dev-c1"
    zone         = "europe-west9-a"
    num_nodes    = 1
    storage_type = "HDD"
  }
}

resource "google_bigtable_instance" "unknown_key_from_variable" {
  name                = "clinical-signals-shared"
  deletion_protection = true
  cluster {
    cluster_id   = "clinical-signals-shared-c1"
    zone         = "europe-west9-b"
    num_nodes    = 1
    storage_type = "SSD"
    kms_key_name = var.kms_key_name
  }
}

resource "google_pubsub_topic" "pass_key_here" {
  name         = "lab-results"
  kms_key_name = google_kms_crypto_key.data.id
}

resource "google_pubsub_topic" "fail_google_keys" {
  name = "lab-results-dev"
}

resource "google_pubsub_topic" "unknown_key_from_variable" {
  name         = "lab-results-shared"
  kms_key_name = var.kms_key_name
}

resource "google_spanner_instance" "clinical" {
  name         = "clinical"
  config       = "regional-europe-west9"
  display_name = "clinical"
  num_nodes    = 1
}

resource "google_spanner_database" "pass_key_here" {
  instance = google_spanner_instance.clinical.name
  name     = "appointments"
  encryption_config {
    kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_spanner_database" "fail_google_keys" {
  instance = google_spanner_instance.clinical.name
  name     = "appointments-dev"
}

resource "google_spanner_database" "unknown_key_from_variable" {
  instance = google_spanner_instance.clinical.name
  name     = "appointments-shared"
  encryption_config {
    kms_key_name = var.kms_key_name
  }
}

resource "google_sql_database_instance" "pass_key_here" {
  name                = "clinical-pg"
  database_version    = "POSTGRES_16"
  region              = "europe-west9"
  encryption_key_name = google_kms_crypto_key.data.id
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "fail_google_keys" {
  name             = "clinical-pg-dev"
  database_version = "POSTGRES_16"
  region           = "europe-west9"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "unknown_key_from_variable" {
  name                = "clinical-pg-shared"
  database_version    = "POSTGRES_16"
  region              = "europe-west9"
  encryption_key_name = var.kms_key_name
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_redis_instance" "pass_key_here" {
  name                 = "clinical-sessions"
  tier                 = "STANDARD_HA"
  memory_size_gb       = 1
  region               = "europe-west9"
  customer_managed_key = google_kms_crypto_key.data.id
}

resource "google_redis_instance" "fail_google_keys" {
  name           = "clinical-sessions-dev"
  tier           = "BASIC"
  memory_size_gb = 1
  region         = "europe-west9"
}

resource "google_redis_instance" "unknown_key_from_variable" {
  name                 = "clinical-sessions-shared"
  tier                 = "STANDARD_HA"
  memory_size_gb       = 1
  region               = "europe-west9"
  customer_managed_key = var.kms_key_name
}

resource "google_vertex_ai_dataset" "pass_key_here" {
  display_name        = "radiology-reports"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
  region              = "europe-west9"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_vertex_ai_dataset" "fail_google_keys" {
  display_name        = "radiology-reports-dev"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
  region              = "europe-west9"
}

resource "google_vertex_ai_dataset" "unknown_key_from_variable" {
  display_name        = "radiology-reports-shared"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
  region              = "europe-west9"
  encryption_spec {
    kms_key_name = var.kms_key_name
  }
}

resource "google_vertex_ai_metadata_store" "pass_key_here" {
  name   = "clinical-models"
  region = "europe-west9"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_vertex_ai_metadata_store" "fail_google_keys" {
  name   = "clinical-models-dev"
  region = "europe-west9"
}

resource "google_vertex_ai_metadata_store" "unknown_key_from_variable" {
  name   = "clinical-models-shared"
  region = "europe-west9"
  encryption_spec {
    kms_key_name = var.kms_key_name
  }
}
