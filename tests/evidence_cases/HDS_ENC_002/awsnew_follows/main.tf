# HDS_ENC_002 (customer-managed keys required), keys that follow another resource: a cluster snapshot
# keeps its cluster's key; an Aurora instance uses its cluster's key, and its own key for Performance
# Insights when that is on. A cluster not in this code is unknown.
provider "aws" {
  region = "eu-west-3"
}

resource "aws_kms_key" "k" {
  description = "customer key"
}

resource "aws_rds_cluster" "pass_customer_key" {
  cluster_identifier = "cmk"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.k.arn
}

resource "aws_rds_cluster" "fail_default_key" {
  cluster_identifier = "default-key"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

resource "aws_db_cluster_snapshot" "pass_of_cluster_with_customer_key" {
  db_cluster_identifier          = aws_rds_cluster.pass_customer_key.id
  db_cluster_snapshot_identifier = "cmk-1"
}

resource "aws_db_cluster_snapshot" "fail_of_cluster_with_default_key" {
  db_cluster_identifier          = aws_rds_cluster.fail_default_key.id
  db_cluster_snapshot_identifier = "default-key-1"
}

resource "aws_db_cluster_snapshot" "unknown_of_cluster_elsewhere" {
  db_cluster_identifier          = "prod-cluster"
  db_cluster_snapshot_identifier = "prod-1"
}

resource "aws_rds_cluster_instance" "pass_customer_keys" {
  cluster_identifier              = aws_rds_cluster.pass_customer_key.id
  instance_class                  = "db.r6g.large"
  engine                          = "aurora-postgresql"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.k.arn
}

resource "aws_rds_cluster_instance" "fail_insights_with_default_key" {
  cluster_identifier           = aws_rds_cluster.pass_customer_key.id
  instance_class               = "db.r6g.large"
  engine                       = "aurora-postgresql"
  performance_insights_enabled = true
}

resource "aws_rds_cluster_instance" "fail_in_cluster_with_default_key" {
  cluster_identifier = aws_rds_cluster.fail_default_key.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "unknown_cluster_elsewhere" {
  cluster_identifier = "prod-cluster"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_neptune_cluster" "pass_graph_customer_key" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.k.arn
}

resource "aws_neptune_cluster" "fail_graph_default_key" {
  cluster_identifier = "graph-default"
  storage_encrypted  = true
}

resource "aws_neptune_cluster_snapshot" "pass_of_graph_with_customer_key" {
  db_cluster_identifier          = aws_neptune_cluster.pass_graph_customer_key.id
  db_cluster_snapshot_identifier = "graph-1"
}

resource "aws_neptune_cluster_snapshot" "fail_of_graph_with_default_key" {
  db_cluster_identifier          = aws_neptune_cluster.fail_graph_default_key.id
  db_cluster_snapshot_identifier = "graph-default-1"
}

resource "aws_neptune_cluster_snapshot" "unknown_of_graph_elsewhere" {
  db_cluster_identifier          = "other-graph"
  db_cluster_snapshot_identifier = "other-graph-1"
}

resource "aws_rds_cluster_instance" "fail_insights_with_aws_managed_alias" {
  cluster_identifier              = aws_rds_cluster.pass_customer_key.id
  instance_class                  = "db.r6g.large"
  engine                          = "aurora-postgresql"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "alias/aws/rds"
}
