"""The AWS rules on plan JSON fixtures, through the real plan loader and the real engine.

Each test names the exact (rule, resource address, status) set it expects. The plan twins of HCL
fixtures (same code, as `terraform show -json` gives it) must give the same verdicts as the HCL scan.
"""

from __future__ import annotations

import pytest
from provider_cases import HCL, PLANS, make_settings, one, triples

from hds_policies.engine import evaluate
from hds_policies.model import Finding
from hds_policies.settings import Settings
from hds_policies.terraform.hcl_loader import load_hcl
from hds_policies.terraform.plan_loader import load_plan


def scan(name: str, settings: Settings | None = None, include_passed: bool = False) -> list[Finding]:
    settings = settings or make_settings()
    return evaluate(load_plan(PLANS / name, settings.catalog), settings, include_passed=include_passed)


# --- location -------------------------------------------------------------------------------


def test_location_provider_variable_alias_module_and_count():
    """Default provider in ap-northeast-1 through var.region (tfvars value), aws.us in us-east-1,
    aws.paris in eu-west-3; module.store inherits the root provider, module.eu is passed aws.paris."""
    findings = scan("aws_location.json")
    assert triples(findings) == {
        ("HDS_LOC_001", "aws_s3_bucket.b[0]", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket.b[1]", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket.us", "failed"),
        ("HDS_LOC_001", "module.store.aws_s3_bucket.this", "failed"),
        ("HDS_LOC_002", "provider.aws", "failed"),
        ("HDS_LOC_002", "provider.aws.us", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.b[0]", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.b[1]", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.paris", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.us", "failed"),
        ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "failed"),
        ("HDS_TLS_004", 'module.eu["imaging"].aws_s3_bucket.this', "failed"),
        ("HDS_TLS_004", 'module.eu["records"].aws_s3_bucket.this', "failed"),
    }
    assert "ap-northeast-1" in one(findings, "HDS_LOC_001", "module.store.aws_s3_bucket.this").message
    assert "us-east-1" in one(findings, "HDS_LOC_002", "provider.aws.us").message
    assert one(findings, "HDS_LOC_002", "provider.aws").resource.file == str(PLANS / "aws_location.json")


def test_location_passes_are_real_passes_not_silence():
    findings = scan("aws_location.json", include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002", "HDS_ENC_001") >= {
        ("HDS_LOC_001", "aws_s3_bucket.paris", "passed"),
        ("HDS_LOC_001", 'module.eu["records"].aws_s3_bucket.this', "passed"),
        ("HDS_LOC_002", "provider.aws.paris", "passed"),
        ("HDS_ENC_001", "aws_s3_bucket.paris", "passed"),  # no SSE resource: SSE-S3 default
        ("HDS_ENC_001", "aws_s3_bucket.b[0]", "passed"),
    }
    assert "aws:kms" in one(findings, "HDS_ENC_001", "aws_s3_bucket.b[0]").message
    assert "AES256" in one(findings, "HDS_ENC_001", "aws_s3_bucket.b[1]").message


def test_allowed_regions_setting_applies_to_plans():
    findings = scan("aws_location.json", make_settings(allowed_regions={"aws": ["us-east-1"]}))
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_001", "aws_s3_bucket.b[0]", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket.b[1]", "failed"),
        ("HDS_LOC_001", "module.store.aws_s3_bucket.this", "failed"),
        ("HDS_LOC_002", "provider.aws", "failed"),
    }


def test_per_resource_region_v6_and_unknown_region():
    findings = scan("aws_region_attr.json")
    assert triples(findings) == {
        ("HDS_LOC_001", "aws_s3_bucket.tokyo", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket_server_side_encryption_configuration.tokyo", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket.dr", "unknown"),
        ("HDS_TLS_004", "aws_s3_bucket.dr", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.paris", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.tokyo", "failed"),
    }
    assert "terraform_data.dr_region.output" in one(findings, "HDS_LOC_001", "aws_s3_bucket.dr").message


