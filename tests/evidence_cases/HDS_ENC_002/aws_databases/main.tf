# HDS_ENC_002 (customer-managed keys required) on AWS databases: RDS, Aurora, DocumentDB, Neptune,
# Redshift, DynamoDB, ElastiCache, MemoryDB, Keyspaces and Timestream.
provider "aws" {
  region = "eu-west-3"
}

variable "db_key_arn" {
  type = string
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "db" {
  description         = "Patient databases"
  enable_key_rotation = true
}

# --- aws_db_instance and aws_db_snapshot_copy -----------------------------------------------

resource "aws_db_instance" "pass_customer_key" {
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

resource "aws_db_instance" "fail_default_rds_key" {
  identifier          = "legacy"
  engine              = "mysql"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "legacy"
  password            = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "unknown_key_from_variable" {
  identifier          = "reports"
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "reports"
  password            = var.db_password
  storage_encrypted   = true
  kms_key_id          = var.db_key_arn
  skip_final_snapshot = true
}

resource "aws_db_snapshot_copy" "pass_customer_key" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:records-2026-11-01"
  target_db_snapshot_identifier = "records-2026-11-01-paris"
  kms_key_id                    = aws_kms_key.db.arn
}

resource "aws_db_snapshot_copy" "fail_aws_managed_key" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:legacy-2026-11-01"
  target_db_snapshot_identifier = "legacy-2026-11-01-paris"
  kms_key_id                    = "alias/aws/rds"
}

resource "aws_db_snapshot_copy" "unknown_key_from_variable" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:reports-2026-11-01"
  target_db_snapshot_identifier = "reports-2026-11-01-paris"
  kms_key_id                    = var.db_key_arn
}

# --- aws_rds_cluster ------------------------------------------------------------------------

