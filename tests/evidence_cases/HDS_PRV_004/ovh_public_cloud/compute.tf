# Instances, their snapshots and scheduled backups.

resource "ovh_cloud_project_instance" "pass_ehr_app" {
  service_name   = ovh_cloud_project.pass_hds_option.project_id
  region         = "GRA11"
  billing_period = "hourly"
  name           = "ehr-app"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "debian-12"
  }
  network {
    public = true
  }
}

resource "ovh_cloud_project_instance" "fail_staging_app" {
  service_name   = ovh_cloud_project.fail_no_plan_option.project_id
  region         = "GRA11"
  billing_period = "hourly"
  name           = "staging-app"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "debian-12"
  }
  network {
    public = true
  }
}

resource "ovh_cloud_project_instance" "unknown_legacy_app" {
  service_name   = var.existing_project
  region         = "SBG5"
  billing_period = "monthly"
  name           = "legacy-app"
  flavor {
    flavor_id = "b3-16"
  }
  boot_from {
    image_id = "ubuntu-24.04"
  }
  network {
    public = true
  }
}

resource "ovh_cloud_instance" "pass_portal" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region       = "GRA11"
  name         = "portal"
  flavor_id    = "b3-8"
  image_id     = "debian-12"
  networks     = [{ auto_assign_public_ip = true }]
}

resource "ovh_cloud_instance" "fail_portal_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region       = "GRA11"
  name         = "portal-staging"
  flavor_id    = "b3-8"
  image_id     = "debian-12"
  networks     = [{ auto_assign_public_ip = true }]
}

resource "ovh_cloud_instance" "unknown_portal_legacy" {
  service_name = var.existing_project
  region       = "RBX-A"
  name         = "portal-legacy"
  flavor_id    = "b3-8"
  image_id     = "debian-12"
  networks     = [{ auto_assign_public_ip = true }]
}

resource "ovh_cloud_project_instance_snapshot" "pass_ehr_app" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  instance_id  = ovh_cloud_project_instance.pass_ehr_app.id
  name         = "ehr-app-before-upgrade"
}

resource "ovh_cloud_project_instance_snapshot" "fail_staging_app" {
  service_name = ovh_cloud_project_instance.fail_staging_app.service_name
  instance_id  = ovh_cloud_project_instance.fail_staging_app.id
  name         = "staging-app-before-upgrade"
}

resource "ovh_cloud_project_instance_snapshot" "unknown_legacy_app" {
  service_name = var.existing_project
  instance_id  = "3c1d6f0e-7a54-4c1b-9b0e-2d1f6a7c8e90"
  name         = "legacy-app-before-upgrade"
}

resource "ovh_cloud_project_workflow_backup" "pass_ehr_app_nightly" {
  service_name        = ovh_cloud_project.pass_hds_option.project_id
  region_name         = "GRA11"
  cron                = "50 4 * * *"
  instance_id         = ovh_cloud_project_instance.pass_ehr_app.id
  max_execution_count = 0
  name                = "ehr-app-nightly"
  rotation            = 7
}

resource "ovh_cloud_project_workflow_backup" "fail_staging_app_nightly" {
  service_name        = ovh_cloud_project.fail_no_plan_option.project_id
  region_name         = "GRA11"
  cron                = "50 4 * * *"
  instance_id         = ovh_cloud_project_instance.fail_staging_app.id
  max_execution_count = 0
  name                = "staging-app-nightly"
  rotation            = 3
}

resource "ovh_cloud_project_workflow_backup" "unknown_legacy_app_nightly" {
  service_name        = var.existing_project
  region_name         = "SBG5"
  cron                = "50 4 * * *"
  instance_id         = "3c1d6f0e-7a54-4c1b-9b0e-2d1f6a7c8e90"
  max_execution_count = 0
  name                = "legacy-app-nightly"
  rotation            = 7
}
