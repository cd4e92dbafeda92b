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
