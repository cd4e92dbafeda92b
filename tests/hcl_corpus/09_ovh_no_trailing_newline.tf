// OVHcloud resources. NOTE: this file intentionally has no trailing newline.

data "ovh_me" "myaccount" {}

data "ovh_cloud_project_regions" "regions" {
  service_name = var.ovh_project_id
  has_services_up = ["instance", "network"]
}

resource "ovh_cloud_project_user" "s3" {
  service_name = var.ovh_project_id
  description  = "S3 user for ${var.environment}"
  role_names   = ["objectstore_operator"]
}

resource "ovh_cloud_project_kube" "cluster" {
  service_name = var.ovh_project_id
  name         = "kube-${var.environment}"
  region       = "GRA11"
  version      = "1.29"

  private_network_id = tolist(ovh_cloud_project_network_private.net.regions_attributes)[0].openstackid

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = false
  }

  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }

  kube_proxy_mode = "ipvs"

  timeouts {
    create = "1h"
    update = "30m"
  }
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  for_each = {
    general = { flavor = "b3-8", min = 2, max = 5 }
    compute = { flavor = "c3-16", min = 0, max = 3 }
  }

  service_name  = var.ovh_project_id
  kube_id       = ovh_cloud_project_kube.cluster.id
  name          = each.key
  flavor_name   = each.value.flavor
  desired_nodes = each.value.min
  min_nodes     = each.value.min
  max_nodes     = each.value.max
  autoscale     = each.value.max > each.value.min
  anti_affinity = each.key == "general"

  template {
    metadata {
      annotations = {}
      finalizers  = []
      labels      = { "node-pool" = each.key, tier = each.key }
    }
    spec {
      unschedulable = false
      taints = each.key == "compute" ? [{
        effect = "NoSchedule"
        key    = "dedicated"
        value  = "compute"
      }] : []
    }
  }
}

resource "ovh_cloud_project_kube_iprestrictions" "acl" {
  service_name = var.ovh_project_id
  kube_id      = ovh_cloud_project_kube.cluster.id
  ips          = concat(var.trusted_ips, ["${var.bastion_ip}/32"])
}

resource "ovh_cloud_project_database" "pg" {
  provider     = ovh.secondary
  service_name = var.ovh_project_id
  description  = "hds-pg-${var.environment}"
  engine       = "postgresql"
  version      = "15"
  plan         = local.is_prod ? "business" : "essential"
  flavor       = "db1-7"

  dynamic "nodes" {
    for_each = range(local.is_prod ? 3 : 1)
    content {
      region = "GRA"
    }
  }

  ip_restrictions {
    description = "bastion"
    ip          = "${var.bastion_ip}/32"
  }
  ip_restrictions {
    description = "vrack"
    ip          = "10.0.0.0/16"
  }

  backup_time = "03:30:00"
}

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = ovh_cloud_project_database.pg.service_name
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "app"
  roles        = ["replication"]
}

resource "ovh_domain_zone_record" "api" {
  zone      = var.dns_zone
  subdomain = "api.${var.environment}"
  fieldtype = "CNAME"
  ttl       = 3600
  target    = "${ovh_cloud_project_kube.cluster.id}.gra.k8s.ovh.net."
}

output "kubeconfig" {
  value     = ovh_cloud_project_kube.cluster.kubeconfig
  sensitive = true
}