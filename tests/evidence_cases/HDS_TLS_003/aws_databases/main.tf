# HDS_TLS_003 AWS databases: the server refuses connections without TLS (parameter groups, engine defaults).
provider "aws" {
  region = "eu-west-3"
}

variable "force_ssl" {
  type = string
}

variable "parameter_group_name" {
  type = string
}

variable "require_ssl" {
  type = string
}

variable "docdb_tls" {
  type = string
}

variable "master_password" {
  type      = string
  sensitive = true
}

# --- RDS instances -----------------------------------------------------------------------------

resource "aws_db_parameter_group" "postgres_force_ssl" {
  name   = "records-pg14-force-ssl"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_parameter_group" "mysql_plain" {
  name   = "records-mysql8-plain"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "0"
  }
}

resource "aws_db_parameter_group" "postgres_from_variable" {
  name   = "records-pg14-var"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = var.force_ssl
  }
}

resource "aws_db_instance" "pass_postgres_force_ssl_group" {
  identifier           = "records-pg14-tls"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.medium"
  allocated_storage    = 50
  storage_encrypted    = true
  username             = "records"
  password             = var.master_password
  parameter_group_name = aws_db_parameter_group.postgres_force_ssl.name
}

resource "aws_db_instance" "pass_postgres16_default_group" {
  identifier        = "records-pg16"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  storage_encrypted = true
  username          = "records"
  password          = var.master_password
}

resource "aws_db_instance" "fail_mysql_secure_transport_off" {
  identifier           = "records-mysql-plain"
  engine               = "mysql"
  engine_version       = "8.0.36"
  instance_class       = "db.t4g.medium"
  allocated_storage    = 50
  storage_encrypted    = true
  username             = "records"
  password             = var.master_password
  parameter_group_name = aws_db_parameter_group.mysql_plain.name
}

resource "aws_db_instance" "fail_mysql_default_group" {
  identifier        = "records-mysql-default"
  engine            = "mysql"
  engine_version    = "8.0.36"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  storage_encrypted = true
  username          = "records"
  password          = var.master_password
}

resource "aws_db_instance" "unknown_force_ssl_from_variable" {
  identifier           = "records-pg14-var"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.medium"
  allocated_storage    = 50
  storage_encrypted    = true
  username             = "records"
  password             = var.master_password
  parameter_group_name = aws_db_parameter_group.postgres_from_variable.name
}

resource "aws_db_instance" "unknown_group_made_elsewhere" {
  identifier           = "records-pg14-shared"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.medium"
  allocated_storage    = 50
  storage_encrypted    = true
  username             = "records"
  password             = var.master_password
  parameter_group_name = var.parameter_group_name
}

resource "aws_db_option_group" "oracle_ssl" {
  name                 = "records-oracle-ssl"
  engine_name          = "oracle-ee"
  major_engine_version = "19"

  option {
    option_name = "SSL"
    port        = 2484

    option_settings {
      name  = "SQLNET.SSL_VERSION"
      value = "1.2"
    }
  }
}

resource "aws_db_instance" "pass_oracle_ssl_option" {
  identifier        = "records-oracle"
  engine            = "oracle-ee"
  engine_version    = "19"
  license_model     = "bring-your-own-license"
  instance_class    = "db.m5.large"
  allocated_storage = 100
  storage_encrypted = true
  username          = "records"
  password          = var.master_password
  option_group_name = aws_db_option_group.oracle_ssl.name
}

# --- Aurora clusters ---------------------------------------------------------------------------

resource "aws_rds_cluster_parameter_group" "aurora_pg_force_ssl" {
  name   = "records-aurora-pg-force-ssl"
  family = "aurora-postgresql15"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_rds_cluster_parameter_group" "aurora_pg_from_variable" {
  name   = "records-aurora-pg-var"
  family = "aurora-postgresql15"

  parameter {
    name  = "rds.force_ssl"
    value = var.force_ssl
  }
}

resource "aws_rds_cluster" "pass_aurora_postgres_force_ssl" {
  cluster_identifier              = "records-aurora-pg-tls"
  engine                          = "aurora-postgresql"
  engine_version                  = "15.4"
  master_username                 = "records"
  master_password                 = var.master_password
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora_pg_force_ssl.name
}

resource "aws_rds_cluster" "fail_aurora_mysql_default_group" {
  cluster_identifier = "records-aurora-mysql"
  engine             = "aurora-mysql"
  engine_version     = "8.0.mysql_aurora.3.05.2"
  master_username    = "records"
  master_password    = var.master_password
  storage_encrypted  = true
}

resource "aws_rds_cluster" "unknown_force_ssl_from_variable" {
  cluster_identifier              = "records-aurora-pg-var"
  engine                          = "aurora-postgresql"
  engine_version                  = "15.4"
  master_username                 = "records"
  master_password                 = var.master_password
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora_pg_from_variable.name
}

# --- Redshift ----------------------------------------------------------------------------------

resource "aws_redshift_parameter_group" "pass_require_ssl" {
  name   = "warehouse-require-ssl"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "fail_require_ssl_default" {
  name   = "warehouse-logging-only"
  family = "redshift-1.0"

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "unknown_require_ssl_from_variable" {
  name   = "warehouse-var"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = var.require_ssl
  }
}

resource "aws_redshift_cluster" "pass_require_ssl_group" {
  cluster_identifier           = "warehouse-tls"
  node_type                    = "ra3.xlplus"
  number_of_nodes              = 2
  database_name                = "warehouse"
  master_username              = "warehouse"
  master_password              = var.master_password
  encrypted                    = true
  cluster_parameter_group_name = aws_redshift_parameter_group.pass_require_ssl.name
}

resource "aws_redshift_cluster" "fail_default_parameter_group" {
  cluster_identifier = "warehouse-default"
  node_type          = "ra3.xlplus"
  number_of_nodes    = 2
  database_name      = "warehouse"
  master_username    = "warehouse"
  master_password    = var.master_password
  encrypted          = true
}

resource "aws_redshift_cluster" "unknown_group_made_elsewhere" {
  cluster_identifier           = "warehouse-shared"
  node_type                    = "ra3.xlplus"
  number_of_nodes              = 2
  database_name                = "warehouse"
  master_username              = "warehouse"
  master_password              = var.master_password
  encrypted                    = true
  cluster_parameter_group_name = var.parameter_group_name
}

# --- DocumentDB --------------------------------------------------------------------------------

resource "aws_docdb_cluster_parameter_group" "pass_tls12_minimum" {
  name   = "documents-tls12"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "tls1.2+"
  }
}

resource "aws_docdb_cluster_parameter_group" "fail_tls_disabled" {
  name   = "documents-plain"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "disabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "unknown_tls_from_variable" {
  name   = "documents-var"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = var.docdb_tls
  }
}
