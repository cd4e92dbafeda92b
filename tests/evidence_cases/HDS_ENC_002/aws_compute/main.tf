# HDS_ENC_002 (customer-managed keys required) on AWS compute: EC2 instances, launch
# configurations and templates, EBS volumes and AMI copies.
provider "aws" {
  region = "eu-west-3"
}

variable "ebs_key_arn" {
  type = string
}

locals {
  ami_id = "ami-0f61de2873e29e866"
}

resource "aws_kms_key" "ebs" {
  description         = "EBS volumes of the patient records application"
  enable_key_rotation = true
}

# --- aws_instance ---------------------------------------------------------------------------

resource "aws_instance" "pass_volumes_with_customer_key" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = aws_kms_key.ebs.arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
    kms_key_id  = "arn:aws:kms:eu-west-3:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  }
}

resource "aws_instance" "fail_data_volume_without_key" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = aws_kms_key.ebs.arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
  }
}

resource "aws_instance" "unknown_key_from_variable" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = var.ebs_key_arn
  }
}

resource "aws_instance" "unknown_no_root_block_device" {
  ami           = local.ami_id
  instance_type = "t3.micro"
}

resource "aws_instance" "fail_aws_managed_key_alias" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = "alias/aws/ebs"
  }
}

# The data volume has a customer key, but the root volume is left to the AMI and the account default.
resource "aws_instance" "unknown_root_volume_left_to_ami" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
    kms_key_id  = aws_kms_key.ebs.arn
  }
}

# --- aws_launch_configuration ---------------------------------------------------------------

resource "aws_launch_configuration" "pass_root_with_customer_key" {
  name_prefix   = "records-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = aws_kms_key.ebs.arn
  }
}

resource "aws_launch_configuration" "fail_root_without_key" {
  name_prefix   = "legacy-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }
}

resource "aws_launch_configuration" "unknown_no_root_block_device" {
  name_prefix   = "bare-"
  image_id      = local.ami_id
  instance_type = "t3.small"
}

resource "aws_launch_configuration" "unknown_key_from_variable" {
  name_prefix   = "reports-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
    kms_key_id  = var.ebs_key_arn
  }
}

# --- aws_launch_template --------------------------------------------------------------------

resource "aws_launch_template" "pass_volume_with_customer_key" {
  name_prefix   = "records-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = "true"
      kms_key_id  = aws_kms_key.ebs.arn
    }
  }
}

resource "aws_launch_template" "fail_volume_without_key" {
  name_prefix   = "batch-"
  image_id      = local.ami_id
  instance_type = "c6i.large"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "true"
    }
  }
}

resource "aws_launch_template" "fail_aws_managed_key_alias" {
  name_prefix   = "jobs-"
  image_id      = local.ami_id
  instance_type = "c6i.large"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "true"
      kms_key_id  = "arn:aws:kms:eu-west-3:123456789012:alias/aws/ebs"
    }
  }
}

resource "aws_launch_template" "unknown_key_from_variable" {
  name_prefix   = "reports-"
  image_id      = local.ami_id
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = "true"
      kms_key_id  = var.ebs_key_arn
    }
  }
}

# --- aws_ebs_volume -------------------------------------------------------------------------

resource "aws_ebs_volume" "pass_customer_key" {
  availability_zone = "eu-west-3a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_ebs_volume" "fail_aws_managed_key" {
  availability_zone = "eu-west-3a"
  size              = 100
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-3:123456789012:alias/aws/ebs"
}

resource "aws_ebs_volume" "fail_no_key" {
  availability_zone = "eu-west-3b"
  size              = 100
  encrypted         = true
}

resource "aws_ebs_volume" "unknown_key_from_variable" {
  availability_zone = "eu-west-3b"
  size              = 50
  encrypted         = true
  kms_key_id        = var.ebs_key_arn
}

# --- aws_ami_copy ---------------------------------------------------------------------------

resource "aws_ami_copy" "pass_customer_key" {
  name              = "records-base-cmk"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_ami_copy" "fail_default_ebs_key" {
  name              = "records-base-default-key"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = true
}

resource "aws_ami_copy" "unknown_key_from_variable" {
  name              = "records-base-variable-key"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = var.ebs_key_arn
}
