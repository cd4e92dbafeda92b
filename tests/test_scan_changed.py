"""`scan-changed` is `scan` over the roots its changed files stand for: the same reports, byte for byte.

A repository of three roots (one calling local modules through an aliased provider, one plainly
non-compliant, one full of sensitive values) and a plan with sensitive marks; from the repository root,
`scan-changed` over changed files (a module's file, a root's file, the plan, a file it skips) against
`scan . PLAN`, which scans every root below `.`. Files are relative to the current folder in both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hds_policies.cli import main

ROOT = Path(__file__).resolve().parents[1]
TF = ROOT / "fixtures" / "terraform"
AS_OF = "2026-11-22"
SECRETS = ("ap-southeast-2", "Tenant-Alpha-Kx7", "Literal-Sekret-99", "Pa55-Kx7!never-in-a-report")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(TF / "aws_modules", tmp_path / "platform")
    shutil.copytree(TF / "demo_noncompliant", tmp_path / "edge")
    shutil.copytree(TF / "secrets_everywhere", tmp_path / "vault")
    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "fixtures" / "plans" / "secrets_in_a_plan.json", tmp_path / "plans" / "plan.json")
    (tmp_path / "README.md").write_text("# infra\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HDS_POLICIES_CONFIG", raising=False)
    monkeypatch.delenv("HDS_POLICIES_AS_OF", raising=False)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([*args, "--as-of", AS_OF])
    return code, capsys.readouterr().out


CHANGED = ["platform/modules/store/main.tf", "edge/main.tf", "vault/main.tf", "plans/plan.json", "README.md"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_scan_changed_reports_what_scan_reports_on_the_same_roots(repo: Path, fmt: str,
                                                                   capsys: pytest.CaptureFixture[str]):
    changed_code, changed = _run(capsys, "scan-changed", *CHANGED, "--format", fmt, "--show-passed")
    scan_code, scanned = _run(capsys, "scan", ".", "plans/plan.json", "--format", fmt, "--show-passed")
    assert (changed_code, changed) == (scan_code, scanned)
    assert changed_code == 1
    for secret in SECRETS:
        assert secret.lower() not in changed.lower()
    if fmt == "json":
        report = json.loads(changed)
        files = {f["resource"]["file"] for f in report["findings"]}
        # the module's change scanned through its caller, with the caller's (Tokyo) provider
        assert {"platform/main.tf", "platform/modules/store/main.tf", "edge/main.tf", "vault/main.tf"} <= files
        assert any(f["rule_id"] == "HDS_LOC_001" and f["status"] == "failed"
                   and f["resource"]["address"].startswith("module.store.") for f in report["findings"])


def test_scan_changed_with_a_var_file_is_scan_with_that_var_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]):
    (tmp_path / "main.tf").write_text('variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n'
                                      'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', encoding="utf-8")
    (tmp_path / "us.tfvars").write_text('region = "us-east-2"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    changed_code, changed = _run(capsys, "scan-changed", "us.tfvars", "--format", "json")
    scan_code, scanned = _run(capsys, "scan", ".", "--var-file", "us.tfvars", "--format", "json")
    assert (changed_code, json.loads(changed)) == (scan_code, json.loads(scanned))
    assert {(f["rule_id"], f["status"]) for f in json.loads(changed)["findings"]} >= {("HDS_LOC_001", "failed")}


def test_scan_changed_takes_the_formats_that_need_the_inventory(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]):
    """The reviewer report (markdown: findings by activity and the data-location inventory), as `scan` gives it."""
    monkeypatch.chdir(repo / "platform")
    changed_code, changed = _run(capsys, "scan-changed", "modules/store/main.tf", "--format", "markdown")
    scan_code, scanned = _run(capsys, "scan", ".", "--format", "markdown")
    assert (changed_code, changed) == (scan_code, scanned)
    assert changed_code == 1 and "ap-northeast-1" in changed
