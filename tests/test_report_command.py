"""`hds-policies report` from real Checkov `-o json` output, from our JSON reports (merged), and from the
Pulumi pack's findings file written by the real pack over gRPC (with a waiver file)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hds_policies.cli import main

ROOT = Path(__file__).resolve().parents[1]
TF = ROOT / "fixtures" / "terraform"
AS_OF = "2026-11-22"


def checkov_json(fixture: str, out: Path) -> Path:
    """The real Checkov CLI with the HDS checks (`hds-policies checkov -d … -o json`), saved as CI keeps it."""
    proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "checkov", "-d", str(TF / fixture), "-o", "json",
                           "--as-of", AS_OF], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT),
                               "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"})
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    target = out / f"{fixture}.checkov.json"
    target.write_text(proc.stdout, encoding="utf-8")
    return target


def findings(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("fixture", ["demo_noncompliant", "aws_modules", "aws_scope_skip", "ovh_location"])
def test_report_from_checkov_equals_scan(tmp_path, capsys, fixture):
    results = checkov_json(fixture, tmp_path)
    scan_code, scan = findings(capsys, ["scan", str(TF / fixture), "--format", "json", "--as-of", AS_OF])
    code, report = findings(capsys, ["report", "--from-checkov", str(results), "--format", "json",
                                     "--as-of", AS_OF])
    def active(doc: dict) -> list[dict]:
        return [f for f in doc["findings"] if f["status"] in ("failed", "unknown")]

    # failed and unknown: same order, same fields (rule, address, file, line, message, remediation…)
    assert active(report) == active(scan) and active(scan)
    # skipped: Checkov keeps the skip comment but not the finding's message
    assert [(f["rule_id"], f["resource"]["address"], f["skip_reason"]) for f in report["findings"]
            if f["status"] == "skipped"] == \
        [(f["rule_id"], f["resource"]["address"], f["skip_reason"]) for f in scan["findings"]
         if f["status"] == "skipped"]
    assert code == scan_code == 1
    assert {k: report["summary"][k] for k in ("resources", "failed", "unknown", "skipped")} == \
        {k: scan["summary"][k] for k in ("resources", "failed", "unknown", "skipped")}


def test_report_from_json_merges_several_reports_and_applies_waivers(tmp_path, capsys):
    paths, docs = [], []
    for fixture in ("demo_noncompliant", "aws_unknown_region"):
        main(["scan", str(TF / fixture), "--format", "json", "--as-of", AS_OF])
        paths.append(tmp_path / f"{fixture}.json")
        paths[-1].write_text(capsys.readouterr().out, encoding="utf-8")
        docs.append(json.loads(paths[-1].read_text(encoding="utf-8")))
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - {rule: HDS_LOC_001, resource: 'aws_s3_bucket.from_*', justification: "
                       "regions set by the pipeline, approver: ops, expires: 2026-12-31}\n", encoding="utf-8")
    code, doc = findings(capsys, ["report", "--from-json", str(paths[0]), "--from-json", str(paths[1]),
                                  "--waivers", str(waivers), "--format", "json"])
    assert code == 1 and doc["as_of"] == AS_OF  # the inputs' date
    waived = sorted(f["resource"]["address"] for f in doc["findings"] if f["status"] == "waived")
    assert waived == ["aws_s3_bucket.from_function", "aws_s3_bucket.from_remote_state",
                      "aws_s3_bucket.from_variable"]
    (w,) = [f for f in doc["findings"] if f["resource"]["address"] == "aws_s3_bucket.from_variable"
            and f["rule_id"] == "HDS_LOC_001"]
    assert w["waiver"]["status"] == "unknown"  # what it was before the waiver
    total = {k: sum(d["summary"][k] for d in docs) for k in ("resources", "failed", "unknown", "skipped")}
    assert total["unknown"] >= 3
    assert doc["summary"] == {**total, "unknown": total["unknown"] - 3, "waived": 3}
    # after expiry, re-reading the waived report restores each finding's own status
    expired_in = tmp_path / "waived.json"
    expired_in.write_text(json.dumps(doc), encoding="utf-8")
    _, again = findings(capsys, ["report", "--from-json", str(expired_in), "--waivers", str(waivers),
                                 "--as-of", "2027-01-15", "--format", "json"])
    assert {f["status"] for f in again["findings"] if f["resource"]["address"].startswith("aws_s3_bucket.from_")
            and f["rule_id"] == "HDS_LOC_001"} == {"unknown"}


@pytest.mark.parametrize(("content", "error"), [
    ("not json", "line 1: not valid JSON"),
    ('{"something": 1}', "report 0: not a Checkov `-o json` report"),
])
def test_bad_checkov_input_is_exit_2(tmp_path, capsys, content, error):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["report", "--from-checkov", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"hds-policies: error: {bad}: ") and error in err and err.count("\n") == 1


def test_report_needs_an_input(capsys):
    assert main(["report", "--format", "json"]) == 2
    assert "report needs at least one of --from-checkov, --from-json, --from-pulumi" in capsys.readouterr().err


PULUMI_PROGRAM = """
import pulumi
import pulumi_aws as aws

