"""The rules on Google Cloud (google) fixtures: exact (rule, address, status) sets as of 2026-11-22."""

from __future__ import annotations

import pytest
from provider_cases import make_settings, one, scan, scan_plan, triples, twin_mismatch

# --- location -----------------------------------------------------------------------------------


def test_locations_multi_regions_zones_and_provider_region():
    findings = scan("gcp_location", include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002") == {
        ("HDS_LOC_001", "google_storage_bucket.eu", "passed"),  # EU multi-region
        ("HDS_LOC_001", "google_storage_bucket.eur4", "passed"),  # EUR4 dual-region
        ("HDS_LOC_001", "google_storage_bucket.us", "failed"),  # US multi-region
        ("HDS_LOC_001", "google_storage_bucket.london", "failed"),  # europe-west2
        ("HDS_LOC_001", "google_compute_instance.paris", "passed"),  # zone europe-west9-a
        ("HDS_LOC_001", "google_compute_instance.iowa", "failed"),  # zone us-central1-a
        ("HDS_LOC_001", "google_sql_database_instance.main", "passed"),  # provider region europe-west9
        ("HDS_LOC_001", "google_redis_instance.us", "failed"),  # provider google.us: us-east1
        ("HDS_LOC_001", "google_redis_instance.nowhere", "unknown"),  # provider without region
        ("HDS_LOC_001", "google_container_cluster.gke", "passed"),
        ("HDS_LOC_001", "google_kms_key_ring.europe", "unknown"),  # KMS "europe": not classified
        ("HDS_LOC_002", "provider.google", "passed"),
        ("HDS_LOC_002", "provider.google.us", "failed"),
        # provider.google.noregion sets no region: nothing to judge on the block itself
    }
    assert "europe-west9" in one(findings, "HDS_LOC_001", "google_sql_database_instance.main").message


def test_location_fixture_exact():
    assert triples(scan("gcp_location")) == {
        ("HDS_LOC_001", "google_compute_instance.iowa", "failed"),
        ("HDS_LOC_001", "google_kms_key_ring.europe", "unknown"),
        ("HDS_LOC_001", "google_redis_instance.nowhere", "unknown"),
        ("HDS_LOC_001", "google_redis_instance.us", "failed"),
        ("HDS_LOC_001", "google_storage_bucket.london", "failed"),
        ("HDS_LOC_001", "google_storage_bucket.us", "failed"),
        ("HDS_LOC_002", "provider.google.us", "failed"),
    }


REPLICAS = {
    ("HDS_LOC_001", "google_sql_database_instance.replica_us", "failed"),
    ("HDS_LOC_003", "google_sql_database_instance.replica_us", "failed"),
    ("HDS_LOC_003", "google_sql_database_instance.primary", "failed"),  # replicated to Iowa
    ("HDS_LOC_003", "google_sql_database_instance.backups_us", "failed"),  # backups in "us"
    ("HDS_LOC_003", "google_storage_bucket.dual_mixed", "failed"),  # data_locations with europe-west2
}


def test_replicas_backup_locations_and_dual_regions_exact_hcl_and_plan():
    assert triples(scan("gcp_replicas")) == REPLICAS
    assert triples(scan_plan("gcp_replicas")) == REPLICAS


def test_replica_in_the_eea_and_eu_dual_region_pass():
    findings = scan("gcp_replicas", include_passed=True)
    assert {
        ("HDS_LOC_003", "google_sql_database_instance.replica_eu", "passed"),
        ("HDS_LOC_003", "google_storage_bucket.dual_eu", "passed"),
    } <= triples(findings)
    assert "replica_us" in one(findings, "HDS_LOC_003", "google_sql_database_instance.primary").message


# --- encryption at rest ---------------------------------------------------------------------------


def test_google_encryption_by_default_and_cmek_when_required():
    assert triples(scan("gcp_cmk")) == set()
    findings = scan("gcp_cmk", make_settings(require_customer_managed_keys=True), include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "google_storage_bucket.cmek", "passed"),
        ("HDS_ENC_001", "google_storage_bucket.google_keys", "passed"),
        ("HDS_ENC_001", "google_compute_disk.cmek", "passed"),
        ("HDS_ENC_001", "google_sql_database_instance.google_keys", "passed"),
    }
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "google_storage_bucket.cmek", "passed"),  # key created in this configuration
        ("HDS_ENC_002", "google_storage_bucket.google_keys", "failed"),
        ("HDS_ENC_002", "google_compute_disk.cmek", "passed"),
        ("HDS_ENC_002", "google_sql_database_instance.google_keys", "failed"),
    }


