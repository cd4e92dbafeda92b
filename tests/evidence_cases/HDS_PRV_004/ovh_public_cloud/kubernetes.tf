# Managed Kubernetes, its node pools and the project's container registry.

resource "ovh_cloud_project_kube" "pass_ehr_cluster" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  name         = "ehr-cluster"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "fail_staging_cluster" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  name         = "staging-cluster"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "unknown_legacy_cluster" {
  service_name = var.existing_project
  name         = "legacy-cluster"
  region       = "SBG5"
}

resource "ovh_cloud_project_kube_nodepool" "pass_workers" {
  service_name  = ovh_cloud_project_kube.pass_ehr_cluster.service_name
  kube_id       = ovh_cloud_project_kube.pass_ehr_cluster.id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 3
  max_nodes     = 5
  min_nodes     = 3
}

resource "ovh_cloud_project_kube_nodepool" "fail_workers_staging" {
  service_name  = ovh_cloud_project_kube.fail_staging_cluster.service_name
  kube_id       = ovh_cloud_project_kube.fail_staging_cluster.id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 1
  max_nodes     = 2
  min_nodes     = 1
}

resource "ovh_cloud_project_kube_nodepool" "unknown_workers_legacy" {
  service_name  = var.existing_project
  kube_id       = ovh_cloud_project_kube.unknown_legacy_cluster.id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 2
  max_nodes     = 3
  min_nodes     = 2
}

resource "ovh_cloud_project_containerregistry" "pass_images" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  plan_id      = "9f728ba5-998b-4401-ab0f-497cd8bc6a89"
  region       = "GRA"
  name         = "images"
}

resource "ovh_cloud_project_containerregistry" "fail_images_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  plan_id      = "9f728ba5-998b-4401-ab0f-497cd8bc6a89"
  region       = "GRA"
  name         = "images-staging"
}

resource "ovh_cloud_project_containerregistry" "unknown_images_legacy" {
  service_name = var.existing_project
  plan_id      = "9f728ba5-998b-4401-ab0f-497cd8bc6a89"
  region       = "SBG"
  name         = "images-legacy"
}
