"""The AWS rules on Terraform HCL fixtures, through the real HCL loader and the real engine.

Each test names the exact (rule, resource address, status) set it expects: a new false positive,
a lost finding or a pass turned into an unknown breaks it.
"""

from __future__ import annotations

import datetime as dt

from provider_cases import AS_OF, HCL, make_settings, one, scan, triples

from hds_policies.settings import settings_from_dict
from hds_policies.terraform.hcl_loader import load_hcl

FIXTURES = HCL


# --- S3: encryption at rest -----------------------------------------------------------------


def test_s3_encryption_default_split_and_inline_all_pass():
    findings = scan("aws_s3_encryption", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_s3_bucket.default_sse", "passed"),
        ("HDS_ENC_001", "aws_s3_bucket.kms", "passed"),
        ("HDS_ENC_001", "aws_s3_bucket.sse_s3", "passed"),
        ("HDS_ENC_001", "aws_s3_bucket.legacy", "passed"),
        ("HDS_ENC_001", "aws_s3_bucket.aws_managed", "passed"),
    }
    # The split resource and the inline block are read, not only the SSE-S3 default.
    assert "aws:kms (aws_s3_bucket_server_side_encryption_configuration.kms)" in \
        one(findings, "HDS_ENC_001", "aws_s3_bucket.kms").message
    assert "aws:kms (aws_s3_bucket.legacy)" in one(findings, "HDS_ENC_001", "aws_s3_bucket.legacy").message
    assert "default SSE-S3" in one(findings, "HDS_ENC_001", "aws_s3_bucket.default_sse").message
    # Customer-managed keys are not required by default: HDS_ENC_002 does not run.
    assert not triples(findings, "HDS_ENC_002")
    assert triples(scan("aws_s3_encryption")) == {
        ("HDS_TLS_004", f"aws_s3_bucket.{b}", "failed")
        for b in ("default_sse", "kms", "sse_s3", "legacy", "aws_managed")
    }


def test_s3_customer_managed_keys_when_required():
    cmk = make_settings(require_customer_managed_keys=True)
    findings = scan("aws_s3_encryption", cmk, include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_s3_bucket.default_sse", "failed"),  # SSE-S3
        ("HDS_ENC_002", "aws_s3_bucket.sse_s3", "failed"),  # AES256 spelled out
        ("HDS_ENC_002", "aws_s3_bucket.aws_managed", "failed"),  # alias/aws/s3 is AWS-managed
        ("HDS_ENC_002", "aws_s3_bucket.kms", "passed"),  # key created in this configuration
        ("HDS_ENC_002", "aws_s3_bucket.legacy", "passed"),  # key ARN in the inline block
    }
    assert "alias/aws/s3" in one(findings, "HDS_ENC_002", "aws_s3_bucket.aws_managed").message


# --- S3: object lock on backup buckets ------------------------------------------------------


def test_s3_object_lock_compliance_passes_governance_fails():
    findings = scan("aws_s3_object_lock", include_passed=True)
    assert triples(findings, "HDS_BKP_002") == {
        ("HDS_BKP_002", "aws_s3_bucket.compliance", "passed"),
        ("HDS_BKP_002", "aws_s3_bucket.legacy", "passed"),
        ("HDS_BKP_002", "aws_s3_bucket.governance", "failed"),
        ("HDS_BKP_002", "aws_s3_bucket.no_retention", "failed"),
        ("HDS_BKP_002", "aws_s3_bucket.unlocked", "failed"),
        # aws_s3_bucket.app is not tagged hds-role = backup: not judged.
    }
    governance = one(findings, "HDS_BKP_002", "aws_s3_bucket.governance")
    assert "GOVERNANCE" in governance.message
    assert "aws_s3_bucket_object_lock_configuration.governance" in governance.message
    assert governance.activities == (3, 6)
    assert (governance.resource.file, governance.resource.line) == ("main.tf", 29)


def test_s3_object_lock_custom_backup_tag():
    settings = make_settings(backup_tag={"key": "purpose", "value": "backups"})
    assert not triples(scan("aws_s3_object_lock", settings), "HDS_BKP_002")


# --- S3: bucket policies that deny requests without TLS -------------------------------------


