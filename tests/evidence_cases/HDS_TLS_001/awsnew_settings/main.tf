# HDS_TLS_001, in-transit settings: EFS volumes of ECS task definitions (transit_encryption, default
# DISABLED; a task with no EFS volume gets no verdict), an EMR security configuration's
# EnableInTransitEncryption, SageMaker data quality jobs' inter-container traffic encryption.
provider "aws" {
  region = "eu-west-3"
}

variable "transit" {
  type = string
}

variable "emr_configuration" {
  type = string
}

variable "inter_container" {
  type = bool
}

resource "aws_ecs_task_definition" "pass_efs_tls" {
  family                = "app"
  container_definitions = "[]"
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-123"
      transit_encryption = "ENABLED"
    }
  }
}

resource "aws_ecs_task_definition" "fail_efs_default_plain" {
  family                = "app-plain"
  container_definitions = "[]"
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id = "fs-123"
    }
  }
}

resource "aws_ecs_task_definition" "fail_one_of_two_plain" {
  family                = "app-mixed"
  container_definitions = "[]"
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-123"
      transit_encryption = "ENABLED"
    }
  }
  volume {
    name = "cache"
    efs_volume_configuration {
      file_system_id     = "fs-456"
      transit_encryption = "DISABLED"
    }
  }
}

resource "aws_ecs_task_definition" "unknown_transit_from_variable" {
  family                = "app-variable"
  container_definitions = "[]"
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-123"
      transit_encryption = var.transit
    }
  }
}

resource "aws_ecs_task_definition" "none_no_efs_volume" {
  family                = "app-local"
  container_definitions = "[]"
  volume {
    name = "scratch"
  }
}

resource "aws_emr_security_configuration" "pass_in_transit" {
  name = "tls"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = true
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://certs/emr.zip"
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "fail_in_transit_off" {
  name = "plain"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = false
    }
  })
}

resource "aws_emr_security_configuration" "unknown_from_variable" {
  name          = "from-variable"
  configuration = var.emr_configuration
}

resource "aws_sagemaker_data_quality_job_definition" "pass_inter_container_encrypted" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  network_config {
    enable_inter_container_traffic_encryption = true
  }
}

resource "aws_sagemaker_data_quality_job_definition" "fail_default_plain" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
}

resource "aws_sagemaker_data_quality_job_definition" "unknown_from_variable" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  network_config {
    enable_inter_container_traffic_encryption = var.inter_container
  }
}
