# HDS_LOC_003 AWS databases: copies of their data in another region. A read replica (RDS instance or
# Aurora cluster) or replicated automated backups put the source's data in the region of the provider
# they are created with; the verdict lands on the source when it is in the code (the replica itself
# gets none). DynamoDB global tables keep a copy in each replica region.
provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "london"
  region = "eu-west-2"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

variable "dr_region" {
  type        = string
  description = "Region of the disaster-recovery copies"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

# --- RDS read replicas ---

resource "aws_db_instance" "pass_ehr_replicated_to_frankfurt" {
  identifier              = "hds-ehr"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_db_instance" "none_ehr_replica_frankfurt" {
  provider            = aws.frankfurt
  identifier          = "hds-ehr-replica"
  replicate_source_db = aws_db_instance.pass_ehr_replicated_to_frankfurt.arn
  instance_class      = "db.m6g.large"
  storage_encrypted   = true
  kms_key_id          = "arn:aws:kms:eu-central-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"
  skip_final_snapshot = true
}

resource "aws_db_instance" "fail_billing_replicated_to_london" {
  identifier              = "hds-billing"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_db_instance" "none_billing_replica_london" {
  provider            = aws.london
  identifier          = "hds-billing-replica"
  replicate_source_db = aws_db_instance.fail_billing_replicated_to_london.arn
  instance_class      = "db.m6g.large"
  storage_encrypted   = true
  kms_key_id          = "arn:aws:kms:eu-west-2:123456789012:key/1e2f3a4b-5c6d-7e8f-90a1-b2c3d4e5f6a7"
  skip_final_snapshot = true
}

resource "aws_db_instance" "unknown_lab_replicated_to_dr_region" {
  identifier              = "hds-lab"
  engine                  = "mysql"
  engine_version          = "8.0"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 7
}

resource "aws_db_instance" "none_lab_replica_dr" {
  provider            = aws.dr
  identifier          = "hds-lab-replica"
  replicate_source_db = aws_db_instance.unknown_lab_replicated_to_dr_region.arn
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}

# A replica of an instance of another configuration: the verdict is the replica's own.
resource "aws_db_instance" "fail_replica_of_external_source_in_virginia" {
  provider            = aws.virginia
  identifier          = "hds-reports-replica"
  replicate_source_db = "arn:aws:rds:eu-west-3:123456789012:db:hds-reports"
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}

# --- Aurora cross-region replica clusters ---

resource "aws_rds_cluster" "pass_records_replicated_to_frankfurt" {
  cluster_identifier          = "hds-records"
  engine                      = "aurora-postgresql"
  engine_version              = "16.4"
  master_username             = "records_admin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
}

resource "aws_rds_cluster" "none_records_replica_frankfurt" {
  provider                      = aws.frankfurt
  cluster_identifier            = "hds-records-replica"
  engine                        = "aurora-postgresql"
  engine_version                = "16.4"
  replication_source_identifier = aws_rds_cluster.pass_records_replicated_to_frankfurt.arn
  storage_encrypted             = true
  kms_key_id                    = "arn:aws:kms:eu-central-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"
  skip_final_snapshot           = true
}

resource "aws_rds_cluster" "fail_claims_replicated_to_london" {
  cluster_identifier          = "hds-claims"
  engine                      = "aurora-mysql"
  engine_version              = "8.0.mysql_aurora.3.05.2"
  master_username             = "claims_admin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
}

resource "aws_rds_cluster" "none_claims_replica_london" {
  provider                      = aws.london
  cluster_identifier            = "hds-claims-replica"
  engine                        = "aurora-mysql"
  engine_version                = "8.0.mysql_aurora.3.05.2"
  replication_source_identifier = aws_rds_cluster.fail_claims_replicated_to_london.arn
  storage_encrypted             = true
  kms_key_id                    = "arn:aws:kms:eu-west-2:123456789012:key/1e2f3a4b-5c6d-7e8f-90a1-b2c3d4e5f6a7"
  skip_final_snapshot           = true
}

resource "aws_rds_cluster" "unknown_replica_of_external_source_in_dr_region" {
  provider                      = aws.dr
  cluster_identifier            = "hds-analytics-replica"
  engine                        = "aurora-postgresql"
  engine_version                = "16.4"
  replication_source_identifier = "arn:aws:rds:eu-west-3:123456789012:cluster:hds-analytics"
  storage_encrypted             = true
  skip_final_snapshot           = true
}

# --- replicated automated backups ---

resource "aws_db_instance" "none_imaging_backups_replicated_to_frankfurt" {
  identifier              = "hds-imaging"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.m6g.large"
  allocated_storage       = 200
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "pass_imaging_frankfurt" {
  provider               = aws.frankfurt
  source_db_instance_arn = aws_db_instance.none_imaging_backups_replicated_to_frankfurt.arn
  retention_period       = 14
  kms_key_id             = "arn:aws:kms:eu-central-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"
}

resource "aws_db_instance" "fail_payroll_backups_replicated_to_london" {
  identifier              = "hds-payroll"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.m6g.large"
  allocated_storage       = 50
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_db_instance_automated_backups_replication" "fail_payroll_london" {
  provider               = aws.london
  source_db_instance_arn = aws_db_instance.fail_payroll_backups_replicated_to_london.arn
  retention_period       = 7
}

resource "aws_db_instance_automated_backups_replication" "unknown_external_source_dr_region" {
  provider               = aws.dr
  source_db_instance_arn = "arn:aws:rds:eu-west-3:123456789012:db:hds-archive"
  retention_period       = 7
}

# --- DynamoDB global tables ---

resource "aws_dynamodb_table" "pass_sessions_replica_frankfurt" {
  name             = "hds-sessions"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "session_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "session_id"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
  replica {
    region_name = "eu-central-1"
  }
}

resource "aws_dynamodb_table" "fail_consents_replica_virginia" {
  name             = "hds-consents"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "patient_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "patient_id"
    type = "S"
  }
  replica {
    region_name = "eu-central-1"
  }
  replica {
    region_name = "us-east-1"
  }
}

resource "aws_dynamodb_table" "unknown_audit_replica_dr_region" {
  name             = "hds-audit"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "event_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "event_id"
    type = "S"
  }
  replica {
    region_name = var.dr_region
  }
}

resource "aws_dynamodb_table" "none_cache_single_region" {
  name         = "hds-cache"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "key"
  attribute {
    name = "key"
    type = "S"
  }
}
