# HDS_ENC_002 Google Cloud compute (customer-managed keys required): persistent disks and boot disks
# name a Cloud KMS key in kms_key_self_link, Dataflow jobs in kms_key_name, Dataproc clusters in
# cluster_config.encryption_config.
provider "google" {
  project = "hds-clinical"
  region  = "europe-west9"
}

variable "kms_key" {
  type = string
}

resource "google_kms_key_ring" "compute" {
  name     = "hds-compute"
  location = "europe-west9"
}

resource "google_kms_crypto_key" "compute" {
  name            = "hds-compute"
  key_ring        = google_kms_key_ring.compute.id
  rotation_period = "7776000s"
}

resource "google_compute_disk" "pass_key_here" {
  name = "records-data"
  type = "pd-ssd"
  zone = "europe-west9-a"
  size = 200
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.compute.id
  }
}

resource "google_compute_disk" "fail_google_keys" {
  name = "records-scratch"
  type = "pd-standard"
  zone = "europe-west9-a"
  size = 100
}

resource "google_compute_disk" "unknown_key_from_variable" {
  name = "records-logs"
  type = "pd-balanced"
  zone = "europe-west9-a"
  size = 100
  disk_encryption_key {
    kms_key_self_link = var.kms_key
  }
}

resource "google_compute_region_disk" "pass_shared_key" {
  name          = "records-replicated"
  type          = "pd-ssd"
  region        = "europe-west9"
  replica_zones = ["europe-west9-a", "europe-west9-b"]
  size          = 200
  disk_encryption_key {
    kms_key_name = "projects/hds-security/locations/europe-west9/keyRings/hds-shared/cryptoKeys/hds-disks"
  }
}

resource "google_compute_region_disk" "fail_google_keys" {
  name          = "records-replicated-dev"
  type          = "pd-balanced"
  region        = "europe-west9"
  replica_zones = ["europe-west9-a", "europe-west9-b"]
  size          = 100
}

resource "google_compute_region_disk" "unknown_key_from_variable" {
  name          = "records-replicated-shared"
  type          = "pd-ssd"
  region        = "europe-west9"
  replica_zones = ["europe-west9-a", "europe-west9-c"]
  size          = 200
  disk_encryption_key {
    kms_key_name = var.kms_key
  }
}

resource "google_compute_instance" "pass_key_here" {
  name         = "records-app"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-a"
  boot_disk {
    kms_key_self_link = google_kms_crypto_key.compute.id
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 50
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "fail_google_keys" {
  name         = "records-app-dev"
  machine_type = "e2-small"
  zone         = "europe-west9-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "unknown_key_from_variable" {
  name         = "records-app-shared"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-b"
  boot_disk {
    kms_key_self_link = var.kms_key
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 50
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_dataflow_job" "pass_key_here" {
  name              = "hl7-ingest"
  template_gcs_path = "gs://dataflow-templates-europe-west9/latest/PubSub_to_BigQuery"
  temp_gcs_location = "gs://hds-clinical-dataflow/tmp"
  region            = "europe-west9"
  kms_key_name      = google_kms_crypto_key.compute.id
  parameters = {
    inputTopic      = "projects/hds-clinical/topics/lab-results"
    outputTableSpec = "hds-clinical:clinical_reporting.lab_results"
  }
}

resource "google_dataflow_job" "fail_google_keys" {
  name              = "hl7-ingest-dev"
  template_gcs_path = "gs://dataflow-templates-europe-west9/latest/PubSub_to_BigQuery"
  temp_gcs_location = "gs://hds-clinical-dataflow/tmp-dev"
  region            = "europe-west9"
  parameters = {
    inputTopic      = "projects/hds-clinical/topics/lab-results-dev"
    outputTableSpec = "hds-clinical:clinical_sandbox.lab_results"
  }
}

resource "google_dataflow_job" "unknown_key_from_variable" {
  name              = "hl7-ingest-shared"
  template_gcs_path = "gs://dataflow-templates-europe-west9/latest/PubSub_to_BigQuery"
  temp_gcs_location = "gs://hds-clinical-dataflow/tmp-shared"
  region            = "europe-west9"
  kms_key_name      = var.kms_key
  parameters = {
    inputTopic      = "projects/hds-clinical/topics/lab-results-shared"
    outputTableSpec = "hds-clinical:clinical_shared.lab_results"
  }
}

resource "google_dataproc_cluster" "pass_key_here" {
  name   = "cohort-analytics"
  region = "europe-west9"
  cluster_config {
    encryption_config {
      kms_key_name = google_kms_crypto_key.compute.id
    }
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-4"
    }
  }
}

resource "google_dataproc_cluster" "fail_google_keys" {
  name   = "cohort-analytics-dev"
  region = "europe-west9"
  cluster_config {
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-2"
    }
  }
}

resource "google_dataproc_cluster" "unknown_key_from_variable" {
  name   = "cohort-analytics-shared"
  region = "europe-west9"
  cluster_config {
    encryption_config {
      kms_key_name = var.kms_key
    }
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-4"
    }
  }
}

variable "boot_disk" {
  type = string
}

resource "google_compute_disk" "pass_boot_disk_key_here" {
  name  = "records-worker-boot"
  type  = "pd-balanced"
  zone  = "europe-west9-a"
  image = "debian-cloud/debian-12"
  size  = 50
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.compute.id
  }
}

# Booted from an existing disk: the instance's boot disk is that disk, with its key.
resource "google_compute_instance" "pass_boot_disk_with_key" {
  name         = "records-worker"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-a"
  boot_disk {
    source = google_compute_disk.pass_boot_disk_key_here.self_link
  }
  network_interface {
    network = "default"
  }
}

# The attached data disk has a key; the boot disk, made from an image, does not.
resource "google_compute_instance" "fail_only_data_disk_with_key" {
  name         = "records-indexer"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  attached_disk {
    source = google_compute_disk.pass_key_here.self_link
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "unknown_boot_disk_from_variable" {
  name         = "records-batch"
  machine_type = "e2-standard-2"
  zone         = "europe-west9-b"
  boot_disk {
    source = var.boot_disk
  }
  network_interface {
    network = "default"
  }
}
