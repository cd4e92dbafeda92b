"""The rules on OVHcloud (ovh) fixtures: exact (rule, address, status) sets as of 2026-11-22."""

from __future__ import annotations

import json

import pytest
from provider_cases import AS_OF, PLANS, ROOT, make_settings, one, scan, scan_plan, triples, twin_mismatch

from hds_policies.catalog import load_catalog
from hds_policies.settings import load_settings

# --- the HDS option of the Public Cloud project (HDS_PRV_004) ------------------------------------


PROJECT = {
    ("HDS_PRV_004", "ovh_cloud_project.plain", "failed"),
    ("HDS_PRV_004", "ovh_cloud_project_kube.plain", "failed"),
    ("HDS_PRV_004", "ovh_cloud_project_network_private.plain", "failed"),
    # linked through ovh_cloud_project_network_private.plain.service_name
    ("HDS_PRV_004", "ovh_cloud_project_network_private_subnet.plain", "failed"),
    # service_name = var.existing_project: a project this configuration does not create
    ("HDS_PRV_004", "ovh_cloud_project_user.ops", "unknown"),
}


def test_project_without_hds_option_and_every_resource_of_it():
    findings = scan("ovh_project_hds", include_passed=True)
    assert triples(findings, "HDS_PRV_004") == PROJECT | {
        ("HDS_PRV_004", "ovh_cloud_project.hds", "passed"),  # option from the cart data source
        ("HDS_PRV_004", "ovh_cloud_project_instance.hds", "passed"),
    }
    assert "certification.hds.2018" in one(findings, "HDS_PRV_004", "ovh_cloud_project.hds").message
    assert "ovh_cloud_project.plain" in one(findings, "HDS_PRV_004", "ovh_cloud_project_kube.plain").message
    assert triples(scan("ovh_project_hds")) == PROJECT


def test_projects_not_created_here_are_judged_by_the_declared_hds_projects():
    ops = "ovh_cloud_project_user.ops"  # service_name = var.existing_project (0123…cdef)
    declared = make_settings(ovh_hds_projects=["0123456789abcdef0123456789abcdef"])
    other = make_settings(ovh_hds_projects=["fedcba9876543210fedcba9876543210"])
    assert ("HDS_PRV_004", ops, "passed") in triples(scan("ovh_project_hds", declared, include_passed=True))
    assert triples(scan("ovh_project_hds", other)) == PROJECT - {("HDS_PRV_004", ops, "unknown")} | {
        ("HDS_PRV_004", ops, "failed")}
    assert "not among the projects declared" in one(scan("ovh_project_hds", other), "HDS_PRV_004", ops).message
    assert "ovh_hds_projects" in one(scan("ovh_project_hds"), "HDS_PRV_004", ops).message
    # Projects created in the configuration are judged by their own plan_option, whatever the list says.
    assert ("HDS_PRV_004", "ovh_cloud_project.plain", "failed") in triples(scan("ovh_project_hds", declared))


def test_project_option_resolved_from_a_data_source_read_at_apply():
    """In the plan twin the cart data source is read during apply: the project's plan_code is
    unknown and comes from the data source's options_plan_code."""
    plan = json.loads((PLANS / "ovh_project_hds.json").read_text())
    project = next(rc for rc in plan["resource_changes"] if rc["address"] == "ovh_cloud_project.hds")
    assert project["change"]["after_unknown"]["plan_option"][0]["plan_code"] is True
    findings = scan_plan("ovh_project_hds", include_passed=True)
    assert ("HDS_PRV_004", "ovh_cloud_project.hds", "passed") in triples(findings)
    assert triples(scan_plan("ovh_project_hds")) == PROJECT


def test_plan_codes_are_registry_data():
    ovh = load_catalog().providers["ovh"]
    assert set(ovh["required_options"]) == {"certification.hds.2018", "certification.hds"}


# --- account entity (HDS_PRV_007) -----------------------------------------------------------------


