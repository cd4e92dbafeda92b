# HDS_PRV_004 through OVHcloud's OpenStack API (auth_url on auth.cloud.ovh.net): a resource runs in the
# project (tenant) its provider configuration authenticates to. The settings declare one project with
# the HDS option (ovh_hds_projects); a project created here is judged by its plan_option; a provider
# without tenant_id takes it from OS_TENANT_ID, which the code does not show. Another OpenStack cloud
# has no OVHcloud project: no verdict.
terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack" }
    ovh       = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

# The production project, whose HDS option was checked in the OVHcloud manager.
provider "openstack" {
  auth_url    = "https://auth.cloud.ovh.net/v3/"
  domain_name = "default"
  region      = "GRA11"
  tenant_id   = "0123456789abcdef0123456789abcdef"
}

# A test project never declared with the HDS option.
provider "openstack" {
  alias       = "test"
  auth_url    = "https://auth.cloud.ovh.net/v3/"
  domain_name = "default"
  region      = "GRA11"
  tenant_id   = "fedcba9876543210fedcba9876543210"
}

# tenant_id from OS_TENANT_ID at apply time.
provider "openstack" {
  alias       = "env"
  auth_url    = "https://auth.cloud.ovh.net/v3/"
  domain_name = "default"
  region      = "SBG5"
}

# A spoke project created by this configuration.
provider "openstack" {
  alias       = "spoke"
  auth_url    = "https://auth.cloud.ovh.net/v3/"
  domain_name = "default"
  region      = "GRA11"
  tenant_id   = ovh_cloud_project.pass_spoke.project_id
}

provider "openstack" {
  alias       = "sandbox"
  auth_url    = "https://auth.cloud.ovh.net/v3/"
  domain_name = "default"
  region      = "GRA11"
  tenant_id   = ovh_cloud_project.fail_sandbox.project_id
}

# The on-premises lab cloud.
provider "openstack" {
  alias     = "lab"
  auth_url  = "https://keystone.lab.example.org:5000/v3"
  region    = "RegionOne"
  tenant_id = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
}

resource "ovh_cloud_project" "pass_spoke" {
  ovh_subsidiary = "FR"
  description    = "spoke with HDS"
  plan {
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }
  plan_option {
    duration     = "P1M"
    plan_code    = "certification.hds.2018"
    pricing_mode = "default"
  }
}

resource "ovh_cloud_project" "fail_sandbox" {
  ovh_subsidiary = "FR"
  description    = "sandbox"
  plan {
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }
}

# --- compute instances ---

resource "openstack_compute_instance_v2" "pass_ehr_app" {
  name            = "ehr-app"
  image_name      = "Debian 12"
  flavor_name     = "b3-8"
  key_pair        = "deploy"
  security_groups = ["default"]
  network {
    name = "Ext-Net"
  }
}

resource "openstack_compute_instance_v2" "fail_ehr_app_test" {
  provider        = openstack.test
  name            = "ehr-app-test"
  image_name      = "Debian 12"
  flavor_name     = "b3-8"
  key_pair        = "deploy"
  security_groups = ["default"]
  network {
    name = "Ext-Net"
  }
}

resource "openstack_compute_instance_v2" "unknown_ehr_app_env" {
  provider        = openstack.env
  name            = "ehr-app"
  image_name      = "Debian 12"
  flavor_name     = "b3-8"
  key_pair        = "deploy"
  security_groups = ["default"]
  network {
    name = "Ext-Net"
  }
}

resource "openstack_compute_instance_v2" "none_lab_runner" {
  provider    = openstack.lab
  name        = "ci-runner"
  image_name  = "ubuntu-24.04"
  flavor_name = "m1.medium"
  network {
    name = "lab"
  }
}

# --- block storage ---

resource "openstack_blockstorage_volume_v3" "pass_records" {
  name        = "records"
  size        = 100
  volume_type = "high-speed"
}

resource "openstack_blockstorage_volume_v3" "fail_records_test" {
  provider    = openstack.test
  name        = "records-test"
  size        = 20
  volume_type = "classic"
}

resource "openstack_blockstorage_volume_v3" "unknown_records_env" {
  provider    = openstack.env
  name        = "records"
  size        = 100
  volume_type = "classic"
}

resource "openstack_blockstorage_volume_v3" "none_lab_scratch" {
  provider = openstack.lab
  name     = "scratch"
  size     = 50
}

resource "openstack_blockstorage_volume_v2" "pass_spoke_scans" {
  provider    = openstack.spoke
  name        = "scans"
  size        = 200
  volume_type = "high-speed"
}

resource "openstack_blockstorage_volume_v2" "fail_sandbox_scans" {
  provider    = openstack.sandbox
  name        = "scans-sandbox"
  size        = 20
  volume_type = "classic"
}

resource "openstack_blockstorage_volume_v2" "unknown_scans_env" {
  provider    = openstack.env
  name        = "scans"
  size        = 200
  volume_type = "classic"
}

# --- object storage (Swift) ---

resource "openstack_objectstorage_container_v1" "pass_documents" {
  name = "documents"
  versioning_legacy {
    type     = "versions"
    location = "documents-versions"
  }
}

resource "openstack_objectstorage_container_v1" "fail_documents_sandbox" {
  provider = openstack.sandbox
  name     = "documents-sandbox"
}

resource "openstack_objectstorage_container_v1" "unknown_documents_env" {
  provider = openstack.env
  name     = "documents"
}
