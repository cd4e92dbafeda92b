"""The Checkov checks, through the real `checkov` CLI: verdicts, suppressions, names, severities, outputs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("checkov")

from checkov_support import FIXTURES, ROOT, env, json_documents, records, run_checkov, triples  # noqa: E402

from hds_policies.catalog import load_catalog  # noqa: E402
from hds_policies.checkov.wrapper import CHECKS_DIR, checkov_commands, split_directories  # noqa: E402

SPLIT_HCL = FIXTURES / "terraform" / "checkov_split_resources"
SPLIT_PLAN = FIXTURES / "plans" / "checkov_split_terraform_show.json"
SPLIT_CHECKS = ",".join(["HDS_ENC_001", "HDS_TLS_001", "HDS_TLS_002", "HDS_TLS_003", "HDS_TLS_004", "HDS_BKP_001",
                         "HDS_BKP_002", "HDS_LOC_001", "HDS_LOC_002"])

# Verdicts that depend on another resource: SSE configuration, object lock, bucket policy, vault lock,
# listener, DB parameter group; LOC_002 is a provider check.
COMMON = {
    ("HDS_BKP_001", "aws_backup_vault.locked", "PASSED"),
    ("HDS_BKP_001", "aws_backup_vault.open", "FAILED"),
    ("HDS_BKP_002", "aws_s3_bucket.backups", "PASSED"),
    ("HDS_BKP_002", "aws_s3_bucket.exports", "FAILED"),
    ("HDS_ENC_001", "aws_backup_vault.locked", "PASSED"),
    ("HDS_ENC_001", "aws_backup_vault.open", "PASSED"),
    ("HDS_ENC_001", "aws_db_instance.ehr", "PASSED"),
    ("HDS_ENC_001", "aws_db_instance.legacy", "FAILED"),
    ("HDS_ENC_001", "aws_s3_bucket.backups", "PASSED"),
    ("HDS_ENC_001", "aws_s3_bucket.exports", "PASSED"),
    ("HDS_ENC_001", "aws_s3_bucket.records", "PASSED"),
    ("HDS_ENC_001", "aws_sqs_queue.us", "PASSED"),
    ("HDS_LOC_001", "aws_backup_vault.locked", "PASSED"),
    ("HDS_LOC_001", "aws_backup_vault.open", "PASSED"),
    ("HDS_LOC_001", "aws_db_instance.ehr", "PASSED"),
    ("HDS_LOC_001", "aws_db_instance.legacy", "PASSED"),
    ("HDS_LOC_001", "aws_lb.web", "PASSED"),
    ("HDS_LOC_001", "aws_s3_bucket.backups", "PASSED"),
    ("HDS_LOC_001", "aws_s3_bucket.exports", "PASSED"),
    ("HDS_LOC_001", "aws_s3_bucket.records", "PASSED"),
    ("HDS_LOC_001", "aws_sqs_queue.us", "FAILED"),
    ("HDS_LOC_002", "aws.default", "PASSED"),
    ("HDS_LOC_002", "aws.us", "FAILED"),
    ("HDS_TLS_001", "aws_lb_listener.http", "FAILED"),
    ("HDS_TLS_001", "aws_lb_listener.https", "PASSED"),
    ("HDS_TLS_002", "aws_lb_listener.https", "PASSED"),
    ("HDS_TLS_003", "aws_db_instance.ehr", "PASSED"),
    ("HDS_TLS_003", "aws_db_instance.legacy", "FAILED"),
    ("HDS_TLS_004", "aws_s3_bucket.backups", "FAILED"),
}


HCL_EXPECTED = COMMON | {
    ("HDS_TLS_004", "aws_s3_bucket.exports", "SKIPPED"),  # #checkov:skip in the block
    ("HDS_TLS_004", "aws_s3_bucket.records", "PASSED"),  # jsonencode() policy read from Checkov's rendering
}
PLAN_EXPECTED = COMMON | {
    # Checkov ignores skip comments for a plan unless --repo-root-for-plan-enrichment is given.
    ("HDS_TLS_004", "aws_s3_bucket.exports", "FAILED"),
    # The policy embeds the bucket ARN, known only after apply: unknown, reported as FAILED.
    ("HDS_TLS_004", "aws_s3_bucket.records", "FAILED"),
}


@pytest.fixture(scope="module")
def hcl_run() -> subprocess.CompletedProcess:
    return run_checkov(["-d", str(SPLIT_HCL), "--framework", "terraform", "--check", SPLIT_CHECKS, "-o", "json"],
                       HDS_POLICIES_SHOW_PASSED="1")


@pytest.fixture(scope="module")
def plan_run() -> subprocess.CompletedProcess:
    return run_checkov(["-f", str(SPLIT_PLAN), "--framework", "terraform_plan", "--check", SPLIT_CHECKS, "-o", "json"],
                       HDS_POLICIES_SHOW_PASSED="1")


def test_hcl_results_exact(hcl_run: subprocess.CompletedProcess) -> None:
    assert hcl_run.returncode == 1, hcl_run.stderr[-2000:]
    assert triples(records(hcl_run.stdout)) == HCL_EXPECTED


def test_plan_results_exact(plan_run: subprocess.CompletedProcess) -> None:
    assert plan_run.returncode == 1, plan_run.stderr[-2000:]
    assert triples(records(plan_run.stdout)) == PLAN_EXPECTED


@pytest.mark.parametrize("plan", [False, True], ids=["hcl", "plan"])
def test_passes_are_left_out_by_default(plan: bool) -> None:
    """As `hds-policies scan`, passing checks are reported only when asked; all else is the same."""
    args = (["-f", str(SPLIT_PLAN), "--framework", "terraform_plan"] if plan
            else ["-d", str(SPLIT_HCL), "--framework", "terraform"])
    proc = run_checkov([*args, "--check", SPLIT_CHECKS, "-o", "json"])
    expected = PLAN_EXPECTED if plan else HCL_EXPECTED
    assert triples(records(proc.stdout)) == {t for t in expected if t[2] != "PASSED"}


def test_unknown_fails_closed_with_reason(plan_run: subprocess.CompletedProcess) -> None:
    rec = next(r for r in records(plan_run.stdout)
               if r["check_id"] == "HDS_TLS_004" and r["resource"] == "aws_s3_bucket.records")
    assert rec["details"][1].startswith("unknown: S3 bucket records: bucket policy cannot be read")
    failed = [r for r in records(plan_run.stdout) if r["result"] == "FAILED" and r is not rec]
    assert failed and not any(r["details"][1].startswith("unknown:") for r in failed
                              if r["resource"] != "aws_s3_bucket.records")


def test_skip_comment_suppresses_with_reason(hcl_run: subprocess.CompletedProcess) -> None:
    rec = next(r for r in records(hcl_run.stdout)
               if r["check_id"] == "HDS_TLS_004" and r["resource"] == "aws_s3_bucket.exports")
    assert rec["result"] == "SKIPPED"
    assert rec["check_result"]["suppress_comment"] == "bucket policy managed by the landing-zone pipeline"
    others = {r["check_id"] for r in records(hcl_run.stdout) if r["resource"] == "aws_s3_bucket.exports"}
    assert {"HDS_BKP_002", "HDS_ENC_001"} <= others  # only the named check is suppressed


def test_json_record_carries_activities_basis_severity(hcl_run: subprocess.CompletedProcess) -> None:
    by_key = {(r["check_id"], r["resource"]): r for r in records(hcl_run.stdout)}
    loc = by_key[("HDS_LOC_001", "aws_sqs_queue.us")]
    assert loc["check_name"] == "[HDS 1,2,3] Resource placed outside the EEA"
    assert loc["severity"] == "CRITICAL"
    assert loc["details"][0] == ("HDS activities: 1 Physical sites, 2 Hardware infrastructure, "
                                 "4 Application hosting platform; basis: HDS référentiel v2 EXI 28")
    assert "us-east-1" in loc["details"][1] and loc["details"][2].startswith("fix: ")
    assert loc["guideline"].endswith("#HDS_LOC_001;activities=1,2,3;basis=HDS-referentiel-v2-EXI-28")
    assert loc["file_path"] == "/main.tf" and loc["file_line_range"][0] > 1
    prov = by_key[("HDS_LOC_002", "aws.us")]
    assert prov["severity"] == "HIGH" and "provider provider.aws.us in us-east-1" in prov["details"][1]
    tls = by_key[("HDS_TLS_003", "aws_db_instance.legacy")]
    assert tls["check_class"] == "hds_policies.checkov.checks"
    assert "parameter group plain sets rds.force_ssl = 0" in tls["details"][1]


def test_cli_and_sarif_outputs(tmp_path: Path) -> None:
    proc = run_checkov(["-d", str(SPLIT_HCL), "--framework", "terraform", "--check", "HDS_BKP_001,HDS_TLS_001",
                        "-o", "cli", "-o", "sarif", "--output-file-path", str(tmp_path)])
    assert proc.returncode == 1, proc.stderr[-2000:]
    cli = (tmp_path / "results_cli.txt").read_text()
    assert 'Check: HDS_BKP_001: "[HDS 6] Backup vault can be altered or deleted (no compliance-mode lock)"' in cli
    assert "FAILED for resource: aws_backup_vault.open" in cli
    assert "Details: HDS activities: 6 Backup; basis: HDS référentiel v2 EXI 01; HDS référentiel v2 EXI 04" in cli
    assert "Severity: HIGH" in cli
    sarif = json.loads((tmp_path / "results_sarif.sarif").read_text())
    run = sarif["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "HDS_TLS_001")
    assert re.fullmatch(r"\[HDS [\d,]+\] Endpoint accepts unencrypted traffic", rule["shortDescription"]["text"])
    assert re.match(r"https://[^ ]+#HDS_TLS_001;activities=[\d,]+;basis=HDS-referentiel-v2-EXI-01,", rule["helpUri"])
    assert float(rule["properties"]["security-severity"]) >= 7  # high
    result = next(r for r in run["results"] if r["ruleId"] == "HDS_TLS_001")
    notes = [a["description"] if isinstance(a["description"], str) else a["description"]["text"]
             for a in result["attachments"]]  # Checkov 3.3 writes a plain string here
    assert re.match(r"HDS activities: \d [A-Z][a-z]+.*; basis: HDS référentiel v2 EXI 01; ISO/IEC 27001:2022 A\.8\.24",
                    notes[0])
    assert "serves plain HTTP" in notes[1]
    assert result["level"] == "error"


def test_settings_from_environment(tmp_path: Path) -> None:
    config = tmp_path / "hds-policies.yaml"
    config.write_text("rules:\n  disabled: [HDS_TLS_001]\nseverity_overrides:\n  HDS_BKP_001: low\n")
    proc = run_checkov(["-d", str(SPLIT_HCL), "--framework", "terraform", "--check", "HDS_BKP_001,HDS_TLS_001",
                        "-o", "json"], HDS_POLICIES_CONFIG=str(config), HDS_POLICIES_AS_OF="2026-11-22")
    recs = records(proc.stdout)
    assert {r["check_id"] for r in recs} == {"HDS_BKP_001"}  # a disabled rule gives no result at all
    assert {r["severity"] for r in recs} == {"LOW"}


def test_bad_settings_fail_closed(tmp_path: Path) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text("allowed_regions: [not, a, mapping]\n")
    proc = run_checkov(["-d", str(SPLIT_HCL), "--framework", "terraform", "--check", "HDS_BKP_001", "-o", "json"],
                       HDS_POLICIES_CONFIG=str(config))
    recs = records(proc.stdout)
    assert {(r["resource"], r["result"]) for r in recs} == {("aws_backup_vault.locked", "FAILED"),
                                                           ("aws_backup_vault.open", "FAILED")}
    assert all(str(config) in r["details"][0] and "could not evaluate" in r["details"][0] for r in recs)
    assert proc.returncode == 1


# --- registration ------------------------------------------------------------------------------


def test_one_check_per_catalog_rule() -> None:
    from hds_policies.checkov.checks import HdsProviderCheck, register

    catalog = load_catalog()
    checks = {c.id: c for c in register()}
    assert set(checks) == set(catalog.rules)
    for rule_id, meta in catalog.rules.items():
        check = checks[rule_id]
        if meta.resource_types == ("provider",):
            assert isinstance(check, HdsProviderCheck) and check.supported_provider == ("*",)
        elif "*" in meta.resource_types:
            assert check.supported_resources == ("*",)
        else:
            assert set(check.supported_resources) == set(meta.resource_types) | set(meta.reported_on)
        assert check.severity.name == meta.severity.upper()
        assert check.name.startswith("[HDS ") and check.name.endswith("] " + meta.title)
        assert f"#{rule_id};activities=" in check.guideline and ";basis=" in check.guideline


def test_checks_folder_is_loadable_by_checkov() -> None:
    assert (CHECKS_DIR / "__init__.py").exists()
    modules = [p.name for p in CHECKS_DIR.glob("*.py") if not p.name.startswith("__")]
    assert modules and all(m.startswith("hds_") for m in modules)  # Checkov imports them top-level


# --- hds-policies checkov / checkov-dir -----------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *args], capture_output=True, text=True,
                          env=env(), cwd=ROOT, timeout=600)


def test_checkov_dir_command() -> None:
    proc = _cli("checkov-dir")
    assert proc.returncode == 0 and Path(proc.stdout.strip()) == CHECKS_DIR


def test_checkov_command_only_hds_checks_one_run_per_directory() -> None:
    other = FIXTURES / "terraform" / "aws_backup_vault"
    proc = _cli("checkov", "-d", str(SPLIT_HCL), "-d", str(other), "-o", "json", "--as-of", "2026-11-22")
    assert proc.returncode == 1, proc.stderr[-2000:]
    docs = json_documents(proc.stdout)
    recs = records(proc.stdout)
    assert len(docs) == 2  # each folder scanned by its own Checkov run
    assert recs and all(r["check_id"].startswith("HDS_") for r in recs)
    assert {r["file_abs_path"].split("/fixtures/terraform/")[1].split("/")[0] for r in recs} == {
        "checkov_split_resources", "aws_backup_vault"}


def test_checkov_command_bad_config_is_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("fail_on: sometimes\n")
    proc = _cli("checkov", "--config", str(bad), "-d", str(SPLIT_HCL))
    assert proc.returncode == 2 and "bad.yaml" in proc.stderr and proc.stdout == ""


def test_checkov_command_lines() -> None:
    assert split_directories(["-d", "a", "--quiet", "--directory", "b", "--directory=c"]) == (
        ["a", "b", "c"], ["--quiet"])
    (one,) = checkov_commands(["-d", "infra", "-o", "sarif"], all_checks=False)
    assert one[3:] == ["-d", "infra", "-o", "sarif", "--external-checks-dir", str(CHECKS_DIR), "--skip-download",
                       "--check", "HDS_*", "--framework", "terraform", "terraform_plan"]
    (mine,) = checkov_commands(["--", "-f", "p.json", "--check", "HDS_LOC_001", "--framework", "terraform_plan"],
                               all_checks=False)
    assert mine[3:] == ["-f", "p.json", "--check", "HDS_LOC_001", "--framework", "terraform_plan",
                        "--external-checks-dir", str(CHECKS_DIR), "--skip-download"]
    first, second = checkov_commands(["-d", "a", "-d", "b", "--compact"], all_checks=True)
    assert first[3:] == ["--compact", "-d", "a", "--external-checks-dir", str(CHECKS_DIR), "--skip-download"]
    assert second[3:5] == ["--compact", "-d"] and second[5] == "b"


@pytest.mark.parametrize("mode", ["fork", "none"])
def test_terraform_and_plan_runners_in_one_scan(tmp_path: Path, mode: str) -> None:
    """`-d` over a folder holding both HCL and a plan: two runners, forked (Linux default) or one after
    the other in one process (they then share Checkov's check registry and the HDS narrowing)."""
    shutil.copytree(SPLIT_HCL, tmp_path / "infra")
    shutil.copy(SPLIT_PLAN, tmp_path / "infra" / "plan.json")
    proc = run_checkov(["-d", str(tmp_path / "infra"), "--framework", "terraform", "terraform_plan",
                        "--check", SPLIT_CHECKS, "-o", "json"], CHECKOV_PARALLELIZATION_TYPE=mode)
    by_type = {doc["check_type"]: triples(records(json.dumps(doc))) for doc in json_documents(proc.stdout)}
    assert by_type == {"terraform": {t for t in HCL_EXPECTED if t[2] != "PASSED"},
                       "terraform_plan": {t for t in PLAN_EXPECTED if t[2] != "PASSED"}}