def test_s3_bucket_policy_jsonencode_and_policy_document():
    findings = scan("aws_s3_bucket_policy", include_passed=True)
    assert triples(findings, "HDS_TLS_004") == {
        ("HDS_TLS_004", "aws_s3_bucket.secure_json", "passed"),  # jsonencode, Resource unknown until apply
        ("HDS_TLS_004", "aws_s3_bucket.secure_doc", "passed"),  # data.aws_iam_policy_document
        ("HDS_TLS_004", "aws_s3_bucket.secure_heredoc", "passed"),  # literal JSON
        ("HDS_TLS_004", "aws_s3_bucket.allow_doc", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.allow_json", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.no_policy", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.external", "unknown"),  # var without a value
    }
    assert "var.external_policy" in one(findings, "HDS_TLS_004", "aws_s3_bucket.external").message
    assert triples(scan("aws_s3_bucket_policy")) == {
        t for t in triples(findings) if t[2] != "passed"
    } == {
        ("HDS_TLS_004", "aws_s3_bucket.allow_doc", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.allow_json", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.no_policy", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.external", "unknown"),
    }


# --- S3 replication -------------------------------------------------------------------------


def test_s3_replication_outside_eea_lands_on_config_source_and_destination():
    findings = scan("aws_s3_replication")
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002", "HDS_LOC_003") == {
        ("HDS_LOC_003", "aws_s3_bucket_replication_configuration.imaging", "failed"),
        ("HDS_LOC_003", "aws_s3_bucket.imaging", "failed"),  # the source bucket
        ("HDS_LOC_001", "aws_s3_bucket.imaging_copy", "failed"),  # the destination's own placement
        ("HDS_LOC_002", "provider.aws.virginia", "failed"),
        # A destination outside the configuration: unknown, even though another rule of the same
        # configuration replicates to an EEA bucket.
        ("HDS_LOC_003", "aws_s3_bucket_replication_configuration.reports", "unknown"),
        ("HDS_LOC_003", "aws_s3_bucket.reports", "unknown"),
    }
    config = one(findings, "HDS_LOC_003", "aws_s3_bucket_replication_configuration.imaging")
    assert config.activities == (1, 2, 3, 6)
    assert "imaging_copy" in config.message and "us-east-1" in config.message
    source = one(findings, "HDS_LOC_003", "aws_s3_bucket.imaging")
    assert "aws_s3_bucket_replication_configuration.imaging" in source.message
    assert "partner-reports-archive" in one(
        findings, "HDS_LOC_003", "aws_s3_bucket_replication_configuration.reports").message


def test_s3_replication_inside_eea_passes():
    findings = scan("aws_s3_replication", include_passed=True)
    assert ("HDS_LOC_003", "aws_s3_bucket_replication_configuration.records", "passed") in triples(findings)
    assert "records_dr in eu-central-1" in one(
        findings, "HDS_LOC_003", "aws_s3_bucket_replication_configuration.records").message
    assert not {t for t in triples(findings) if t[1] in ("aws_s3_bucket.records", "aws_s3_bucket.records_dr")
                and t[2] != "passed" and t[0] != "HDS_TLS_004"}


# --- AWS Backup vault lock ------------------------------------------------------------------


def test_backup_vault_lock_modes():
    findings = scan("aws_backup_vault", include_passed=True)
    assert triples(findings, "HDS_BKP_001") == {
        ("HDS_BKP_001", "aws_backup_vault.compliance", "passed"),
        ("HDS_BKP_001", "aws_backup_vault.governance", "failed"),
        ("HDS_BKP_001", "aws_backup_vault.unlocked", "failed"),
    }
    assert "governance mode" in one(findings, "HDS_BKP_001", "aws_backup_vault.governance").message
    assert one(findings, "HDS_BKP_001", "aws_backup_vault.unlocked").activities == (6,)
    # Recovery points are always encrypted, also with a key known only after apply.
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", f"aws_backup_vault.{v}", "passed") for v in ("compliance", "governance", "unlocked")
    }
    assert triples(scan("aws_backup_vault")) == {
        ("HDS_BKP_001", "aws_backup_vault.governance", "failed"),
        ("HDS_BKP_001", "aws_backup_vault.unlocked", "failed"),
    }


def test_backup_vault_customer_key():
    cmk = make_settings(require_customer_managed_keys=True)
    findings = scan("aws_backup_vault", cmk, include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_backup_vault.compliance", "passed"),
        ("HDS_ENC_002", "aws_backup_vault.governance", "failed"),
        ("HDS_ENC_002", "aws_backup_vault.unlocked", "failed"),
    }


# --- load balancers -------------------------------------------------------------------------


def test_lb_listeners():
    findings = scan("aws_lb_listeners", include_passed=True)
    assert triples(findings, "HDS_TLS_001", "HDS_TLS_002") == {
        ("HDS_TLS_001", "aws_lb_listener.http_redirect", "passed"),
        ("HDS_TLS_001", "aws_lb_listener.http_forward", "failed"),
        ("HDS_TLS_001", "aws_alb_listener.legacy_http", "failed"),  # redirects to plain HTTP
        ("HDS_TLS_001", "aws_lb_listener.https_strong", "passed"),
        ("HDS_TLS_001", "aws_lb_listener.https_weak", "passed"),
        ("HDS_TLS_001", "aws_lb_listener.https_default_policy", "passed"),
        ("HDS_TLS_002", "aws_lb_listener.https_strong", "passed"),
        ("HDS_TLS_002", "aws_lb_listener.https_weak", "failed"),
        ("HDS_TLS_002", "aws_lb_listener.https_default_policy", "failed"),  # provider default 2016-08
    }
    weak = one(findings, "HDS_TLS_002", "aws_lb_listener.https_weak")
    assert "ELBSecurityPolicy-2016-08" in weak.message
    assert weak.severity == "medium"
    assert "port 8080" in one(findings, "HDS_TLS_001", "aws_lb_listener.http_forward").message
    # The load balancer is placed; listeners carry no region of their own.
    assert triples(findings, "HDS_LOC_001") == {("HDS_LOC_001", "aws_lb.web", "passed")}


# --- RDS ------------------------------------------------------------------------------------


def test_rds_tls_by_parameter_group_and_engine_default():
    findings = scan("aws_rds", include_passed=True)
    assert triples(findings, "HDS_TLS_003") == {
        ("HDS_TLS_003", "aws_db_instance.pg14_tls", "passed"),  # rds.force_ssl = 1
        ("HDS_TLS_003", "aws_db_instance.pg14_no_tls", "failed"),  # rds.force_ssl = 0
        ("HDS_TLS_003", "aws_db_instance.pg16_default", "passed"),  # PostgreSQL >= 15 default
        ("HDS_TLS_003", "aws_db_instance.pg14_default", "failed"),
        ("HDS_TLS_003", "aws_db_instance.mysql_tls", "passed"),  # require_secure_transport = ON
        ("HDS_TLS_003", "aws_db_instance.mysql_default", "failed"),
        ("HDS_TLS_003", "aws_db_instance.pg14_shared_group", "unknown"),  # group not in the code
        ("HDS_TLS_003", "aws_rds_cluster.aurora", "passed"),
    }
    assert "rds.force_ssl = 0" in one(findings, "HDS_TLS_003", "aws_db_instance.pg14_no_tls").message
    assert "require_secure_transport" in one(findings, "HDS_TLS_003", "aws_db_instance.mysql_default").message
    assert "shared-postgres14" in one(findings, "HDS_TLS_003", "aws_db_instance.pg14_shared_group").message
    assert "postgres 16.4 forces TLS by default" in one(
        findings, "HDS_TLS_003", "aws_db_instance.pg16_default").message


