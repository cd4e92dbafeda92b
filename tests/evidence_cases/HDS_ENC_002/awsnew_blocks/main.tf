# HDS_ENC_002 (customer-managed keys required), stores with two keys (both must be customer keys)
# and Image Builder distributions (each AMI distribution names a key; a container-only distribution
# gets no verdict).
provider "aws" {
  region = "eu-west-3"
}

resource "aws_kms_key" "k" {
  description = "customer key"
}

variable "key_arn" {
  type = string
}

variable "emr_configuration" {
  type = string
}

resource "aws_comprehend_entity_recognizer" "pass_both_keys" {
  name                 = "entities"
  data_access_role_arn = "arn:aws:iam::123456789012:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = aws_kms_key.k.arn
  volume_kms_key_id    = aws_kms_key.k.arn
}

resource "aws_comprehend_entity_recognizer" "fail_volume_without_key" {
  name                 = "entities-model-key"
  data_access_role_arn = "arn:aws:iam::123456789012:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = aws_kms_key.k.arn
}

resource "aws_comprehend_entity_recognizer" "unknown_volume_key_from_variable" {
  name                 = "entities-variable"
  data_access_role_arn = "arn:aws:iam::123456789012:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  volume_kms_key_id    = var.key_arn
}

resource "aws_sagemaker_data_quality_job_definition" "pass_both_keys" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  data_quality_job_output_config {
    kms_key_id = aws_kms_key.k.arn
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.k.arn
    }
  }
}

resource "aws_sagemaker_data_quality_job_definition" "fail_no_keys" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}

resource "aws_sagemaker_data_quality_job_definition" "unknown_output_key_from_variable" {
  role_arn = "arn:aws:iam::123456789012:role/sm"
  data_quality_job_output_config {
    kms_key_id = var.key_arn
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_emr_security_configuration" "pass_both_keys" {
  name = "cmk"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-KMS"
          AwsKmsKey      = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "fail_sse_s3" {
  name = "sse-s3"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "unknown_from_variable" {
  name          = "from-variable"
  configuration = var.emr_configuration
}

resource "aws_imagebuilder_distribution_configuration" "pass_ami_customer_key" {
  name = "ami-cmk"
  distribution {
    region = "eu-west-3"
    ami_distribution_configuration {
      name       = "golden-{{ imagebuilder:buildDate }}"
      kms_key_id = aws_kms_key.k.arn
    }
  }
}

resource "aws_imagebuilder_distribution_configuration" "fail_ami_without_key" {
  name = "ami-default"
  distribution {
    region = "eu-west-3"
    ami_distribution_configuration {
      name = "golden-{{ imagebuilder:buildDate }}"
    }
  }
}

resource "aws_imagebuilder_distribution_configuration" "unknown_ami_key_from_variable" {
  name = "ami-variable"
  distribution {
    region = "eu-west-3"
    ami_distribution_configuration {
      name       = "golden-{{ imagebuilder:buildDate }}"
      kms_key_id = var.key_arn
    }
  }
}

resource "aws_imagebuilder_distribution_configuration" "none_container_only" {
  name = "containers"
  distribution {
    region = "eu-west-3"
    container_distribution_configuration {
      target_repository {
        repository_name = "golden"
        service         = "ECR"
      }
    }
  }
}
