"""Values marked sensitive in a plan never reach any output, even where a rule message names them.

fixtures/plans/aws_sensitive.json: the provider region comes from a sensitive root variable (so the
LOC_001 / LOC_002 messages would name it), an HTTPS listener's ssl_policy from another (named by
HDS_TLS_002), a DB password and a tag value are marked in after_sensitive.
The real CLI runs in a subprocess, for every output format, to stdout and to a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"
SENSITIVE_PLAN = PLANS / "aws_sensitive.json"
SECRETS = ("ap-southeast-2", "ELBSecurityPolicy-TLS-1-1-2017-01", "Pa55-Kx7!never-in-a-report",
           "ward7.oncall@hopital-exemple.fr")
EVIDENCE_SECRETS = ("Xq9!vR2#hds-Prod-2026", "dpo.sante@clinique-exemple.fr")
FORMATS = ("text", "json", "sarif")


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def scan(path: Path, fmt: str, *extra: str) -> subprocess.CompletedProcess:
    return run("scan", str(path), "--format", fmt, "--as-of", "2026-11-22", *extra)


def assert_no_secret(text: str, secrets: tuple[str, ...]) -> None:
    for secret in secrets:
        assert secret not in text, secret
        assert json.dumps(secret)[1:-1] not in text, secret  # nor JSON-escaped


def json_findings(fmt: str, out: str) -> list[dict]:
    doc = json.loads(out)
    if fmt == "json":
        return doc["findings"]
    return [{"rule_id": r["ruleId"], "message": r["message"]["text"]} for r in doc["runs"][0]["results"]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("show_passed", [False, True], ids=["default", "show-passed"])
def test_sensitive_values_appear_in_no_output(fmt: str, show_passed: bool):
    proc = scan(SENSITIVE_PLAN, fmt, *(["--show-passed"] if show_passed else []))
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout + proc.stderr, SECRETS)
    # The messages that would have named a secret are there, with the placeholder instead.
    assert "HDS_LOC_002" in proc.stdout and "HDS_TLS_002" in proc.stdout
    assert "provider.aws in (sensitive)" in proc.stdout
    assert "TLS policy (sensitive) admits" in proc.stdout
    if fmt != "text":
        json_findings(fmt, proc.stdout)  # still a valid document


@pytest.mark.parametrize("fmt", FORMATS)
def test_sensitive_values_appear_in_no_output_file(fmt: str, tmp_path: Path):
    out = tmp_path / f"report.{fmt}"
    proc = scan(SENSITIVE_PLAN, fmt, "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "(sensitive)" in text
    assert_no_secret(text + proc.stderr, SECRETS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_sensitive_password_and_tag_of_another_plan(fmt: str):
    proc = scan(PLANS / "aws_evidence.json", fmt, "--show-passed")
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout + proc.stderr, EVIDENCE_SECRETS)


def test_secret_from_one_input_is_scrubbed_from_every_input():
    """Two plans in one scan: a value sensitive in one is scrubbed from the other's messages too."""
    proc = run("scan", str(PLANS / "aws_location.json"), str(SENSITIVE_PLAN), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout, SECRETS)


def _variant(tmp_path: Path, **variables: object) -> Path:
    """The sensitive plan with extra sensitive root variables (and the provider region from one of them)."""
    doc = json.loads(SENSITIVE_PLAN.read_text(encoding="utf-8"))
    for name, value in variables.items():
        doc["variables"][name] = {"value": value}
        doc["configuration"]["root_module"]["variables"][name] = {"sensitive": True}
    if "odd_region" in variables:
        expressions = doc["configuration"]["provider_config"]["aws"]["expressions"]
        expressions["region"] = {"references": ["var.odd_region"]}
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_short_sensitive_value_does_not_break_the_document(fmt: str, tmp_path: Path):
    """A sensitive value such as 1 must not be replaced inside the JSON or SARIF text itself."""
    proc = scan(_variant(tmp_path, replicas=1, flag="true"), fmt)
    assert proc.returncode == 1, proc.stderr
    baseline = scan(SENSITIVE_PLAN, fmt).stdout
    assert [f["rule_id"] for f in json_findings(fmt, proc.stdout)] == [
        f["rule_id"] for f in json_findings(fmt, baseline)]
    if fmt == "json":
        assert json.loads(proc.stdout)["summary"] == json.loads(baseline)["summary"]
    else:
        assert json.loads(proc.stdout)["version"] == "2.1.0"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("secret", ['eu-"west"-1', "o'hara\\region", "zone\ttab"],
                         ids=["quotes", "backslash", "tab"])
def test_secret_with_characters_that_output_formats_escape(fmt: str, secret: str, tmp_path: Path):
    """The region is not in the catalog, so LOC_002 quotes it ({raw!r}); JSON escapes it again."""
    proc = scan(_variant(tmp_path, odd_region=secret), fmt)
    assert proc.returncode in (0, 1), proc.stderr
    assert "HDS_LOC_002" in proc.stdout
    assert_no_secret(proc.stdout + proc.stderr, (secret, repr(secret)[1:-1]))


def test_sensitive_hcl_variable_appears_in_no_output(tmp_path: Path):
    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text(
        'variable "region" {\n  type      = string\n  default   = "ap-southeast-2"\n  sensitive = true\n}\n\n'
        'provider "aws" {\n  region = var.region\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
        encoding="utf-8")
    proc = scan(folder, "json")
    assert proc.returncode == 1, proc.stderr
    assert_no_secret(proc.stdout, ("ap-southeast-2",))
