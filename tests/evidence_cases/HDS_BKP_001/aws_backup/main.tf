# HDS_BKP_001 aws_backup_vault: recovery points are immutable only under a vault lock in compliance
# mode (aws_backup_vault_lock_configuration with changeable_for_days); governance mode (no
# changeable_for_days) can be removed by anyone with the right IAM permissions.
provider "aws" {
  region = "eu-west-3"
}

variable "lock_grace_days" {
  type = number
}

resource "aws_kms_key" "backup" {
  description         = "AWS Backup vaults"
  enable_key_rotation = true
}

resource "aws_backup_vault" "pass_compliance_lock" {
  name        = "ehr-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "ehr" {
  backup_vault_name   = aws_backup_vault.pass_compliance_lock.name
  changeable_for_days = 3
  min_retention_days  = 35
  max_retention_days  = 3650
}

resource "aws_backup_vault" "fail_no_lock" {
  name        = "scratch-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault" "fail_governance_lock" {
  name        = "billing-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "billing" {
  backup_vault_name  = aws_backup_vault.fail_governance_lock.name
  min_retention_days = 7
  max_retention_days = 365
}

resource "aws_backup_vault" "unknown_lock_mode_from_variable" {
  name        = "imaging-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "imaging" {
  backup_vault_name   = aws_backup_vault.unknown_lock_mode_from_variable.name
  changeable_for_days = var.lock_grace_days
  min_retention_days  = 35
}

# The lock names the vault by its literal name rather than by reference: it locks the same vault.
resource "aws_backup_vault" "pass_lock_by_vault_name" {
  name        = "records-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "records" {
  backup_vault_name   = "records-backups"
  changeable_for_days = 3
  min_retention_days  = 35
}

# A lock on a vault of the same name in another region does not lock this one.
provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

resource "aws_backup_vault" "fail_lock_on_namesake_in_other_region" {
  name        = "claims-backups"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "claims_frankfurt" {
  provider            = aws.frankfurt
  backup_vault_name   = "claims-backups"
  changeable_for_days = 3
  min_retention_days  = 35
}