def test_endpoint_entity():
    findings = scan("ovh_endpoint", include_passed=True)
    assert triples(findings, "HDS_PRV_007") == {
        ("HDS_PRV_007", "provider.ovh", "passed"),  # ovh-eu: OVH SAS
        ("HDS_PRV_007", "provider.ovh.ca", "failed"),  # OVH Hosting Inc.
        ("HDS_PRV_007", "provider.ovh.us", "failed"),  # OVH US LLC
        ("HDS_PRV_007", "provider.ovh.kimsufi", "failed"),  # endpoint given as its URL
        ("HDS_PRV_007", "provider.ovh.env", "unknown"),  # OVH_ENDPOINT decides
    }
    assert "OVH US LLC" in one(findings, "HDS_PRV_007", "provider.ovh.us").message
    # On the US endpoint the HDS option is certification.hds.
    assert ("HDS_PRV_004", "ovh_cloud_project.us", "passed") in triples(findings)
    assert triples(scan("ovh_endpoint")) == {t for t in triples(findings, "HDS_PRV_007") if t[2] != "passed"}


# --- location, copies, sub-processor ----------------------------------------------------------------


LOCATION = {
    ("HDS_LOC_001", "ovh_cloud_project_instance.bhs", "failed"),  # BHS5
    ("HDS_LOC_001", "ovh_cloud_project_database.uk", "failed"),  # nodes[].region UK
    ("HDS_LOC_001", "ovh_cloud_project_network_private.net", "failed"),  # regions [GRA11, SGP1]
    ("HDS_LOC_001", "ovh_cloud_project_volume.typo", "unknown"),  # GRX11
    ("HDS_LOC_003", "ovh_cloud_project_database.pg", "failed"),  # backup_regions [GRA, BHS]
    ("HDS_LOC_003", "ovh_cloud_project_storage.gra", "failed"),  # replication to ca-east-tor
    ("HDS_PRV_006", "ovh_cloud_project_database.pg", "failed"),
    ("HDS_PRV_006", "ovh_cloud_project_database.uk", "failed"),
}


def test_location_name_forms_copies_and_managed_databases_exact_hcl_and_plan():
    assert triples(scan("ovh_location")) == LOCATION
    assert triples(scan_plan("ovh_location")) == LOCATION


def test_location_passes_in_every_name_form():
    findings = scan("ovh_location", include_passed=True)
    assert {
        ("HDS_LOC_001", "ovh_cloud_project_instance.gra", "passed"),  # GRA11
        ("HDS_LOC_001", "ovh_cloud_project_database.pg", "passed"),  # nodes GRA
        ("HDS_LOC_001", "ovh_cloud_project_storage.gra", "passed"),  # gra
        ("HDS_LOC_001", "ovh_cloud_project_volume.par", "passed"),  # EU-WEST-PAR
    } <= triples(findings)
    assert "BHS" in one(findings, "HDS_LOC_003", "ovh_cloud_project_database.pg").message
    sub = one(findings, "HDS_PRV_006", "ovh_cloud_project_database.pg")
    assert sub.severity == "medium" and "Aiven" in sub.message
    assert sub.activities == (4, 5, 6)
    assert "HDS référentiel v2 EXI 29" in sub.basis and "HDS référentiel v2 EXI 30" in sub.basis


# --- encryption at rest and backups ---------------------------------------------------------------


def test_volume_types_object_storage_encryption_and_object_lock():
    findings = scan("ovh_storage_volume", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "ovh_cloud_project_volume.classic", "failed"),
        ("HDS_ENC_001", "ovh_cloud_project_volume.default_type", "failed"),  # API default: classic
        ("HDS_ENC_001", "ovh_cloud_project_volume.luks", "passed"),
        ("HDS_ENC_001", "ovh_cloud_project_volume.encrypted", "passed"),  # encryption.encrypted = true
        ("HDS_ENC_001", "ovh_cloud_storage_block_volume.v2", "passed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.aes", "passed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.plaintext", "failed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.unset", "failed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.backup_compliance", "passed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.backup_governance", "passed"),
        ("HDS_ENC_001", "ovh_cloud_project_storage.backup_unlocked", "passed"),
    }
    assert triples(findings, "HDS_BKP_002") == {
        ("HDS_BKP_002", "ovh_cloud_project_storage.backup_compliance", "passed"),
        ("HDS_BKP_002", "ovh_cloud_project_storage.backup_governance", "failed"),
        ("HDS_BKP_002", "ovh_cloud_project_storage.backup_unlocked", "failed"),
    }
    assert triples(scan("ovh_storage_volume")) == {t for t in triples(findings) if t[2] != "passed"}


