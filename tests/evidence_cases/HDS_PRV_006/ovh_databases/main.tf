# HDS_PRV_006: OVHcloud managed databases are operated by a sub-processor (Aiven) with remote access
# from Canada and the United Kingdom (providers.json ovh scope_notes): every managed database is a
# transfer outside the EEA to record, whatever its engine, region or project.
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "project_id" {
  type = string
}

variable "engine" {
  type = string
}

resource "ovh_cloud_project_database" "fail_records" {
  service_name = var.project_id
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

resource "ovh_cloud_project_database" "fail_cache" {
  service_name = var.project_id
  description  = "sessions"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "SBG"
  }
}

# An engine the code does not determine is still operated the same way.
resource "ovh_cloud_project_database" "fail_engine_from_variable" {
  service_name = var.project_id
  description  = "reporting"
  engine       = var.engine
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
