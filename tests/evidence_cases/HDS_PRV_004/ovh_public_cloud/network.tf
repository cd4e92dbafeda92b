# Private networks, subnets, gateways, load balancers, project regions and users.

resource "ovh_cloud_project_network_private" "pass_backend" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  name         = "backend"
  regions      = ["GRA11"]
  vlan_id      = 42
}

resource "ovh_cloud_project_network_private" "fail_backend_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  name         = "backend-staging"
  regions      = ["GRA11"]
  vlan_id      = 43
}

resource "ovh_cloud_project_network_private" "unknown_backend_legacy" {
  service_name = var.existing_project
  name         = "backend-legacy"
  regions      = ["SBG5"]
  vlan_id      = 44
}

resource "ovh_cloud_project_network_private_subnet" "pass_backend" {
  service_name = ovh_cloud_project_network_private.pass_backend.service_name
  network_id   = ovh_cloud_project_network_private.pass_backend.id
  region       = "GRA11"
  start        = "10.0.0.2"
  end          = "10.0.255.254"
  network      = "10.0.0.0/16"
  dhcp         = true
}

resource "ovh_cloud_project_network_private_subnet" "fail_backend_staging" {
  service_name = ovh_cloud_project_network_private.fail_backend_staging.service_name
  network_id   = ovh_cloud_project_network_private.fail_backend_staging.id
  region       = "GRA11"
  start        = "10.1.0.2"
  end          = "10.1.255.254"
  network      = "10.1.0.0/16"
  dhcp         = true
}

resource "ovh_cloud_project_network_private_subnet" "unknown_backend_legacy" {
  service_name = var.existing_project
  network_id   = ovh_cloud_project_network_private.unknown_backend_legacy.id
  region       = "SBG5"
  start        = "10.2.0.2"
  end          = "10.2.255.254"
  network      = "10.2.0.0/16"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "pass_egress" {
  service_name = ovh_cloud_project_network_private.pass_backend.service_name
  name         = "egress"
  model        = "s"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.pass_backend.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.pass_backend.id
}

resource "ovh_cloud_project_gateway" "fail_egress_staging" {
  service_name = ovh_cloud_project_network_private.fail_backend_staging.service_name
  name         = "egress-staging"
  model        = "s"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.fail_backend_staging.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.fail_backend_staging.id
}

resource "ovh_cloud_project_gateway" "unknown_egress_legacy" {
  service_name = var.existing_project
  name         = "egress-legacy"
  model        = "s"
  region       = "SBG5"
  network_id   = tolist(ovh_cloud_project_network_private.unknown_backend_legacy.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.unknown_backend_legacy.id
}

resource "ovh_cloud_project_loadbalancer" "pass_frontend" {
  service_name = ovh_cloud_project_network_private_subnet.pass_backend.service_name
  region_name  = ovh_cloud_project_network_private_subnet.pass_backend.region
  flavor_id    = "small"
  network      = {
    private = {
      network = {
        id        = tolist(ovh_cloud_project_network_private.pass_backend.regions_attributes[*].openstackid)[0]
        subnet_id = ovh_cloud_project_network_private_subnet.pass_backend.id
      }
    }
  }
  listeners = [{ port = 443, protocol = "tcp" }]
}

resource "ovh_cloud_project_loadbalancer" "fail_frontend_staging" {
  service_name = ovh_cloud_project_network_private_subnet.fail_backend_staging.service_name
  region_name  = ovh_cloud_project_network_private_subnet.fail_backend_staging.region
  flavor_id    = "small"
  network      = {
    private = {
      network = {
        id        = tolist(ovh_cloud_project_network_private.fail_backend_staging.regions_attributes[*].openstackid)[0]
        subnet_id = ovh_cloud_project_network_private_subnet.fail_backend_staging.id
      }
    }
  }
  listeners = [{ port = 443, protocol = "tcp" }]
}

resource "ovh_cloud_project_loadbalancer" "unknown_frontend_legacy" {
  service_name = var.existing_project
  region_name  = "SBG5"
  flavor_id    = "small"
  network      = {
    private = {
      network = {
        id        = tolist(ovh_cloud_project_network_private.unknown_backend_legacy.regions_attributes[*].openstackid)[0]
        subnet_id = ovh_cloud_project_network_private_subnet.unknown_backend_legacy.id
      }
    }
  }
  listeners = [{ port = 443, protocol = "tcp" }]
}

resource "ovh_cloud_project_region" "pass_paris" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  region       = "EU-WEST-PAR"
}

resource "ovh_cloud_project_region" "fail_paris_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  region       = "EU-WEST-PAR"
}

resource "ovh_cloud_project_region" "unknown_paris_legacy" {
  service_name = var.existing_project
  region       = "EU-WEST-PAR"
}

resource "ovh_cloud_project_user" "pass_deployer" {
  service_name = ovh_cloud_project.pass_hds_option.project_id
  description  = "CI deployer"
  role_names   = ["compute_operator", "network_operator"]
}

resource "ovh_cloud_project_user" "fail_deployer_staging" {
  service_name = ovh_cloud_project.fail_no_plan_option.project_id
  description  = "CI deployer"
  role_names   = ["compute_operator"]
}

resource "ovh_cloud_project_user" "unknown_deployer_legacy" {
  service_name = var.existing_project
  description  = "CI deployer"
  role_name    = "administrator"
}
