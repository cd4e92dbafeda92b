# HDS_ENC_001 on AWS databases: RDS, Aurora, DocumentDB, Neptune, Redshift, DynamoDB and DAX,
# ElastiCache, MemoryDB, Keyspaces and Timestream.
provider "aws" {
  region = "eu-west-3"
}

variable "storage_encrypted" {
  type = bool
}

variable "redshift_encrypted" {
  type = bool
}

variable "cache_encrypted" {
  type = bool
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "db" {
  description         = "Patient databases"
  enable_key_rotation = true
}

# --- aws_db_instance ------------------------------------------------------------------------

resource "aws_db_instance" "pass_storage_encrypted" {
  identifier          = "records"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "records"
  password            = var.db_password
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_db_instance" "fail_storage_not_encrypted" {
  identifier          = "legacy"
  engine              = "mysql"
  engine_version      = "8.0"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "legacy"
  password            = var.db_password
  skip_final_snapshot = true
}

resource "aws_db_instance" "unknown_storage_encrypted_from_variable" {
  identifier          = "reports"
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "reports"
  password            = var.db_password
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}

# --- aws_db_snapshot_copy -------------------------------------------------------------------

resource "aws_db_snapshot_copy" "pass_copied_with_key" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:records-2026-11-01"
  target_db_snapshot_identifier = "records-2026-11-01-paris"
  kms_key_id                    = aws_kms_key.db.arn
}

resource "aws_db_snapshot_copy" "unknown_follows_source" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:records-2026-11-02"
  target_db_snapshot_identifier = "records-2026-11-02-paris"
}

# --- aws_rds_cluster and aws_rds_global_cluster ---------------------------------------------

