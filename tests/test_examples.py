"""The example files the README points to load and do what the README says."""

from __future__ import annotations

import json
from pathlib import Path

from hds_policies.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_example_settings_file_loads_with_its_overrides():
    settings = load_settings(ROOT / "examples/hds-policies.yaml")
    assert settings.allowed_regions == {"aws": frozenset({"eu-central-2"})}
    assert settings.disabled_rules == frozenset({"HDS_TLS_004"})
    assert settings.require_customer_managed_keys is True
    assert settings.catalog.providers["hcloud"]["status"] == "certified"
    assert settings.catalog.locate("aws", "eu-future-1").eea is True
    assert settings.fail_on == "medium"


def test_example_policy_pack_config_names_real_policies():
    from hds_policies.catalog import load_catalog

    config = json.loads((ROOT / "examples/hds-config.json").read_text())
    assert set(config) <= set(load_catalog().rules)


def test_example_waiver_file_waives_what_the_readme_says(capsys):
    from hds_policies.cli import main

    code = main(["scan", str(ROOT / "fixtures/terraform/demo_noncompliant"), "--waivers",
                 str(ROOT / "examples/hds-waivers.yaml"), "--as-of", "2026-11-22", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert doc["summary"] == {"resources": 9, "failed": 10, "unknown": 0, "skipped": 0,
                              "modules_not_followed": 0, "waived": 4}
    assert [w["id"] for w in doc["waivers"]["applied"]] == ["W-2026-014", "W-2026-015"]
    assert doc["waivers"]["stale"] == [] and doc["waivers"]["expired"] == []