def test_terraform_1_0_plan():
    assert triples(scan("legacy_tf10.json")) == {
        ("HDS_LOC_001", "module.store.aws_s3_bucket.this", "failed"),
        ("HDS_LOC_002", "provider.aws", "failed"),
        ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "failed"),
    }


# --- evidence split across resources --------------------------------------------------------


EVIDENCE_FAILED_OR_UNKNOWN = {
    ("HDS_BKP_001", "aws_backup_vault.gov", "failed"),
    ("HDS_BKP_001", "aws_backup_vault.open", "failed"),
    ("HDS_BKP_002", "aws_s3_bucket.bk_gov", "failed"),
    ("HDS_BKP_002", "aws_s3_bucket.bk_none", "failed"),
    ("HDS_ENC_001", "aws_db_instance.billing", "failed"),
    ("HDS_TLS_001", "aws_lb_listener.http_forward", "failed"),
    ("HDS_TLS_002", "aws_lb_listener.https_legacy", "failed"),
    ("HDS_TLS_002", "aws_lb_listener.https_pending", "unknown"),
    ("HDS_TLS_002", "aws_lb_listener.https_default", "failed"),  # no ssl_policy: provider default 2016-08
    ("HDS_TLS_003", "aws_db_instance.billing", "failed"),
    ("HDS_TLS_004", "aws_s3_bucket.bk_comp", "failed"),
    ("HDS_TLS_004", "aws_s3_bucket.bk_gov", "failed"),
    ("HDS_TLS_004", "aws_s3_bucket.bk_none", "failed"),
}


def test_evidence_failed_and_unknown():
    assert triples(scan("aws_evidence.json")) == EVIDENCE_FAILED_OR_UNKNOWN


def test_evidence_passes_follow_the_split_resources():
    findings = scan("aws_evidence.json", include_passed=True)
    assert triples(findings) - EVIDENCE_FAILED_OR_UNKNOWN >= {
        ("HDS_ENC_001", "aws_s3_bucket.records", "passed"),  # SSE config, KMS key unknown until apply
        ("HDS_TLS_004", "aws_s3_bucket.records", "passed"),  # policy document read at apply
        ("HDS_TLS_004", "aws_s3_bucket.exports", "passed"),  # existing bucket, policy JSON known
        ("HDS_BKP_002", "aws_s3_bucket.bk_comp", "passed"),
        ("HDS_BKP_001", "aws_backup_vault.locked", "passed"),
        ("HDS_ENC_001", "aws_backup_vault.open", "passed"),  # kms_key_arn computed: AWS-owned key
        ("HDS_TLS_001", "aws_lb_listener.http_redirect", "passed"),
        ("HDS_TLS_002", "aws_lb_listener.https_modern", "passed"),
        ("HDS_TLS_003", "aws_db_instance.ehr", "passed"),  # parameter group rds.force_ssl = 1
        ("HDS_TLS_003", "aws_db_instance.analytics", "passed"),  # PostgreSQL 16, default group
        ("HDS_ENC_001", "aws_db_instance.ehr", "passed"),
        ("HDS_LOC_002", "provider.aws", "passed"),
    }
    assert "aws:kms" in one(findings, "HDS_ENC_001", "aws_s3_bucket.records").message
    assert "GOVERNANCE" in one(findings, "HDS_BKP_002", "aws_s3_bucket.bk_gov").message
    assert "require_secure_transport = 0" in one(findings, "HDS_TLS_003", "aws_db_instance.billing").message


