# HDS_ENC_001 on stores made from another one (a snapshot, a replica's source, a global cluster's
# first member, a copied AMI): with the encryption setting left unset they keep the source's, which
# the code does not say unless the source is in this configuration (then judged as that source is);
# setting it decides.
provider "aws" {
  region = "eu-west-3"
}

variable "db_password" {
  type      = string
  sensitive = true
}

# --- EBS volume from a snapshot -------------------------------------------------------------

resource "aws_ebs_volume" "unknown_from_snapshot" {
  availability_zone = "eu-west-3a"
  snapshot_id       = "snap-0a1b2c3d4e5f60718"
  type              = "gp3"
}

resource "aws_ebs_volume" "pass_from_snapshot_encrypted" {
  availability_zone = "eu-west-3a"
  snapshot_id       = "snap-0a1b2c3d4e5f60719"
  encrypted         = true
}

# --- RDS instance: read replica and restore -------------------------------------------------

resource "aws_db_instance" "pass_primary" {
  identifier          = "records"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "records"
  password            = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "pass_read_replica_of_encrypted_primary" {
  identifier          = "records-replica"
  replicate_source_db = aws_db_instance.pass_primary.identifier
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}

resource "aws_db_instance" "fail_plain_primary" {
  identifier          = "billing"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 20
  username            = "billing"
  password            = var.db_password
  skip_final_snapshot = true
}

resource "aws_db_instance" "fail_read_replica_of_plain_primary" {
  identifier          = "billing-replica"
  replicate_source_db = aws_db_instance.fail_plain_primary.identifier
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}

resource "aws_db_instance" "unknown_read_replica_of_instance_elsewhere" {
  identifier          = "records-replica-2"
  replicate_source_db = "arn:aws:rds:eu-west-1:123456789012:db:records"
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}

resource "aws_db_instance" "unknown_restored_from_snapshot" {
  identifier          = "records-restored"
  snapshot_identifier = "records-2026-11-01"
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}

# --- Aurora: restore, cross-region replica, Serverless v1, global cluster -------------------

resource "aws_rds_cluster" "unknown_restored_from_snapshot" {
  cluster_identifier  = "records-aurora-restored"
  engine              = "aurora-postgresql"
  snapshot_identifier = "arn:aws:rds:eu-west-3:123456789012:cluster-snapshot:records-2026-11-01"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "pass_serverless_v1" {
  cluster_identifier  = "records-serverless"
  engine              = "aurora-postgresql"
  engine_mode         = "serverless"
  master_username     = "records"
  master_password     = var.db_password
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "fail_provisioned_not_encrypted" {
  cluster_identifier  = "legacy-aurora"
  engine              = "aurora-mysql"
  engine_mode         = "provisioned"
  master_username     = "legacy"
  master_password     = var.db_password
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "pass_encrypted_source" {
  cluster_identifier  = "records-aurora"
  engine              = "aurora-postgresql"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_rds_global_cluster" "pass_from_encrypted_cluster" {
  global_cluster_identifier    = "records-global"
  source_db_cluster_identifier = aws_rds_cluster.pass_encrypted_source.arn
  force_destroy                = true
}

resource "aws_rds_global_cluster" "unknown_from_cluster_elsewhere" {
  global_cluster_identifier    = "records-global-2"
  source_db_cluster_identifier = "arn:aws:rds:eu-west-1:123456789012:cluster:records"
  force_destroy                = true
}

# --- DocumentDB and Neptune -----------------------------------------------------------------

resource "aws_docdb_cluster" "unknown_restored_from_snapshot" {
  cluster_identifier  = "records-docdb-restored"
  snapshot_identifier = "records-docdb-2026-11-01"
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "pass_encrypted_source" {
  cluster_identifier  = "records-docdb"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_docdb_global_cluster" "pass_from_encrypted_cluster" {
  global_cluster_identifier    = "records-docdb-global"
  source_db_cluster_identifier = aws_docdb_cluster.pass_encrypted_source.arn
}

resource "aws_docdb_global_cluster" "unknown_from_cluster_elsewhere" {
  global_cluster_identifier    = "records-docdb-global-2"
  source_db_cluster_identifier = "arn:aws:rds:eu-west-1:123456789012:cluster:records-docdb"
}

resource "aws_neptune_cluster" "unknown_restored_from_snapshot" {
  cluster_identifier  = "care-graph-restored"
  engine              = "neptune"
  snapshot_identifier = "care-graph-2026-11-01"
  skip_final_snapshot = true
}

# --- AMI copy -------------------------------------------------------------------------------

resource "aws_ami_copy" "unknown_follows_source_ami" {
  name              = "records-base-copy"
  source_ami_id     = "ami-0f61de2873e29e866"
  source_ami_region = "eu-west-1"
}
