"""OVHcloud Public Cloud through the `openstack` provider: an auth_url on OVHcloud's identity service
(auth.cloud.ovh.net, catalog/data/endpoints.json `identity`) makes the provider OVHcloud Public Cloud;
any other OpenStack cloud stays outside the registry. Through the real CLI (HCL) and the plan loader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from provider_cases import ROOT, make_settings, one, scan, scan_plan, triples, twin_mismatch

from hds_policies.catalog import load_catalog
from hds_policies.engine import evaluate
from hds_policies.model import Unknown
from hds_policies.terraform.hcl_loader import load_hcl

CASE = "ovh_openstack_auth"
APP, DATA = "openstack_compute_instance_v2.app", "openstack_blockstorage_volume_v3.data"
REPLICA, ELSEWHERE = "openstack_blockstorage_volume_v3.replica", "openstack_blockstorage_volume_v3.elsewhere"
EXPECTED = {
    ("HDS_LOC_001", APP, "passed"),  # GRA11 from provider.openstack
    ("HDS_LOC_001", DATA, "passed"),  # its own GRA11
    ("HDS_LOC_001", REPLICA, "failed"),  # BHS5 from provider.openstack.bhs: Canada
    ("HDS_LOC_002", "provider.openstack", "passed"),
    ("HDS_LOC_002", "provider.openstack.bhs", "failed"),
    ("HDS_PRV_001", APP, "passed"), ("HDS_PRV_001", DATA, "passed"), ("HDS_PRV_001", REPLICA, "passed"),
    ("HDS_PRV_002", APP, "passed"), ("HDS_PRV_002", DATA, "passed"), ("HDS_PRV_002", REPLICA, "passed"),
    # the project (tenant) is not created by the openstack provider: its HDS option is not seen
    ("HDS_PRV_004", APP, "unknown"), ("HDS_PRV_004", DATA, "unknown"), ("HDS_PRV_004", REPLICA, "unknown"),
    # keystone.example.org: another OpenStack cloud, as before
    ("HDS_PRV_001", ELSEWHERE, "unknown"),
}


def cli_scan(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan", str(path), "--format", "json",
                           "--as-of", "2026-11-22", "--show-passed"], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    assert proc.returncode == 1, proc.stderr  # failed findings (BHS5)
    return json.loads(proc.stdout)


def cli_triples(doc: dict) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["address"], f["status"]) for f in doc["findings"]}


def test_ovh_auth_url_is_ovhcloud_public_cloud_through_the_cli():
    doc = cli_scan(ROOT / "fixtures" / "terraform" / CASE)
    assert cli_triples(doc) == EXPECTED
    providers = {f["resource"]["address"]: f["resource"]["provider"] for f in doc["findings"]}
    assert providers[APP] == providers[REPLICA] == providers["provider.openstack.bhs"] == "ovh_openstack"
    assert providers[ELSEWHERE] is None
    messages = {(f["rule_id"], f["resource"]["address"]): f["message"] for f in doc["findings"]}
    assert "OVHcloud Public Cloud (OpenStack API) is HDS-certified" in messages[("HDS_PRV_001", DATA)]
    assert "not in the HDS registry" in messages[("HDS_PRV_001", ELSEWHERE)]
    assert "BHS (Canada), outside the EEA" in messages[("HDS_LOC_001", REPLICA)]
    app = messages[("HDS_PRV_004", APP)]
    assert "OS_TENANT_ID" in app and "`hds-policies audit ovh --project <id>`" in app
    assert "(var.tenant_id)" in messages[("HDS_PRV_004", REPLICA)]


def test_plan_twin_gives_the_same_verdicts():
    assert triples(scan_plan(CASE, include_passed=True)) == EXPECTED
    assert twin_mismatch(CASE) == ([], [])


def test_declared_hds_projects_judge_the_tenant_when_the_code_names_it():
    """The plan has var.tenant_id's value: the OpenStack tenant is the Public Cloud project id."""
    declared = make_settings(ovh_hds_projects=["0123456789abcdef0123456789abcdef"])
    other = make_settings(ovh_hds_projects=["fedcba9876543210fedcba9876543210"])
    assert ("HDS_PRV_004", REPLICA, "passed") in triples(scan_plan(CASE, declared, include_passed=True))
    assert ("HDS_PRV_004", REPLICA, "failed") in triples(scan_plan(CASE, other))
    # in HCL var.tenant_id has no value: still unknown, saying why
    finding = one(scan(CASE, declared), "HDS_PRV_004", REPLICA)
    assert finding.status == "unknown" and "must be readable from the code" in finding.message
    # no tenant_id: unknown whatever the list says
    assert one(scan_plan(CASE, declared), "HDS_PRV_004", APP).status == "unknown"


