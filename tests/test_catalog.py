"""The catalog loader: every shipped data file passes its schema, and user overrides merge into (or
replace) the registry and the region tables, with errors that name the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hds_policies.catalog import DATA_DIR, Catalog, DataError, load_catalog, read_data_file, schema
from hds_policies.pulumi import data_schemas as pulumi_data
from hds_policies.rules import RULES

SCHEMAS = {
    "activities.json": schema.ACTIVITIES_FILE,
    "eea.json": schema.EEA_FILE,
    "countries.json": getattr(schema, "COUNTRIES_FILE", None),
    "providers.json": schema.PROVIDERS_FILE,
    "resource_types.json": schema.RESOURCE_TYPES_FILE,
    "rules.json": schema.RULES_FILE,
    "tls.json": schema.TLS_FILE,
    "ovh_account.json": schema.OVH_ACCOUNT_FILE,
    "endpoints.json": schema.ENDPOINTS_FILE,
    "pulumi_types.json": pulumi_data.TYPES_FILE,
    "pulumi_defaults.json": pulumi_data.DEFAULTS_FILE,
    "pulumi_azure_native.json": pulumi_data.AZURE_NATIVE_FILE,
    "requirements.json": schema.REQUIREMENTS_FILE,
    "remediation.json": schema.REMEDIATION_FILE,
    "checkov_encryption_types.json": schema.CHECKOV_TYPES_FILE,
}
DATA_FILES = sorted(p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*.json"))


def _schema_for(name: str):
    if name.startswith("evidence/"):
        return schema.EVIDENCE_FILE
    return schema.REGION_TABLE if name.startswith("regions/") else SCHEMAS.get(name)


# --- shipped data ---------------------------------------------------------------------------


def test_shipped_catalog_loads():
    catalog = load_catalog()
    assert sorted(catalog.activities) == [1, 2, 3, 4, 5, 6]
    assert {"aws", "azure", "gcp", "ovh"} <= set(catalog.regions)
    assert catalog.rules and catalog.resource_types and catalog.providers
    assert load_catalog() is catalog  # loaded once


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_has_a_schema_and_passes_it(name: str):
    file_schema = _schema_for(name)
    assert file_schema is not None, f"catalog/data/{name} is not validated by any schema"
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    schema.validate(data, file_schema, f"catalog/data/{name}")
    assert {"source", "as_of"} <= set(data)


def test_every_registered_rule_is_described():
    catalog = load_catalog()
    assert set(RULES) <= set(catalog.rules), sorted(set(RULES) - set(catalog.rules))


def test_schema_error_names_file_and_key():
    data = json.loads((DATA_DIR / "rules.json").read_text(encoding="utf-8"))
    data["rules"][0]["severity"] = "fatal"
    with pytest.raises(DataError) as exc:
        schema.validate(data, schema.RULES_FILE, "catalog/data/rules.json")
    assert str(exc.value).startswith("catalog/data/rules.json: rules[0].severity: 'fatal' is not one of")


# --- overrides: providers -------------------------------------------------------------------


def test_provider_override_merges_into_the_shipped_entry():
    shipped = load_catalog().providers["aws"]
    catalog = Catalog({"providers": {"aws": {"confidence": "low", "valid_until": "2027-06-30"}}})
    entry = catalog.providers["aws"]
    assert entry["confidence"] == "low" and entry["valid_until"] == "2027-06-30"
    assert (entry["status"], entry["name"], entry["activities"]) == (shipped["status"], shipped["name"],
                                                                     shipped["activities"])
    assert load_catalog().providers["aws"]["confidence"] == shipped["confidence"]  # shipped catalog untouched


def test_provider_override_with_replaces_drops_the_shipped_keys():
    new = {"replaces": True, "name": "Amazon Web Services", "legal_entity": "AWS EMEA SARL",
           "status": "unverified", "activities": [1, 2], "source": "internal audit 2026-10",
           "as_of": "2026-10-01", "confidence": "medium"}
    entry = Catalog({"providers": {"aws": new}}).providers["aws"]
    assert entry == {k: v for k, v in new.items() if k != "replaces"}


def test_new_provider_needs_the_required_keys():
    with pytest.raises(DataError) as exc:
        Catalog({"providers": {"newcloud": {"name": "New Cloud", "status": "certified"}}}, "my.yaml")
    assert str(exc.value) == "my.yaml: providers.newcloud.legal_entity: is required for a new provider"


def test_new_provider_complete_is_usable():
    catalog = Catalog({"providers": {"newcloud": {
        "name": "New Cloud", "legal_entity": "New Cloud SAS", "status": "certified", "activities": [1, 2, 3],
        "source": "https://example.org/hds", "as_of": "2026-11-01", "confidence": "high",
        "terraform_names": ["newcloud"], "resource_prefixes": ["newcloud_"], "valid_until": "2029-01-31"}}})
    assert catalog.provider_id("newcloud") == "newcloud"
    assert catalog.provider_for_type("newcloud_bucket") == "newcloud"
    assert load_catalog().provider_id("newcloud") is None


def test_yaml_dates_in_overrides_are_kept_as_iso_strings(tmp_path: Path):
    path = tmp_path / "overrides.yaml"
    path.write_text("providers:\n  ovh:\n    valid_until: 2027-03-31\n    as_of: 2026-11-01\n",
                    encoding="utf-8")
    entry = load_catalog(path).providers["ovh"]
    assert (entry["valid_until"], entry["as_of"]) == ("2027-03-31", "2026-11-01")


# --- overrides: regions ---------------------------------------------------------------------


def test_region_override_adds_a_region_and_an_alias():
    catalog = Catalog({"regions": {"aws": {
        "regions": {"eu-mars-1": {"country": "FR", "label": "Mars (Paris office)"}},
        "aliases": {"paris": "eu-west-3"}}}})
    located = catalog.locate("aws", "eu-mars-1")
    assert (located.region, located.country, located.eea) == ("eu-mars-1", "FR", True)
    assert catalog.locate("aws", "paris").region == "eu-west-3"
    assert catalog.locate("aws", "eu-west-3").eea is True  # the rest of the table is still there
    assert load_catalog().locate("aws", "eu-mars-1").eea is None  # shipped table untouched


def test_region_override_replaces_an_entry():
    ours = {"country": "FR", "label": "Gravelines (ours)"}
    catalog = Catalog({"regions": {"ovh": {"regions": {"GRA": ours}}}})
    assert catalog.locate("ovh", "GRA").country == "FR"
    assert catalog.regions["ovh"].entry("GRA")["label"] == "Gravelines (ours)"


def test_region_override_cannot_call_a_non_eea_country_eea():
    with pytest.raises(DataError) as exc:
        Catalog({"regions": {"aws": {"regions": {"us-east-1": {"country": "US", "eea": True}}}}}, "o.yaml")
    message = str(exc.value)
    assert message.startswith("o.yaml: regions.aws.regions.us-east-1.eea: true contradicts country US")
    assert "allowed_regions" in message


# --- overrides: errors name the file and the key --------------------------------------------


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"providers": {"aws": {"status": "gold"}}},
     "providers.aws.status: 'gold' is not one of: certified, not_certified, unverified"),
    ({"providers": {"aws": {"colour": "orange"}}}, "providers.aws.colour: unknown key"),
    ({"providers": {"aws": {"activities": [7]}}},
     "providers.aws.activities[0]: 7 is not an HDS activity number"),
    ({"providers": {"aws": {"valid_until": "soon"}}}, "providers.aws.valid_until: 'soon' is not a date"),
    ({"providers": ["aws"]}, "providers: expected a mapping, got list"),
    ({"regions": {"aws": {"regions": {"eu-mars-1": {"country": "France"}}}}},
     "regions.aws.regions.eu-mars-1.country: 'France' is not an ISO 3166 alpha-2 country code"),
    ({"regions": {"aws": {"regions": {"eu-mars-1": {"eea": True}}}}},
     "regions.aws.regions.eu-mars-1.country: is required"),
    ({"regions": {"nowhere": {"regions": {}}}}, "regions.nowhere: unknown provider family"),
    ({"colours": {}}, "colours: unknown key (allowed: providers, regions)"),
], ids=["status", "unknown-key", "activity", "date", "not-mapping", "country", "no-country", "family",
        "top-level-key"])
def test_bad_overrides_name_file_and_key(tmp_path: Path, overrides: dict, expected: str):
    path = tmp_path / "overrides.json"
    path.write_text(json.dumps(overrides), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_catalog(path)
    assert str(exc.value).startswith(f"{path}: {expected}"), str(exc.value)
    assert "\n" not in str(exc.value)


def test_overrides_file_unreadable_or_invalid(tmp_path: Path):
    with pytest.raises(DataError, match=r"nope\.yaml: cannot read"):
        load_catalog(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("providers: [\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.yaml: line \d+: not valid YAML"):
        load_catalog(bad)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"providers": }', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.json: line 1: not valid JSON"):
        load_catalog(bad_json)


def test_read_data_file_keeps_impossible_dates_for_the_schema(tmp_path: Path):
    path = tmp_path / "s.yaml"
    path.write_text("as_of: 2026-13-01\nother: 2026-11-22\n", encoding="utf-8")
    data = read_data_file(path)
    assert data["as_of"] == "2026-13-01"
    assert str(data["other"]) == "2026-11-22"
