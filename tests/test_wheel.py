"""The README's other install path: a wheel built from the clone, installed in a fresh venv, runs
`scan` and `catalog rules` with its data files (catalog JSON, the Checkov checks) — nothing read from
the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hds_policies.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
LOCATION = ROOT / "fixtures" / "plans" / "aws_location.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv holding only the wheel and its dependencies."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"),
                            str(ROOT)], capture_output=True, text=True, env=env, timeout=600)
    if build.returncode != 0:
        pytest.fail(f"wheel build failed: {build.stderr[-2000:]}")
    (wheel,) = (tmp / "dist").glob("hds_policies-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True, timeout=300)
    pip = subprocess.run([str(tmp / "venv" / "bin" / "pip"), "install", "-q", str(wheel)], capture_output=True,
                         text=True, env=env, timeout=600)
    if pip.returncode != 0:
        pytest.fail(f"install failed: {pip.stderr[-2000:]}")
    return tmp / "venv" / "bin"


def _run(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HDS_POLICIES_CONFIG")}
    return subprocess.run([str(installed / "hds-policies"), *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def test_wheel_runs_scan_and_catalog(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, "checkov-dir", cwd=tmp_path).stdout.strip()
    assert str(ROOT) not in where and Path(where, "hds_checks.py").is_file()
    proc = _run(installed, "scan", str(LOCATION), "--as-of", "2026-11-22", "--format", "json", "--check",
                "HDS_LOC_002", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert {(f["rule_id"], f["resource"]["address"]) for f in json.loads(proc.stdout)["findings"]} == {
        ("HDS_LOC_002", "provider.aws"), ("HDS_LOC_002", "provider.aws.us")}
    rules = json.loads(_run(installed, "catalog", "rules", "--format", "json", cwd=tmp_path).stdout)["rules"]
    assert sorted(r["rule_id"] for r in rules) == sorted(load_catalog().rules)
    located = json.loads(_run(installed, "catalog", "locate", "ovh", "GRA", "--format", "json", cwd=tmp_path).stdout)
    assert located["eea"] is True
