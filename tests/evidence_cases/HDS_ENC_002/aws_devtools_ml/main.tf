# HDS_ENC_002 (customer-managed keys required) on AWS developer tools and machine learning:
# CodeArtifact, CodePipeline, ECR, SageMaker domains, endpoint configurations and notebooks, Bedrock.
provider "aws" {
  region = "eu-west-3"
}

variable "build_key_arn" {
  type = string
}

resource "aws_kms_key" "build" {
  description         = "Build artifacts and models"
  enable_key_rotation = true
}

# --- aws_codeartifact_domain ----------------------------------------------------------------

resource "aws_codeartifact_domain" "pass_customer_key" {
  domain         = "care-internal"
  encryption_key = aws_kms_key.build.arn
}

resource "aws_codeartifact_domain" "fail_aws_managed_key" {
  domain = "care-packages"
}

resource "aws_codeartifact_domain" "unknown_key_from_variable" {
  domain         = "care-reports"
  encryption_key = var.build_key_arn
}

# --- aws_codepipeline -----------------------------------------------------------------------

resource "aws_codepipeline" "pass_customer_key" {
  name     = "records-api"
  role_arn = "arn:aws:iam::123456789012:role/codepipeline-records"

  artifact_store {
    location = "hds-pipeline-artifacts"
    type     = "S3"

    encryption_key {
      id   = aws_kms_key.build.arn
      type = "KMS"
    }
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

resource "aws_codepipeline" "fail_aws_managed_key" {
  name     = "legacy-export"
  role_arn = "arn:aws:iam::123456789012:role/codepipeline-legacy"

  artifact_store {
    location = "hds-legacy-pipeline-artifacts"
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
        RepositoryName = "legacy-export"
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
        ProjectName = "legacy-export"
      }
    }
  }
}

resource "aws_codepipeline" "unknown_key_from_variable" {
  name     = "reports"
  role_arn = "arn:aws:iam::123456789012:role/codepipeline-reports"

  artifact_store {
    location = "hds-reports-pipeline-artifacts"
    type     = "S3"

    encryption_key {
      id   = var.build_key_arn
      type = "KMS"
    }
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
        RepositoryName = "reports"
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
        ProjectName = "reports"
      }
    }
  }
}

# --- aws_ecr_repository ---------------------------------------------------------------------

resource "aws_ecr_repository" "pass_customer_key" {
  name = "lab-import"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.build.arn
  }
}

resource "aws_ecr_repository" "fail_aes256" {
  name = "records-api"

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_repository" "unknown_key_from_variable" {
  name = "reports"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.build_key_arn
  }
}

# --- SageMaker ------------------------------------------------------------------------------

resource "aws_sagemaker_domain" "pass_customer_key" {
  domain_name = "care-research"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]
  kms_key_id  = aws_kms_key.build.arn

  default_user_settings {
    execution_role = "arn:aws:iam::123456789012:role/sagemaker-care"
  }
}

resource "aws_sagemaker_domain" "fail_aws_managed_key" {
  domain_name = "legacy-research"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]

  default_user_settings {
    execution_role = "arn:aws:iam::123456789012:role/sagemaker-legacy"
  }
}

resource "aws_sagemaker_domain" "unknown_key_from_variable" {
  domain_name = "reports-research"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]
  kms_key_id  = var.build_key_arn

  default_user_settings {
    execution_role = "arn:aws:iam::123456789012:role/sagemaker-reports"
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

resource "aws_sagemaker_endpoint_configuration" "fail_aws_managed_key" {
  name = "coding-assistant"

  production_variants {
    variant_name           = "primary"
    model_name             = "coding-assistant"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint_configuration" "unknown_key_from_variable" {
  name        = "report-model"
  kms_key_arn = var.build_key_arn

  production_variants {
    variant_name           = "primary"
    model_name             = "report-model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_notebook_instance" "pass_customer_key" {
  name          = "care-exploration"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-care"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.build.key_id
}

resource "aws_sagemaker_notebook_instance" "fail_aws_managed_key" {
  name          = "legacy-exploration"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-legacy"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "unknown_key_from_variable" {
  name          = "reports-exploration"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker-reports"
  instance_type = "ml.t3.medium"
  kms_key_id    = var.build_key_arn
}

# --- aws_bedrockagent_agent -----------------------------------------------------------------

resource "aws_bedrockagent_agent" "pass_customer_key" {
  agent_name                  = "appointment-assistant"
  agent_resource_role_arn     = "arn:aws:iam::123456789012:role/bedrock-appointments"
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction                 = "Help patients find and book an appointment slot with their practitioner."
  customer_encryption_key_arn = aws_kms_key.build.arn
}

resource "aws_bedrockagent_agent" "fail_aws_owned_key" {
  agent_name              = "billing-assistant"
  agent_resource_role_arn = "arn:aws:iam::123456789012:role/bedrock-billing"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "Answer patients' questions about their invoices and reimbursements."
}

resource "aws_bedrockagent_agent" "unknown_key_from_variable" {
  agent_name                  = "report-assistant"
  agent_resource_role_arn     = "arn:aws:iam::123456789012:role/bedrock-reports"
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction                 = "Summarise the monthly activity reports for the medical director."
  customer_encryption_key_arn = var.build_key_arn
}
