"""Engine-level contract: rule registry vs catalog, determinism, exit thresholds, scrubbing."""

from __future__ import annotations

import datetime as dt

from hds_policies.catalog import load_catalog
from hds_policies.engine import evaluate, fails_at, scrub
from hds_policies.model import Finding, Graph, ProviderConfig, Resource, ResourceRef
from hds_policies.rules import RULES
from hds_policies.settings import settings_from_dict

AS_OF = dt.date(2026, 11, 22)


def _graph(region: str) -> Graph:
    provider = ProviderConfig(key="aws", name="aws", provider="aws", attrs={"region": region}, file="main.tf", line=1)
    bucket = Resource(address="aws_s3_bucket.b", type="aws_s3_bucket", name="b", provider="aws", provider_key="aws",
                      attrs={"bucket": "b"}, file="main.tf", line=5)
    return Graph([bucket], {"aws": provider})


def test_every_registered_rule_is_in_the_catalog_and_back():
    catalog = load_catalog()
    assert set(RULES) == set(catalog.rules)


def test_every_region_country_has_a_name():
    catalog = load_catalog()
    used = {e["country"] for t in catalog.regions.values() for e in t.regions.values() if e["country"]}
    assert used - set(catalog.country_names) == set()
    assert catalog.eea <= set(catalog.country_names)


def test_evaluate_is_deterministic_and_pure():
    settings = settings_from_dict({}, "test", AS_OF)
    graph = _graph("ap-northeast-1")
    first = [f.as_dict() for f in evaluate(graph, settings)]
    second = [f.as_dict() for f in evaluate(graph, settings)]
    assert first == second
    assert {(f["rule_id"], f["resource"]["address"], f["status"]) for f in first} == {
        ("HDS_LOC_001", "aws_s3_bucket.b", "failed"),
        ("HDS_LOC_002", "provider.aws", "failed"),
        ("HDS_TLS_004", "aws_s3_bucket.b", "failed"),
    }
    loc = next(f for f in first if f["rule_id"] == "HDS_LOC_001")
    assert loc["activities"] == [1, 2, 3]
    assert loc["basis"] == ["HDS référentiel v2 EXI 28"]
    assert loc["message"] == "S3 bucket b in ap-northeast-1 (Japan), outside the EEA"
    assert loc["resource"] == {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "name": "b",
                               "provider": "aws", "file": "main.tf", "line": 5}


def test_allowed_regions_setting_turns_a_failure_into_a_pass():
    settings = settings_from_dict({"allowed_regions": {"aws": ["eu-central-2"]}}, "test", AS_OF)
    found = {(f.rule_id, f.status) for f in evaluate(_graph("eu-central-2"), settings)}
    assert ("HDS_LOC_001", "failed") not in found
    default = {(f.rule_id, f.status) for f in evaluate(_graph("eu-central-2"), settings_from_dict({}, "t", AS_OF))}
    assert ("HDS_LOC_001", "failed") in default


def _finding(severity: str, status: str = "failed") -> Finding:
    ref = ResourceRef("a", "t", "n", "aws", None, None)
    return Finding("HDS_LOC_001", "location", severity, status, ref, (1,), ("b",), "m", "r")


def test_fail_on_threshold():
    assert fails_at([_finding("medium")], "low")
    assert fails_at([_finding("medium")], "medium")
    assert not fails_at([_finding("medium")], "high")
    assert not fails_at([_finding("critical", "unknown")], "low")


def test_scrub_replaces_sensitive_values():
    assert scrub("password hunter2 in eu", frozenset({"hunter2"})) == "password (sensitive) in eu"


def test_regional_resource_without_location_is_unknown_not_a_silent_pass():
    """Azure has no provider-level region: a storage account without `location` cannot be placed."""
    settings = settings_from_dict({}, "test", AS_OF)
    provider = ProviderConfig(key="azurerm", name="azurerm", provider="azure", attrs={}, file="main.tf", line=1)
    account = Resource(address="azurerm_storage_account.sa", type="azurerm_storage_account", name="sa",
                       provider="azure", provider_key="azurerm", attrs={"name": "sa"}, file="main.tf", line=3)
    found = {(f.rule_id, f.status, f.message) for f in evaluate(Graph([account], {"azurerm": provider}), settings)
             if f.rule_id == "HDS_LOC_001"}
    assert found == {("HDS_LOC_001", "unknown", "Storage account sa: region cannot be determined from the code "
                      "(azurerm_storage_account sa sets no location)")}
