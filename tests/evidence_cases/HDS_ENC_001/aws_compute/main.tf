# HDS_ENC_001 on AWS compute: EC2 instances, launch configurations and templates, EBS volumes,
# snapshot and AMI copies, AMIs, Image Builder recipes and WorkSpaces.
provider "aws" {
  region = "eu-west-3"
}

variable "root_encrypted" {
  type = bool
}

variable "volume_encrypted" {
  type = bool
}

variable "workspace_user_volume_encrypted" {
  type = bool
}

locals {
  ami_id = "ami-0f61de2873e29e866"
}

resource "aws_kms_key" "ebs" {
  description         = "EBS volumes of the patient records application"
  enable_key_rotation = true
}

# --- aws_instance ---------------------------------------------------------------------------

resource "aws_instance" "pass_root_and_data_encrypted" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    volume_type = "gp3"
    encrypted   = true
    kms_key_id  = aws_kms_key.ebs.arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    volume_type = "gp3"
    encrypted   = true
  }
}

resource "aws_instance" "fail_root_not_encrypted" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    volume_type = "gp3"
    encrypted   = false
  }
}

resource "aws_instance" "fail_data_volume_not_encrypted" {
  ami           = local.ami_id
  instance_type = "t3.large"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 200
  }
}

resource "aws_instance" "unknown_no_root_block_device" {
  ami           = local.ami_id
  instance_type = "t3.micro"
}

resource "aws_instance" "unknown_root_encrypted_from_variable" {
  ami           = local.ami_id
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    encrypted   = var.root_encrypted
  }
}

resource "aws_instance" "unknown_data_volume_from_snapshot" {
  ami           = local.ami_id
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    snapshot_id = "snap-0a1b2c3d4e5f60718"
  }
}

# The data volume is encrypted, but the root volume is left to the AMI: not a pass.
resource "aws_instance" "unknown_root_volume_left_to_ami" {
  ami           = local.ami_id
  instance_type = "t3.medium"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
  }
}

# --- aws_launch_configuration ---------------------------------------------------------------

resource "aws_launch_configuration" "pass_encrypted_root" {
  name_prefix   = "records-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }
}

resource "aws_launch_configuration" "fail_root_not_encrypted" {
  name_prefix   = "legacy-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  root_block_device {
    volume_size = 30
  }
}

resource "aws_launch_configuration" "unknown_root_volume_left_to_ami" {
  name_prefix   = "data-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
  }
}

resource "aws_launch_configuration" "unknown_no_root_block_device" {
  name_prefix   = "bare-"
  image_id      = local.ami_id
  instance_type = "t3.small"
}

# --- aws_launch_template --------------------------------------------------------------------

resource "aws_launch_template" "pass_encrypted_volume" {
  name_prefix   = "records-"
  image_id      = local.ami_id
  instance_type = "t3.medium"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      volume_type = "gp3"
      encrypted   = "true"
    }
  }
}

resource "aws_launch_template" "fail_volume_not_encrypted" {
  name_prefix   = "batch-"
  image_id      = local.ami_id
  instance_type = "c6i.large"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "false"
    }
  }
}

resource "aws_launch_template" "unknown_no_block_device_mappings" {
  name_prefix   = "web-"
  image_id      = local.ami_id
  instance_type = "t3.small"
}

# --- aws_ebs_volume -------------------------------------------------------------------------

resource "aws_ebs_volume" "pass_encrypted" {
  availability_zone = "eu-west-3a"
  size              = 100
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_ebs_volume" "fail_encrypted_not_set" {
  availability_zone = "eu-west-3a"
  size              = 100
  type              = "gp3"
}

resource "aws_ebs_volume" "unknown_encrypted_from_variable" {
  availability_zone = "eu-west-3b"
  size              = 50
  encrypted         = var.volume_encrypted
}

# --- aws_ebs_snapshot_copy ------------------------------------------------------------------

resource "aws_ebs_snapshot_copy" "pass_encrypted" {
  source_snapshot_id = "snap-0a1b2c3d4e5f60718"
  source_region      = "eu-west-1"
  encrypted          = true
  kms_key_id         = aws_kms_key.ebs.arn
}

