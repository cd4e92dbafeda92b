# HDS_ENC_001, encryption that follows another resource: cluster snapshots and Aurora instances as
# their cluster, replicated backups as their source instance, Glue jobs, crawlers and development
# endpoints as their security configuration. A source not in this code is unknown.
provider "aws" {
  region = "eu-west-3"
}

resource "aws_rds_cluster" "pass_encrypted" {
  cluster_identifier = "encrypted"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

resource "aws_rds_cluster" "fail_plain" {
  cluster_identifier = "plain"
  engine             = "aurora-postgresql"
}

resource "aws_db_cluster_snapshot" "pass_of_encrypted_cluster" {
  db_cluster_identifier          = aws_rds_cluster.pass_encrypted.id
  db_cluster_snapshot_identifier = "encrypted-1"
}

resource "aws_db_cluster_snapshot" "fail_of_plain_cluster" {
  db_cluster_identifier          = aws_rds_cluster.fail_plain.id
  db_cluster_snapshot_identifier = "plain-1"
}

resource "aws_db_cluster_snapshot" "unknown_of_cluster_elsewhere" {
  db_cluster_identifier          = "prod-cluster"
  db_cluster_snapshot_identifier = "prod-1"
}

resource "aws_rds_cluster_instance" "pass_in_encrypted_cluster" {
  cluster_identifier = aws_rds_cluster.pass_encrypted.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "fail_in_plain_cluster" {
  cluster_identifier = aws_rds_cluster.fail_plain.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

variable "cluster_id" {
  type = string
}

resource "aws_rds_cluster_instance" "unknown_cluster_from_variable" {
  cluster_identifier = var.cluster_id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_neptune_cluster" "pass_encrypted_graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}

resource "aws_neptune_cluster" "fail_plain_graph" {
  cluster_identifier = "plain-graph"
  storage_encrypted  = false
}

resource "aws_neptune_cluster_snapshot" "pass_of_encrypted_graph" {
  db_cluster_identifier          = aws_neptune_cluster.pass_encrypted_graph.id
  db_cluster_snapshot_identifier = "graph-1"
}

resource "aws_neptune_cluster_snapshot" "fail_of_plain_graph" {
  db_cluster_identifier          = aws_neptune_cluster.fail_plain_graph.id
  db_cluster_snapshot_identifier = "plain-graph-1"
}

resource "aws_neptune_cluster_snapshot" "unknown_of_graph_elsewhere" {
  db_cluster_identifier          = "other-graph"
  db_cluster_snapshot_identifier = "other-graph-1"
}

resource "aws_db_instance" "pass_encrypted_instance" {
  identifier        = "encrypted-db"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
}

resource "aws_db_instance" "fail_plain_instance" {
  identifier     = "plain-db"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance_automated_backups_replication" "pass_of_encrypted_instance" {
  source_db_instance_arn = aws_db_instance.pass_encrypted_instance.arn
  kms_key_id             = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_db_instance_automated_backups_replication" "fail_of_plain_instance" {
  source_db_instance_arn = aws_db_instance.fail_plain_instance.arn
}

resource "aws_db_instance_automated_backups_replication" "unknown_of_instance_elsewhere" {
  source_db_instance_arn = "arn:aws:rds:eu-west-3:123456789012:db:other"
}

resource "aws_glue_security_configuration" "pass_all_encrypted" {
  name = "encrypted"
  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}

resource "aws_glue_job" "pass_with_encrypting_configuration" {
  name                   = "etl"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.pass_all_encrypted.name
  command {
    script_location = "s3://scripts/etl.py"
  }
}

resource "aws_glue_job" "fail_no_security_configuration" {
  name     = "etl-plain"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {
    script_location = "s3://scripts/etl.py"
  }
}

resource "aws_glue_job" "unknown_configuration_elsewhere" {
  name                   = "etl-other"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = "shared-encryption"
  command {
    script_location = "s3://scripts/etl.py"
  }
}

resource "aws_glue_crawler" "pass_with_encrypting_configuration" {
  name                   = "crawl"
  database_name          = "lake"
  role                   = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.pass_all_encrypted.name
  s3_target {
    path = "s3://lake/raw"
  }
}

resource "aws_glue_crawler" "fail_no_security_configuration" {
  name          = "crawl-plain"
  database_name = "lake"
  role          = "arn:aws:iam::123456789012:role/glue"
  s3_target {
    path = "s3://lake/raw"
  }
}

resource "aws_glue_crawler" "unknown_configuration_elsewhere" {
  name                   = "crawl-other"
  database_name          = "lake"
  role                   = "arn:aws:iam::123456789012:role/glue"
  security_configuration = "shared-encryption"
  s3_target {
    path = "s3://lake/raw"
  }
}

resource "aws_glue_dev_endpoint" "pass_with_encrypting_configuration" {
  name                   = "dev"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = aws_glue_security_configuration.pass_all_encrypted.name
}

resource "aws_glue_dev_endpoint" "fail_no_security_configuration" {
  name     = "dev-plain"
  role_arn = "arn:aws:iam::123456789012:role/glue"
}

resource "aws_glue_dev_endpoint" "unknown_configuration_elsewhere" {
  name                   = "dev-other"
  role_arn               = "arn:aws:iam::123456789012:role/glue"
  security_configuration = "shared-encryption"
}
