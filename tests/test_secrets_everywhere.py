"""No sensitive value leaves, through any frontend or output format, and nothing else changes.

Inputs full of secrets: long ones, a one-letter one ("p"), a number (81), and values derived from them
by lower / upper / format / interpolation:
- fixtures/plans/secrets_in_a_plan.json (plan: after_sensitive marks and sensitive root variables),
- fixtures/terraform/secrets_everywhere (HCL: sensitive variables, sensitive()),
- fixtures/pulumi/secrets_everywhere (Pulumi secrets, derived through apply / format / concat).

Three properties, per frontend and format:
1. hidden: no long secret occurs, in any case, nor JSON-escaped;
2. non-interference: the same input with *other* secret values (same verdicts) gives byte-identical
   output: one-letter and numeric secrets cannot be looked for as text, but no output can depend on them;
3. nothing else changes (plan): each message equals the message of the same plan without marks, with
   `(sensitive)` exactly where a secret (or what it designates: the region's country) stood.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hds_policies.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "fixtures" / "plans" / "secrets_in_a_plan.json"
FOLDER = ROOT / "fixtures" / "terraform" / "secrets_everywhere"
PROGRAM = ROOT / "fixtures" / "pulumi" / "secrets_everywhere"
AS_OF = "2026-11-22"
S = "(sensitive)"

# The values of the fixtures, and other values giving the same verdicts (non-interference).
VALUES = {"region": ("ap-southeast-2", "sa-east-1"), "tenant": ("Tenant-Alpha-Kx7", "Other-Tenant-Q4"),
          "proto": ("tcp", "udp"), "p": ("p", "q"), "port": (81, 82),
          "tls": ("ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2016-08"),
          "literal": ("Literal-Sekret-99", "Another-Literal-77")}
LONG = ("ap-southeast-2", "Australia", "Tenant-Alpha-Kx7", "ELBSecurityPolicy-TLS-1-1-2017-01",
        "Literal-Sekret-99", "Pa55-Kx7!never-in-a-report", "ward7.oncall@hopital-exemple.fr")


def assert_hidden(text: str, secrets: tuple[str, ...] = LONG) -> None:
    low = text.lower()
    for secret in secrets:
        for form in (secret, json.dumps(secret)[1:-1]):
            assert form.lower() not in low, secret  # also lower(), upper(), any case


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


# --- plan -----------------------------------------------------------------------------------------


def _plan_text(variant: int) -> str:
    """The plan with the fixture's secrets (0) or the other values (1), replaced as whole JSON tokens."""
    text = PLAN.read_text(encoding="utf-8")
    if variant == 0:
        return text
    pairs = [("ap-southeast-2", "sa-east-1"), ("Tenant-Alpha-Kx7", "Other-Tenant-Q4"),
             ("tenant-alpha-kx7", "other-tenant-q4"),
             ("ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2016-08"),
             ("Pa55-Kx7!never-in-a-report", "Another-Passw0rd"), ("ward7.oncall@hopital-exemple.fr", "x@y.fr")]
    for old, new in pairs:
        text = text.replace(old, new)
    doc = json.loads(text)
    doc["variables"]["p"]["value"], doc["variables"]["port"]["value"] = "q", 82
    doc["variables"]["proto"]["value"] = "udp"
    for rc in doc["resource_changes"] + doc["planned_values"]["root_module"]["resources"]:
        values = rc["change"]["after"] if "change" in rc else rc["values"]
        for key in ("tags", "tags_all"):
            if isinstance(values.get(key), dict) and "code" in values[key]:
                values[key]["code"] = "q"
        if values.get("port") == 81:
            values["port"] = 82
        if values.get("protocol") == "TCP":
            values["protocol"] = "UDP"
    return json.dumps(doc, indent=2)


