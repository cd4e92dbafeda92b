"""The rules on Azure (azurerm) fixtures: exact (rule, address, status) sets as of 2026-11-22."""

from __future__ import annotations

import pytest
from provider_cases import make_settings, one, scan, scan_plan, triples, twin_mismatch

# --- location -----------------------------------------------------------------------------------


def test_locations_case_space_insensitive_and_resolved_from_the_resource_group():
    findings = scan("azure_location", include_passed=True)
    assert triples(findings, "HDS_LOC_001") == {
        ("HDS_LOC_001", "azurerm_resource_group.rg", "passed"),  # "France Central"
        ("HDS_LOC_001", "azurerm_storage_account.records", "passed"),  # = azurerm_resource_group.rg.location
        ("HDS_LOC_001", "azurerm_managed_disk.data", "passed"),  # "West Europe"
        ("HDS_LOC_001", "azurerm_resource_group.us", "failed"),
        ("HDS_LOC_001", "azurerm_storage_account.uk", "failed"),
        ("HDS_LOC_001", "azurerm_key_vault.dr", "failed"),  # var.dr_location = switzerlandnorth
        ("HDS_LOC_001", "azurerm_linux_web_app.typo", "unknown"),  # not in the catalog
        ("HDS_LOC_001", "azurerm_virtual_network.legacy", "unknown"),  # from a data source
    }
    assert "francecentral" in one(findings, "HDS_LOC_001", "azurerm_storage_account.records").message
    assert "'francecentrall'" in one(findings, "HDS_LOC_001", "azurerm_linux_web_app.typo").message
    assert "data.azurerm_resource_group.existing.location" in \
        one(findings, "HDS_LOC_001", "azurerm_virtual_network.legacy").message


def test_location_fixture_exact():
    assert triples(scan("azure_location")) == {
        ("HDS_LOC_001", "azurerm_key_vault.dr", "failed"),
        ("HDS_LOC_001", "azurerm_linux_web_app.typo", "unknown"),
        ("HDS_LOC_001", "azurerm_resource_group.us", "failed"),
        ("HDS_LOC_001", "azurerm_storage_account.uk", "failed"),
        ("HDS_LOC_001", "azurerm_virtual_network.legacy", "unknown"),
    }


def test_geo_redundant_copies_go_to_the_paired_region():
    findings = scan("azure_geo_redundancy", include_passed=True)
    assert triples(findings, "HDS_LOC_003") == {
        ("HDS_LOC_003", "azurerm_storage_account.grs_fr", "passed"),  # francesouth
        ("HDS_LOC_003", "azurerm_storage_account.ragzrs_pl", "unknown"),  # polandcentral has no pair
        ("HDS_LOC_003", "azurerm_recovery_services_vault.default_geo", "passed"),  # GeoRedundant default
        ("HDS_LOC_003", "azurerm_data_protection_backup_vault.uk", "failed"),  # ukwest
        ("HDS_LOC_003", "azurerm_postgresql_flexible_server.pg", "passed"),
        ("HDS_LOC_003", "azurerm_mssql_database.ch", "failed"),  # server in switzerlandnorth
        ("HDS_LOC_003", "azurerm_cosmosdb_account.multi", "failed"),  # geo_location eastus
    }
    assert "francesouth" in one(findings, "HDS_LOC_003", "azurerm_storage_account.grs_fr").message
    assert "switzerlandwest" in one(findings, "HDS_LOC_003", "azurerm_mssql_database.ch").message
    assert "eastus" in one(findings, "HDS_LOC_003", "azurerm_cosmosdb_account.multi").message


def test_geo_redundancy_fixture_exact_hcl_and_plan():
    expected = {
        ("HDS_LOC_001", "azurerm_data_protection_backup_vault.uk", "failed"),
        ("HDS_LOC_001", "azurerm_mssql_server.ch", "failed"),
        ("HDS_LOC_003", "azurerm_cosmosdb_account.multi", "failed"),
        ("HDS_LOC_003", "azurerm_data_protection_backup_vault.uk", "failed"),
        ("HDS_LOC_003", "azurerm_mssql_database.ch", "failed"),
        ("HDS_LOC_003", "azurerm_storage_account.ragzrs_pl", "unknown"),
    }
    assert triples(scan("azure_geo_redundancy")) == expected
    assert triples(scan_plan("azure_geo_redundancy")) == expected


# --- encryption at rest ---------------------------------------------------------------------------


def test_platform_keys_pass_and_sql_tde_off_fails():
    assert triples(scan("azure_encryption")) == {
        ("HDS_ENC_001", "azurerm_mssql_database.no_tde", "failed"),
    }


def test_customer_managed_keys_when_required():
    findings = scan("azure_encryption", make_settings(require_customer_managed_keys=True), include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "azurerm_storage_account.platform", "failed"),
        ("HDS_ENC_002", "azurerm_storage_account.inline_cmk", "passed"),
        ("HDS_ENC_002", "azurerm_storage_account.separate_cmk", "passed"),  # key set by a separate resource
        ("HDS_ENC_002", "azurerm_managed_disk.platform", "failed"),
        ("HDS_ENC_002", "azurerm_managed_disk.cmk", "passed"),  # disk encryption set made here
        ("HDS_ENC_002", "azurerm_mssql_server.sql", "failed"),
        ("HDS_ENC_002", "azurerm_mssql_database.no_tde", "failed"),
        ("HDS_ENC_002", "azurerm_cosmosdb_account.cmk", "passed"),
    }
    assert "azurerm_storage_account_customer_managed_key.separate" in \
        one(findings, "HDS_ENC_002", "azurerm_storage_account.separate_cmk").message