resource "aws_ebs_snapshot_copy" "fail_encrypted_false" {
  source_snapshot_id = "snap-0a1b2c3d4e5f60719"
  source_region      = "eu-west-1"
  encrypted          = false
}

resource "aws_ebs_snapshot_copy" "unknown_follows_source" {
  source_snapshot_id = "snap-0a1b2c3d4e5f60720"
  source_region      = "eu-west-1"
}

# --- aws_ami_copy ---------------------------------------------------------------------------

resource "aws_ami_copy" "pass_encrypted" {
  name              = "records-base-encrypted"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_ami_copy" "fail_not_encrypted" {
  name              = "records-base-plain"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = false
}

resource "aws_ami_copy" "unknown_encrypted_from_variable" {
  name              = "records-base-variable"
  source_ami_id     = local.ami_id
  source_ami_region = "eu-west-1"
  encrypted         = var.volume_encrypted
}

# --- aws_ami --------------------------------------------------------------------------------

resource "aws_ami" "pass_encrypted_volumes" {
  name                = "records-from-volumes"
  virtualization_type = "hvm"
  root_device_name    = "/dev/xvda"

  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0a1b2c3d4e5f60718"
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/xvdb"
    volume_size = 100
    encrypted   = true
  }
}

resource "aws_ami" "fail_data_volume_not_encrypted" {
  name                = "records-plain-data"
  virtualization_type = "hvm"
  root_device_name    = "/dev/xvda"

  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0a1b2c3d4e5f60718"
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/xvdb"
    volume_size = 100
    encrypted   = false
  }
}

resource "aws_ami" "unknown_from_snapshot" {
  name                = "records-from-snapshot"
  virtualization_type = "hvm"
  root_device_name    = "/dev/xvda"

  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0a1b2c3d4e5f60721"
  }
}

# --- aws_imagebuilder_image_recipe ----------------------------------------------------------

resource "aws_imagebuilder_image_recipe" "pass_encrypted_volume" {
  name         = "records-encrypted"
  parent_image = "arn:aws:imagebuilder:eu-west-3:aws:image/amazon-linux-2023-x86/x.x.x"
  version      = "1.0.0"

  block_device_mapping {
    device_name = "/dev/xvda"
    ebs {
      delete_on_termination = true
      volume_size           = 30
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.ebs.arn
    }
  }

  component {
    component_arn = "arn:aws:imagebuilder:eu-west-3:aws:component/update-linux/x.x.x"
  }
}

resource "aws_imagebuilder_image_recipe" "fail_volume_not_encrypted" {
  name         = "records-plain"
  parent_image = "arn:aws:imagebuilder:eu-west-3:aws:image/amazon-linux-2023-x86/x.x.x"
  version      = "1.0.0"

  block_device_mapping {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = false
    }
  }

  component {
    component_arn = "arn:aws:imagebuilder:eu-west-3:aws:component/update-linux/x.x.x"
  }
}

resource "aws_imagebuilder_image_recipe" "unknown_parent_image_decides" {
  name         = "records-inherit"
  parent_image = "arn:aws:imagebuilder:eu-west-3:aws:image/amazon-linux-2023-x86/x.x.x"
  version      = "1.0.0"

  component {
    component_arn = "arn:aws:imagebuilder:eu-west-3:aws:component/update-linux/x.x.x"
  }
}

# --- aws_workspaces_workspace ---------------------------------------------------------------

resource "aws_workspaces_workspace" "pass_both_volumes_encrypted" {
  directory_id                   = "d-9067a1b2c3"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "dr.martin"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}

resource "aws_workspaces_workspace" "fail_root_volume_not_encrypted" {
  directory_id                   = "d-9067a1b2c3"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "dr.durand"
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}

resource "aws_workspaces_workspace" "unknown_user_volume_from_variable" {
  directory_id                   = "d-9067a1b2c3"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "dr.petit"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = var.workspace_user_volume_encrypted
  volume_encryption_key          = "alias/aws/workspaces"
}