def test_rds_storage_encryption():
    findings = scan("aws_rds")
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_db_instance.pg14_default", "failed"),  # not set: defaults to false
        ("HDS_ENC_001", "aws_db_instance.mysql_default", "failed"),  # false
    }
    f = one(findings, "HDS_ENC_001", "aws_db_instance.pg14_default")
    assert f.activities == (4,)
    assert f.basis == ("HDS référentiel v2 EXI 01", "ISO/IEC 27001:2022 A.8.24")
    assert (f.resource.file, f.resource.line) == ("main.tf", 68)


def test_rds_automated_backups_replication():
    findings = scan("aws_rds_backup_replication", include_passed=True)
    assert triples(findings, "HDS_LOC_003") == {
        ("HDS_LOC_003", "aws_db_instance_automated_backups_replication.ehr", "passed"),  # Frankfurt
        ("HDS_LOC_003", "aws_db_instance_automated_backups_replication.billing", "failed"),  # London
        ("HDS_LOC_003", "aws_db_instance.billing", "failed"),  # the source instance
    }
    assert triples(scan("aws_rds_backup_replication")) == {
        ("HDS_LOC_003", "aws_db_instance_automated_backups_replication.billing", "failed"),
        ("HDS_LOC_003", "aws_db_instance.billing", "failed"),
        ("HDS_LOC_001", "aws_db_instance_automated_backups_replication.billing", "failed"),
        ("HDS_LOC_002", "provider.aws.london", "failed"),
    }
    f = one(findings, "HDS_LOC_003", "aws_db_instance.billing")
    assert "eu-west-2" in f.message and "United Kingdom" in f.message
    assert f.activities == (1, 2, 4, 6)
    # PostgreSQL 15.7 and 16.4 on default parameter groups: TLS forced (15 is the first such version).
    assert triples(findings, "HDS_TLS_003") == {
        ("HDS_TLS_003", "aws_db_instance.ehr", "passed"),
        ("HDS_TLS_003", "aws_db_instance.billing", "passed"),
    }
    ehr = one(findings, "HDS_TLS_003", "aws_db_instance.ehr")
    assert "postgres 15.7 forces TLS by default" in ehr.message


# --- EBS ------------------------------------------------------------------------------------


def test_ebs_encrypted_defaults_to_false():
    findings = scan("aws_ebs", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_ebs_volume.encrypted_cmk", "passed"),
        ("HDS_ENC_001", "aws_ebs_volume.encrypted_default_key", "passed"),
        ("HDS_ENC_001", "aws_ebs_volume.plain", "failed"),
        ("HDS_ENC_001", "aws_ebs_volume.explicitly_plain", "failed"),
    }
    assert triples(scan("aws_ebs")) == triples(findings, "HDS_ENC_001") - {
        ("HDS_ENC_001", "aws_ebs_volume.encrypted_cmk", "passed"),
        ("HDS_ENC_001", "aws_ebs_volume.encrypted_default_key", "passed"),
    }
    cmk = scan("aws_ebs", make_settings(require_customer_managed_keys=True), include_passed=True)
    assert triples(cmk, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_ebs_volume.encrypted_cmk", "passed"),
        ("HDS_ENC_002", "aws_ebs_volume.encrypted_default_key", "failed"),
        ("HDS_ENC_002", "aws_ebs_volume.plain", "failed"),
        ("HDS_ENC_002", "aws_ebs_volume.explicitly_plain", "failed"),
    }


def test_ebs_encryption_by_default_covers_its_region_only():
    findings = scan("aws_ebs_default_encryption", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_ebs_volume.paris", "passed"),
        ("HDS_ENC_001", "aws_ebs_volume.frankfurt", "failed"),  # provider alias in eu-central-1
        ("HDS_ENC_001", "aws_ebs_volume.frankfurt_by_region", "failed"),  # own region argument
        ("HDS_ENC_001", "aws_ebs_encryption_by_default.paris", "passed"),  # the setting itself: enabled
    }
    assert "aws_ebs_encryption_by_default" in one(findings, "HDS_ENC_001", "aws_ebs_volume.paris").message


# --- DynamoDB -------------------------------------------------------------------------------


def test_dynamodb_replicas_and_default_encryption():
    findings = scan("aws_dynamodb", include_passed=True)
    assert triples(findings, "HDS_LOC_003") == {
        ("HDS_LOC_003", "aws_dynamodb_table.patients", "passed"),  # eu-west-1, eu-central-1
        ("HDS_LOC_003", "aws_dynamodb_table.appointments", "failed"),  # eu-north-1, us-east-1
    }
    assert "us-east-1" in one(findings, "HDS_LOC_003", "aws_dynamodb_table.appointments").message
    # Always encrypted: no block, and even server_side_encryption { enabled = false }.
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", f"aws_dynamodb_table.{t}", "passed")
        for t in ("patients", "appointments", "sessions", "cache")
    } | {("HDS_ENC_001", "aws_dynamodb_table_replica.sessions_ohio", "passed")}  # a replica too
    assert triples(scan("aws_dynamodb")) == {
        ("HDS_LOC_003", "aws_dynamodb_table.appointments", "failed"),
        ("HDS_LOC_001", "aws_dynamodb_table_replica.sessions_ohio", "failed"),  # replica resource in Ohio
        ("HDS_LOC_002", "provider.aws.ohio", "failed"),
    }


