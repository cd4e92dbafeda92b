# HDS_TLS_001 AWS managed caches, search, streaming, migration, mail and file transfer: TLS on the wire.
provider "aws" {
  region = "eu-west-3"
}

variable "transit_encryption" {
  type = bool
}

variable "endpoint_encryption" {
  type = string
}

variable "enforce_https" {
  type = bool
}

variable "client_broker" {
  type = string
}

variable "ssl_mode" {
  type = string
}

variable "dms_password" {
  type      = string
  sensitive = true
}

variable "tls_policy" {
  type = string
}

variable "transfer_protocols" {
  type = list(string)
}

# --- ElastiCache -------------------------------------------------------------------------------

resource "aws_elasticache_replication_group" "pass_transit_encryption" {
  replication_group_id       = "sessions-tls"
  description                = "Patient portal sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "fail_transit_encryption_default" {
  replication_group_id       = "sessions-plain"
  description                = "Patient portal sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "unknown_transit_encryption_from_variable" {
  replication_group_id       = "sessions-var"
  description                = "Patient portal sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = var.transit_encryption
}

# --- MemoryDB ----------------------------------------------------------------------------------

resource "aws_memorydb_cluster" "pass_tls_default" {
  name       = "queue-default"
  node_type  = "db.t4g.small"
  acl_name   = "open-access"
  num_shards = 1
}

resource "aws_memorydb_cluster" "fail_tls_disabled" {
  name        = "queue-plain"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  num_shards  = 1
  tls_enabled = false
}

resource "aws_memorydb_cluster" "unknown_tls_from_variable" {
  name        = "queue-var"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  num_shards  = 1
  tls_enabled = var.transit_encryption
}

# --- DAX ---------------------------------------------------------------------------------------

resource "aws_iam_role" "dax" {
  name = "dax-records"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "dax.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_dax_cluster" "pass_tls_endpoint" {
  cluster_name                     = "records-tls"
  iam_role_arn                     = aws_iam_role.dax.arn
  node_type                        = "dax.t3.small"
  replication_factor               = 3
  cluster_endpoint_encryption_type = "TLS"

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dax_cluster" "fail_endpoint_encryption_default" {
  cluster_name       = "records-plain"
  iam_role_arn       = aws_iam_role.dax.arn
  node_type          = "dax.t3.small"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dax_cluster" "unknown_endpoint_encryption_from_variable" {
  cluster_name                     = "records-var"
  iam_role_arn                     = aws_iam_role.dax.arn
  node_type                        = "dax.t3.small"
  replication_factor               = 3
  cluster_endpoint_encryption_type = var.endpoint_encryption
}

# --- AppSync API cache -------------------------------------------------------------------------

resource "aws_appsync_graphql_api" "records" {
  name                = "records"
  authentication_type = "AMAZON_COGNITO_USER_POOLS"

  user_pool_config {
    user_pool_id   = "eu-west-3_AbCdEfGhI"
    default_action = "ALLOW"
  }
}

resource "aws_appsync_api_cache" "pass_transit_encryption" {
  api_id                     = aws_appsync_graphql_api.records.id
  api_caching_behavior       = "FULL_REQUEST_CACHING"
  type                       = "SMALL"
  ttl                        = 300
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_appsync_api_cache" "fail_transit_encryption_default" {
  api_id               = aws_appsync_graphql_api.records.id
  api_caching_behavior = "PER_RESOLVER_CACHING"
  type                 = "SMALL"
  ttl                  = 300
}

resource "aws_appsync_api_cache" "unknown_transit_encryption_from_variable" {
  api_id                     = aws_appsync_graphql_api.records.id
  api_caching_behavior       = "FULL_REQUEST_CACHING"
  type                       = "SMALL"
  ttl                        = 300
  transit_encryption_enabled = var.transit_encryption
}

# --- OpenSearch / Elasticsearch ----------------------------------------------------------------

resource "aws_opensearch_domain" "pass_https_and_node_to_node" {
  domain_name    = "records-tls"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type = "r6g.large.search"
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  node_to_node_encryption {
    enabled = true
  }

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_opensearch_domain" "fail_no_node_to_node" {
  domain_name    = "records-n2n"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type = "r6g.large.search"
  }

  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_opensearch_domain" "unknown_https_from_variable" {
  domain_name    = "records-var"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type = "r6g.large.search"
  }

  domain_endpoint_options {
    enforce_https = var.enforce_https
  }

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "pass_https_and_node_to_node" {
  domain_name           = "legacy-tls"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "fail_https_not_enforced" {
  domain_name           = "legacy-plain"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https = false
  }

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "unknown_node_to_node_from_variable" {
  domain_name           = "legacy-var"
  elasticsearch_version = "7.10"

  node_to_node_encryption {
    enabled = var.transit_encryption
  }
}

# --- CloudSearch -------------------------------------------------------------------------------

resource "aws_cloudsearch_domain" "pass_https_enforced" {
  name = "formulary-tls"

  endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  index_field {
    name = "drug"
    type = "text"
  }
}

resource "aws_cloudsearch_domain" "fail_https_default" {
  name = "formulary-plain"

  index_field {
    name = "drug"
    type = "text"
  }
}

resource "aws_cloudsearch_domain" "unknown_https_from_variable" {
  name = "formulary-var"

  endpoint_options {
    enforce_https = var.enforce_https
  }

  index_field {
    name = "drug"
    type = "text"
  }
}

# --- MSK ---------------------------------------------------------------------------------------

resource "aws_msk_cluster" "pass_tls_default" {
  cluster_name           = "events-default"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]
  }
}

