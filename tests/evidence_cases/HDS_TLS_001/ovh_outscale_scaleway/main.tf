# HDS_TLS_001 OVHcloud Octavia, Outscale LBU and Scaleway load balancers: TLS listeners or redirects.
terraform {
  required_providers {
    ovh      = { source = "ovh/ovh" }
    outscale = { source = "outscale/outscale" }
    scaleway = { source = "scaleway/scaleway" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

provider "outscale" {
  region = "eu-west-2"
}

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-1"
}

variable "listener_protocol" {
  type = string
}

variable "certificate_ids" {
  type = list(string)
}

variable "service_name" {
  type    = string
  default = "0123456789abcdef0123456789abcdef"
}

# --- OVHcloud Public Cloud load balancer (Octavia) ---------------------------------------------

resource "ovh_cloud_project_loadbalancer" "pass_terminated_https" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-tls"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    {
      port                      = 443
      protocol                  = "terminated-https"
      default_tls_container_ref = "https://gra.kms.example/containers/portal"
      tls_versions              = ["TLSv1.2", "TLSv1.3"]
    },
  ]
}

resource "ovh_cloud_project_loadbalancer" "fail_plain_http" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "portal-plain"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    { port = 80, protocol = "http" },
  ]
}

resource "ovh_cloud_project_loadbalancer" "unknown_tcp_listener" {
  service_name = var.service_name
  region_name  = "GRA11"
  flavor_id    = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "hl7-tcp"

  network = {
    private = {
      network = {
        id        = "a1b2c3d4-0000-4000-8000-000000000002"
        subnet_id = "a1b2c3d4-0000-4000-8000-000000000003"
      }
    }
  }

  listeners = [
    { port = 2575, protocol = "tcp" },
  ]
}

# --- Outscale load balancer (LBU) --------------------------------------------------------------

resource "outscale_load_balancer" "pass_https_listener" {
  load_balancer_name = "portal-tls"
  subregion_names    = ["eu-west-2a"]

  listeners {
    backend_port           = 8443
    backend_protocol       = "HTTPS"
    load_balancer_port     = 443
    load_balancer_protocol = "HTTPS"
    server_certificate_id  = "arn:aws:iam::012345678910:server-certificate/portal"
  }
}

resource "outscale_load_balancer" "fail_http_listener" {
  load_balancer_name = "portal-plain"
  subregion_names    = ["eu-west-2a"]

  listeners {
    backend_port           = 8080
    backend_protocol       = "HTTP"
    load_balancer_port     = 80
    load_balancer_protocol = "HTTP"
  }
}

resource "outscale_load_balancer" "unknown_protocol_from_variable" {
  load_balancer_name = "portal-var"
  subregion_names    = ["eu-west-2a"]

  listeners {
    backend_port           = 8443
    backend_protocol       = "HTTPS"
    load_balancer_port     = 443
    load_balancer_protocol = var.listener_protocol
  }
}

# --- Scaleway load balancer frontends ----------------------------------------------------------

resource "scaleway_lb_ip" "portal" {}

resource "scaleway_lb" "portal" {
  ip_ids = [scaleway_lb_ip.portal.id]
  name   = "portal"
  type   = "LB-S"
}

resource "scaleway_lb_backend" "http" {
  lb_id            = scaleway_lb.portal.id
  name             = "portal-http"
  forward_protocol = "http"
  forward_port     = 8080
}

resource "scaleway_lb_certificate" "portal" {
  lb_id = scaleway_lb.portal.id
  name  = "portal"

  letsencrypt {
    common_name = "portal.example.fr"
  }
}

resource "scaleway_lb_frontend" "pass_terminates_tls" {
  lb_id           = scaleway_lb.portal.id
  backend_id      = scaleway_lb_backend.http.id
  name            = "portal-https"
  inbound_port    = 443
  certificate_ids = [scaleway_lb_certificate.portal.id]
}

resource "scaleway_lb_frontend" "fail_plain_http" {
  lb_id        = scaleway_lb.portal.id
  backend_id   = scaleway_lb_backend.http.id
  name         = "portal-http"
  inbound_port = 80
}

resource "scaleway_lb_frontend" "unknown_certificates_from_variable" {
  lb_id           = scaleway_lb.portal.id
  backend_id      = scaleway_lb_backend.http.id
  name            = "portal-var"
  inbound_port    = 8443
  certificate_ids = var.certificate_ids
}
