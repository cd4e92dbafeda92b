# HDS_PRV_004 with projects created elsewhere: the settings list the Public Cloud projects whose HDS
# option was checked in the OVHcloud manager (ovh_hds_projects). A resource of a listed project passes,
# one of another project fails, and one without service_name (OVH_CLOUD_PROJECT_SERVICE decides at run
# time) cannot be judged from the code.
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

locals {
  hds_project     = "0123456789abcdef0123456789abcdef"
  sandbox_project = "fedcba9876543210fedcba9876543210"
}

resource "ovh_cloud_project_kube" "pass_declared_project" {
  service_name = local.hds_project
  name         = "ehr-cluster"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "fail_undeclared_project" {
  service_name = local.sandbox_project
  name         = "sandbox-cluster"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "unknown_project_from_environment" {
  name   = "ops-cluster"
  region = "GRA11"
}

resource "ovh_cloud_project_database" "pass_declared_project" {
  service_name = local.hds_project
  description  = "records"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-7"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "fail_undeclared_project" {
  service_name = local.sandbox_project
  description  = "sandbox"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "unknown_project_from_environment" {
  description = "ops"
  engine      = "postgresql"
  version     = "16"
  plan        = "essential"
  flavor      = "db1-4"
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_storage" "pass_declared_project" {
  service_name = local.hds_project
  region_name  = "GRA"
  name         = "documents"
}

resource "ovh_cloud_project_storage" "fail_undeclared_project" {
  service_name = local.sandbox_project
  region_name  = "GRA"
  name         = "sandbox-documents"
}
