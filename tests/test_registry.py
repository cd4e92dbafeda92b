"""The HDS provider registry (data/providers.json) and the region tables of the smaller providers.

Region look-ups are tested on `RegionTable` directly, so these tests do not depend on the rest of
the catalog; the tests that go through `load_catalog()` are skipped while data/resource_types.json
or data/rules.json are missing.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from hds_policies.catalog import DATA_DIR, schema
from hds_policies.catalog.regions import RegionTable

ANS_LIST = "https://esante.gouv.fr/labels-certifications/hds/liste-des-herbergeurs-certifies"

# Region tables written together with the registry; aws/azure/gcp/ovh come from another file set.
MY_FAMILIES = (
    "scaleway", "outscale", "clevercloud", "hcloud", "digitalocean", "linode", "vultr", "exoscale",
    "oci", "ibm", "alicloud", "upcloud", "ionos",
)
OTHER_FAMILIES = ("aws", "azure", "gcp", "ovh")

CATALOG_READY = all((DATA_DIR / name).exists() for name in ("resource_types.json", "rules.json"))


def _read(path):
    return json.loads(path.read_text(encoding="utf-8"))


PROVIDERS = _read(DATA_DIR / "providers.json")
ENTRIES = PROVIDERS["providers"]
EEA = frozenset(_read(DATA_DIR / "eea.json")["countries"])


def _table(family: str) -> RegionTable:
    return RegionTable(family, _read(DATA_DIR / "regions" / f"{family}.json"), EEA)


# --- providers.json ---------------------------------------------------------------------------


def test_providers_file_validates():
    schema.validate(PROVIDERS, schema.PROVIDERS_FILE, "catalog/data/providers.json")
    schema.parse_date(PROVIDERS["as_of"], "providers.json", "as_of")
    assert PROVIDERS["source"].strip()


@pytest.mark.parametrize("pid", sorted(ENTRIES))
def test_entry_has_required_keys_source_and_date(pid):
    entry = ENTRIES[pid]
    schema.validate(entry, schema.PROVIDER_ENTRY, "providers.json", f"providers.{pid}")
    for key in schema.PROVIDER_REQUIRED:
        assert key in entry, f"{pid}: missing {key}"
    assert entry["name"].strip() and entry["legal_entity"].strip()
    assert re.search(r"https?://", entry["source"]), f"{pid}: source has no URL"
    as_of = schema.parse_date(entry["as_of"], "providers.json", pid)
    assert as_of <= schema.parse_date(PROVIDERS["as_of"], "providers.json", "as_of")
    assert entry["activities"] == sorted(set(entry["activities"]))
    assert entry.get("scope_notes", "").strip(), f"{pid}: scope_notes should say what the status rests on"


@pytest.mark.parametrize("pid", sorted(ENTRIES))
def test_regions_value_names_an_existing_table(pid):
    family = ENTRIES[pid].get("regions")
    if family is None:
        return
    path = DATA_DIR / "regions" / f"{family}.json"
    if family in OTHER_FAMILIES and not path.exists():
        pytest.skip(f"regions/{family}.json is written separately and is not there yet")
    assert path.exists(), f"{pid}: regions '{family}' has no file regions/{family}.json"


def test_not_certified_entries_are_explicit():
    not_cert = {pid: e for pid, e in ENTRIES.items() if e["status"] == "not_certified"}
    assert {"hcloud", "digitalocean", "linode", "vultr", "exoscale", "cloudflare", "alicloud", "oci",
            "ibm", "upcloud", "ionos"} <= set(not_cert)
    for pid, e in not_cert.items():
        assert e["activities"] == [], pid
        assert e["confidence"] == "medium", pid
        assert ANS_LIST in e["source"], pid
        assert e["scope_notes"].startswith("No HDS certificate found in public sources"), pid


def test_unconfirmed_facts_are_marked():
    assert ENTRIES["outscale"]["status"] == "unverified"
    assert ENTRIES["outscale"]["confidence"] == "low"
    assert ENTRIES["scaleway"]["confidence"] == "low"
    assert ENTRIES["scaleway"]["activities"] == [1, 2, 3, 4]
    assert ENTRIES["gcp"]["activities"] == [1, 2, 3, 4, 5]
    assert "6" in ENTRIES["gcp"]["scope_notes"] and ENTRIES["gcp"]["confidence"] == "medium"
    assert ENTRIES["azure"]["confidence"] == "medium"
    assert "unconfirmed" in ENTRIES["azure"]["scope_notes"]
    assert ENTRIES["aws"]["activities"] == [1, 2, 3, 4, 6]


def test_certificates_recorded_where_known():
    cc = ENTRIES["clevercloud"]
    assert (cc["certificate"], cc["valid_until"]) == ("FR094504", "2027-12-19")
    assert cc["activities"] == [1, 2, 3, 4, 5, 6]
    assert "Bureau Veritas" in cc["issuer"]
    assert cc["hds_regions"] == ["parhds", "fr-north-hds", "grahds", "rbxhds"]
    sc = ENTRIES["scalingo"]
    assert (sc["issuer"], sc["certificate"], sc["valid_until"]) == ("LNE", "38436-2", "2028-09-11")
    assert sc["hds_regions"] == ["osc-secnum-fr1"]
    ovh = ENTRIES["ovh"]
    assert any("certification.hds.2018" in opt for opt in ovh["required_options"])
    assert "Aiven" in ovh["scope_notes"]
    # a certificate listed as valid must not have expired at the registry date
    registry_date = dt.date.fromisoformat(PROVIDERS["as_of"])
    for pid, e in ENTRIES.items():
        if e.get("valid_until"):
            assert dt.date.fromisoformat(e["valid_until"]) > registry_date, pid


@pytest.mark.parametrize("pid", sorted(p for p, e in ENTRIES.items() if e.get("hds_regions")))
def test_hds_regions_resolve_in_their_table(pid):
    family = ENTRIES[pid]["regions"]
    table = _table(family)
    for name in ENTRIES[pid]["hds_regions"]:
        assert table.entry(name) is not None, f"{pid}: hds region {name} unknown to regions/{family}.json"


def test_clevercloud_hds_zones_match_registry():
    table = _table("clevercloud")
    hds_zones = {entry["name"] for entry in table.regions.values() if entry.get("hds")}
    assert hds_zones == set(ENTRIES["clevercloud"]["hds_regions"])
    assert all("hds" in entry for entry in table.regions.values())


def test_names_are_claimed_by_one_entry_only():
    for key in ("terraform_sources", "terraform_names", "pulumi_packages", "resource_prefixes"):
        seen: dict[str, str] = {}
        for pid, e in ENTRIES.items():
            for value in e.get(key, []):
                assert value.lower() not in seen, f"{key} {value!r}: both {seen[value.lower()]} and {pid}"
                seen[value.lower()] = pid


EXPECTED_SOURCES = {
    "hashicorp/aws": "aws", "hashicorp/azurerm": "azure", "hashicorp/google": "gcp",
    "hashicorp/google-beta": "gcp", "ovh/ovh": "ovh", "scaleway/scaleway": "scaleway",
    "outscale/outscale": "outscale", "CleverCloud/clevercloud": "clevercloud", "numspot/numspot": "numspot",
    "Scalingo/scalingo": "scalingo", "hetznercloud/hcloud": "hcloud",
    "digitalocean/digitalocean": "digitalocean",
    "linode/linode": "linode", "vultr/vultr": "vultr", "exoscale/exoscale": "exoscale",
    "cloudflare/cloudflare": "cloudflare", "aliyun/alicloud": "alicloud", "oracle/oci": "oci",
    "IBM-Cloud/ibm": "ibm", "UpCloudLtd/upcloud": "upcloud", "ionos-cloud/ionoscloud": "ionos",
    "hashicorp/random": "utility", "hashicorp/null": "utility", "hashicorp/tls": "utility",
    "hashicorp/local": "utility", "hashicorp/time": "utility", "hashicorp/archive": "utility",
    "hashicorp/http": "utility", "hashicorp/external": "utility", "hashicorp/template": "utility",
    "hashicorp/cloudinit": "utility",
    "hashicorp/kubernetes": "in_cluster", "hashicorp/helm": "in_cluster", "gavinbunney/kubectl": "in_cluster",
}
EXPECTED_PULUMI = {
    "aws": "aws", "aws-native": "aws", "azure": "azure", "azure-native": "azure", "gcp": "gcp",
    "ovh": "ovh", "scaleway": "scaleway", "hcloud": "hcloud", "alicloud": "alicloud", "oci": "oci",
    "random": "utility", "kubernetes": "in_cluster",
}


def test_terraform_sources_and_pulumi_packages_map_to_ids():
    by_source = {s.lower(): pid for pid, e in ENTRIES.items() for s in e.get("terraform_sources", [])}
    by_package = {s: pid for pid, e in ENTRIES.items() for s in e.get("pulumi_packages", [])}
    for source, pid in EXPECTED_SOURCES.items():
        assert by_source.get(source.lower()) == pid, source
    for package, pid in EXPECTED_PULUMI.items():
        assert by_package.get(package) == pid, package


# --- region tables ----------------------------------------------------------------------------


@pytest.mark.parametrize("family", MY_FAMILIES)
def test_region_table_validates(family):
    path = DATA_DIR / "regions" / f"{family}.json"
    assert path.exists()
    data = _read(path)
    schema.validate(data, schema.REGION_TABLE, f"catalog/data/regions/{family}.json")
    assert data["provider"] == family
    assert re.search(r"https?://", data["source"])
    for pattern, _repl in data.get("normalise", {}).get("patterns", []):
        re.compile(pattern)
    table = RegionTable(family, data, EEA)
    assert len(table.regions) == len(data["regions"]), "two keys collide after normalisation"
    for alias, target in data.get("aliases", {}).items():
        assert table.entry(alias) is not None, f"alias {alias} -> {target} points nowhere"
    for name, entry in data["regions"].items():
        if entry["country"] is None:
            assert "eea" in entry, f"{name}: no country, so eea must be given"
        else:
            assert "eea" not in entry, f"{name}: eea is derived from the country"
        assert table.entry(name)["name"] == name


LOOKUPS = [
    # family, raw string, region, country, eea
    ("scaleway", "fr-par-1", "fr-par", "FR", True),
    ("scaleway", "FR-PAR-2", "fr-par", "FR", True),
    ("scaleway", "nl-ams-3", "nl-ams", "NL", True),
    ("scaleway", "pl-waw", "pl-waw", "PL", True),
    ("scaleway", "s3.fr-par.scw.cloud", "fr-par", "FR", True),
    ("outscale", "eu-west-2a", "eu-west-2", "FR", True),
    ("outscale", "cloudgouv-eu-west-1b", "cloudgouv-eu-west-1", "FR", True),
    ("outscale", "osc-secnum-fr1", "cloudgouv-eu-west-1", "FR", True),
    ("outscale", "us-east-2", "us-east-2", "US", False),
    ("outscale", "ap-northeast-1a", "ap-northeast-1", "JP", False),
    ("clevercloud", "parhds", "parhds", "FR", True),
    ("clevercloud", "fr-north-hds", "fr-north-hds", "FR", True),
    ("clevercloud", "par", "par", "FR", True),
    ("clevercloud", "mtl", "mtl", "CA", False),
    ("clevercloud", "wsw", "wsw", "PL", True),
    ("hcloud", "fsn1", "fsn1", "DE", True),
    ("hcloud", "hel1", "hel1", "FI", True),
    ("hcloud", "nbg1-dc3", "nbg1", "DE", True),
    ("hcloud", "ash", "ash", "US", False),
    ("hcloud", "sin", "sin", "SG", False),
    ("hcloud", "eu-central", "eu-central", None, True),
    ("hcloud", "us-west", "us-west", "US", False),
    ("digitalocean", "fra1", "fra1", "DE", True),
    ("digitalocean", "ams3", "ams3", "NL", True),
    ("digitalocean", "lon1", "lon1", "GB", False),
    ("digitalocean", "https://fra1.digitaloceanspaces.com", "fra1", "DE", True),
    ("linode", "fr-par", "fr-par", "FR", True),
    ("linode", "eu-central", "eu-central", "DE", True),
    ("linode", "eu-west", "eu-west", "GB", False),
    ("linode", "us-east-1", "us-east", "US", False),
    ("linode", "de-fra-2", "de-fra-2", "DE", True),
    ("vultr", "cdg", "cdg", "FR", True),
    ("vultr", "fra", "fra", "DE", True),
    ("vultr", "lhr", "lhr", "GB", False),
    ("vultr", "ams1", "ams", "NL", True),
    ("vultr", "ewr", "ewr", "US", False),
    ("exoscale", "de-fra-1", "de-fra-1", "DE", True),
    ("exoscale", "at-vie-2", "at-vie-2", "AT", True),
    ("exoscale", "bg-sof-1", "bg-sof-1", "BG", True),
    ("exoscale", "ch-gva-2", "ch-gva-2", "CH", False),
    ("exoscale", "sos-ch-dk-2.exo.io", "ch-dk-2", "CH", False),
    ("oci", "eu-paris-1", "eu-paris-1", "FR", True),
    ("oci", "eu-frankfurt-1", "eu-frankfurt-1", "DE", True),
    ("oci", "eu-zurich-1", "eu-zurich-1", "CH", False),
    ("oci", "uk-london-1", "uk-london-1", "GB", False),
    ("oci", "CDG", "eu-paris-1", "FR", True),
    ("oci", "Uocm:EU-MARSEILLE-1-AD-1", "eu-marseille-1", "FR", True),
    ("oci", "Uocm:PHX-AD-1", "us-phoenix-1", "US", False),
    ("oci", "Uocm:US-ASHBURN-AD-2", "us-ashburn-1", "US", False),
    ("ibm", "eu-de", "eu-de", "DE", True),
    ("ibm", "eu-de-2", "eu-de", "DE", True),
    ("ibm", "eu-es", "eu-es", "ES", True),
    ("ibm", "eu-gb", "eu-gb", "GB", False),
    ("ibm", "us-south-1", "us-south", "US", False),
    ("ibm", "eu-geo", "eu", None, True),
    ("ibm", "s3.direct.eu-de.cloud-object-storage.appdomain.cloud", "eu-de", "DE", True),
    ("alicloud", "eu-central-1", "eu-central-1", "DE", True),
    ("alicloud", "eu-central-1a", "eu-central-1", "DE", True),
    ("alicloud", "eu-west-1", "eu-west-1", "GB", False),
    ("alicloud", "cn-hangzhou-h", "cn-hangzhou", "CN", False),
    ("alicloud", "oss-eu-central-1.aliyuncs.com", "eu-central-1", "DE", True),
    ("upcloud", "fi-hel1", "fi-hel1", "FI", True),
    ("upcloud", "de-fra1", "de-fra1", "DE", True),
    ("upcloud", "uk-lon1", "uk-lon1", "GB", False),
    ("upcloud", "us-nyc1", "us-nyc1", "US", False),
    ("ionos", "de/fra", "de/fra", "DE", True),
    ("ionos", "de/txl", "de/txl", "DE", True),
    ("ionos", "fr/par", "fr/par", "FR", True),
    ("ionos", "ES/VIT", "es/vit", "ES", True),
    ("ionos", "gb/lhr", "gb/lhr", "GB", False),
    ("ionos", "us/las", "us/las", "US", False),
    ("ionos", "de-fkb", "de/fkb", "DE", True),
]


@pytest.mark.parametrize(("family", "raw", "region", "country", "eea"), LOOKUPS)
def test_lookup(family, raw, region, country, eea):
    loc = _table(family).locate(raw)
    assert (loc.region, loc.country, loc.eea) == (region, country, eea)
    assert loc.source


def test_clevercloud_hds_flags():
    table = _table("clevercloud")
    assert table.entry("parhds")["hds"] is True
    assert table.entry("rbxhds")["hds"] is True
    assert table.entry("par")["hds"] is False
    assert table.entry("mtl")["hds"] is False


GARBAGE = ["garbage", "", "   ", "nowhere-1", "xx-yyy-1", "${var.region}", "EU-PARIS", "zz/zzz", "eu-west-9z"]
FAMILY_GARBAGE = [
    ("vultr", "zzz1"), ("linode", "de-fra-1"), ("linode", "xx-nowhere-1"), ("oci", "Uocm:XYZ-AD-1"),
    ("oci", "Uocm:EU-NOWHERE-AD-1"), ("ibm", "xx-yy-1"), ("ibm", "dal10"), ("alicloud", "cn-nowhere-a"),
    ("digitalocean", "xyz1.digitaloceanspaces.com"), ("clevercloud", "gov"),
    ("clevercloud", "cellar-nowhere-c1.services.clever-cloud.com"), ("upcloud", "europe-1"),
    ("hcloud", "xyz-dc1"), ("exoscale", "sos-xx-yyy-1.exo.io"), ("scaleway", "fr-par-x"),
    ("outscale", "eu-west-9a"), ("ionos", "de/xyz"),
]


@pytest.mark.parametrize("family", MY_FAMILIES)
@pytest.mark.parametrize("raw", GARBAGE)
def test_garbage_stays_unknown(family, raw):
    loc = _table(family).locate(raw)
    assert (loc.region, loc.country, loc.eea) == (None, None, None)


@pytest.mark.parametrize(("family", "raw"), FAMILY_GARBAGE)
def test_patterns_do_not_map_garbage(family, raw):
    assert _table(family).locate(raw).eea is None


# --- through the catalog ----------------------------------------------------------------------

needs_catalog = pytest.mark.skipif(not CATALOG_READY, reason="resource_types.json / rules.json not there yet")


@needs_catalog
def test_catalog_maps_names_to_ids():
    from hds_policies.catalog import load_catalog

    cat = load_catalog()
    for source, pid in EXPECTED_SOURCES.items():
        assert cat.provider_id(source) == pid, source
        assert cat.provider_id("registry.terraform.io/" + source) == pid, source
    for package, pid in EXPECTED_PULUMI.items():
        assert cat.provider_id(package) == pid, package
    for rtype, pid in [
        ("hcloud_server", "hcloud"), ("scaleway_object_bucket", "scaleway"),
        ("clevercloud_postgresql", "clevercloud"),
        ("oci_objectstorage_bucket", "oci"), ("ionoscloud_datacenter", "ionos"), ("random_id", "utility"),
        ("tls_private_key", "utility"), ("terraform_data", "utility"), ("numspot_vm", "numspot"),
        ("helm_release", "in_cluster"), ("kubernetes_secret_v1", "in_cluster"), ("kubectl_manifest", "in_cluster"),
    ]:
        assert cat.provider_for_type(rtype) == pid, rtype


@needs_catalog
@pytest.mark.parametrize(
    ("provider", "raw", "region", "eea"),
    [
        ("hetznercloud/hcloud", "fsn1", "fsn1", True),
        ("hcloud", "ash", "ash", False),
        ("scaleway", "fr-par-1", "fr-par", True),
        ("clevercloud", "parhds", "parhds", True),
        ("clevercloud", "mtl", "mtl", False),
        ("scalingo", "osc-secnum-fr1", "cloudgouv-eu-west-1", True),
        ("numspot", "cloudgouv-eu-west-1a", "cloudgouv-eu-west-1", True),
        ("hcloud", "garbage", None, None),
        ("cloudflare", "weur", None, None),
    ],
)
def test_catalog_locate(provider, raw, region, eea):
    from hds_policies.catalog import load_catalog

    loc = load_catalog().locate(provider, raw)
    assert (loc.region, loc.eea) == (region, eea)
