# HDS_PRV_005 Scaleway: HDS Object Storage buckets are created from the console only, in Paris
# (Scaleway docs 2025-04-28), so any bucket created by Terraform is outside the HDS scope, whatever
# its region.
terraform {
  required_providers {
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-1"
}

variable "region" {
  type = string
}

resource "scaleway_object_bucket" "fail_records_paris" {
  name   = "records-paris"
  region = "fr-par"
  versioning {
    enabled = true
  }
}

resource "scaleway_object_bucket" "fail_archive_amsterdam" {
  name   = "archive-amsterdam"
  region = "nl-ams"
}

# Even a region the code does not determine: no Terraform-created bucket is an HDS bucket.
resource "scaleway_object_bucket" "fail_exports_region_from_variable" {
  name   = "exports"
  region = var.region
}