def test_dynamodb_customer_managed_key():
    findings = scan("aws_dynamodb", make_settings(require_customer_managed_keys=True), include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_dynamodb_table.patients", "passed"),
        ("HDS_ENC_002", "aws_dynamodb_table.appointments", "failed"),
        ("HDS_ENC_002", "aws_dynamodb_table.sessions", "failed"),
        ("HDS_ENC_002", "aws_dynamodb_table.cache", "failed"),
        ("HDS_ENC_002", "aws_dynamodb_table_replica.sessions_ohio", "failed"),  # no kms_key_arn: aws/dynamodb
    }


# --- CloudFront, OpenSearch, ElastiCache, MSK -----------------------------------------------


def test_cloudfront():
    findings = scan("aws_cloudfront", include_passed=True)
    assert triples(findings, "HDS_TLS_001", "HDS_TLS_002") == {
        ("HDS_TLS_001", "aws_cloudfront_distribution.portal", "passed"),
        ("HDS_TLS_002", "aws_cloudfront_distribution.portal", "passed"),
        ("HDS_TLS_001", "aws_cloudfront_distribution.legacy", "failed"),  # /static/* allow-all
        ("HDS_TLS_002", "aws_cloudfront_distribution.legacy", "failed"),  # default certificate
        ("HDS_TLS_001", "aws_cloudfront_distribution.old_tls", "passed"),
        ("HDS_TLS_002", "aws_cloudfront_distribution.old_tls", "failed"),  # TLSv1_2016
    }
    assert "/static/*" in one(findings, "HDS_TLS_001", "aws_cloudfront_distribution.legacy").message
    # A global service: no region finding.
    assert not triples(findings, "HDS_LOC_001")


def test_opensearch():
    findings = scan("aws_opensearch", include_passed=True)
    assert triples(findings, "HDS_ENC_001", "HDS_TLS_001", "HDS_TLS_002") == {
        ("HDS_ENC_001", "aws_opensearch_domain.search", "passed"),
        ("HDS_TLS_001", "aws_opensearch_domain.search", "passed"),
        ("HDS_TLS_002", "aws_opensearch_domain.search", "passed"),
        ("HDS_ENC_001", "aws_opensearch_domain.legacy", "failed"),
        ("HDS_TLS_001", "aws_opensearch_domain.legacy", "failed"),  # node-to-node off
        ("HDS_TLS_002", "aws_opensearch_domain.legacy", "failed"),  # TLS 1.0 policy
        ("HDS_ENC_001", "aws_elasticsearch_domain.old", "passed"),
        ("HDS_TLS_001", "aws_elasticsearch_domain.old", "failed"),  # enforce_https = false
        ("HDS_TLS_002", "aws_elasticsearch_domain.old", "passed"),
    }
    assert "node-to-node" in one(findings, "HDS_TLS_001", "aws_opensearch_domain.legacy").message
    assert "HTTPS enforcement off" in one(findings, "HDS_TLS_001", "aws_elasticsearch_domain.old").message


def test_elasticache():
    findings = scan("aws_elasticache", include_passed=True)
    assert triples(findings, "HDS_ENC_001", "HDS_TLS_001") == {
        ("HDS_ENC_001", "aws_elasticache_replication_group.sessions", "passed"),
        ("HDS_TLS_001", "aws_elasticache_replication_group.sessions", "passed"),
        ("HDS_ENC_001", "aws_elasticache_replication_group.plain", "failed"),  # Redis OSS default: off
        ("HDS_TLS_001", "aws_elasticache_replication_group.plain", "failed"),
        ("HDS_ENC_001", "aws_elasticache_replication_group.valkey", "passed"),  # Valkey default: on
        ("HDS_TLS_001", "aws_elasticache_replication_group.valkey", "passed"),
    }


def test_msk():
    findings = scan("aws_msk", include_passed=True)
    assert triples(findings, "HDS_ENC_001", "HDS_TLS_001") == {
        ("HDS_ENC_001", "aws_msk_cluster.events", "passed"),
        ("HDS_ENC_001", "aws_msk_cluster.mixed", "passed"),
        ("HDS_ENC_001", "aws_msk_cluster.no_in_cluster", "passed"),
        ("HDS_TLS_001", "aws_msk_cluster.events", "passed"),  # defaults: TLS, in-cluster on
        ("HDS_TLS_001", "aws_msk_cluster.mixed", "failed"),  # TLS_PLAINTEXT
        ("HDS_TLS_001", "aws_msk_cluster.no_in_cluster", "failed"),
    }
    assert "TLS_PLAINTEXT" in one(findings, "HDS_TLS_001", "aws_msk_cluster.mixed").message


# --- service defaults (hds-knowledge §8) ----------------------------------------------------


def test_service_defaults_no_config_does_not_fail_where_aws_encrypts():
    findings = scan("aws_service_defaults", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_sqs_queue.default", "passed"),  # SSE-SQS by default
        ("HDS_ENC_001", "aws_sqs_queue.sse_off", "failed"),
        ("HDS_ENC_001", "aws_sqs_queue.kms", "passed"),
        ("HDS_ENC_001", "aws_sqs_queue.kms_without_sse_sqs", "passed"),
        ("HDS_ENC_001", "aws_sqs_queue.aws_managed_key", "passed"),
        ("HDS_ENC_001", "aws_sns_topic.plain", "failed"),  # SNS: no key, no encryption
        ("HDS_ENC_001", "aws_sns_topic.kms", "passed"),
        ("HDS_ENC_001", "aws_kinesis_stream.plain", "failed"),  # encryption_type NONE
        ("HDS_ENC_001", "aws_kinesis_stream.kms", "passed"),
        ("HDS_ENC_001", "aws_dynamodb_table.default", "passed"),  # always encrypted
        ("HDS_ENC_001", "aws_backup_vault.default", "passed"),  # always encrypted
        ("HDS_ENC_001", "aws_efs_file_system.shared", "failed"),
        ("HDS_ENC_001", "aws_efs_file_system.encrypted", "passed"),
    }
    assert triples(scan("aws_service_defaults")) == {
        ("HDS_ENC_001", "aws_sqs_queue.sse_off", "failed"),
        ("HDS_ENC_001", "aws_sns_topic.plain", "failed"),
        ("HDS_ENC_001", "aws_kinesis_stream.plain", "failed"),
        ("HDS_ENC_001", "aws_efs_file_system.shared", "failed"),
        ("HDS_BKP_001", "aws_backup_vault.default", "failed"),
    }


