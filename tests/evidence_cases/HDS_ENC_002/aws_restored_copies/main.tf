# HDS_ENC_002 (customer-managed keys required) on databases made from another one (a snapshot, a
# replica's source): naming no key, they keep the source's key, which the code does not say.
provider "aws" {
  region = "eu-west-3"
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "db" {
  description         = "Patient databases"
  enable_key_rotation = true
}

resource "aws_db_instance" "pass_primary_customer_key" {
  identifier          = "records"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "records"
  password            = var.db_password
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_db_instance" "pass_read_replica_of_primary_with_customer_key" {
  identifier          = "records-replica"
  replicate_source_db = aws_db_instance.pass_primary_customer_key.identifier
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}

resource "aws_db_instance" "pass_restored_with_customer_key" {
  identifier          = "records-restored"
  snapshot_identifier = "records-2026-11-01"
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "unknown_restored_from_snapshot" {
  cluster_identifier  = "records-aurora-restored"
  engine              = "aurora-postgresql"
  snapshot_identifier = "arn:aws:rds:eu-west-3:123456789012:cluster-snapshot:records-2026-11-01"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "fail_new_cluster_without_key" {
  cluster_identifier  = "legacy-aurora"
  engine              = "aurora-mysql"
  master_username     = "legacy"
  master_password     = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "unknown_restored_from_snapshot" {
  cluster_identifier  = "records-docdb-restored"
  snapshot_identifier = "records-docdb-2026-11-01"
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "unknown_read_replica_cluster" {
  cluster_identifier            = "care-graph-replica"
  engine                        = "neptune"
  replication_source_identifier = "arn:aws:rds:eu-west-1:123456789012:cluster:care-graph"
  skip_final_snapshot           = true
}