def test_auth_url_without_value_or_elsewhere_keeps_the_openstack_provider_unknown(tmp_path: Path):
    (tmp_path / "main.tf").write_text(
        'variable "auth_url" {\n  type = string\n}\n\n'
        'provider "openstack" {\n  auth_url = var.auth_url\n  region   = "GRA11"\n}\n\n'
        'resource "openstack_blockstorage_volume_v3" "data" {\n  size = 10\n}\n', encoding="utf-8")
    settings = make_settings()
    findings = evaluate(load_hcl(tmp_path, settings.catalog), settings, include_passed=True)
    assert triples(findings) == {("HDS_PRV_001", "openstack_blockstorage_volume_v3.data", "unknown")}


def test_catalog_decides_a_provider_configuration_from_its_identity_url():
    catalog = load_catalog()
    source = "terraform-provider-openstack/openstack"
    assert catalog.configured_provider(source, {"auth_url": "https://auth.cloud.ovh.net/v3/"}) == "ovh_openstack"
    assert catalog.configured_provider("openstack", {"auth_url": "HTTPS://AUTH.CLOUD.OVH.NET/v3"}) == \
        "ovh_openstack"
    assert catalog.configured_provider(source, {"auth_url": "auth.cloud.ovh.net"}) == "ovh_openstack"
    # not OVHcloud's identity host, only a look-alike, not set, or not known from the code
    for attrs in ({"auth_url": "https://keystone.example.org:5000/v3"},
                  {"auth_url": "https://auth.cloud.ovh.net.example.org/v3"},
                  {"auth_url": "https://auth.cloud.ovh.us/v3"}, {}, {"auth_url": Unknown("var.auth_url")}):
        assert catalog.configured_provider(source, attrs) is None, attrs
    # another provider's auth_url attribute means nothing; other providers keep their id
    assert catalog.configured_provider("hashicorp/aws", {"auth_url": "https://auth.cloud.ovh.net/v3"}) == "aws"
    entry = catalog.providers["ovh_openstack"]
    assert entry["legal_entity"] == "OVH SAS" and entry["regions"] == "ovh" and entry["status"] == "certified"
    assert catalog.provider_id("openstack") is None  # the provider name alone is any OpenStack cloud


def test_tenant_id_naming_a_project_of_the_code_is_judged_by_its_plan_option(tmp_path: Path):
    """tenant_id = ovh_cloud_project.x.project_id (OVHcloud's landing-zone examples): the project is
    created here, so its plan_option decides HDS_PRV_004."""
    def verdict(option: str) -> tuple[str, str]:
        (tmp_path / "main.tf").write_text(f'''
resource "ovh_cloud_project" "spoke" {{
  ovh_subsidiary = "FR"
  plan {{
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }}
  plan_option {{
    duration     = "P1M"
    plan_code    = "{option}"
    pricing_mode = "default"
  }}
}}

provider "openstack" {{
  auth_url  = "https://auth.cloud.ovh.net/v3/"
  region    = "GRA11"
  tenant_id = ovh_cloud_project.spoke.project_id
}}

resource "openstack_blockstorage_volume_v3" "data" {{
  size = 10
}}
''', encoding="utf-8")
        settings = make_settings()
        found = one(evaluate(load_hcl(tmp_path, settings.catalog), settings, include_passed=True), "HDS_PRV_004",
                    "openstack_blockstorage_volume_v3.data")
        return found.status, found.message

    status, message = verdict("certification.hds.2018")
    assert status == "passed" and "has the HDS option (certification.hds.2018)" in message
    status, message = verdict("certification.other")
    assert status == "failed" and "runs in ovh_cloud_project.spoke (tenant_id of provider.openstack)" in message
