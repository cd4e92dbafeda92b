variable "environment" {
  type        = string
  description = "Deployment environment (dev, stg or prod)."
  default     = "dev"

  validation {
    condition     = contains(["dev", "stg", "prod"], var.environment)
    error_message = "The environment must be one of \"dev\", \"stg\" or \"prod\"."
  }
}

variable "aws_region" {
  type    = string
  default = "eu-west-3"
}

variable "account_ids" {
  type = map(string)
  default = {
    shared = "111111111111"
    audit  = "222222222222"
    "log-archive" : "333333333333"
  }
}

variable "azure_subscriptions" {
  type    = map(string)
  default = {}
}

variable "gcp_project_id" {
  type      = string
  nullable  = false
}

variable "ovh_application_key" {}
variable "ovh_application_secret" {
  sensitive = true
}
variable "ovh_consumer_key" {
  type      = string
  sensitive = true
  default   = null
}

variable "ingress_rules" {
  description = <<-EOT
    List of ingress rules for the application security group.

    Each rule opens one port for a list of CIDR blocks.
  EOT
  type = list(object({
    port        = number
    protocol    = optional(string, "tcp")
    cidr_blocks = list(string)
    description = optional(string)
  }))
  default = [
    { port = 443, cidr_blocks = ["0.0.0.0/0"], description = "HTTPS" },
    {
      port        = 22
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"] # bastion ranges
    },
  ]

  validation {
    condition = alltrue([
      for r in var.ingress_rules : r.port > 0 && r.port <= 65535
    ])
    error_message = "Every ingress port must be between 1 and 65535."
  }
  validation {
    condition     = length(var.ingress_rules) < 50
    error_message = "Too many ingress rules."
  }
}

variable "cpu_threshold" {
  type    = number
  default = 0.75
}

variable "scale" {
  type = object({
    min     = number
    max     = number
    factor  = number
    enabled = bool
  })
  default = {
    min     = 1
    max     = 10
    factor  = 1.5
    enabled = true
  }
}

variable "buckets" {
  type = map(object({
    versioning = optional(bool, true)
    kms_key_id = optional(string, null)
    lifecycle_days = optional(number)
    tags = optional(map(string), {})
  }))
  default = {
    "logs" = { versioning = false, lifecycle_days = 30 }
    "data" = {
      kms_key_id = "alias/hds-data"
      tags       = { Classification = "health-data", "hds:scope" = "true" }
    }
    archive = {}
  }
}

variable "feature-flags" {
  type    = map(bool)
  default = { enable-waf = true, enable-shield = false, "enable_ddos" = null }
}

variable "nested_defaults" {
  type = any
  default = [
    [1, 2, [3, [4, 5.25]]],
    { a = { b = { c = [true, false, null] } } },
    [],
    {},
  ]
}

variable "allowed_locations" {
  type     = set(string)
  default  = ["francecentral", "westeurope"]
  nullable = true
}
