"""SARIF for GitHub code scanning: valid against the SARIF 2.1.0 schema, with partialFingerprints,
rule help and helpUri, the `security` tag, precision, and waived findings as suppressions."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from hds_policies.baseline import fingerprint
from hds_policies.catalog import load_catalog
from hds_policies.cli import main
from hds_policies.report.sarif import FINGERPRINT_KEY

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "terraform" / "demo_noncompliant"
# tests/data (as tests/test_sarif.py), shared/ beside the checkout, or $HDS_SARIF_SCHEMA
SCHEMA_CANDIDATES = [Path(p) for p in (os.environ.get("HDS_SARIF_SCHEMA"),) if p] + [
    ROOT / "tests" / "data" / "sarif-schema-2.1.0.json", ROOT.parent / "shared" / "sarif-schema-2.1.0.json",
    ROOT.parents[1] / "shared" / "sarif-schema-2.1.0.json"]
SCHEMA_PATH = next((p for p in SCHEMA_CANDIDATES if p.is_file()), SCHEMA_CANDIDATES[-1])
AS_OF = "2026-11-22"


@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found ({', '.join(map(str, SCHEMA_CANDIDATES))}; or set HDS_SARIF_SCHEMA)")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    main(["scan", *args, "--format", "sarif", "--as-of", AS_OF])
    return json.loads(capsys.readouterr().out)


def test_sarif_validates_and_carries_what_code_scanning_needs(tmp_path, capsys, schema):
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - {id: W-1, rule: HDS_ENC_001, resource: aws_db_instance.ehr, "
                       "justification: re-created in Q1, approver: rssi, expires: 2027-01-31}\n", encoding="utf-8")
    doc = sarif(capsys, str(FIXTURE), "--waivers", str(waivers))
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    catalog = load_catalog()
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(catalog.rules)
    for rid, r in rules.items():
        assert "security" in r["properties"]["tags"] and r["properties"]["security-severity"]
        assert r["properties"]["precision"] == "high"
        assert r["help"]["text"] == catalog.rules[rid].remediation
        assert r["help"]["markdown"].startswith(f"**{catalog.rules[rid].title}**")
        assert r["helpUri"].startswith("https://")
    assert "```hcl\nencrypted  = true" in rules["HDS_ENC_001"]["help"]["markdown"]  # per-type snippets
    results = run["results"]
    assert len(results) == 14
    fps = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(set(fps)) == 14 and all(len(fp) == 32 for fp in fps)
    (waived,) = [r for r in results if "suppressions" in r]
    assert waived["ruleId"] == "HDS_ENC_001"
    assert waived["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "re-created in Q1",
                                       "properties": {"waiver": "W-1", "approver": "rssi",
                                                      "expires": "2027-01-31"}}]


def test_fingerprints_survive_line_shifts_and_match_the_baseline_identity(tmp_path, capsys, schema):
    folder = tmp_path / "infra"
    shutil.copytree(FIXTURE, folder)
    before = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]):
              r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif(capsys, str(folder))["runs"][0]["results"]}
    main_tf = folder / "main.tf"
    main_tf.write_text("# moved down\n\n" + main_tf.read_text(encoding="utf-8"), encoding="utf-8")
    after_doc = sarif(capsys, str(folder))
    jsonschema.validate(after_doc, schema)
    after = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]):
             r["partialFingerprints"][FINGERPRINT_KEY] for r in after_doc["runs"][0]["results"]}
    assert before == after
    main(["scan", str(folder), "--format", "json", "--as-of", AS_OF])
    from hds_policies.report.ingest import finding_from_dict

    for d in json.loads(capsys.readouterr().out)["findings"]:
        f = finding_from_dict(d, load_catalog(), "test")
        assert fingerprint(f) == after[(f.rule_id, f.resource.address)]


def test_baseline_state_in_sarif(tmp_path, capsys, schema):
    base = tmp_path / "b.json"
    main(["scan", str(FIXTURE), "--create-baseline", str(base), "--as-of", AS_OF])
    capsys.readouterr()
    doc = sarif(capsys, str(FIXTURE), "--baseline", str(base))
    jsonschema.validate(doc, schema)
    assert {r["baselineState"] for r in doc["runs"][0]["results"]} == {"unchanged"}