us = aws.Provider("us", region="us-east-1")
aws.s3.Bucket("records", bucket="hds-records")
aws.s3.Bucket("copy", bucket="hds-copy", opts=pulumi.ResourceOptions(provider=us))
aws.ebs.Volume("scratch", availability_zone="eu-west-3a", size=10)
"""


def test_report_from_the_pulumi_packs_findings_file_with_waivers(tmp_path, capsys):
    pytest.importorskip("pulumi_aws")
    pytest.importorskip("pulumi_policy")
    from hds_policies.pulumi.analyzer_client import AnalyzerClient
    from hds_policies.pulumi.mock_runner import run_program
    from hds_policies.pulumi.policies import FINDINGS_ENV, WAIVERS_ENV

    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "__main__.py").write_text(PULUMI_PROGRAM, encoding="utf-8")
    run = run_program(folder, {"aws:region": "eu-west-3"}, project="hds-app", stack="dev")
    findings_file = tmp_path / "findings.jsonl"
    waivers = tmp_path / "hds-waivers.yaml"
    waivers.write_text("waivers:\n  - {id: W-EBS, rule: HDS_ENC_001, resource: '*::scratch', justification: "
                       "scratch volume without health data, approver: dpo, expires: 2027-03-01}\n",
                       encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), FINDINGS_ENV: str(findings_file), WAIVERS_ENV: str(waivers)}
    with AnalyzerClient.for_run(ROOT / "policy_packs" / "hds", run, python=sys.executable, env=env) as client:
        client.configure({"all": {"asOf": AS_OF}})
        diags = client.analyze_run(run)
    by = {(d["policyName"], d["urn"].rsplit("::", 1)[-1]): d for d in diags}
    ebs = by[("HDS_ENC_001", "scratch")]
    assert ebs["enforcementLevel"] == "advisory" and "WAIVED until 2027-03-01 (W-EBS)" in ebs["message"]
    assert by[("HDS_LOC_001", "copy")]["enforcementLevel"] == "mandatory"

    code, doc = findings(capsys, ["report", "--from-pulumi", str(findings_file), "--format", "json",
                                  "--as-of", AS_OF])
    got = {(f["rule_id"], f["resource"]["name"]): f["status"] for f in doc["findings"]}
    assert "passed" not in got.values()  # passed verdicts the pack records only with --show-passed
    assert got[("HDS_ENC_001", "scratch")] == "waived"
    assert got[("HDS_LOC_001", "copy")] == "failed"
    assert code == 1
    # the same file after the waiver expired: the finding fails again, and the waiver is listed as expired
    code, later = findings(capsys, ["report", "--from-pulumi", str(findings_file), "--format", "json",
                                    "--waivers", str(waivers), "--as-of", "2027-03-02"])
    assert {(f["rule_id"], f["resource"]["name"]): f["status"] for f in later["findings"]}[
        ("HDS_ENC_001", "scratch")] == "failed"
    assert [w["id"] for w in later["waivers"]["expired"]] == ["W-EBS"]


def test_checkov_wrapper_applies_waivers_and_report_reads_them_back(tmp_path, capsys):
    fixture = "demo_noncompliant"
    waivers = ROOT / "examples" / "hds-waivers.yaml"
    proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "checkov", "-d", str(TF / fixture), "-o", "json",
                           "--as-of", AS_OF, "--waivers", str(waivers)], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, env={**__import__("os").environ, "PYTHONPATH": str(ROOT),
                                            "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"})
    assert proc.returncode == 1, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    skipped = sorted((r["check_id"], r["resource"]) for r in doc["results"]["skipped_checks"])
    assert skipped == [("HDS_ENC_001", "aws_db_instance.ehr"), ("HDS_TLS_004", "aws_s3_bucket.backups"),
                       ("HDS_TLS_004", "aws_s3_bucket.records"), ("HDS_TLS_004", "aws_s3_bucket.records_copy")]
    results = tmp_path / "results.json"
    results.write_text(proc.stdout, encoding="utf-8")
    _, scan = findings(capsys, ["scan", str(TF / fixture), "--format", "json", "--as-of", AS_OF,
                                "--waivers", str(waivers)])
    _, report = findings(capsys, ["report", "--from-checkov", str(results), "--format", "json", "--as-of", AS_OF])
    assert report["findings"] == scan["findings"]  # waived ones included, with their waiver
    assert report["summary"]["waived"] == scan["summary"]["waived"] == 4


def test_checkov_wrapper_rejects_a_bad_waiver_file_before_running(tmp_path, capsys):
    bad = tmp_path / "w.yaml"
    bad.write_text("waivers:\n  - {rule: HDS_ENC_001, resource: x, justification: y}\n", encoding="utf-8")
    assert main(["checkov", "-d", str(TF / "demo_noncompliant"), "--waivers", str(bad)]) == 2
    assert "waivers[0].expires: is required" in capsys.readouterr().err


def test_a_policy_that_could_not_judge_stays_a_failure_in_the_report(tmp_path, capsys):
    pytest.importorskip("pulumi_policy")
    from hds_policies.pulumi.policies import Violation, finding_record  # the pack's own record shape

    record = finding_record(Violation("HDS_LOC_001", "policy HDS_LOC_001 could not judge the stack and fails closed: "
                                      "KeyError: 'region'", "", "mandatory", "critical"))
    lines = tmp_path / "findings.jsonl"
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, doc = findings(capsys, ["report", "--from-pulumi", str(lines), "--format", "json", "--as-of", AS_OF])
    assert code == 1
    assert [(f["rule_id"], f["status"], f["message"]) for f in doc["findings"]] == [
        ("HDS_LOC_001", "failed", "policy HDS_LOC_001 could not judge the stack and fails closed: KeyError: 'region'")]


def test_checkov_results_of_other_checks_are_left_out_with_a_note(tmp_path, capsys):
    doc = {"check_type": "terraform", "results": {"failed_checks": [
        {"check_id": "CKV_AWS_18", "resource": "aws_s3_bucket.b", "file_path": "/main.tf", "file_line_range": [1, 3],
         "check_result": {"result": "FAILED"}}], "passed_checks": [], "skipped_checks": []}}
    results = tmp_path / "r.json"
    results.write_text(json.dumps([doc, doc]), encoding="utf-8")
    assert main(["report", "--from-checkov", str(results), "--format", "json", "--as-of", AS_OF]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["findings"] == []
    assert "note: 2 Checkov results of checks other than the HDS rules left out" in captured.err