def test_service_defaults_customer_managed_keys():
    findings = scan("aws_service_defaults", make_settings(require_customer_managed_keys=True))
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_sqs_queue.default", "failed"),
        ("HDS_ENC_002", "aws_sqs_queue.sse_off", "failed"),
        ("HDS_ENC_002", "aws_sqs_queue.aws_managed_key", "failed"),  # alias/aws/sqs
        ("HDS_ENC_002", "aws_sns_topic.plain", "failed"),
        ("HDS_ENC_002", "aws_kinesis_stream.plain", "failed"),
        ("HDS_ENC_002", "aws_kinesis_stream.kms", "failed"),  # alias/aws/kinesis
        ("HDS_ENC_002", "aws_dynamodb_table.default", "failed"),
        ("HDS_ENC_002", "aws_backup_vault.default", "failed"),
        ("HDS_ENC_002", "aws_efs_file_system.shared", "failed"),
        ("HDS_ENC_002", "aws_efs_file_system.encrypted", "failed"),
    }


# --- placement: providers, aliases, per-resource region -------------------------------------


def test_provider_aliases_and_resource_region():
    findings = scan("aws_provider_regions", include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_001", "aws_sqs_queue.paris", "passed"),
        ("HDS_LOC_001", "aws_sqs_queue.virginia", "failed"),
        ("HDS_LOC_001", "aws_sqs_queue.virginia_provider_ireland_region", "passed"),  # own region wins
        ("HDS_LOC_001", "aws_sqs_queue.paris_provider_oregon_region", "failed"),  # own region wins
        ("HDS_LOC_001", "aws_sqs_queue.zurich", "failed"),  # Switzerland is not in the EEA
        ("HDS_LOC_001", "aws_sqs_queue.from_env", "unknown"),
        ("HDS_LOC_002", "provider.aws", "passed"),
        ("HDS_LOC_002", "provider.aws.virginia", "failed"),
        ("HDS_LOC_002", "provider.aws.zurich", "failed"),
        # provider.aws.from_env sets no region: nothing to judge at the provider.
    }
    zurich = one(findings, "HDS_LOC_002", "provider.aws.zurich")
    assert (zurich.resource.type, zurich.resource.file, zurich.resource.line) == ("provider", "main.tf", 20)
    assert zurich.severity == "high" and zurich.activities == (1, 2)
    assert "environment" in one(findings, "HDS_LOC_001", "aws_sqs_queue.from_env").message


def test_unknown_regions_are_never_pass_or_fail():
    findings = scan("aws_unknown_region", include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_001", "aws_s3_bucket.from_variable", "unknown"),
        ("HDS_LOC_001", "aws_s3_bucket.from_remote_state", "unknown"),
        ("HDS_LOC_001", "aws_s3_bucket.typo", "unknown"),
        ("HDS_LOC_001", "aws_s3_bucket.from_function", "unknown"),
        ("HDS_LOC_002", "provider.aws", "unknown"),
        ("HDS_LOC_002", "provider.aws.remote", "unknown"),
    }
    messages = {f.resource.address: f.message for f in findings if f.rule_id == "HDS_LOC_001"}
    assert "(var.region)" in messages["aws_s3_bucket.from_variable"]
    assert "(data.terraform_remote_state.network.outputs.region)" in \
        messages["aws_s3_bucket.from_remote_state"]
    assert "'eu-west-33'" in messages["aws_s3_bucket.typo"]
    assert "lower(var.region)" in messages["aws_s3_bucket.from_function"]


def test_no_provider_block_region_unknown():
    assert triples(scan("aws_no_provider_block")) == {
        ("HDS_LOC_001", "aws_dynamodb_table.sessions", "unknown"),
    }


# --- locals, interpolation, references ------------------------------------------------------


def test_locals_interpolation_and_references():
    findings = scan("aws_locals_refs", include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_002", "provider.aws", "passed"),  # region = local.home_region
        ("HDS_LOC_001", "aws_s3_bucket.primary", "passed"),
        ("HDS_LOC_001", "aws_s3_bucket.logs", "passed"),  # = aws_s3_bucket.primary.region
        ("HDS_LOC_001", "aws_s3_bucket.dr", "passed"),  # local.dr["region"]
        ("HDS_LOC_001", "aws_s3_bucket.second", "failed"),  # local.regions[1] = us-east-2
        ("HDS_LOC_001", "aws_sqs_queue.copy", "passed"),  # "${local.dr.region}"
        ("HDS_LOC_001", "aws_sqs_queue.interpolated", "passed"),  # conditional in a template: eu-north-1
        ("HDS_LOC_001", "aws_sqs_queue.built", "passed"),  # arithmetic in a template: eu-west-3
    }
    messages = {f.resource.address: f.message for f in findings if f.rule_id == "HDS_LOC_001"}
    assert "eu-west-3" in messages["aws_s3_bucket.logs"]
    assert "eu-central-1" in messages["aws_s3_bucket.dr"] and "eu-central-1" in messages["aws_sqs_queue.copy"]
    assert "eu-west-3" in messages["aws_sqs_queue.built"]
    assert "eu-north-1" in messages["aws_sqs_queue.interpolated"]


# --- variables: defaults, tfvars, auto.tfvars, --var-file -----------------------------------