def test_customer_managed_keys_required():
    settings = make_settings(require_customer_managed_keys=True)
    assert triples(scan("aws_location.json", settings), "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_s3_bucket.b[0]", "failed"),  # aws:kms without a key: the AWS-managed aws/s3
        ("HDS_ENC_002", "aws_s3_bucket.b[1]", "failed"),
        ("HDS_ENC_002", "aws_s3_bucket.paris", "failed"),
        ("HDS_ENC_002", "aws_s3_bucket.us", "failed"),
        ("HDS_ENC_002", "module.store.aws_s3_bucket.this", "failed"),
        # Same module, other instance: records names a KMS key, imaging does not.
        ("HDS_ENC_002", 'module.eu["imaging"].aws_s3_bucket.this', "failed"),
    }
    evidence = scan("aws_evidence.json", settings, include_passed=True)
    assert ("HDS_ENC_002", "aws_s3_bucket.records", "passed") in triples(evidence)  # key created alongside
    assert ("HDS_ENC_002", "aws_db_instance.ehr", "passed") in triples(evidence)


def test_a_key_looked_up_while_planning_is_judged_by_its_key_manager():
    """In a plan, `data "aws_kms_key" { key_id = "alias/aws/sns" }` is already read: the topic holds a
    plain key ARN, and the data source's key_manager ("AWS") says it is AWS's key, not a customer's."""
    settings = make_settings(require_customer_managed_keys=True)
    findings = scan("aws_kms_lookups.json", settings, include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_sns_topic.aws_managed", "failed"),
        ("HDS_ENC_002", "aws_sns_topic.customer", "passed"),
    }
    assert "alias/aws/sns" in one(findings, "HDS_ENC_002", "aws_sns_topic.aws_managed").message


def test_deleted_resources_are_not_judged():
    for name, address in (("aws_location.json", "aws_s3_bucket.retired"),
                          ("aws_evidence.json", "aws_s3_bucket.legacy_us")):
        assert all(f.resource.address != address for f in scan(name, include_passed=True))


def test_data_sources_are_not_judged_as_resources():
    findings = scan("aws_evidence.json", include_passed=True)
    assert all(not f.resource.address.startswith("data.") for f in findings)


# --- plan twins of HCL fixtures -------------------------------------------------------------


TWINS = sorted(p.stem for p in PLANS.glob("*.json") if (HCL / p.stem).is_dir())


def test_twins_exist():
    assert set(TWINS) >= {"demo_noncompliant", "aws_lb_listeners", "aws_backup_vault", "aws_s3_object_lock",
                          "aws_rds"}


@pytest.mark.parametrize("settings_data", [{}, {"require_customer_managed_keys": True}],
                         ids=["default", "cmk"])
@pytest.mark.parametrize("name", TWINS)
def test_plan_twin_gives_the_hcl_verdicts(name: str, settings_data: dict):
    settings = make_settings(**settings_data)
    from_hcl = evaluate(load_hcl(HCL / name, settings.catalog), settings, include_passed=True)
    from_plan = evaluate(load_plan(PLANS / f"{name}.json", settings.catalog), settings, include_passed=True)
    hcl, plan = triples(from_hcl), triples(from_plan)
    assert (sorted(hcl - plan), sorted(plan - hcl)) == ([], [])


def test_demo_twin_exact():
    assert triples(scan("demo_noncompliant.json")) == {
        ("HDS_BKP_001", "aws_backup_vault.main", "failed"),
        ("HDS_BKP_002", "aws_s3_bucket.backups", "failed"),
        ("HDS_ENC_001", "aws_db_instance.ehr", "failed"),
        ("HDS_LOC_001", "aws_s3_bucket.records_copy", "failed"),
        ("HDS_LOC_001", "hcloud_server.worker", "failed"),
        ("HDS_LOC_002", "provider.aws.us", "failed"),
        ("HDS_LOC_003", "aws_s3_bucket.records", "failed"),
        ("HDS_LOC_003", "aws_s3_bucket_replication_configuration.records", "failed"),
        ("HDS_PRV_001", "hcloud_server.worker", "failed"),
        ("HDS_TLS_001", "aws_lb_listener.web", "failed"),
        ("HDS_TLS_003", "aws_db_instance.ehr", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.backups", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.records", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.records_copy", "failed"),
    }
