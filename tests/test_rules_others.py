"""The rules on Scaleway, 3DS Outscale, Clever Cloud and not-certified providers' fixtures: exact
(rule, address, status) sets as of 2026-11-22; and the catalog entries behind them."""

from __future__ import annotations

import re

import pytest
from provider_cases import make_settings, one, scan, scan_plan, triples, twin_mismatch

from hds_policies.catalog import load_catalog
from hds_policies.rules import RULES

# --- Scaleway -------------------------------------------------------------------------------------


SCALEWAY = {
    # Buckets created by Terraform are never HDS buckets (console-only, Paris).
    ("HDS_PRV_005", "scaleway_object_bucket.records", "failed"),
    ("HDS_PRV_005", "scaleway_object_bucket.backups", "failed"),
    ("HDS_PRV_005", "scaleway_object_bucket.exports", "failed"),
    # Backup stores need activity 6, which Scaleway's certificate does not cover (1-4).
    ("HDS_PRV_002", "scaleway_object_bucket.backups", "failed"),
    ("HDS_PRV_002", "scaleway_object_bucket.exports", "failed"),
    ("HDS_BKP_002", "scaleway_object_bucket.exports", "failed"),  # GOVERNANCE lock
    ("HDS_ENC_001", "scaleway_rdb_instance.plain", "failed"),  # encryption_at_rest not set
    ("HDS_TLS_001", "scaleway_lb_frontend.http_plain", "failed"),
    ("HDS_TLS_001", "scaleway_lb_frontend.tcp", "unknown"),
}


def test_scaleway_exact_hcl_and_plan():
    assert triples(scan("scaleway_platform")) == SCALEWAY
    assert triples(scan_plan("scaleway_platform")) == SCALEWAY


def test_scaleway_passes():
    findings = scan("scaleway_platform", include_passed=True)
    assert {
        ("HDS_LOC_001", "scaleway_object_bucket.records", "passed"),  # provider region fr-par
        ("HDS_LOC_001", "scaleway_object_bucket.backups", "passed"),  # nl-ams
        ("HDS_LOC_001", "scaleway_instance_server.app", "passed"),  # zone fr-par-2
        ("HDS_LOC_001", "scaleway_block_volume.data", "passed"),  # zone pl-waw-1
        ("HDS_ENC_001", "scaleway_rdb_instance.encrypted", "passed"),
        ("HDS_BKP_002", "scaleway_object_bucket.backups", "passed"),  # COMPLIANCE lock
        ("HDS_TLS_001", "scaleway_lb_frontend.https", "passed"),  # certificate_ids
        ("HDS_TLS_001", "scaleway_lb_frontend.http_redirect", "passed"),  # ACL redirect to https
    } <= triples(findings)
    assert "console" in one(findings, "HDS_PRV_005", "scaleway_object_bucket.records").message


# --- 3DS Outscale ---------------------------------------------------------------------------------


def test_outscale_regions_listeners_and_unverified_certification():
    findings = scan("outscale_platform", include_passed=True)
    resources = ("outscale_vm.app", "outscale_volume.data", "outscale_volume.us", "outscale_net.net",
                 "outscale_load_balancer.http", "outscale_load_balancer.https")
    assert triples(scan("outscale_platform")) == {
        ("HDS_LOC_001", "outscale_volume.us", "failed"),  # provider outscale.us
        ("HDS_LOC_002", "provider.outscale.us", "failed"),  # api { region = "us-west-1" }
        ("HDS_TLS_001", "outscale_load_balancer.http", "failed"),
        *{("HDS_PRV_001", r, "unknown") for r in resources},  # certification unverified
    }
    assert {
        ("HDS_LOC_001", "outscale_vm.app", "passed"),  # placement_subregion_name eu-west-2a
        ("HDS_LOC_001", "outscale_net.net", "passed"),  # provider api.region eu-west-2
        ("HDS_LOC_001", "outscale_load_balancer.https", "passed"),  # subregion_names
        ("HDS_LOC_002", "provider.outscale", "passed"),
        ("HDS_TLS_001", "outscale_load_balancer.https", "passed"),
    } <= triples(findings)


# --- Clever Cloud ---------------------------------------------------------------------------------


CLEVERCLOUD = {
    ("HDS_PRV_005", "clevercloud_python.worker", "failed"),  # region unset: "par"
    ("HDS_PRV_005", "clevercloud_postgresql.par", "failed"),
    ("HDS_PRV_005", "clevercloud_redis.montreal", "failed"),
    ("HDS_LOC_001", "clevercloud_redis.montreal", "failed"),  # mtl: Canada
    ("HDS_ENC_001", "clevercloud_postgresql.par", "failed"),  # encryption not set
}


def test_clevercloud_hds_zones_exact_hcl_and_plan():
    assert triples(scan("clevercloud_zones")) == CLEVERCLOUD
    assert triples(scan_plan("clevercloud_zones")) == CLEVERCLOUD
    findings = scan("clevercloud_zones", include_passed=True)
    assert triples(findings, "HDS_PRV_005") - CLEVERCLOUD == {
        ("HDS_PRV_005", "clevercloud_nodejs.portal", "passed"),  # parhds
        ("HDS_PRV_005", "clevercloud_postgresql.hds", "passed"),  # grahds
        ("HDS_PRV_005", "clevercloud_cellar.files", "passed"),  # rbxhds
    }
    assert "par (the default)" in one(findings, "HDS_PRV_005", "clevercloud_python.worker").message
    # The certificate (valid to 2027-12-19) covers activities 1-6: nothing else to say.
    assert not triples(findings, "HDS_PRV_001", "HDS_PRV_002", "HDS_PRV_003") - {
        t for t in triples(findings) if t[2] == "passed"}