def test_customer_managed_key_for_volumes_when_required():
    findings = scan("ovh_storage_volume", make_settings(require_customer_managed_keys=True))
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", f"ovh_cloud_project_volume.{v}", "failed")
        for v in ("classic", "default_type", "luks", "encrypted")
    } | {("HDS_ENC_002", "ovh_cloud_storage_block_volume.v2", "failed")}  # encrypted, but no OKMS key


# --- encryption in transit ------------------------------------------------------------------------


def test_load_balancer_listeners():
    findings = scan("ovh_loadbalancer", include_passed=True)
    assert triples(findings, "HDS_TLS_001", "HDS_TLS_002") == {
        ("HDS_TLS_001", "ovh_cloud_project_loadbalancer.http", "failed"),  # plain http listener
        ("HDS_TLS_002", "ovh_cloud_project_loadbalancer.http", "passed"),
        ("HDS_TLS_001", "ovh_cloud_project_loadbalancer.tls", "passed"),  # terminated-https + https
        ("HDS_TLS_002", "ovh_cloud_project_loadbalancer.tls", "passed"),  # default TLS versions
        ("HDS_TLS_001", "ovh_cloud_project_loadbalancer.old_tls", "passed"),
        ("HDS_TLS_002", "ovh_cloud_project_loadbalancer.old_tls", "failed"),  # TLSv1
        ("HDS_TLS_001", "ovh_cloud_project_loadbalancer.tcp", "unknown"),
    }
    # Linked to their project through local.project: the project has the HDS option.
    assert not triples(findings, "HDS_PRV_004") - {
        ("HDS_PRV_004", a, "passed") for a in (
            "ovh_cloud_project.hds", "ovh_cloud_project_loadbalancer.http", "ovh_cloud_project_loadbalancer.tls",
            "ovh_cloud_project_loadbalancer.old_tls", "ovh_cloud_project_loadbalancer.tcp")
    }


@pytest.mark.parametrize("case", ["ovh_location", "ovh_project_hds"])
@pytest.mark.parametrize("settings_data", [{}, {"require_customer_managed_keys": True}], ids=["default", "cmk"])
def test_plan_twin_gives_the_hcl_verdicts(case: str, settings_data: dict):
    assert twin_mismatch(case, **settings_data) == ([], [])


# --- OVHcloud through the OpenStack provider (a registry override) --------------------------------


def test_openstack_at_ovhcloud_through_the_example_override():
    volume, instance = "openstack_blockstorage_volume_v3.data", "openstack_compute_instance_v2.app"
    assert triples(scan("ovh_openstack")) == {  # an OpenStack cloud hds-policies cannot identify
        ("HDS_PRV_001", volume, "unknown"), ("HDS_PRV_001", instance, "unknown")}
    settings = load_settings(ROOT / "examples" / "openstack-ovhcloud.yaml", as_of=AS_OF)
    findings = scan("ovh_openstack", settings, include_passed=True)
    assert triples(findings, "HDS_LOC_001", "HDS_LOC_002", "HDS_PRV_001") == {
        ("HDS_LOC_001", volume, "failed"),  # BHS5: OVHcloud's Canadian region
        ("HDS_LOC_001", instance, "passed"),  # a catalog type: the provider's GRA11
        ("HDS_LOC_002", "provider.openstack", "passed"),  # GRA11
        ("HDS_PRV_001", volume, "passed"), ("HDS_PRV_001", instance, "passed"),
    }
    assert "BHS (Canada)" in one(findings, "HDS_LOC_001", volume).message
