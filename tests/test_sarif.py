"""SARIF 2.1.0 output: valid against the OASIS schema, and a known finding lands where it should.

The schema is the official OASIS one, kept as test data in tests/data/sarif-schema-2.1.0.json, so the
validation runs wherever the suite runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The official OASIS SARIF 2.1.0 schema (docs.oasis-open.org/sarif/sarif/v2.1.0), kept as test data.
SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
PLANS = ROOT / "fixtures" / "plans"
HCL = ROOT / "fixtures" / "terraform"
AS_OF = "2026-11-22"

needs_schema = pytest.mark.skipif(not SCHEMA_PATH.is_file(),
                                  reason=f"SARIF schema not found at {SCHEMA_PATH} (shared/ beside the repo)")


def run_scan(target: Path, fmt: str, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan", str(target), "--format", fmt,
                           "--as-of", AS_OF, *extra], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)


def sarif(target: Path, *extra: str) -> dict:
    proc = run_scan(target, "sarif", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def contract(target: Path, *extra: str) -> dict:
    return json.loads(run_scan(target, "json", *extra).stdout)


def results(doc: dict, rule_id: str, address: str) -> list[dict]:
    return [r for r in doc["runs"][0]["results"] if r["ruleId"] == rule_id
            and r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == address]


TARGETS = [
    pytest.param(HCL / "demo_noncompliant", (), id="hcl-demo"),
    pytest.param(HCL / "aws_scope_skip", (), id="hcl-skips"),  # skipped findings carry suppressions
    pytest.param(PLANS / "aws_evidence.json", (), id="plan-unknowns"),  # unknown findings (level none)
    pytest.param(PLANS / "aws_location.json", ("--show-passed",), id="plan-passed"),  # passed results
    pytest.param(PLANS / "aws_sensitive.json", (), id="plan-sensitive"),
]


@needs_schema
@pytest.mark.parametrize(("target", "extra"), TARGETS)
def test_sarif_validates_against_the_schema(target: Path, extra: tuple[str, ...]):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)  # the schema declares draft-04
    validator_class.check_schema(schema)
    doc = sarif(target, *extra)
    errors = sorted(validator_class(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_known_hcl_finding_rule_level_and_location():
    doc = sarif(HCL / "demo_noncompliant")
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "hds-policies"
    [result] = results(doc, "HDS_LOC_001", "aws_s3_bucket.records_copy")
    assert result["level"] == "error"  # critical
    assert result["kind"] == "fail"
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "HDS_LOC_001"
    # Same place as the JSON contract says.
    [finding] = [f for f in contract(HCL / "demo_noncompliant")["findings"] if f["rule_id"] == "HDS_LOC_001"
                 and f["resource"]["address"] == "aws_s3_bucket.records_copy"]
    physical = result["locations"][0]["physicalLocation"]
    # JSON: relative to the scanned folder (the contract); SARIF: to the folder the scan ran from.
    assert finding["resource"]["file"] == "main.tf"
    assert physical["artifactLocation"] == {"uri": "fixtures/terraform/demo_noncompliant/main.tf",
                                            "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == finding["resource"]["line"]
    assert isinstance(finding["resource"]["line"], int) and finding["resource"]["line"] > 0
    assert "us-east-1" in result["message"]["text"]
    assert "EXI 28" in result["message"]["text"]


def test_levels_follow_severity_and_status():
    doc = sarif(PLANS / "aws_evidence.json")
    [medium] = results(doc, "HDS_TLS_002", "aws_lb_listener.https_legacy")
    assert (medium["level"], medium["kind"]) == ("warning", "fail")
    [unknown] = results(doc, "HDS_TLS_002", "aws_lb_listener.https_pending")
    assert (unknown["level"], unknown["kind"]) == ("none", "review")
    [high] = results(doc, "HDS_BKP_001", "aws_backup_vault.open")
    assert high["level"] == "error"
    assert high["properties"]["status"] == "failed"
    assert high["properties"]["severity"] == "high"


def test_plan_finding_has_the_plan_file_and_no_line():
    doc = sarif(PLANS / "aws_location.json")
    [result] = results(doc, "HDS_LOC_001", "module.store.aws_s3_bucket.this")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "fixtures/plans/aws_location.json", "uriBaseId": "%SRCROOT%"}
    assert "region" not in physical


def test_skipped_finding_is_suppressed():
    doc = sarif(HCL / "aws_scope_skip")
    [result] = results(doc, "HDS_LOC_001", "aws_s3_bucket.pseudonymised_export")
    reason = "pseudonymised extract, approved by the DPO on 2026-03-02"
    assert result["suppressions"] == [{"kind": "inSource", "justification": reason}]


def test_every_result_points_at_its_rule():
    doc = sarif(PLANS / "aws_location.json", "--show-passed")
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in doc["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r["properties"]["status"] for r in doc["runs"][0]["results"]} >= {"failed", "passed"}
    passed = [r for r in doc["runs"][0]["results"] if r["properties"]["status"] == "passed"]
    assert all(r["level"] == "none" and r["kind"] == "pass" for r in passed)


def test_artifact_uri_is_percent_encoded(tmp_path: Path):
    folder = tmp_path / "my plans"
    folder.mkdir()
    plan = folder / "prod plan.json"
    plan.write_text((PLANS / "aws_location.json").read_text(encoding="utf-8"), encoding="utf-8")
    doc = sarif(plan)
    physical = [r["locations"][0].get("physicalLocation") for r in doc["runs"][0]["results"]]
    uris = {p["artifactLocation"]["uri"] for p in physical if p}
    assert uris == {str(plan).replace(" ", "%20")}
