"""Region tables of the four major families (aws, azure, gcp, ovh), checked through the real loader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hds_policies.catalog import schema
from hds_policies.catalog.regions import RegionTable

DATA = Path(__file__).resolve().parent.parent / "hds_policies" / "catalog" / "data"
FAMILIES = ("aws", "azure", "gcp", "ovh")
KINDS = {"region", "multi-region", "dual-region", "zone", "endpoint", "location", "global"}


def _raw(family: str) -> dict:
    return json.loads((DATA / "regions" / f"{family}.json").read_text(encoding="utf-8"))


EEA = frozenset(json.loads((DATA / "eea.json").read_text(encoding="utf-8"))["countries"])
TABLES = {fam: RegionTable(fam, _raw(fam), EEA) for fam in FAMILIES}


# --------------------------------------------------------------------------- file structure


@pytest.mark.parametrize("family", FAMILIES)
def test_file_validates_against_schema(family):
    data = _raw(family)
    schema.validate(data, schema.REGION_TABLE, f"catalog/data/regions/{family}.json")
    assert data["provider"] == family
    assert data["source"].strip()


@pytest.mark.parametrize("family", FAMILIES)
def test_entries_are_consistent(family):
    data = _raw(family)
    table = TABLES[family]
    for name, entry in data["regions"].items():
        # eea is written only where the country is unknown (multi-regions...); otherwise derived.
        if entry.get("kind") == "global":  # not a location: no country, no EEA answer
            assert entry["country"] is None and "eea" not in entry, name
        elif entry["country"] is None:
            assert isinstance(entry.get("eea"), bool), f"{name}: null country needs an explicit eea"
        else:
            assert "eea" not in entry, f"{name}: eea must be derived from the country"
        assert entry.get("kind", "region") in KINDS
        # every canonical key finds itself
        assert table.entry(name)["name"] == name
    for alias, target in data.get("aliases", {}).items():
        assert table.entry(target) is not None, f"alias {alias} -> unknown {target}"
        assert table.entry(alias)["name"] == table.entry(target)["name"]


@pytest.mark.parametrize("family", FAMILIES)
def test_patterns_compile_and_keep_a_group(family):
    for pattern, repl in _raw(family)["normalise"].get("patterns", []):
        re.compile(pattern)
        assert "\\" in repl, f"{pattern}: replacement should keep a captured group"


def test_azure_pairs_point_to_known_regions():
    table = TABLES["azure"]
    for name, entry in _raw("azure")["regions"].items():
        pair = entry.get("pair")
        if pair is not None:
            assert table.entry(pair) is not None, f"{name}: pair {pair} unknown"


@pytest.mark.parametrize(
    "region, pair",
    [
        ("northeurope", "westeurope"),
        ("westeurope", "northeurope"),
        ("francecentral", "francesouth"),
        ("germanywestcentral", "germanynorth"),
        ("norwayeast", "norwaywest"),
        ("swedencentral", "swedensouth"),
        ("switzerlandnorth", "switzerlandwest"),
        ("uksouth", "ukwest"),
        ("brazilsouth", "southcentralus"),
        ("polandcentral", None),
        ("italynorth", None),
        ("spaincentral", None),
        ("austriaeast", None),
        ("belgiumcentral", None),
    ],
)
def test_azure_pairs(region, pair):
    assert TABLES["azure"].entry(region)["pair"] == pair


# --------------------------------------------------------------------------- completeness


def _botocore_regions() -> dict[str, set[str]]:
    """Every region botocore knows, per partition (endpoints.json, partitions.json, services)."""
    botocore_session = pytest.importorskip("botocore.session")
    from botocore.loaders import create_loader

    found: dict[str, set[str]] = {}
    loader = create_loader()
    endpoints = loader.load_data("endpoints")
    for part in endpoints["partitions"]:
        found.setdefault(part["partition"], set()).update(part.get("regions", {}))
    try:
        partitions = loader.load_data("partitions")
    except Exception:  # older botocore has no partitions.json
        partitions = {"partitions": []}
    for part in partitions["partitions"]:
        found.setdefault(part["id"], set()).update(part.get("regions", {}))
    session = botocore_session.get_session()
    services = session.get_available_services()
    for partition in session.get_available_partitions():
        for service in services:
            found.setdefault(partition, set()).update(session.get_available_regions(service, partition))
    return found


def test_every_botocore_region_is_known_with_a_country():
    table = TABLES["aws"]
    found = _botocore_regions()
    assert "aws" in found and len(found["aws"]) > 20
    missing = []
    for partition, regions in found.items():
        for region in regions:
            entry = table.entry(region)
            if entry is None or entry["country"] is None:
                missing.append(f"{partition}:{region}")
    assert not missing, f"regions without a country: {sorted(missing)}"


def test_aws_partitions_recorded():
    table = TABLES["aws"]
    for region, partition in [
        ("us-east-1", "aws"),
        ("cn-north-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"),
        ("us-isof-south-1", "aws-iso-f"),
        ("eusc-de-east-1", "aws-eusc"),
    ]:
        assert table.entry(region)["partition"] == partition


def test_every_ovh_endpoint_is_classified():
    client = pytest.importorskip("ovh.client")
    table = TABLES["ovh"]
    for name in client.ENDPOINTS:
        loc = table.locate(name)
        assert loc.eea is not None, f"ovh endpoint {name} not classified"
        assert table.entry(name)["kind"] == "endpoint"
        assert table.entry(name).get("entity")
    assert table.locate("ovh-eu").eea is True
    assert table.locate("ovh-ca").eea is False
    assert table.locate("ovh-us").eea is False


def test_gcp_has_every_european_region():
    table = TABLES["gcp"]
    for name in ["europe-central2", "europe-north1", "europe-north2", "europe-southwest1"] + [
        f"europe-west{n}" for n in (1, 2, 3, 4, 6, 8, 9, 10, 12)
    ]:
        assert table.entry(name) is not None, name


def test_azure_has_every_european_region():
    table = TABLES["azure"]
    eea = {
        "francecentral", "francesouth", "westeurope", "northeurope", "germanywestcentral", "germanynorth",
        "swedencentral", "swedensouth", "norwayeast", "norwaywest", "polandcentral", "italynorth",
        "spaincentral", "austriaeast", "belgiumcentral", "denmarkeast",
    }
    not_eea = {"switzerlandnorth", "switzerlandwest", "uksouth", "ukwest", "israelcentral", "qatarcentral",
               "uaenorth", "uaecentral"}
    for name in eea:
        assert table.locate(name).eea is True, name
    for name in not_eea:
        assert table.locate(name).eea is False, name
    assert len(table.regions) >= 60


# --------------------------------------------------------------------------- exact look-ups

LOOKUPS = [
    # family, raw, region, country, eea
    ("aws", "eu-west-3", "eu-west-3", "FR", True),
    ("aws", "eu-west-3a", "eu-west-3", "FR", True),
    ("aws", " EU-WEST-3 ", "eu-west-3", "FR", True),
    ("aws", "euw3-az1", "eu-west-3", "FR", True),
    ("aws", "eu-central-1", "eu-central-1", "DE", True),
    ("aws", "eu-west-1", "eu-west-1", "IE", True),
    ("aws", "eu-south-1", "eu-south-1", "IT", True),
    ("aws", "eu-south-2", "eu-south-2", "ES", True),
    ("aws", "eu-north-1", "eu-north-1", "SE", True),
    ("aws", "eu-central-2", "eu-central-2", "CH", False),
    ("aws", "eu-central-2b", "eu-central-2", "CH", False),
    ("aws", "eu-west-2", "eu-west-2", "GB", False),
    ("aws", "il-central-1", "il-central-1", "IL", False),
    ("aws", "me-central-1", "me-central-1", "AE", False),
    ("aws", "me-south-1", "me-south-1", "BH", False),
    ("aws", "us-east-1", "us-east-1", "US", False),
    ("aws", "us-gov-west-1a", "us-gov-west-1", "US", False),
    ("aws", "cn-northwest-1", "cn-northwest-1", "CN", False),
    ("aws", "eusc-de-east-1", "eusc-de-east-1", "DE", True),
    ("aws", "eusc-de-east-1a", "eusc-de-east-1", "DE", True),
    ("aws", "mx-central-1", "mx-central-1", "MX", False),
    ("aws", "ap-southeast-5", "ap-southeast-5", "MY", False),
    ("aws", "ap-southeast-6", "ap-southeast-6", "NZ", False),
    ("aws", "ap-southeast-7", "ap-southeast-7", "TH", False),
    ("aws", "ap-east-2", "ap-east-2", "TW", False),
    ("aws", "ca-west-1", "ca-west-1", "CA", False),
    ("aws", "fips-us-east-1", "us-east-1", "US", False),
    # Local / Wavelength Zones: the zone's own country, not the parent's
    ("aws", "eu-central-1-waw-1a", "eu-central-1-waw", "PL", True),
    ("aws", "eu-central-1-ham-1a", "eu-central-1-ham", "DE", True),
    ("aws", "eu-central-1-ist-1a", "eu-central-1-ist", "TR", False),
    ("aws", "eu-north-1-cph-1a", "eu-north-1-cph", "DK", True),
    ("aws", "us-east-1-bos-1a", "us-east-1-bos", "US", False),
    ("aws", "us-east-1-bue-1a", "us-east-1-bue", "AR", False),
    ("aws", "eu-west-3-wl1-cas-wlz-1", "eu-west-3-wl1-cas", "MA", False),
    # azure
    ("azure", "France Central", "francecentral", "FR", True),
    ("azure", "francecentral", "francecentral", "FR", True),
    ("azure", "FRANCECENTRAL", "francecentral", "FR", True),
    ("azure", "West Europe", "westeurope", "NL", True),
    ("azure", "northeurope", "northeurope", "IE", True),
    ("azure", "Germany West Central", "germanywestcentral", "DE", True),
    ("azure", "Sweden Central", "swedencentral", "SE", True),
    ("azure", "Poland Central", "polandcentral", "PL", True),
    ("azure", "UK South", "uksouth", "GB", False),
    ("azure", "Switzerland North", "switzerlandnorth", "CH", False),
    ("azure", "Israel Central", "israelcentral", "IL", False),
    ("azure", "East US", "eastus", "US", False),
    ("azure", "West US 2", "westus2", "US", False),
    ("azure", "Brazil South", "brazilsouth", "BR", False),
    ("azure", "US Gov Virginia", "usgovvirginia", "US", False),
    ("azure", "China North 2", "chinanorth2", "CN", False),
    # gcp
    ("gcp", "europe-west9", "europe-west9", "FR", True),
    ("gcp", "europe-west9-b", "europe-west9", "FR", True),
    ("gcp", "EUROPE-WEST9", "europe-west9", "FR", True),
    ("gcp", "europe-west1", "europe-west1", "BE", True),
    ("gcp", "europe-west4-a", "europe-west4", "NL", True),
    ("gcp", "europe-north2", "europe-north2", "SE", True),
    ("gcp", "europe-west2", "europe-west2", "GB", False),
    ("gcp", "europe-west6", "europe-west6", "CH", False),
    ("gcp", "me-west1", "me-west1", "IL", False),
    ("gcp", "us-central1-a", "us-central1", "US", False),
    ("gcp", "regional-europe-west3", "europe-west3", "DE", True),
    ("gcp", "EU", "eu", None, True),
    ("gcp", "eu", "eu", None, True),
    ("gcp", "US", "us", None, False),
    ("gcp", "ASIA", "asia", None, False),
    ("gcp", "EUR4", "eur4", None, True),
    ("gcp", "EUR5", "eur5", None, False),
    ("gcp", "EUR7", "eur7", None, False),
    ("gcp", "EUR8", "eur8", None, False),
    ("gcp", "NAM4", "nam4", None, False),
    ("gcp", "ASIA1", "asia1", None, False),
    ("gcp", "eur3", "eur3", None, True),
    ("gcp", "nam5", "nam5", None, False),
    # ovh
    ("ovh", "GRA11", "GRA", "FR", True),
    ("ovh", "GRA7", "GRA", "FR", True),
    ("ovh", "GRA", "GRA", "FR", True),
    ("ovh", "gra", "GRA", "FR", True),
    ("ovh", "SBG5", "SBG", "FR", True),
    ("ovh", "sbg", "SBG", "FR", True),
    ("ovh", "RBX-A", "RBX", "FR", True),
    ("ovh", "rbx", "RBX", "FR", True),
    ("ovh", "EU-WEST-PAR", "EU-WEST-PAR", "FR", True),
    ("ovh", "eu-west-par", "EU-WEST-PAR", "FR", True),
    ("ovh", "eu-west-par-a", "EU-WEST-PAR", "FR", True),
    ("ovh", "EU-SOUTH-MIL", "EU-SOUTH-MIL", "IT", True),
    ("ovh", "DE1", "DE", "DE", True),
    ("ovh", "de", "DE", "DE", True),
    ("ovh", "WAW1", "WAW", "PL", True),
    ("ovh", "waw", "WAW", "PL", True),
    ("ovh", "EU-WEST-LZ-BRU-A", "EU-WEST-LZ-BRU", "BE", True),
    ("ovh", "EU-SOUTH-LZ-MAD-A", "EU-SOUTH-LZ-MAD", "ES", True),
    ("ovh", "eu-west-gra", "GRA", "FR", True),
    ("ovh", "UK1", "UK", "GB", False),
    ("ovh", "uk", "UK", "GB", False),
    ("ovh", "BHS5", "BHS", "CA", False),
    ("ovh", "bhs", "BHS", "CA", False),
    ("ovh", "US-EAST-VA-1", "US-EAST-VA", "US", False),
    ("ovh", "us-east-va", "US-EAST-VA", "US", False),
    ("ovh", "US-WEST-OR-1", "US-WEST-OR", "US", False),
    ("ovh", "ca-east-tor", "CA-EAST-TOR", "CA", False),
    ("ovh", "CA-EAST-TOR", "CA-EAST-TOR", "CA", False),
    ("ovh", "SGP1", "SGP", "SG", False),
    ("ovh", "sgp", "SGP", "SG", False),
    ("ovh", "SYD1", "SYD", "AU", False),
    ("ovh", "ap-southeast-syd", "SYD", "AU", False),
    ("ovh", "YNM1", "YNM", "IN", False),
    ("ovh", "ap-south-mum", "YNM", "IN", False),
    ("ovh", "EU-WEST-LZ-ZRH-A", "EU-WEST-LZ-ZRH", "CH", False),
    ("ovh", "EU-WEST-LZ-MNC-A", "EU-WEST-LZ-MNC", "GB", False),
    ("ovh", "ovh-eu", "OVH-EU", "FR", True),
    ("ovh", "kimsufi-eu", "KIMSUFI-EU", "FR", True),
    ("ovh", "soyoustart-eu", "SOYOUSTART-EU", "FR", True),
    ("ovh", "ovh-ca", "OVH-CA", "CA", False),
    ("ovh", "ovh-us", "OVH-US", "US", False),
    ("ovh", "soyoustart-ca", "SOYOUSTART-CA", "CA", False),
]


@pytest.mark.parametrize("family, raw, region, country, eea", LOOKUPS)
def test_lookup(family, raw, region, country, eea):
    loc = TABLES[family].locate(raw)
    assert (loc.region, loc.country, loc.eea) == (region, country, eea)
    assert loc.source


GARBAGE = [
    "mars-north-1",
    "",
    "   ",
    "GRAX9Z",
    "eu-west-3zz",
    "eu-west-99",
    "europe-west99-b",
    "mars-north1-a",
    "EUR99",
    "fips-mars-north-1",
    "xx-west-1-abc-1a",
    "zz9-az1",
    "GRAX9",
    "EU-WEST-LZ-XXX-A",
    "US-EAST-VA-X",
    "francecentral-2",
    "France Central Europe",
    "${var.region}",
    "eu-west-3\nus-east-1",
]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("raw", GARBAGE)
def test_garbage_stays_unknown(family, raw):
    loc = TABLES[family].locate(raw)
    assert loc.eea is None and loc.region is None and loc.country is None


@pytest.mark.parametrize("family", FAMILIES)
def test_non_string_is_unknown(family):
    assert TABLES[family].locate(None).eea is None  # type: ignore[arg-type]