resource "aws_rds_cluster" "pass_storage_encrypted" {
  cluster_identifier  = "records-aurora"
  engine              = "aurora-postgresql"
  engine_version      = "16.2"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "fail_storage_encrypted_false" {
  cluster_identifier  = "legacy-aurora"
  engine              = "aurora-mysql"
  master_username     = "legacy"
  master_password     = var.db_password
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "unknown_storage_encrypted_from_variable" {
  cluster_identifier  = "reports-aurora"
  engine              = "aurora-postgresql"
  master_username     = "reports"
  master_password     = var.db_password
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}

# Aurora Serverless v1 is always encrypted, whatever the flag says.
resource "aws_rds_cluster" "pass_serverless_v1_flag_from_variable" {
  cluster_identifier  = "reports-serverless"
  engine              = "aurora-postgresql"
  engine_mode         = "serverless"
  master_username     = "reports"
  master_password     = var.db_password
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}

resource "aws_rds_global_cluster" "pass_storage_encrypted" {
  global_cluster_identifier = "records-global"
  engine                    = "aurora-postgresql"
  engine_version            = "16.2"
  storage_encrypted         = true
}

resource "aws_rds_global_cluster" "fail_storage_not_encrypted" {
  global_cluster_identifier = "legacy-global"
  engine                    = "aurora-mysql"
}

resource "aws_rds_global_cluster" "unknown_storage_encrypted_from_variable" {
  global_cluster_identifier = "reports-global"
  engine                    = "aurora-postgresql"
  storage_encrypted         = var.storage_encrypted
}

# --- DocumentDB -----------------------------------------------------------------------------

resource "aws_docdb_cluster" "pass_storage_encrypted" {
  cluster_identifier  = "records-docdb"
  engine              = "docdb"
  master_username     = "records"
  master_password     = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "fail_storage_not_encrypted" {
  cluster_identifier  = "legacy-docdb"
  master_username     = "legacy"
  master_password     = var.db_password
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "unknown_storage_encrypted_from_variable" {
  cluster_identifier  = "reports-docdb"
  master_username     = "reports"
  master_password     = var.db_password
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}

resource "aws_docdb_global_cluster" "pass_storage_encrypted" {
  global_cluster_identifier = "records-docdb-global"
  engine                    = "docdb"
  engine_version            = "5.0.0"
  storage_encrypted         = true
}

resource "aws_docdb_global_cluster" "fail_storage_encrypted_false" {
  global_cluster_identifier = "legacy-docdb-global"
  engine                    = "docdb"
  storage_encrypted         = false
}

resource "aws_docdb_global_cluster" "unknown_storage_encrypted_from_variable" {
  global_cluster_identifier = "reports-docdb-global"
  engine                    = "docdb"
  storage_encrypted         = var.storage_encrypted
}

# --- aws_neptune_cluster --------------------------------------------------------------------

resource "aws_neptune_cluster" "pass_storage_encrypted" {
  cluster_identifier  = "care-graph"
  engine              = "neptune"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.db.arn
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "fail_storage_not_encrypted" {
  cluster_identifier  = "legacy-graph"
  engine              = "neptune"
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "unknown_storage_encrypted_from_variable" {
  cluster_identifier  = "reports-graph"
  engine              = "neptune"
  storage_encrypted   = var.storage_encrypted
  skip_final_snapshot = true
}

# --- Redshift -------------------------------------------------------------------------------

resource "aws_redshift_cluster" "pass_encrypted" {
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

resource "aws_redshift_cluster" "fail_encrypted_false" {
  cluster_identifier  = "legacy-dwh"
  database_name       = "legacy"
  master_username     = "legacy"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  encrypted           = false
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "unknown_encrypted_not_set" {
  cluster_identifier  = "reports-dwh"
  database_name       = "reports"
  master_username     = "reports"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "unknown_encrypted_from_variable" {
  cluster_identifier  = "audit-dwh"
  database_name       = "audit"
  master_username     = "audit"
  master_password     = var.db_password
  node_type           = "ra3.xlplus"
  cluster_type        = "single-node"
  encrypted           = var.redshift_encrypted
  skip_final_snapshot = true
}

resource "aws_redshiftserverless_namespace" "pass_aws_owned_key" {
  namespace_name      = "records"
  admin_username      = "records"
  admin_user_password = var.db_password
  db_name             = "records"
}

resource "aws_redshiftserverless_namespace" "pass_customer_key" {
  namespace_name = "audit"
  kms_key_id     = aws_kms_key.db.arn
}

# --- DynamoDB and DAX -----------------------------------------------------------------------

resource "aws_dynamodb_table" "pass_aws_owned_key" {
  name         = "appointments"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "patient_id"

  attribute {
    name = "patient_id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "pass_encryption_disabled_still_aws_owned_key" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  server_side_encryption {
    enabled = false
  }
}

resource "aws_dax_cluster" "pass_sse_enabled" {
  cluster_name       = "appointments-cache"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax-appointments"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dax_cluster" "fail_no_sse" {
  cluster_name       = "sessions-cache"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax-sessions"
  node_type          = "dax.t3.small"
  replication_factor = 1
}

resource "aws_dax_cluster" "unknown_sse_from_variable" {
  cluster_name       = "reports-cache"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax-reports"
  node_type          = "dax.t3.small"
  replication_factor = 1

  server_side_encryption {
    enabled = var.cache_encrypted
  }
}

# --- ElastiCache and MemoryDB ---------------------------------------------------------------

resource "aws_elasticache_replication_group" "pass_at_rest_encryption" {
  replication_group_id       = "records-cache"
  description                = "Records session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "pass_valkey_encrypts_by_default" {
  replication_group_id = "valkey-cache"
  description          = "Valkey cache"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "fail_redis_not_encrypted" {
  replication_group_id = "legacy-cache"
  description          = "Legacy cache"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 1
}

resource "aws_elasticache_replication_group" "unknown_at_rest_from_variable" {
  replication_group_id       = "reports-cache"
  description                = "Reports cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = var.cache_encrypted
}

resource "aws_memorydb_cluster" "pass_aws_owned_key" {
  name                     = "records-memorydb"
  node_type                = "db.t4g.small"
  acl_name                 = "open-access"
  num_shards               = 1
  snapshot_retention_limit = 7
}

resource "aws_memorydb_snapshot" "pass_always_encrypted" {
  cluster_name = aws_memorydb_cluster.pass_aws_owned_key.name
  name         = "records-memorydb-manual"
}

# --- Keyspaces and Timestream ---------------------------------------------------------------

resource "aws_keyspaces_table" "pass_aws_owned_key" {
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
}

resource "aws_timestreamwrite_database" "pass_aws_managed_key" {
  database_name = "vitals"
}
