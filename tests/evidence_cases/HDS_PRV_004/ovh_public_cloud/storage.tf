# Block volumes and their backups, file shares and object storage.

resource "ovh_cloud_project_volume" "pass_records" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region_name  = "GRA11"
  name         = "records"
  description  = "patient records"
  size         = 100
  type         = "high-speed"
}

resource "ovh_cloud_project_volume" "fail_records_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region_name  = "GRA11"
  name         = "records-staging"
  size         = 50
  type         = "classic"
}

resource "ovh_cloud_project_volume" "unknown_records_legacy" {
  service_name = var.existing_project
  region_name  = "SBG5"
  name         = "records-legacy"
  size         = 50
  type         = "classic"
}

resource "ovh_cloud_storage_block_volume" "pass_scans" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region       = "GRA11"
  name         = "scans"
  size         = 200
  volume_type  = "HIGH_SPEED_GEN2"
}

resource "ovh_cloud_storage_block_volume" "fail_scans_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region       = "GRA11"
  name         = "scans-staging"
  size         = 20
  volume_type  = "CLASSIC"
}

resource "ovh_cloud_storage_block_volume" "unknown_scans_legacy" {
  service_name = var.existing_project
  region       = "SBG5"
  name         = "scans-legacy"
  size         = 20
  volume_type  = "CLASSIC"
}

resource "ovh_cloud_project_volume_backup" "pass_records" {
  service_name = ovh_cloud_project_volume.pass_records.service_name
  region_name  = "GRA11"
  volume_id    = ovh_cloud_project_volume.pass_records.volume_id
  name         = "records-weekly"
}

resource "ovh_cloud_project_volume_backup" "fail_records_staging" {
  service_name = ovh_cloud_project_volume.fail_records_staging.service_name
  region_name  = "GRA11"
  volume_id    = ovh_cloud_project_volume.fail_records_staging.volume_id
  name         = "records-staging-weekly"
}

resource "ovh_cloud_project_volume_backup" "unknown_records_legacy" {
  service_name = var.existing_project
  region_name  = "SBG5"
  volume_id    = "8a1e5c3d-2f4b-4e6a-9c7d-0b1a2c3d4e5f"
  name         = "records-legacy-weekly"
}

resource "ovh_cloud_storage_block_volume_backup" "pass_scans" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region       = "GRA11"
  volume_id    = ovh_cloud_storage_block_volume.pass_scans.id
  name         = "scans-daily"
  description  = "Daily backup"
}

resource "ovh_cloud_storage_block_volume_backup" "fail_scans_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region       = "GRA11"
  volume_id    = ovh_cloud_storage_block_volume.fail_scans_staging.id
  name         = "scans-staging-daily"
}

resource "ovh_cloud_storage_block_volume_backup" "unknown_scans_legacy" {
  service_name = var.existing_project
  region       = "SBG5"
  volume_id    = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
  name         = "scans-legacy-daily"
}

resource "ovh_cloud_project_file_storage_share" "pass_imaging" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region_name  = "GRA11"
  name         = "imaging"
  size         = 150
  type         = "standard-1az"
  network_id   = ovh_cloud_project_network_private.pass_backend.regions_attributes[0].openstackid
  subnet_id    = ovh_cloud_project_network_private_subnet.pass_backend.id
}

resource "ovh_cloud_project_file_storage_share" "fail_imaging_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region_name  = "GRA11"
  name         = "imaging-staging"
  size         = 150
  type         = "standard-1az"
  network_id   = "0c6f3a8e-1b2d-4e5f-8a9b-7c6d5e4f3a2b"
  subnet_id    = "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b"
}

resource "ovh_cloud_project_file_storage_share" "unknown_imaging_legacy" {
  service_name = var.existing_project
  region_name  = "SBG5"
  name         = "imaging-legacy"
  size         = 150
  type         = "standard-1az"
  network_id   = "0c6f3a8e-1b2d-4e5f-8a9b-7c6d5e4f3a2b"
  subnet_id    = "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b"
}

resource "ovh_cloud_storage_file_share" "pass_exports" {
  service_name     = ovh_cloud_project.pass_hds_option.project_id
  region           = "GRA11"
  name             = "exports"
  size             = 150
  protocol         = "NFS"
  share_type       = "STANDARD_1AZ"
  share_network_id = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"
}

resource "ovh_cloud_storage_file_share" "fail_exports_staging" {
  service_name     = ovh_cloud_project.fail_no_plan_option.project_id
  region           = "GRA11"
  name             = "exports-staging"
  size             = 150
  protocol         = "NFS"
  share_type       = "STANDARD_1AZ"
  share_network_id = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"
}

resource "ovh_cloud_storage_file_share" "unknown_exports_legacy" {
  service_name     = var.existing_project
  region           = "SBG5"
  name             = "exports-legacy"
  size             = 150
  protocol         = "NFS"
  share_type       = "STANDARD_1AZ"
  share_network_id = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"
}

resource "ovh_cloud_project_storage" "pass_documents" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region_name  = "GRA"
  name         = "documents"
  versioning   = {
    status = "enabled"
  }
}

resource "ovh_cloud_project_storage" "fail_documents_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region_name  = "GRA"
  name         = "documents-staging"
}

resource "ovh_cloud_project_storage" "unknown_documents_legacy" {
  service_name = var.existing_project
  region_name  = "SBG"
  name         = "documents-legacy"
}