def test_variable_precedence():
    findings = scan("aws_variables", include_passed=True)
    messages = {f.resource.address: f.message for f in findings
                if f.rule_id in ("HDS_LOC_001", "HDS_LOC_002")}
    assert "eu-west-3" in messages["provider.aws"]  # terraform.tfvars over the default us-east-1
    assert "eu-central-1" in messages["aws_s3_bucket.replica"]  # zz.auto.tfvars wins over aa and tfvars
    assert "eu-north-1" in messages["aws_s3_bucket.archive"]  # default
    # tags from aa.auto.tfvars make the primary bucket a backup store.
    assert triples(scan("aws_variables")) == {
        ("HDS_BKP_002", "aws_s3_bucket.primary", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.primary", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.replica", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.archive", "failed"),
    }


def test_var_file_wins_over_auto_tfvars():
    findings = scan("aws_variables", var_files=[FIXTURES / "aws_variables" / "env" / "us.tfvars"])
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_001", "aws_s3_bucket.archive", "failed"),
    }
    assert "us-west-2" in one(findings, "HDS_LOC_001", "aws_s3_bucket.archive").message


# --- count / for_each -----------------------------------------------------------------------


def test_instances_per_count_index_and_for_each_key():
    findings = scan("aws_count_for_each", include_passed=True)
    virginia, ireland = 'aws_s3_bucket.copies["virginia"]', 'aws_s3_bucket.copies["ireland"]'
    shards = [f"aws_s3_bucket.shards[{i}]" for i in range(3)]
    assert triples(scan("aws_count_for_each")) == {
        ("HDS_LOC_001", virginia, "failed"),  # region = each.value = us-east-1
        ("HDS_ENC_001", "aws_db_instance.replicas[1]", "failed"),  # storage_encrypted = count.index == 0
        ("HDS_TLS_004", virginia, "failed"),
        ("HDS_TLS_004", ireland, "failed"),
        *(("HDS_TLS_004", s, "failed") for s in shards),
    }
    assert {("HDS_LOC_001", ireland, "passed"), ("HDS_ENC_001", "aws_db_instance.replicas[0]", "passed")} <= \
        triples(findings)
    # aws_s3_bucket.shards[count.index] links each SSE configuration to the bucket of its index.
    assert all("aws:kms" in one(findings, "HDS_ENC_001", s).message for s in shards)
    assert "us-east-1" in one(findings, "HDS_LOC_001", virginia).message


def test_conditionals_the_code_decides(tmp_path):
    assert triples(scan("aws_conditionals")) == {
        ("HDS_LOC_001", "aws_s3_bucket.archive", "failed"),  # != "prod" ? … : "ap-southeast-1"
        ("HDS_TLS_004", "aws_s3_bucket.archive", "failed"),
    }  # dr_copy: count = false ? 1 : 0, not created; records: storage_encrypted = "prod" == "prod"
    assert ("HDS_ENC_001", "aws_db_instance.records", "passed") in triples(scan("aws_conditionals",
                                                                                include_passed=True))
    dev = tmp_path / "dev.tfvars"
    dev.write_text('environment = "dev"\ncreate_dr_copy = true\n')
    assert triples(scan("aws_conditionals", var_files=[dev]), "HDS_LOC_001", "HDS_LOC_002", "HDS_ENC_001") == {
        ("HDS_LOC_002", "provider.aws", "failed"),  # us-east-1 outside prod
        ("HDS_LOC_001", "aws_s3_bucket.dr_copy", "failed"),  # now created, in us-east-1
        ("HDS_LOC_001", "aws_db_instance.records", "failed"),  # provider region
        ("HDS_LOC_001", "aws_db_instance.staging", "failed"),
        ("HDS_ENC_001", "aws_db_instance.records", "failed"),  # "dev" == "prod" is false
        ("HDS_ENC_001", "aws_db_instance.staging", "failed"),  # "dev" == "prod" && true
    }  # archive: "dev" != "prod" ? "eu-west-3": in the EEA


# --- modules --------------------------------------------------------------------------------


def test_modules_addresses_providers_and_inputs():
    findings = scan("aws_modules")
    assert triples(findings) == {
        ("HDS_LOC_001", "module.store.aws_s3_bucket.this", "failed"),  # providers = { aws = aws.tokyo }
        ("HDS_LOC_002", "provider.aws.tokyo", "failed"),
        ("HDS_LOC_001", "module.regional.aws_sqs_queue.events", "failed"),  # region input eu-central-2
        ("HDS_BKP_002", "module.archive.aws_s3_bucket.exports", "failed"),
        ("HDS_TLS_004", "module.archive.aws_s3_bucket.exports", "failed"),
        # module.store.aws_s3_bucket.this: the root policy reaches it through module outputs.
        # module.archive.module.vault.aws_backup_vault.this: compliance lock from a module default.
    }
    store = one(findings, "HDS_LOC_001", "module.store.aws_s3_bucket.this")
    assert store.resource.as_dict() == {
        "address": "module.store.aws_s3_bucket.this", "type": "aws_s3_bucket", "name": "this",
        "provider": "aws", "file": "modules/store/main.tf", "line": 5,
    }
    assert "ap-northeast-1" in store.message and "Japan" in store.message
    assert store.activities == (1, 2, 3)
    regional = one(findings, "HDS_LOC_001", "module.regional.aws_sqs_queue.events")
    assert (regional.resource.file, regional.activities) == ("modules/regional/main.tf", (1, 2, 4))


def test_nested_module_passes():
    findings = scan("aws_modules", include_passed=True)
    vault = "module.archive.module.vault.aws_backup_vault.this"
    assert triples(findings, "HDS_BKP_001") == {("HDS_BKP_001", vault, "passed")}
    assert one(findings, "HDS_LOC_001", vault).resource.file == "modules/vault/main.tf"
    assert ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "passed") in triples(findings)


# --- scope and suppressions -----------------------------------------------------------------


