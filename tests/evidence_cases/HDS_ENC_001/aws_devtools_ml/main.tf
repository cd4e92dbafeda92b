# HDS_ENC_001 on AWS developer tools and machine learning: CodeArtifact, CodeBuild, CodePipeline,
# ECR, SageMaker domains, endpoint configurations and notebooks, Bedrock agents.
provider "aws" {
  region = "eu-west-3"
}

variable "artifacts_encryption_disabled" {
  type = bool
}

variable "ecr_encryption_type" {
  type = string
}

resource "aws_kms_key" "build" {
  description         = "Build artifacts and models"
  enable_key_rotation = true
}

# --- aws_codeartifact_domain ----------------------------------------------------------------

resource "aws_codeartifact_domain" "pass_aws_managed_key" {
  domain = "care-packages"
}

resource "aws_codeartifact_domain" "pass_customer_key" {
  domain         = "care-internal"
  encryption_key = aws_kms_key.build.arn
}

# --- aws_codebuild_project ------------------------------------------------------------------

resource "aws_codebuild_project" "pass_artifacts_encrypted_by_default" {
  name         = "records-api"
  service_role = "arn:aws:iam::123456789012:role/codebuild-records"

  artifacts {
    type     = "S3"
    location = "hds-build-artifacts"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-3.amazonaws.com/v1/repos/records-api"
  }
}

resource "aws_codebuild_project" "fail_artifacts_encryption_disabled" {
  name         = "legacy-export"
  service_role = "arn:aws:iam::123456789012:role/codebuild-legacy"

  artifacts {
    type                = "S3"
    location            = "hds-legacy-artifacts"
    encryption_disabled = true
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-3.amazonaws.com/v1/repos/legacy-export"
  }
}

resource "aws_codebuild_project" "unknown_encryption_disabled_from_variable" {
  name         = "reports"
  service_role = "arn:aws:iam::123456789012:role/codebuild-reports"

  artifacts {
    type                = "S3"
    location            = "hds-reports-artifacts"
    encryption_disabled = var.artifacts_encryption_disabled
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-3.amazonaws.com/v1/repos/reports"
  }
}

# --- aws_codepipeline -----------------------------------------------------------------------

resource "aws_codepipeline" "pass_aws_managed_key" {
  name     = "records-api"
  role_arn = "arn:aws:iam::123456789012:role/codepipeline-records"

  artifact_store {
    location = "hds-pipeline-artifacts"
    type     = "S3"
  }

  stage {
    name = "Source"
    action {
      name             = "Source"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeCommit"
      version          = "1"
      output_artifacts = ["source"]
      configuration = {
        RepositoryName = "records-api"
        BranchName     = "main"
      }
    }
  }

  stage {
    name = "Build"
    action {
      name            = "Build"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      input_artifacts = ["source"]
      configuration = {
        ProjectName = "records-api"
      }
    }
  }
}

# --- aws_ecr_repository ---------------------------------------------------------------------

resource "aws_ecr_repository" "pass_aes256_by_default" {
  name                 = "records-api"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "pass_kms" {
  name = "lab-import"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.build.arn
  }
}

resource "aws_ecr_repository" "unknown_encryption_type_from_variable" {
  name = "reports"

  encryption_configuration {
    encryption_type = var.ecr_encryption_type
  }
}

# --- SageMaker and Bedrock (always encrypted) -----------------------------------------------

resource "aws_sagemaker_domain" "pass_aws_managed_key" {
  domain_name = "care-research"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]

  default_user_settings {
    execution_role = "arn:aws:iam::123456789012:role/sagemaker-care"
  }
}

resource "aws_sagemaker_endpoint_configuration" "pass_customer_key" {
  name        = "triage-model"
  kms_key_arn = aws_kms_key.build.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "triage-model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint_configuration" "pass_aws_managed_key" {
  name = "coding-assistant"

  production_variants {
    variant_name           = "primary"
    model_name             = "coding-assistant"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_notebook_instance" "pass_aws_managed_key" {
  name          = "care-exploration"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-care"
  instance_type = "ml.t3.medium"
}

resource "aws_bedrockagent_agent" "pass_aws_owned_key" {
  agent_name              = "appointment-assistant"
  agent_resource_role_arn = "arn:aws:iam::123456789012:role/bedrock-appointments"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "Help patients find and book an appointment slot with their practitioner."
}
