# HDS_ENC_001 Google Cloud compute: persistent disks, VM boot disks, Dataflow jobs and Dataproc
# clusters are encrypted at rest by Google by default (hds-knowledge.md §8).
provider "google" {
  project = "hds-clinical"
  region  = "europe-west9"
}

variable "kms_key_self_link" {
  type = string
}

resource "google_compute_disk" "pass_google_keys" {
  name = "records-data"
  type = "pd-ssd"
  zone = "europe-west9-a"
  size = 200
}

resource "google_compute_disk" "pass_key_from_variable" {
  name = "records-logs"
  type = "pd-balanced"
  zone = "europe-west9-a"
  size = 100
  disk_encryption_key {
    kms_key_self_link = var.kms_key_self_link
  }
}

resource "google_compute_region_disk" "pass_google_keys" {
  name          = "records-replicated"
  type          = "pd-ssd"
  region        = "europe-west9"
  replica_zones = ["europe-west9-a", "europe-west9-b"]
  size          = 200
}

resource "google_compute_instance" "pass_google_keys" {
  name         = "records-app"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 50
    }
  }
  network_interface {
    network = "default"
  }
  shielded_instance_config {
    enable_secure_boot = true
  }
}

resource "google_storage_bucket" "pass_dataflow_staging" {
  name                        = "hds-clinical-dataflow"
  location                    = "europe-west9"
  uniform_bucket_level_access = true
}

resource "google_dataflow_job" "pass_google_keys" {
  name              = "hl7-ingest"
  template_gcs_path = "gs://dataflow-templates-europe-west9/latest/PubSub_to_BigQuery"
  temp_gcs_location = "${google_storage_bucket.pass_dataflow_staging.url}/tmp"
  region            = "europe-west9"
  parameters = {
    inputTopic      = "projects/hds-clinical/topics/lab-results"
    outputTableSpec = "hds-clinical:clinical_reporting.lab_results"
  }
}

resource "google_dataproc_cluster" "pass_google_keys" {
  name   = "cohort-analytics"
  region = "europe-west9"
  cluster_config {
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-4"
    }
    worker_config {
      num_instances = 2
      machine_type  = "n2-standard-4"
    }
  }
}
