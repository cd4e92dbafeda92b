"""Coverage against Checkov's encryption checks: the floor of issue 14 (ours >= Checkov's resource types
for at rest + in transit, per provider) held from the catalog, `hds-policies catalog rules --types`
printing the table, and the bench generator of Checkov's list read on a small checkout made here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from hds_policies.catalog import load_catalog
from hds_policies.catalog.coverage import CHECKOV_FILE, FAMILIES, load_checkov
from hds_policies.cli import main

ROOT = Path(__file__).resolve().parents[1]
CATALOG = load_catalog()


def encryption_types(provider: str) -> set[str]:
    """Our at-rest and in-transit type keys for a provider, counted here from the rows themselves."""
    out = set()
    for rule_id, rows in CATALOG.evidence.items():
        if CATALOG.rules[rule_id].family in ("encryption_at_rest", "encryption_in_transit"):
            out |= {k for k, row in rows.items() if CATALOG.provider_for_type(row["type"]) == provider}
    return out


def test_checkov_list_is_data_with_its_source() -> None:
    data = load_checkov()
    assert "github.com/bridgecrewio/checkov" in data["source"] and len(data["commit"]) == 40
    assert set(data["providers"]) == {"aws", "azure", "gcp"}
    for provider, types in data["providers"].items():
        assert types == sorted(set(types)) and len(types) > 10, provider


@pytest.mark.parametrize("provider", ["aws", "azure", "gcp"])
def test_ours_at_least_checkovs_per_provider(provider: str) -> None:
    theirs = load_checkov()["providers"][provider]
    ours = encryption_types(provider)
    assert len(ours) >= len(theirs), f"{provider}: {len(ours)} types vs Checkov's {len(theirs)}"


def test_catalog_rules_types_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "rules", "--types"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("| provider | location | encryption_at_rest | encryption_in_transit | backup_immutability "
                        "| at rest + in transit | Checkov encryption checks |")
    theirs = load_checkov()["providers"]
    aws = next(line for line in lines if line.startswith("| aws |"))
    cells = [c.strip() for c in aws.strip("|").split("|")]
    assert cells[0] == "aws"
    assert int(cells[5]) == len(encryption_types("aws")) and int(cells[6]) == len(theirs["aws"])
    assert cells[1] == str(sum(1 for e in CATALOG.resource_types.values() if e["provider"] == "aws"))
    ovh = next(line for line in lines if line.startswith("| ovh |"))
    assert ovh.endswith("| — |")  # Checkov has no encryption check folder for OVHcloud
    uncovered = next(line for line in lines if line.startswith("aws: Checkov's types not covered: "))
    assert "aws_kms_key" in uncovered and "aws_rds_cluster_instance" not in uncovered
    assert lines[-1].startswith("Checkov's list: github.com/bridgecrewio/checkov at ")


def test_catalog_rules_types_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "rules", "--types", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for provider in ("aws", "azure", "gcp"):
        entry = out["providers"][provider]
        assert set(FAMILIES) <= set(entry)
        assert entry["encryption"] == len(encryption_types(provider)) >= entry["checkov_encryption"]
    assert out["checkov"]["as_of"] == load_checkov()["as_of"]


def test_types_on_another_catalog_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "providers", "--types"]) == 2
    assert "--types applies to `catalog rules` only" in capsys.readouterr().err


def test_bench_writes_checkovs_list_from_a_checkout(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_rule_coverage", ROOT / "bench" / "rule_coverage.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    checks = tmp_path / "checkov" / "terraform" / "checks" / "resource"
    (checks / "aws").mkdir(parents=True)
    (checks / "azure").mkdir()
    (checks / "aws" / "Enc.py").write_text(
        "class C:\n    def __init__(self):\n        supported_resources = ['aws_b', 'aws_a']\n"
        "        categories = [CheckCategories.ENCRYPTION]\n", encoding="utf-8")
    (checks / "aws" / "Tags.py").write_text(
        "supported_resources = ('aws_c',)\ncategories = (CheckCategories.GENERAL_SECURITY,)\n", encoding="utf-8")
    (checks / "azure" / "Tls.py").write_text(
        "supported_resource = ['azurerm_x']\ncategories = [CheckCategories.ENCRYPTION]\n", encoding="utf-8")
    target = tmp_path / "out.json"
    bench.write(tmp_path, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["providers"] == {"aws": ["aws_a", "aws_b"], "azure": ["azurerm_x"], "gcp": []}
    assert data["commit"] == "unknown commit" and "--write" in data["source"]
    assert CHECKOV_FILE.name == "checkov_encryption_types.json"


def test_docs_hold_the_commands_table(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/rules.md shows the table `catalog rules --types` prints today (regenerate it on a change)."""
    assert main(["catalog", "rules", "--types"]) == 0
    table = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    docs = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "\n".join(table) in docs
