"""Requirements as data (catalog/data/requirements.json) and remediation per resource type
(catalog/data/remediation.json): consistent with rules.json, listed by `catalog requirements`,
grouped in the reports."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from hds_policies.catalog import Catalog, DataError, load_catalog
from hds_policies.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "terraform" / "demo_noncompliant"


def test_every_rule_is_mapped_to_the_requirements_its_basis_cites():
    catalog = load_catalog()
    by_basis = {r["basis"]: r for r in catalog.requirements}
    for meta in catalog.rules.values():
        cited = [b for b in meta.basis if b.startswith(("HDS référentiel", "CSP"))]
        assert cited, f"{meta.rule_id} cites no HDS requirement"
        for b in cited:
            assert meta.rule_id in by_basis[b]["rules"], (meta.rule_id, b)
    manual = [r["id"] for r in catalog.requirements if r["evidence"] == "manual"]
    assert manual == ["EXI 12", "EXI 14"] and all(not by_basis[r]["rules"] for r in by_basis
                                                  if by_basis[r]["evidence"] == "manual")
    assert {"EXI 01", "EXI 04", "EXI 28", "EXI 29", "EXI 30", "EXI 31"} <= {r["id"] for r in catalog.requirements}


def test_a_requirement_naming_a_rule_that_does_not_cite_it_is_rejected(monkeypatch):
    import hds_policies.catalog as cat

    real = cat._load

    def tampered(name, file_schema):
        data = real(name, file_schema)
        if name == "requirements.json":
            data = copy.deepcopy(data)
            data["requirements"][0]["rules"].append("HDS_LOC_001")  # EXI 01 is not LOC_001's basis
        return data

    monkeypatch.setattr(cat, "_load", tampered)
    with pytest.raises(DataError, match=r"requirements\[0\]\.rules: HDS_LOC_001 does not cite"):
        Catalog()


def test_catalog_requirements_lists_coverage(capsys):
    assert main(["catalog", "requirements", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    exi28 = next(r for r in doc["requirements"] if r["id"] == "EXI 28")
    assert exi28["rules"] == ["HDS_LOC_001", "HDS_LOC_002", "HDS_LOC_003", "HDS_COV_001"]
    assert exi28["evidence"] == "automated"
    assert doc["source"].startswith("HDS référentiel") and doc["as_of"]
    assert main(["catalog", "requirements", "--lang", "fr"]) == 0
    text = capsys.readouterr().out
    assert "EXI 12           manual    Communiquer aux clients le certificat HDS" in text
    assert "rules: —" in text


def test_markdown_report_groups_by_requirement(capsys):
    main(["scan", str(FIXTURE), "--format", "markdown", "--as-of", "2026-11-22"])
    md = capsys.readouterr().out
    assert "## Requirement coverage (HDS référentiel v2, CSP)" in md
    assert ("| EXI 28 | Health data stored only in the EEA, by the host and its sub-processors "
            "| HDS_LOC_001, HDS_LOC_002, HDS_LOC_003, HDS_COV_001 | failed | 5 | 0 | 0 |") in md
    assert "| EXI 12 | Give clients the HDS certificate and those of certified sub-processors | manual evidence " \
           "| manual | 0 | 0 | 0 |" in md


def test_remediation_is_specific_to_the_resource_type(capsys):
    main(["scan", str(FIXTURE), "--format", "json", "--as-of", "2026-11-22"])
    doc = json.loads(capsys.readouterr().out)
    fix = {(f["rule_id"], f["resource"]["type"]): f["remediation"] for f in doc["findings"]}
    assert fix[("HDS_ENC_001", "aws_db_instance")] == (
        "Set storage_encrypted = true (set at creation: an existing instance is restored from an encrypted "
        "snapshot). Terraform: storage_encrypted = true; kms_key_id = aws_kms_key.hds.arn. "
        "Pulumi property: storageEncrypted, kmsKeyId.")
    assert "OVHcloud" not in fix[("HDS_ENC_001", "aws_db_instance")]
    # no entry for this (rule, type): the rule's general remediation
    assert fix[("HDS_TLS_004", "aws_s3_bucket")] == load_catalog().rules["HDS_TLS_004"].remediation


def test_remediation_entry_for_a_type_the_rule_does_not_judge_is_rejected(monkeypatch):
    import hds_policies.catalog as cat

    real = cat._load

    def tampered(name, file_schema):
        data = real(name, file_schema)
        if name == "remediation.json":
            data = copy.deepcopy(data)
            data["remediations"][0]["resource_type"] = "aws_lb_listener"
        return data

    monkeypatch.setattr(cat, "_load", tampered)
    with pytest.raises(DataError, match=r"remediations\[0\]: HDS_ENC_001 does not judge aws_lb_listener"):
        Catalog()