def test_scope_out_and_checkov_skip():
    findings = scan("aws_scope_skip", include_passed=True)
    assert not [f for f in findings if f.resource.address == "aws_s3_bucket.marketing"]
    assert triples(scan("aws_scope_skip")) == {
        ("HDS_LOC_001", "aws_s3_bucket.pseudonymised_export", "skipped"),
        ("HDS_TLS_004", "aws_s3_bucket.pseudonymised_export", "failed"),  # only LOC_001 is skipped
        ("HDS_LOC_001", "aws_sqs_queue.metrics", "skipped"),
        ("HDS_LOC_001", "aws_dynamodb_table.audit", "failed"),
        ("HDS_LOC_002", "provider.aws", "failed"),
    }
    export = one(findings, "HDS_LOC_001", "aws_s3_bucket.pseudonymised_export")
    assert export.skip_reason == "pseudonymised extract, approved by the DPO on 2026-03-02"
    assert export.as_dict()["skip_reason"] == export.skip_reason
    assert one(findings, "HDS_LOC_001", "aws_sqs_queue.metrics").skip_reason == "no reason given"
    # A skip on a passing rule leaves it passed; a skip of PRV_001 on a passing check too.
    assert one(findings, "HDS_ENC_001", "aws_dynamodb_table.audit").status == "passed"
    assert one(findings, "HDS_PRV_001", "aws_sqs_queue.metrics").status == "passed"


def test_custom_scope_tag():
    settings = make_settings(scope_tag={"key": "data-class", "value": "public"})
    findings = scan("aws_scope_skip", settings)
    assert ("HDS_TLS_004", "aws_s3_bucket.marketing", "failed") in triples(findings)


# --- provider certification ------------------------------------------------------------------


def test_provider_certification_activity_5_not_covered():
    findings = scan("aws_provider_certification", include_passed=True)
    assert triples(findings, "HDS_PRV_001", "HDS_PRV_002", "HDS_PRV_003") == {
        *{("HDS_PRV_001", a, "passed") for a in (
            "aws_s3_bucket.records", "aws_db_instance.ehr", "aws_backup_vault.main",
            "aws_ssm_document.patch", "aws_ec2_instance_connect_endpoint.admin")},
        ("HDS_PRV_002", "aws_s3_bucket.records", "passed"),
        ("HDS_PRV_002", "aws_db_instance.ehr", "passed"),
        ("HDS_PRV_002", "aws_backup_vault.main", "passed"),
        ("HDS_PRV_002", "aws_ssm_document.patch", "failed"),
        ("HDS_PRV_002", "aws_ec2_instance_connect_endpoint.admin", "failed"),
        # AWS's certificate dates are not recorded in the registry: no PRV_003 verdict.
    }
    ssm = one(findings, "HDS_PRV_002", "aws_ssm_document.patch")
    assert ssm.activities == (5,)
    assert "5 Administration and operation" in ssm.message


def test_provider_certificate_expiry_from_registry_override():
    soon = make_settings(providers={"aws": {"valid_until": "2026-12-01"}})
    findings = scan("aws_provider_certification", soon)
    expiring = {f for f in findings if f.rule_id == "HDS_PRV_003"}
    assert {f.resource.address for f in expiring} == {
        "aws_s3_bucket.records", "aws_db_instance.ehr", "aws_backup_vault.main",
        "aws_ssm_document.patch", "aws_ec2_instance_connect_endpoint.admin",
    }
    assert {(f.status, f.severity) for f in expiring} == {("failed", "medium")}
    assert "in 9 days" in one(findings, "HDS_PRV_003", "aws_s3_bucket.records").message

    later = settings_from_dict({"providers": {"aws": {"valid_until": "2026-12-01"}}}, "test settings",
                               as_of=dt.date(2027, 1, 15))
    expired = [f for f in scan("aws_provider_certification", later) if f.rule_id == "HDS_PRV_003"]
    assert len(expired) == 5 and {(f.status, f.severity) for f in expired} == {("failed", "critical")}

    far = make_settings(providers={"aws": {"valid_until": "2029-06-30"}}, expiry_warning_days=30)
    assert not triples(scan("aws_provider_certification", far), "HDS_PRV_003")


def test_provider_not_certified_or_unverified_by_override():
    unverified = scan("aws_provider_certification",
                      make_settings(providers={"aws": {"status": "unverified"}}))
    assert {(f.resource.address, f.status) for f in unverified if f.rule_id == "HDS_PRV_001"} == {
        (a, "unknown") for a in ("aws_s3_bucket.records", "aws_db_instance.ehr", "aws_backup_vault.main",
                                 "aws_ssm_document.patch", "aws_ec2_instance_connect_endpoint.admin")
    }
    revoked = scan("aws_provider_certification",
                   make_settings(providers={"aws": {"status": "not_certified"}}))
    prv = triples(revoked, "HDS_PRV_001", "HDS_PRV_002", "HDS_PRV_003")
    assert prv == {("HDS_PRV_001", a, "failed") for a in (
        "aws_s3_bucket.records", "aws_db_instance.ehr", "aws_backup_vault.main",
        "aws_ssm_document.patch", "aws_ec2_instance_connect_endpoint.admin")}
    assert one(revoked, "HDS_PRV_001", "aws_db_instance.ehr").activities == (1, 2, 4)


# --- settings -------------------------------------------------------------------------------


def test_allowed_regions_disabled_rules_and_severity_overrides():
    settings = make_settings(
        allowed_regions={"aws": ["eu-central-2"]},
        rules={"disabled": ["HDS_LOC_002"]},
        severity_overrides={"HDS_LOC_001": "medium"},
    )
    findings = scan("aws_provider_regions", settings)
    assert triples(findings) == {
        ("HDS_LOC_001", "aws_sqs_queue.virginia", "failed"),
        ("HDS_LOC_001", "aws_sqs_queue.paris_provider_oregon_region", "failed"),
        ("HDS_LOC_001", "aws_sqs_queue.from_env", "unknown"),
        # aws_sqs_queue.zurich: eu-central-2 allowed by contract; HDS_LOC_002 disabled.
    }
    assert {f.severity for f in findings} == {"medium"}


