# HDS_PRV_004: an OVHcloud Public Cloud project holds health data only with the HDS option
# (plan_option certification.hds.2018). Resources inherit the verdict of the project they belong to:
# a project of this configuration with the option, one without it, and a project this configuration
# does not create (var.existing_project, no ovh_hds_projects in the settings), whose option cannot be
# seen from the code.
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "existing_project" {
  type        = string
  description = "Public Cloud project created outside this configuration"
}

variable "project_option" {
  type        = string
  description = "Plan code of the option ordered with the analytics project"
}

data "ovh_me" "account" {}

data "ovh_order_cart" "cart" {
  ovh_subsidiary = data.ovh_me.account.ovh_subsidiary
}

data "ovh_order_cart_product_plan" "cloud" {
  cart_id        = data.ovh_order_cart.cart.id
  price_capacity = "renew"
  product        = "cloud"
  plan_code      = "project.2018"
}

data "ovh_order_cart_product_options_plan" "hds" {
  cart_id           = data.ovh_order_cart.cart.id
  price_capacity    = "renew"
  product           = "cloud"
  plan_code         = "project.2018"
  options_plan_code = "certification.hds.2018"
}

resource "ovh_cloud_project" "pass_hds_option" {
  ovh_subsidiary = data.ovh_order_cart.cart.ovh_subsidiary
  description    = "patient records"
  plan {
    duration     = data.ovh_order_cart_product_plan.cloud.selected_price.0.duration
    plan_code    = data.ovh_order_cart_product_plan.cloud.plan_code
    pricing_mode = data.ovh_order_cart_product_plan.cloud.selected_price.0.pricing_mode
  }
  plan_option {
    duration     = data.ovh_order_cart_product_options_plan.hds.selected_price.0.duration
    plan_code    = data.ovh_order_cart_product_options_plan.hds.options_plan_code
    pricing_mode = data.ovh_order_cart_product_options_plan.hds.selected_price.0.pricing_mode
  }
}

resource "ovh_cloud_project" "fail_no_plan_option" {
  ovh_subsidiary = data.ovh_order_cart.cart.ovh_subsidiary
  description    = "staging"
  plan {
    duration     = data.ovh_order_cart_product_plan.cloud.selected_price.0.duration
    plan_code    = data.ovh_order_cart_product_plan.cloud.plan_code
    pricing_mode = data.ovh_order_cart_product_plan.cloud.selected_price.0.pricing_mode
  }
}

resource "ovh_cloud_project" "fail_other_option" {
  ovh_subsidiary = "FR"
  description    = "sandbox"
  plan {
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }
  plan_option {
    duration     = "P1M"
    plan_code    = "certification.pci-dss.2018"
    pricing_mode = "default"
  }
}

resource "ovh_cloud_project" "unknown_option_from_variable" {
  ovh_subsidiary = "FR"
  description    = "analytics"
  plan {
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }
  plan_option {
    duration     = "P1M"
    plan_code    = var.project_option
    pricing_mode = "default"
  }
}
