"""The pre-commit hooks: `hds-policies scan-changed` (in process) and the real `pre-commit try-repo`.

try-repo installs the hook's environment from PyPI into a fresh folder on every call, so those tests
are few; the hds-checkov one installs Checkov (minutes) and is marked `slow`.
The hook repository is a snapshot commit of this checkout (tracked and untracked, non-ignored files),
so uncommitted work is what gets tested.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hds_policies.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                             os.environ.get("PATH", "")]))
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

NON_COMPLIANT = """
provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "records" {
  bucket = "patient-records"
}
"""

COMPLIANT = """
provider "aws" {
  region = "eu-west-3"
}

resource "aws_sqs_queue" "events" {
  name = "hds-events"
}
"""


def _git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert proc.returncode == 0, f"git {' '.join(args)} in {cwd}: {proc.stderr}"
    return proc.stdout


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


# --- scan-changed ------------------------------------------------------------------------------


def test_scan_changed_groups_files_by_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"infra/main.tf": NON_COMPLIANT, "infra/extra.tf": "", "ok/main.tf": COMPLIANT,
                      "package.json": '{"name": "x"}', "broken.json": "{", "README.md": "x"})
    code = cli_main(["scan-changed", "infra/main.tf", "infra/extra.tf", "ok/main.tf", "package.json",
                     "broken.json", "README.md", "--as-of", "2026-11-22", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    report = json.loads(out)
    failed = {(f["rule_id"], f["resource"]["address"], f["resource"]["file"]) for f in report["findings"]
              if f["status"] == "failed"}
    assert ("HDS_LOC_001", "aws_s3_bucket.records", "infra/main.tf") in failed
    assert ("HDS_LOC_002", "provider.aws", "infra/main.tf") in failed
    assert not any(file.startswith("ok/") for _r, _a, file in failed)
    assert report["summary"]["resources"] == 2  # each folder scanned once
    assert "package.json: skipped (JSON but not a Terraform plan)" in err
    assert "broken.json: skipped (not valid JSON)" in err
    assert "README.md: skipped" in err


def test_scan_changed_text_output_shows_activities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"main.tf": NON_COMPLIANT})
    code = cli_main(["scan-changed", str(tmp_path / "main.tf"), "--as-of", "2026-11-22"])
    out = capsys.readouterr().out
    assert code == 1
    assert "== HDS activity 1: Physical sites" in out and "HDS_LOC_001" in out


def test_scan_changed_plans_and_var_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = ROOT / "fixtures" / "plans" / "checkov_split_terraform_show.json"
    _write(tmp_path, {"main.tf": 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n'
                                 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
                      "prod.tfvars": 'region = "eu-west-3"\n', "us.tfvars": 'region = "us-east-2"\n'})
    code = cli_main(["scan-changed", str(plan), str(tmp_path / "prod.tfvars"), str(tmp_path / "us.tfvars"),
                     "--as-of", "2026-11-22", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    located = {(f["rule_id"], f["resource"]["address"], f["status"]) for f in report["findings"]}
    assert ("HDS_TLS_001", "aws_lb_listener.http", "failed") in located  # from the plan
    assert ("HDS_LOC_002", "provider.aws", "failed") in located  # the folder with us.tfvars
    regions = [f["message"] for f in report["findings"] if f["rule_id"] == "HDS_LOC_002"
               and f["resource"]["file"] and f["resource"]["file"].endswith("main.tf")]
    assert len(regions) == 1 and "us-east-2" in regions[0]  # prod.tfvars passes, us.tfvars fails


def test_scan_changed_nothing_to_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"vars/only.tfvars": 'a = 1\n'})
    assert cli_main(["scan-changed", str(tmp_path / "vars/only.tfvars")]) == 0
    captured = capsys.readouterr()
    assert "no .tf files beside the changed .tfvars" in captured.err
    assert "nothing" in captured.out or "no Terraform folder" in captured.out


def test_scan_changed_bad_hcl_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n'})
    assert cli_main(["scan-changed", str(tmp_path / "main.tf")]) == 2
    assert "main.tf" in capsys.readouterr().err


# --- pre-commit try-repo -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding one commit: this checkout as it is on disk."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return repo


def _target(tmp_path: Path, files: dict[str, str]) -> Path:
    target = _write(tmp_path / "target", files)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    return target


def _try_repo(hook_repo: Path, target: Path, hook: str, home: Path) -> subprocess.CompletedProcess:
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "HDS_POLICIES_AS_OF": "2026-11-22"}
    env.pop("PYTHONPATH", None)  # the hook runs from its own environment
    return subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
                          cwd=target, capture_output=True, text=True, env=env, timeout=1800)


def test_hds_scan_hook_fails_on_non_compliant_code(hook_repo: Path, tmp_path: Path) -> None:
    target = _target(tmp_path, {"infra/main.tf": NON_COMPLIANT, "package.json": '{"name": "x"}'})
    proc = _try_repo(hook_repo, target, "hds-scan", tmp_path / "pc-home")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "hds-policies (HDS rules, native scanner)" in out and "Failed" in out
    assert "== HDS activity 1: Physical sites" in out
    assert "HDS_LOC_001" in out and "aws_s3_bucket.records" in out and "infra/main.tf" in out
    assert "package.json: skipped (JSON but not a Terraform plan)" in out


def test_hds_scan_hook_passes_on_compliant_code(hook_repo: Path, tmp_path: Path) -> None:
    target = _target(tmp_path, {"infra/main.tf": COMPLIANT})
    proc = _try_repo(hook_repo, target, "hds-scan", tmp_path / "pc-home")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "hds-policies (HDS rules, native scanner)" in out and "Passed" in out


@pytest.mark.slow
def test_hds_checkov_hook(hook_repo: Path, tmp_path: Path) -> None:
    """Installs Checkov into the hook environment from PyPI: slow."""
    target = _target(tmp_path, {"infra/main.tf": NON_COMPLIANT})
    proc = _try_repo(hook_repo, target, "hds-checkov", tmp_path / "pc-home")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "Check: HDS_LOC_001: \"[HDS" in out and "FAILED for resource: aws_s3_bucket.records" in out
    assert "HDS activities: 1 Physical sites" in out
    assert "CKV_" not in out  # only the HDS checks by default