resource "aws_msk_cluster" "fail_plaintext_clients" {
  cluster_name           = "events-plain"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
      in_cluster    = true
    }
  }
}

resource "aws_msk_cluster" "unknown_client_broker_from_variable" {
  cluster_name           = "events-var"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b", "subnet-8c9d0e1f"]
    security_groups = ["sg-0a1b2c3d"]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = var.client_broker
    }
  }
}

# --- DMS ---------------------------------------------------------------------------------------

resource "aws_dms_endpoint" "pass_verify_full" {
  endpoint_id   = "records-source-tls"
  endpoint_type = "source"
  engine_name   = "postgres"
  server_name   = "records.example.internal"
  port          = 5432
  database_name = "records"
  username      = "dms"
  password      = var.dms_password
  ssl_mode      = "verify-full"
}

resource "aws_dms_endpoint" "fail_ssl_mode_default" {
  endpoint_id   = "records-source-plain"
  endpoint_type = "source"
  engine_name   = "postgres"
  server_name   = "records.example.internal"
  port          = 5432
  database_name = "records"
  username      = "dms"
  password      = var.dms_password
}

resource "aws_dms_endpoint" "unknown_ssl_mode_from_variable" {
  endpoint_id   = "records-source-var"
  endpoint_type = "source"
  engine_name   = "postgres"
  server_name   = "records.example.internal"
  port          = 5432
  database_name = "records"
  username      = "dms"
  password      = var.dms_password
  ssl_mode      = var.ssl_mode
}

# --- SES ---------------------------------------------------------------------------------------

resource "aws_ses_configuration_set" "pass_tls_required" {
  name = "appointments-tls"

  delivery_options {
    tls_policy = "Require"
  }
}

resource "aws_ses_configuration_set" "fail_tls_optional_default" {
  name = "appointments-optional"
}

resource "aws_ses_configuration_set" "unknown_tls_policy_from_variable" {
  name = "appointments-var"

  delivery_options {
    tls_policy = var.tls_policy
  }
}

# --- Transfer Family ---------------------------------------------------------------------------

resource "aws_transfer_server" "pass_sftp_default" {
  identity_provider_type = "SERVICE_MANAGED"
  endpoint_type          = "PUBLIC"
}

resource "aws_transfer_server" "fail_plain_ftp" {
  identity_provider_type = "API_GATEWAY"
  url                    = "https://abc123.execute-api.eu-west-3.amazonaws.com/prod"
  invocation_role        = "arn:aws:iam::123456789012:role/transfer-idp"
  endpoint_type          = "VPC"
  protocols              = ["FTP", "FTPS"]
  certificate            = "arn:aws:acm:eu-west-3:123456789012:certificate/0f6c3b0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"

  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d"
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

resource "aws_transfer_server" "unknown_protocols_from_variable" {
  identity_provider_type = "SERVICE_MANAGED"
  protocols              = var.transfer_protocols
}
