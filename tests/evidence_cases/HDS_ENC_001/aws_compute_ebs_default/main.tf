# HDS_ENC_001 under aws_ebs_encryption_by_default: every new EBS volume of the account's region is
# encrypted, so volumes and instances that say nothing pass there, and only there.
provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_ebs_encryption_by_default" "pass_paris" {
  enabled = true
}

resource "aws_ebs_volume" "pass_region_encrypts_by_default" {
  availability_zone = "eu-west-3a"
  size              = 100
  type              = "gp3"
}

resource "aws_instance" "pass_region_encrypts_by_default" {
  ami           = "ami-0f61de2873e29e866"
  instance_type = "t3.medium"
}

resource "aws_launch_template" "pass_region_encrypts_by_default" {
  name_prefix   = "records-"
  image_id      = "ami-0f61de2873e29e866"
  instance_type = "t3.medium"
}

resource "aws_ebs_volume" "fail_other_region_not_covered" {
  provider          = aws.ireland
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_instance" "unknown_other_region_not_covered" {
  provider      = aws.ireland
  ami           = "ami-0a2b3c4d5e6f70819"
  instance_type = "t3.medium"
}

variable "volume_encrypted" {
  type = bool
}

resource "aws_ebs_volume" "pass_from_snapshot_region_encrypts_by_default" {
  availability_zone = "eu-west-3a"
  snapshot_id       = "snap-0a1b2c3d4e5f60718"
}

resource "aws_ebs_volume" "pass_flag_from_variable_region_encrypts_by_default" {
  availability_zone = "eu-west-3b"
  size              = 50
  encrypted         = var.volume_encrypted
}
