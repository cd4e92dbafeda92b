# Managed databases, their logical databases, users and IP restrictions.

resource "ovh_cloud_project_database" "pass_records_db" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
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

resource "ovh_cloud_project_database" "fail_records_staging_db" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  description  = "records-staging"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database" "unknown_records_legacy_db" {
  service_name = var.existing_project
  description  = "records-legacy"
  engine       = "mysql"
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "SBG"
  }
}

resource "ovh_cloud_project_database_database" "pass_ehr" {
  service_name = ovh_cloud_project_database.pass_records_db.service_name
  engine       = ovh_cloud_project_database.pass_records_db.engine
  cluster_id   = ovh_cloud_project_database.pass_records_db.id
  name         = "ehr"
}

resource "ovh_cloud_project_database_database" "fail_ehr_staging" {
  service_name = ovh_cloud_project_database.fail_records_staging_db.service_name
  engine       = ovh_cloud_project_database.fail_records_staging_db.engine
  cluster_id   = ovh_cloud_project_database.fail_records_staging_db.id
  name         = "ehr_staging"
}

resource "ovh_cloud_project_database_database" "unknown_ehr_legacy" {
  service_name = var.existing_project
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.unknown_records_legacy_db.id
  name         = "ehr_legacy"
}

resource "ovh_cloud_project_database_postgresql_user" "pass_app" {
  service_name = ovh_cloud_project_database.pass_records_db.service_name
  cluster_id   = ovh_cloud_project_database.pass_records_db.id
  name         = "ehr_app"
  roles        = ["replication"]
}

resource "ovh_cloud_project_database_postgresql_user" "fail_app_staging" {
  service_name = ovh_cloud_project_database.fail_records_staging_db.service_name
  cluster_id   = ovh_cloud_project_database.fail_records_staging_db.id
  name         = "ehr_app"
}

resource "ovh_cloud_project_database_postgresql_user" "unknown_app_legacy" {
  service_name = var.existing_project
  cluster_id   = "6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e"
  name         = "ehr_app"
}

resource "ovh_cloud_project_database_user" "pass_reporting" {
  service_name = ovh_cloud_project_database.pass_records_db.service_name
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.pass_records_db.id
  name         = "reporting"
}

resource "ovh_cloud_project_database_user" "fail_reporting_staging" {
  service_name = ovh_cloud_project_database.fail_records_staging_db.service_name
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.fail_records_staging_db.id
  name         = "reporting"
}

resource "ovh_cloud_project_database_user" "unknown_reporting_legacy" {
  service_name = var.existing_project
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.unknown_records_legacy_db.id
  name         = "reporting"
}

resource "ovh_cloud_project_database_ip_restriction" "pass_office" {
  service_name = ovh_cloud_project_database.pass_records_db.service_name
  engine       = ovh_cloud_project_database.pass_records_db.engine
  cluster_id   = ovh_cloud_project_database.pass_records_db.id
  ip           = "203.0.113.0/24"
  description  = "office"
}

resource "ovh_cloud_project_database_ip_restriction" "fail_office_staging" {
  service_name = ovh_cloud_project_database.fail_records_staging_db.service_name
  engine       = ovh_cloud_project_database.fail_records_staging_db.engine
  cluster_id   = ovh_cloud_project_database.fail_records_staging_db.id
  ip           = "203.0.113.0/24"
  description  = "office"
}

resource "ovh_cloud_project_database_ip_restriction" "unknown_office_legacy" {
  service_name = var.existing_project
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.unknown_records_legacy_db.id
  ip           = "203.0.113.0/24"
  description  = "office"
}