# --- encryption in transit ------------------------------------------------------------------------


TRANSIT = {
    ("HDS_TLS_001", "google_compute_target_http_proxy.plain", "failed"),  # URL map forwards
    ("HDS_TLS_002", "google_compute_target_https_proxy.no_policy", "failed"),  # Google default policy
    ("HDS_TLS_002", "google_compute_ssl_policy.default_min", "failed"),  # TLS_1_0 by default
    ("HDS_TLS_001", "google_redis_instance.plain", "failed"),  # transit encryption DISABLED
    ("HDS_TLS_003", "google_sql_database_instance.plain", "failed"),  # ssl_mode unset
}


def test_transit_exact_hcl_and_plan():
    assert triples(scan("gcp_transit")) == TRANSIT
    assert triples(scan_plan("gcp_transit")) == TRANSIT


def test_transit_passes():
    findings = scan("gcp_transit", include_passed=True)
    assert triples(findings, "HDS_TLS_001", "HDS_TLS_002", "HDS_TLS_003") - TRANSIT == {
        ("HDS_TLS_001", "google_compute_target_http_proxy.redirecting", "passed"),
        ("HDS_TLS_002", "google_compute_target_https_proxy.modern", "passed"),
        ("HDS_TLS_002", "google_compute_ssl_policy.modern", "passed"),
        ("HDS_TLS_001", "google_redis_instance.tls", "passed"),
        ("HDS_TLS_003", "google_sql_database_instance.encrypted_only", "passed"),
        ("HDS_TLS_003", "google_sql_database_instance.legacy", "passed"),  # require_ssl = true
    }


# --- backups --------------------------------------------------------------------------------------


def test_locked_retention_and_backup_vault_minimum_retention():
    assert triples(scan("gcp_backups")) == {
        ("HDS_BKP_002", "google_storage_bucket.unlocked", "failed"),
        ("HDS_BKP_002", "google_storage_bucket.no_retention", "failed"),
        ("HDS_BKP_001", "google_backup_dr_backup_vault.none", "failed"),
        # Google Cloud's certificate is not known to cover activity 6 (backup): every backup store
        ("HDS_PRV_002", "google_backup_dr_backup_vault.enforced", "failed"),
        ("HDS_PRV_002", "google_backup_dr_backup_vault.none", "failed"),
        ("HDS_PRV_002", "google_storage_bucket.locked", "failed"),
        ("HDS_PRV_002", "google_storage_bucket.unlocked", "failed"),
        ("HDS_PRV_002", "google_storage_bucket.no_retention", "failed"),
    }
    passed = triples(scan("gcp_backups", include_passed=True), "HDS_BKP_001", "HDS_BKP_002")
    assert ("HDS_BKP_002", "google_storage_bucket.locked", "passed") in passed
    assert ("HDS_BKP_001", "google_backup_dr_backup_vault.enforced", "passed") in passed


@pytest.mark.parametrize("case", ["gcp_replicas", "gcp_transit"])
@pytest.mark.parametrize("settings_data", [{}, {"require_customer_managed_keys": True}], ids=["default", "cmk"])
def test_plan_twin_gives_the_hcl_verdicts(case: str, settings_data: dict):
    assert twin_mismatch(case, **settings_data) == ([], [])


def test_global_location_is_not_a_region():
    findings = scan("gcp_global", include_passed=True)
    assert triples(findings, "HDS_LOC_001") == {
        ("HDS_LOC_001", "google_dialogflow_cx_agent.triage", "unknown"),  # may hold data: check where
        ("HDS_LOC_001", "google_storage_bucket.records", "passed"),
    }  # the workforce pool and the KMS key ring (configuration, data: false) are placed nowhere
    assert "'global' is not a region" in one(findings, "HDS_LOC_001", "google_dialogflow_cx_agent.triage").message
    assert triples(scan("gcp_global")) == {("HDS_LOC_001", "google_dialogflow_cx_agent.triage", "unknown")}
