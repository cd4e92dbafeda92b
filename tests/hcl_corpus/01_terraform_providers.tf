# Root configuration: Terraform settings and provider configurations.
# Several providers are configured more than once using aliases.

terraform {
  required_version = ">= 1.7.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.90.0"
    }
    google = { source = "hashicorp/google", version = "~> 5.20" }
    ovh = {
      source                = "ovh/ovh"
      version               = "0.41.0"
      configuration_aliases = [ovh.secondary]
    }
    random = {
      source = "hashicorp/random"
    }
  }

  backend "s3" {
    bucket         = "acme-tfstate-eu-west-3"
    key            = "platform/hds/terraform.tfstate"
    region         = "eu-west-3"
    encrypt        = true
    dynamodb_table = "acme-tf-locks"
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "hds-platform"
      Environment = var.environment
      ManagedBy   = "terraform"
      "cost:center" = "CC-1042"
    }
  }
}

provider "aws" {
  alias  = "us_east"
  region = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::${var.account_ids["shared"]}:role/TerraformDeploy"
    session_name = "tf-${var.environment}"
    external_id  = null
  }
}

provider "aws" {
  alias               = "audit"
  region              = var.aws_region
  allowed_account_ids = [var.account_ids.audit]
  skip_metadata_api_check = false
  max_retries         = 5
}

provider "azurerm" {
  features {}
}

provider "azurerm" {
  alias           = "connectivity"
  subscription_id = var.azure_subscriptions["connectivity"]
  features {
    key_vault {
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }
    resource_group { prevent_deletion_if_contains_resources = true }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west9"
  zone    = "europe-west9-a"
}

provider "google" {
  alias   = "billing"
  project = "acme-billing-${var.environment}"
  user_project_override = true
  billing_project       = "acme-billing"
}

provider "ovh" {
  endpoint           = "ovh-eu"
  application_key    = var.ovh_application_key
  application_secret = var.ovh_application_secret
  consumer_key       = var.ovh_consumer_key
}

provider "ovh" {
  alias    = "secondary"
  endpoint = "ovh-ca"
}

provider random {}