resource "aws_rds_cluster" "pass_customer_key" {
  cluster_identifier  = "records-aurora"
  engine              = "aurora-postgresql"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = "arn:aws:kms:eu-west-3:123456789012:key/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "fail_aws_managed_key" {
  cluster_identifier  = "legacy-aurora"
  engine              = "aurora-mysql"
  master_username     = "legacy"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = "arn:aws:kms:eu-west-3:123456789012:alias/aws/rds"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "unknown_key_from_variable" {
  cluster_identifier  = "reports-aurora"
  engine              = "aurora-postgresql"
  master_username     = "reports"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = var.db_key_arn
  skip_final_snapshot = true
}

# --- DocumentDB and Neptune -----------------------------------------------------------------

resource "aws_docdb_cluster" "pass_customer_key" {
  cluster_identifier  = "records-docdb"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "fail_default_key" {
  cluster_identifier  = "legacy-docdb"
  master_username     = "legacy"
  master_password     = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "unknown_key_from_variable" {
  cluster_identifier  = "reports-docdb"
  master_username     = "reports"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = var.db_key_arn
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "pass_customer_key" {
  cluster_identifier  = "care-graph"
  engine              = "neptune"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "fail_default_key" {
  cluster_identifier  = "legacy-graph"
  engine              = "neptune"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "unknown_key_from_variable" {
  cluster_identifier  = "reports-graph"
  engine              = "neptune"
  storage_encrypted   = true
  kms_key_arn         = var.db_key_arn
  skip_final_snapshot = true
}

# --- Redshift -------------------------------------------------------------------------------

resource "aws_redshift_cluster" "pass_customer_key" {
  cluster_identifier  = "records-dwh"
  database_name       = "records"
  master_username     = "records"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  encrypted           = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "fail_default_key" {
  cluster_identifier  = "legacy-dwh"
  database_name       = "legacy"
  master_username     = "legacy"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  encrypted           = true
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "unknown_key_from_variable" {
  cluster_identifier  = "reports-dwh"
  database_name       = "reports"
  master_username     = "reports"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  encrypted           = true
  kms_key_id          = var.db_key_arn
  skip_final_snapshot = true
}

resource "aws_redshiftserverless_namespace" "pass_customer_key" {
  namespace_name = "records"
  kms_key_id     = aws_kms_key.db.arn
}

resource "aws_redshiftserverless_namespace" "fail_aws_owned_key" {
  namespace_name = "legacy"
}

resource "aws_redshiftserverless_namespace" "unknown_key_from_variable" {
  namespace_name = "reports"
  kms_key_id     = var.db_key_arn
}

# --- aws_dynamodb_table ---------------------------------------------------------------------

resource "aws_dynamodb_table" "pass_customer_key" {
  name         = "appointments"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "patient_id"

  attribute {
    name = "patient_id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.db.arn
  }
}

resource "aws_dynamodb_table" "fail_aws_managed_key" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "unknown_key_from_variable" {
  name         = "reports"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "report_id"

  attribute {
    name = "report_id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.db_key_arn
  }
}

# --- ElastiCache and MemoryDB ---------------------------------------------------------------

resource "aws_elasticache_replication_group" "pass_customer_key" {
  replication_group_id       = "records-cache"
  description                = "Records session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.db.arn
}

resource "aws_elasticache_replication_group" "fail_default_key" {
  replication_group_id       = "legacy-cache"
  description                = "Legacy cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "unknown_key_from_variable" {
  replication_group_id       = "reports-cache"
  description                = "Reports cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = true
  kms_key_id                 = var.db_key_arn
}

resource "aws_memorydb_cluster" "pass_customer_key" {
  name        = "records-memorydb"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  num_shards  = 1
  kms_key_arn = aws_kms_key.db.arn
}

resource "aws_memorydb_cluster" "fail_aws_owned_key" {
  name       = "legacy-memorydb"
  node_type  = "db.t4g.small"
  acl_name   = "open-access"
  num_shards = 1
}

resource "aws_memorydb_cluster" "unknown_key_from_variable" {
  name        = "reports-memorydb"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  num_shards  = 1
  kms_key_arn = var.db_key_arn
}

resource "aws_memorydb_snapshot" "pass_customer_key" {
  cluster_name = "records-memorydb"
  name         = "records-memorydb-manual"
  kms_key_arn  = aws_kms_key.db.arn
}

resource "aws_memorydb_snapshot" "fail_aws_owned_key" {
  cluster_name = "legacy-memorydb"
  name         = "legacy-memorydb-manual"
}

resource "aws_memorydb_snapshot" "unknown_key_from_variable" {
  cluster_name = "reports-memorydb"
  name         = "reports-memorydb-manual"
  kms_key_arn  = var.db_key_arn
}

# --- Keyspaces and Timestream ---------------------------------------------------------------

resource "aws_keyspaces_table" "pass_customer_key" {
  keyspace_name = "care"
  table_name    = "observations"

  schema_definition {
    column {
      name = "patient_id"
      type = "text"
    }
    partition_key {
      name = "patient_id"
    }
  }

  encryption_specification {
    type               = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = aws_kms_key.db.arn
  }
}

resource "aws_keyspaces_table" "fail_aws_owned_key" {
  keyspace_name = "care"
  table_name    = "legacy_observations"

  schema_definition {
    column {
      name = "patient_id"
      type = "text"
    }
    partition_key {
      name = "patient_id"
    }
  }
}

resource "aws_keyspaces_table" "unknown_key_from_variable" {
  keyspace_name = "care"
  table_name    = "report_observations"

  schema_definition {
    column {
      name = "patient_id"
      type = "text"
    }
    partition_key {
      name = "patient_id"
    }
  }

  encryption_specification {
    type               = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = var.db_key_arn
  }
}

resource "aws_timestreamwrite_database" "pass_customer_key" {
  database_name = "vitals"
  kms_key_id    = aws_kms_key.db.arn
}

resource "aws_timestreamwrite_database" "fail_aws_managed_key" {
  database_name = "legacy_vitals"
}

resource "aws_timestreamwrite_database" "unknown_key_from_variable" {
  database_name = "report_vitals"
  kms_key_id    = var.db_key_arn
}