# --- encryption in transit ------------------------------------------------------------------------


TRANSIT = {
    ("HDS_TLS_001", "azurerm_storage_account.plain", "failed"),
    ("HDS_TLS_002", "azurerm_storage_account.plain", "failed"),
    ("HDS_TLS_001", "azurerm_storage_account.legacy_name", "failed"),  # enable_https_traffic_only (v3)
    ("HDS_TLS_001", "azurerm_linux_web_app.portal", "failed"),  # https_only defaults to false
    ("HDS_TLS_002", "azurerm_linux_web_app.portal", "failed"),
    ("HDS_TLS_001", "azurerm_windows_function_app.jobs", "failed"),  # ftps_state AllAllowed
    ("HDS_TLS_001", "azurerm_redis_cache.open", "failed"),
    ("HDS_TLS_002", "azurerm_redis_cache.open", "failed"),
    ("HDS_TLS_002", "azurerm_mssql_server.old_tls", "failed"),
    ("HDS_TLS_002", "azurerm_cosmosdb_account.old_tls", "failed"),
    ("HDS_TLS_001", "azurerm_application_gateway.forwarding", "failed"),
    ("HDS_TLS_002", "azurerm_application_gateway.forwarding", "failed"),
    ("HDS_TLS_001", "azurerm_cdn_frontdoor_route.plain", "failed"),
    ("HDS_TLS_002", "azurerm_cdn_frontdoor_custom_domain.old_tls", "failed"),
}


def test_transit_exact_hcl_and_plan():
    assert triples(scan("azure_transit")) == TRANSIT
    assert triples(scan_plan("azure_transit")) == TRANSIT


def test_transit_passes():
    findings = scan("azure_transit", include_passed=True)
    passed = triples(findings, "HDS_TLS_001", "HDS_TLS_002") - TRANSIT
    assert {
        ("HDS_TLS_001", "azurerm_storage_account.defaults", "passed"),
        ("HDS_TLS_002", "azurerm_storage_account.defaults", "passed"),
        ("HDS_TLS_001", "azurerm_linux_web_app.secure", "passed"),
        ("HDS_TLS_001", "azurerm_redis_cache.closed", "passed"),
        ("HDS_TLS_001", "azurerm_application_gateway.redirecting", "passed"),
        ("HDS_TLS_002", "azurerm_application_gateway.redirecting", "passed"),
        ("HDS_TLS_001", "azurerm_cdn_frontdoor_route.https", "passed"),
    } <= passed
    assert "AppGwSslPolicy20220101" in one(findings, "HDS_TLS_002", "azurerm_application_gateway.redirecting").message
    assert "AppGwSslPolicy20150501" in one(findings, "HDS_TLS_002", "azurerm_application_gateway.forwarding").message


def test_database_tls_through_server_parameters():
    findings = scan("azure_database_tls", include_passed=True)
    assert triples(findings, "HDS_TLS_002", "HDS_TLS_003") == {
        ("HDS_TLS_003", "azurerm_postgresql_flexible_server.defaults", "passed"),
        ("HDS_TLS_002", "azurerm_postgresql_flexible_server.defaults", "passed"),
        ("HDS_TLS_003", "azurerm_postgresql_flexible_server.plain", "failed"),
        ("HDS_TLS_002", "azurerm_postgresql_flexible_server.plain", "failed"),
        ("HDS_TLS_003", "azurerm_mysql_flexible_server.strict", "passed"),
        ("HDS_TLS_002", "azurerm_mysql_flexible_server.strict", "passed"),
        ("HDS_TLS_003", "azurerm_postgresql_server.legacy", "failed"),
        ("HDS_TLS_002", "azurerm_postgresql_server.legacy", "failed"),
    }
    assert "azurerm_postgresql_flexible_server_configuration.plain_transport" in \
        one(findings, "HDS_TLS_003", "azurerm_postgresql_flexible_server.plain").message


# --- backups --------------------------------------------------------------------------------------


def test_vault_immutability_and_backup_storage_accounts():
    findings = scan("azure_backups", include_passed=True)
    assert triples(findings, "HDS_BKP_001", "HDS_BKP_002") == {
        ("HDS_BKP_001", "azurerm_recovery_services_vault.locked", "passed"),
        ("HDS_BKP_001", "azurerm_recovery_services_vault.unlocked", "failed"),
        ("HDS_BKP_001", "azurerm_data_protection_backup_vault.mutable", "failed"),
        ("HDS_BKP_002", "azurerm_storage_account.locked_backups", "passed"),
        ("HDS_BKP_002", "azurerm_storage_account.container_backups", "failed"),  # container exports unlocked
        ("HDS_BKP_002", "azurerm_storage_account.unlocked_backups", "failed"),
        # azurerm_storage_account.app is not tagged as a backup store: not checked
    }
    assert "exports" in one(findings, "HDS_BKP_002", "azurerm_storage_account.container_backups").message
    assert triples(scan("azure_backups")) == {t for t in triples(findings) if t[2] != "passed"}


@pytest.mark.parametrize("case", ["azure_geo_redundancy", "azure_transit"])
@pytest.mark.parametrize("settings_data", [{}, {"require_customer_managed_keys": True}], ids=["default", "cmk"])
def test_plan_twin_gives_the_hcl_verdicts(case: str, settings_data: dict):
    assert twin_mismatch(case, **settings_data) == ([], [])