# --- any other provider ---------------------------------------------------------------------------


OTHERS = {
    ("HDS_PRV_001", "hcloud_server.fsn", "failed"),
    ("HDS_PRV_001", "hcloud_volume.ash", "failed"),
    ("HDS_PRV_001", "digitalocean_droplet.fra", "failed"),
    ("HDS_PRV_001", "digitalocean_spaces_bucket.nyc", "failed"),
    ("HDS_PRV_001", "linode_instance.par", "failed"),
    ("HDS_PRV_001", "vultr_instance.lhr", "failed"),
    ("HDS_PRV_001", "exoscale_sks_cluster.gva", "failed"),
    ("HDS_PRV_001", "cloudflare_r2_bucket.records", "failed"),
    ("HDS_LOC_001", "hcloud_volume.ash", "failed"),  # Ashburn
    ("HDS_LOC_001", "digitalocean_spaces_bucket.nyc", "failed"),
    ("HDS_LOC_001", "vultr_instance.lhr", "failed"),  # London
    ("HDS_LOC_001", "exoscale_sks_cluster.gva", "failed"),  # Geneva
}


def test_not_certified_providers_exact_hcl_and_plan():
    assert triples(scan("others_not_certified")) == OTHERS
    assert triples(scan_plan("others_not_certified")) == OTHERS


def test_not_certified_providers_regions_still_classified():
    findings = scan("others_not_certified", include_passed=True)
    assert triples(findings, "HDS_LOC_001") - OTHERS == {
        ("HDS_LOC_001", "hcloud_server.fsn", "passed"),
        ("HDS_LOC_001", "digitalocean_droplet.fra", "passed"),
        ("HDS_LOC_001", "linode_instance.par", "passed"),
        # cloudflare_r2_bucket: a global edge network, no region to classify
    }
    assert "Hetzner Online GmbH" in one(findings, "HDS_PRV_001", "hcloud_server.fsn").message


@pytest.mark.parametrize("case", ["scaleway_platform", "clevercloud_zones", "others_not_certified"])
@pytest.mark.parametrize("settings_data", [{}, {"require_customer_managed_keys": True}], ids=["default", "cmk"])
def test_plan_twin_gives_the_hcl_verdicts(case: str, settings_data: dict):
    assert twin_mismatch(case, **settings_data) == ([], [])


# --- the catalog behind these rules ---------------------------------------------------------------


NEW_RULES = ("HDS_PRV_004", "HDS_PRV_005", "HDS_PRV_006", "HDS_PRV_007")
TOKEN = re.compile(r"^[a-z][a-z-]*:[A-Za-z0-9/]+:[A-Za-z0-9]+$")


def test_new_rules_are_described_and_implemented():
    catalog = load_catalog()
    for rid in NEW_RULES:
        meta = catalog.rules[rid]
        assert rid in RULES and meta.family == "provider_certification"
        assert meta.title and meta.remediation and meta.basis and meta.resource_types
    assert catalog.rules["HDS_PRV_006"].severity == "medium"  # lower than the other certification rules
    assert RULES["HDS_PRV_007"].target == "provider"


def test_every_rule_resource_type_is_in_the_catalog():
    catalog = load_catalog()
    for meta in catalog.rules.values():
        for t in meta.resource_types:
            assert t in ("*", "provider", "module") or t in catalog.resource_types, (meta.rule_id, t)


@pytest.mark.parametrize("provider", ["aws", "azure", "gcp", "ovh", "scaleway", "outscale", "clevercloud"])
def test_resource_types_belong_to_their_provider(provider: str):
    catalog = load_catalog()
    types = {t: e for t, e in catalog.resource_types.items() if e["provider"] == provider}
    assert types
    for t, entry in types.items():
        assert catalog.provider_for_type(t) == provider, t
        for token in entry.get("pulumi", []):
            assert TOKEN.match(token), (t, token)
    # every type an at-rest evidence row names is a catalog type of the same provider (AWS included)
    at_rest = catalog.evidence["HDS_ENC_001"]
    for key, row in at_rest.items():
        if catalog.provider_for_type(row["type"]) == provider:
            assert row["type"] in types, key
    assert any(catalog.provider_for_type(row["type"]) == provider for row in at_rest.values()) or \
        provider == "outscale"


def test_at_rest_attributes_are_judged_under_the_cmk_setting_too():
    catalog = load_catalog()
    cmk = {t for t, row in catalog.evidence["HDS_ENC_001"].items() if row["shape"] != "python"}
    keyless = {t for t, row in catalog.evidence["HDS_ENC_001"].items() if row.get("no_customer_key")}
    assert cmk - keyless <= set(catalog.evidence["HDS_ENC_002"])


def test_settings_can_disable_a_new_rule():
    settings = make_settings(rules={"disabled": ["HDS_PRV_005"]})
    assert not triples(scan("clevercloud_zones", settings), "HDS_PRV_005")


# --- providers that host no data of their own ----------------------------------------------------


def test_utility_and_in_cluster_providers_have_nothing_to_certify():
    findings = scan("no_hosting_providers", include_passed=True)
    hosted_elsewhere = {"random_id.suffix", "kubernetes_namespace_v1.ehr", "helm_release.ehr",
                        "kubectl_manifest.quota"}
    assert {t for t in triples(findings) if t[1] in hosted_elsewhere} == {
        ("HDS_PRV_001", address, "passed") for address in hosted_elsewhere}
    assert "nothing to certify" in one(findings, "HDS_PRV_001", "helm_release.ehr").message
    assert ("HDS_PRV_002", "aws_eks_cluster.care", "passed") in triples(findings)  # the cluster is judged
    assert triples(scan("no_hosting_providers")) == set()