def test_enabled_rules_only():
    findings = scan("aws_rds", make_settings(rules={"enabled": ["HDS_TLS_003"]}), include_passed=True)
    assert {f.rule_id for f in findings} == {"HDS_TLS_003"}


def test_settings_file(tmp_path):
    from hds_policies.settings import load_settings

    path = tmp_path / "hds-policies.yaml"
    path.write_text("require_customer_managed_keys: true\nrules:\n  enabled: [HDS_ENC_002]\n",
                    encoding="utf-8")
    settings = load_settings(path, as_of=AS_OF)
    assert triples(scan("aws_compliant_platform", settings)) == {
        ("HDS_ENC_002", "aws_s3_bucket.backups", "failed"),  # SSE-S3 default
        ("HDS_ENC_002", "aws_dynamodb_table.sessions", "failed"),  # AWS-owned key
        ("HDS_ENC_002", "aws_sqs_queue.events", "failed"),  # SSE-SQS
        ("HDS_ENC_002", "aws_db_instance_automated_backups_replication.ehr", "failed"),  # no kms_key_id
    }


# --- a compliant platform -------------------------------------------------------------------


def test_compliant_platform_has_no_finding():
    assert scan("aws_compliant_platform") == []
    findings = scan("aws_compliant_platform", include_passed=True)
    assert {f.status for f in findings} == {"passed"}
    rules = {f.rule_id for f in findings}
    assert rules == {"HDS_LOC_001", "HDS_LOC_002", "HDS_LOC_003", "HDS_ENC_001", "HDS_TLS_001", "HDS_TLS_002",
                     "HDS_TLS_003", "HDS_TLS_004", "HDS_BKP_001", "HDS_BKP_002", "HDS_PRV_001", "HDS_PRV_002"}


# --- through the command line ---------------------------------------------------------------


def test_cli_scan_json_with_var_file_config_and_as_of(tmp_path, capsys):
    import json

    from hds_policies.cli import main

    config = tmp_path / "hds-policies.yaml"
    config.write_text("severity_overrides:\n  HDS_TLS_004: low\n", encoding="utf-8")
    var_file = FIXTURES / "aws_variables" / "env" / "us.tfvars"
    code = main(["scan", str(FIXTURES / "aws_variables"), "--format", "json", "--as-of", "2026-11-22",
                 "--config", str(config), "--var-file", str(var_file)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert doc["as_of"] == "2026-11-22"
    got = {(f["rule_id"], f["resource"]["address"], f["status"], f["severity"]) for f in doc["findings"]}
    assert got == {
        ("HDS_LOC_001", "aws_s3_bucket.archive", "failed", "critical"),  # us-west-2 from --var-file
        ("HDS_BKP_002", "aws_s3_bucket.primary", "failed", "high"),
        ("HDS_TLS_004", "aws_s3_bucket.primary", "failed", "low"),
        ("HDS_TLS_004", "aws_s3_bucket.replica", "failed", "low"),
        ("HDS_TLS_004", "aws_s3_bucket.archive", "failed", "low"),
    }
    archive = next(f for f in doc["findings"] if f["rule_id"] == "HDS_LOC_001")
    assert archive["resource"] == {"address": "aws_s3_bucket.archive", "type": "aws_s3_bucket",
                                   "name": "archive", "provider": "aws", "file": "main.tf", "line": 16}
    assert archive["activities"] == [1, 2, 3] and archive["basis"] == ["HDS référentiel v2 EXI 28"]
    assert doc["summary"] == {"resources": 3, "failed": 5, "unknown": 0, "skipped": 0, "modules_not_followed": 0}


def test_cli_certificate_expiry_with_registry_override_and_as_of(tmp_path, capsys):
    import json

    from hds_policies.cli import main

    config = tmp_path / "hds-policies.yaml"
    config.write_text("providers:\n  aws:\n    valid_until: 2026-12-01\n", encoding="utf-8")
    folder = str(FIXTURES / "aws_compliant_platform")
    assert main(["scan", folder, "--format", "json", "--config", str(config), "--as-of", "2026-06-01"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert main(["scan", folder, "--format", "json", "--config", str(config), "--as-of", "2027-01-15"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {(f["rule_id"], f["status"], f["severity"]) for f in findings} == {
        ("HDS_PRV_003", "failed", "critical")}
    graph = load_hcl(FIXTURES / "aws_compliant_platform", make_settings().catalog)
    managed = {r.address for r in graph.resources if r.mode == "managed"}
    assert len(managed) == 17 and {f["resource"]["address"] for f in findings} == managed
    # Expiring within expiry_warning_days (90 by default): medium, fails at --fail-on medium only.
    soon = ["scan", folder, "--config", str(config), "--as-of", "2026-11-22"]
    assert main([*soon, "--fail-on", "high"]) == 0
    assert main([*soon, "--fail-on", "medium"]) == 1
    capsys.readouterr()


def test_cli_exit_codes_on_compliant_platform_and_fail_on(capsys):
    from hds_policies.cli import main

    assert main(["scan", str(FIXTURES / "aws_compliant_platform"), "--as-of", "2026-11-22"]) == 0
    # Only medium findings (TLS_002 on CloudFront): below a --fail-on high threshold.
    cloudfront = ["scan", str(FIXTURES / "aws_cloudfront"), "--as-of", "2026-11-22"]
    assert main([*cloudfront, "--fail-on", "critical"]) == 0
    assert main([*cloudfront, "--fail-on", "high"]) == 1
    capsys.readouterr()
