"""The README's pre-commit snippets, as written there, run with the real `pre-commit`: the remote hook
pinned to a commit sha (the README's placeholder replaced by this checkout's snapshot commit) and the
`repo: local` hook calling the installed `hds-policies`."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_precommit import COMPLIANT, GIT_ENV, NON_COMPLIANT, PRE_COMMIT, _git, _target, hook_repo  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_URL = "https://github.com/<owner>/hds-policies"
PLACEHOLDER_SHA = "0123456789abcdef0123456789abcdef01234567"


def readme_snippets() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## pre-commit hooks"):]
    section = section[:section.index("\n## ", 1)]
    return [block for block in re.findall(r"```yaml\n(.*?)```", section, re.S) if "repos:" in block]


def _run(target: Path, home: Path, extra_path: str = "") -> subprocess.CompletedProcess:
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "HDS_POLICIES_AS_OF": "2026-11-22"}
    env.pop("PYTHONPATH", None)
    if extra_path:
        env["PATH"] = extra_path + os.pathsep + env["PATH"]
    return subprocess.run([PRE_COMMIT, "run", "hds-scan", "--all-files", "--color", "never"], cwd=target,
                          capture_output=True, text=True, env=env, timeout=1800)


def test_readme_has_the_two_snippets() -> None:
    remote, local = readme_snippets()
    assert f"repo: {PLACEHOLDER_URL}" in remote and f"rev: {PLACEHOLDER_SHA}" in remote
    assert "v0.1.0" not in remote
    assert "repo: local" in local and "entry: hds-policies scan-changed" in local


def test_remote_snippet_pinned_to_a_commit(hook_repo: Path, tmp_path: Path) -> None:  # noqa: F811
    remote, _local = readme_snippets()
    sha = _git(hook_repo, "rev-parse", "HEAD").strip()
    config = remote.replace(PLACEHOLDER_URL, str(hook_repo)).replace(PLACEHOLDER_SHA, sha)
    target = _target(tmp_path, {"infra/main.tf": NON_COMPLIANT, ".pre-commit-config.yaml": config})
    proc = _run(target, tmp_path / "pc-home")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "HDS_LOC_001" in out and "aws_s3_bucket.records" in out and "infra/main.tf" in out


def test_local_snippet(tmp_path: Path) -> None:
    _remote, local = readme_snippets()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "hds-policies"  # hds-policies as installed: this checkout, run by this interpreter
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m hds_policies.cli "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    bad = _target(tmp_path / "bad", {"infra/main.tf": NON_COMPLIANT, ".pre-commit-config.yaml": local})
    proc = _run(bad, tmp_path / "pc-home", str(bin_dir))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "HDS_LOC_001" in out and "aws_s3_bucket.records" in out
    good = _target(tmp_path / "good", {"infra/main.tf": COMPLIANT, ".pre-commit-config.yaml": local})
    proc = _run(good, tmp_path / "pc-home", str(bin_dir))
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