def _unmarked_plan() -> str:
    doc = json.loads(PLAN.read_text(encoding="utf-8"))
    for decl in doc["configuration"]["root_module"]["variables"].values():
        decl.pop("sensitive", None)
    for rc in doc["resource_changes"]:
        rc["change"]["after_sensitive"] = {}
    for res in doc["planned_values"]["root_module"]["resources"]:
        res["sensitive_values"] = {}
    return json.dumps(doc)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_plan_scan_hides_secrets(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "plan.json"
    outputs = []
    for variant in (0, 1):
        path.write_text(_plan_text(variant), encoding="utf-8")
        code, out = run_cli(capsys, "scan", str(path), "--format", fmt, "--as-of", AS_OF, "--show-passed")
        assert code == 1, out
        outputs.append(out)
    assert_hidden(outputs[0])
    assert S in outputs[0]
    assert outputs[0] == outputs[1]  # the secret values change nothing in the output


def test_plan_messages_change_only_where_a_secret_stands(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "plan.json"
    path.write_text(_unmarked_plan(), encoding="utf-8")
    _code, plain = run_cli(capsys, "scan", str(path), "--format", "json", "--as-of", AS_OF, "--show-passed")
    path.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    _code, marked = run_cli(capsys, "scan", str(path), "--format", "json", "--as-of", AS_OF, "--show-passed")
    where = {"ap-southeast-2": S, "(Australia)": f"({S})", "ELBSecurityPolicy-TLS-1-1-2017-01": S,
             "(port 81)": f"(port {S})", "forwards TCP traffic": f"forwards {S} traffic"}

    def messages(out: str) -> dict[tuple[str, str], str]:
        return {(f["rule_id"], f["resource"]["address"]): f["message"] for f in json.loads(out)["findings"]}

    expected = {}
    for key, message in messages(plain).items():
        for old, new in where.items():
            message = message.replace(old, new)
        expected[key] = message
    got = messages(marked)
    assert got == expected
    assert sum(S in m for m in got.values()) >= 7  # the secrets did stand in messages


# --- HCL folder (values derived in the HCL evaluator) ------------------------------------------------


def _folder_variant(target: Path, variant: int) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FOLDER, target)
    if variant:
        main_tf = target / "main.tf"
        text = main_tf.read_text(encoding="utf-8")
        for name, (old, new) in VALUES.items():
            if name == "port":
                text = text.replace("default   = 81", "default   = 82")
            elif name == "literal":
                text = text.replace(f'"{old}"', f'"{new}"')
            else:
                text = text.replace(f'default   = "{old}"', f'default   = "{new}"')
        main_tf.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_folder_scan_hides_secrets(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    outputs = []
    for variant in (0, 1):
        folder = _folder_variant(tmp_path / "tf", variant)
        code, out = run_cli(capsys, "scan", str(folder), "--format", fmt, "--as-of", AS_OF, "--show-passed")
        assert code == 1, out
        outputs.append(out)
    assert_hidden(outputs[0])
    assert outputs[0] == outputs[1]


# --- the Checkov wrapper ----------------------------------------------------------------------------


def _checkov(target: list[str], out_dir: Path) -> tuple[int, dict[str, str]]:
    """One Checkov run writing the cli, json, sarif and junitxml reports; {format: text}."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "checkov", "--as-of", AS_OF, *target,
                           "-o", "cli", "-o", "json", "-o", "sarif", "-o", "junitxml",
                           "--output-file-path", str(out_dir)],
                          capture_output=True, text=True, env=env, cwd=out_dir.parent, timeout=300)
    reports = {p.name: p.read_text(encoding="utf-8") for p in sorted(out_dir.iterdir())}
    reports["stdout+stderr"] = proc.stdout + proc.stderr
    return proc.returncode, reports


def test_checkov_wrapper_on_a_folder_hides_secrets(tmp_path: Path):
    runs = []
    for variant in (0, 1):
        _folder_variant(tmp_path / "tf", variant)
        code, reports = _checkov(["-d", "tf"], tmp_path / "out")
        assert code == 1, reports["stdout+stderr"]
        runs.append(reports)
    assert set(runs[0]) >= {"results_cli.txt", "results_json.json", "results_sarif.sarif",
                            "results_junitxml.xml"}
    for name, text in runs[0].items():
        assert_hidden(text)
        assert "Tenant-Alpha" not in text, name
    doc = json.loads(runs[0]["results_json.json"])
    failed = {(c["check_id"], c["resource"]): c for c in doc["results"]["failed_checks"]}
    bucket = failed[("HDS_TLS_004", "aws_s3_bucket.records")]
    assert bucket["entity_tags"] == {"code": S, "literal": S, "note": S, "owner": S}
    assert failed[("HDS_TLS_001", "aws_lb_listener.plain")]["details"][1] == \
        f"Load balancer listener plain serves plain HTTP (port {S}) without redirecting to HTTPS"
    assert failed[("HDS_TLS_002", "aws_lb_listener.tls")]["details"][1] == \
        f"Load balancer listener tls: TLS policy {S} admits TLS versions older than 1.2"
    assert failed[("HDS_LOC_002", "aws.default")]["details"][1] == \
        f"provider provider.aws in {S} ({S}), outside the EEA"
    for name in runs[0]:
        if name != "stdout+stderr":
            assert _without_timestamps(runs[0][name]) == _without_timestamps(runs[1][name]), name


def _without_timestamps(text: str) -> list[str]:
    """The report without run times and in a canonical order (Checkov's record order varies)."""
    import re

    try:
        return [json.dumps(_canonical(json.loads(text)), sort_keys=True)]
    except ValueError:
        pass
    text = re.sub(r'(time|timestamp)="[^"]*"', "", text)
    return sorted(line for line in text.splitlines() if 'name="framework"' not in line)


RUN_DEPENDENT = ("timestamp", "startTimeUtc", "endTimeUtc", "ruleIndex")  # ruleIndex: order of first use


def _canonical(value: object) -> object:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in RUN_DEPENDENT}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def test_checkov_wrapper_on_a_plan_hides_secrets(tmp_path: Path):
    runs = []
    for variant in (0, 1):
        (tmp_path / "plan.json").write_text(_plan_text(variant), encoding="utf-8")
        code, reports = _checkov(["-f", "plan.json", "--framework", "terraform_plan"], tmp_path / "out")
        assert code == 1, reports["stdout+stderr"]
        runs.append(reports)
    for text in runs[0].values():
        assert_hidden(text)
    doc = json.loads(runs[0]["results_json.json"])
    code_lines = "".join(line for c in doc["results"]["failed_checks"] for _n, line in c["code_block"] or [])
    assert f'"{S}"' in code_lines  # Checkov's own code blocks show the placeholder
    for name in runs[0]:
        if name != "stdout+stderr":
            assert _without_timestamps(runs[0][name]) == _without_timestamps(runs[1][name]), name


# --- Pulumi ------------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_pulumi_test_hides_secrets(fmt: str, capsys: pytest.CaptureFixture[str]):
    pytest.importorskip("pulumi_aws")
    other = ["-c", "secretRegion=sa-east-1", "-c", "tenant=Other-Tenant-Q4", "-c", "proto=udp", "-c", "letter=q",
             "-c", "port=82", "-c", "tls=ELBSecurityPolicy-2016-08"]
    outputs = []
    for extra in ([], other):
        code, out = run_cli(capsys, "pulumi-test", str(PROGRAM), "--format", fmt, "--as-of", AS_OF,
                            "-c", "aws:region=eu-west-3", *extra)
        assert code == 1, out
        outputs.append(out)
    assert_hidden(outputs[0])
    assert f"Load balancer listener plain serves plain HTTP (port {S}) without redirecting to HTTPS" in outputs[0]
    assert outputs[0] == outputs[1]
