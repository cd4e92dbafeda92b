"""The `hds-policies` command line, run for real in a subprocess: exit codes, the JSON contract of
design.md, --output, the catalog commands, and one-line errors (exit 2, no traceback) on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hds_policies import __version__
from hds_policies.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"
HCL = ROOT / "fixtures" / "terraform"
LOCATION = PLANS / "aws_location.json"
EVIDENCE = PLANS / "aws_evidence.json"  # high and medium failures, none critical
AS_OF = "2026-11-22"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def scan(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run("scan", *args, "--as-of", AS_OF, cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def clean_hcl(tmp_path: Path) -> Path:
    """A configuration with nothing to report: a KMS key in Paris."""
    write(tmp_path / "clean" / "main.tf", 'provider "aws" {\n  region = "eu-west-3"\n}\n\n'
          'resource "aws_kms_key" "k" {\n  description = "k"\n}\n')
    return tmp_path / "clean"


# --- version, exit codes --------------------------------------------------------------------


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"hds-policies {__version__}"


def test_no_command_is_usage_error():
    assert run().returncode == 2


def test_exit_0_when_nothing_fails(clean_hcl: Path):
    proc = scan(clean_hcl)
    assert proc.returncode == 0, proc.stderr
    assert "No HDS findings." in proc.stdout
    assert proc.stderr == ""


def test_exit_1_when_something_fails():
    proc = scan(LOCATION)
    assert proc.returncode == 1, proc.stderr
    assert "HDS_LOC_001" in proc.stdout
    assert proc.stderr == ""


@pytest.mark.parametrize(("fail_on", "code"), [("critical", 0), ("high", 1), ("medium", 1), ("low", 1),
                                               ("info", 1)])
def test_fail_on_threshold(fail_on: str, code: int):
    assert scan(EVIDENCE, "--fail-on", fail_on).returncode == code


def test_fail_on_from_settings_and_flag_overrides_it(tmp_path: Path):
    config = write(tmp_path / "hds-policies.yaml", "fail_on: critical\n")
    assert scan(EVIDENCE, "--config", config).returncode == 0
    assert scan(EVIDENCE, "--config", config, "--fail-on", "high").returncode == 1
    assert scan(LOCATION, "--config", config).returncode == 1  # critical location failures


def test_unknown_only_does_not_fail(tmp_path: Path):
    config = write(tmp_path / "only-tls2.yaml", "rules:\n  enabled: [HDS_TLS_002]\n  disabled: []\n")
    proc = scan(EVIDENCE, "--config", config, "--format", "json", "--fail-on", "critical")
    statuses = {f["status"] for f in json.loads(proc.stdout)["findings"]}
    assert statuses == {"failed", "unknown"}
    assert proc.returncode == 0


def test_bad_usage_is_exit_2():
    assert run("scan").returncode == 2
    assert scan(LOCATION, "--format", "xml").returncode == 2
    assert scan(LOCATION, "--fail-on", "fatal").returncode == 2
    assert run("scan", LOCATION, "--as-of", "22/11/2026").returncode == 2


# --- the JSON contract ----------------------------------------------------------------------


FINDING_KEYS = {"rule_id", "family", "severity", "status", "resource", "activities", "basis", "message",
                "remediation"}
RESOURCE_KEYS = {"address", "type", "name", "provider", "file", "line"}
FAMILIES = {"location", "encryption_at_rest", "encryption_in_transit", "backup_immutability",
            "provider_certification"}
SEVERITIES = {"critical", "high", "medium", "low", "info"}


@pytest.mark.parametrize("target", [LOCATION, HCL / "demo_noncompliant"], ids=["plan", "hcl"])
def test_json_output_matches_the_contract(target: Path):
    proc = scan(target, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"tool", "as_of", "findings", "summary"}
    assert doc["tool"] == {"name": "hds-policies", "version": __version__}
    assert doc["as_of"] == AS_OF
    # "skipped" counts #checkov:skip suppressions (design.md's example shows the other three).
    assert set(doc["summary"]) == {"resources", "failed", "unknown", "skipped", "modules_not_followed"}
    assert all(isinstance(v, int) for v in doc["summary"].values())
    assert doc["findings"]
    for f in doc["findings"]:
        assert set(f) == FINDING_KEYS, f
        assert set(f["resource"]) == RESOURCE_KEYS
        assert f["status"] in ("failed", "unknown")
        assert f["family"] in FAMILIES and f["severity"] in SEVERITIES
        assert f["rule_id"].startswith("HDS_") and f["message"] and f["remediation"] and f["basis"]
        assert all(isinstance(a, int) and 1 <= a <= 6 for a in f["activities"])
    summary = doc["summary"]
    assert summary["failed"] == sum(f["status"] == "failed" for f in doc["findings"])
    assert summary["unknown"] == sum(f["status"] == "unknown" for f in doc["findings"])


def test_json_finding_of_a_plan_resource():
    doc = json.loads(scan(LOCATION, "--format", "json").stdout)
    found = [f for f in doc["findings"] if f["rule_id"] == "HDS_LOC_001"
             and f["resource"]["address"] == "module.store.aws_s3_bucket.this"]
    assert len(found) == 1
    f = found[0]
    assert f["resource"] == {"address": "module.store.aws_s3_bucket.this", "type": "aws_s3_bucket",
                             "name": "this", "provider": "aws", "file": str(LOCATION), "line": None}
    assert (f["family"], f["severity"], f["status"]) == ("location", "critical", "failed")
    assert 1 in f["activities"] and f["basis"] == ["HDS référentiel v2 EXI 28"]


def test_json_summary_counts_resources_of_every_path():
    one = json.loads(scan(LOCATION, "--format", "json").stdout)["summary"]
    two = json.loads(run("scan", LOCATION, EVIDENCE, "--format", "json", "--as-of", AS_OF).stdout)["summary"]
    other = json.loads(scan(EVIDENCE, "--format", "json").stdout)["summary"]
    assert two == {k: one[k] + other[k] for k in one}


def test_paths_after_options_are_paths_too():
    before = run("scan", LOCATION, EVIDENCE, "--format", "json", "--as-of", AS_OF)
    after = run("scan", LOCATION, "--format", "json", EVIDENCE, "--as-of", AS_OF)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) and before.returncode == 1
    assert {f["resource"]["file"] for f in json.loads(after.stdout)["findings"]} >= {str(EVIDENCE)}
    bad = run("scan", LOCATION, "--format", "json", "--bogus", EVIDENCE)
    assert bad.returncode == 2 and "unrecognized arguments: --bogus" in bad.stderr


def test_show_passed_adds_passed_findings():
    doc = json.loads(scan(LOCATION, "--format", "json", "--show-passed").stdout)
    assert "passed" in {f["status"] for f in doc["findings"]}


# --- --output -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_writes_the_file_not_stdout(tmp_path: Path, fmt: str):
    out = tmp_path / f"report.{fmt}"
    proc = scan(LOCATION, "--format", fmt, "--output", out)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "HDS_LOC_001" in text
    if fmt != "text":
        json.loads(text)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_output_file_gets_the_usual_permissions(tmp_path: Path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    out = tmp_path / "report.txt"
    assert scan(LOCATION, "--output", out).returncode == 1
    assert out.stat().st_mode == plain.stat().st_mode  # not mkstemp's 0600


def test_output_on_error_writes_nothing(tmp_path: Path):
    out = tmp_path / "report.json"
    proc = scan(tmp_path / "missing.json", "--format", "json", "--output", out)
    assert proc.returncode == 2
    assert not out.exists()
    write(out, "previous report\n")
    assert scan(LOCATION, "--config", tmp_path / "nope.yaml", "--output", out).returncode == 2
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path: Path):
    proc = scan(LOCATION, "--output", tmp_path / "no" / "such" / "report.txt")
    assert_one_line_error(proc, "report.txt", "cannot write")


# --- catalog --------------------------------------------------------------------------------


def test_catalog_activities_text_and_json():
    text = run("catalog", "activities")
    assert text.returncode == 0
    assert text.stdout.splitlines()[0].startswith("1  ")
    assert "source:" in text.stdout
    fr = run("catalog", "activities", "--lang", "fr")
    assert fr.stdout != text.stdout
    doc = json.loads(run("catalog", "activities", "--format", "json").stdout)
    assert [a["number"] for a in doc["activities"]] == [1, 2, 3, 4, 5, 6]
    assert {"source", "as_of"} <= set(doc)


def test_catalog_providers_text_and_json():
    text = run("catalog", "providers")
    assert text.returncode == 0 and "aws" in text.stdout and "hcloud" in text.stdout
    doc = json.loads(run("catalog", "providers", "--provider", "ovh", "--format", "json").stdout)
    assert list(doc["providers"]) == ["ovh"]
    assert doc["providers"]["ovh"]["status"] in ("certified", "not_certified", "unverified")
    # Pulumi package and Terraform source names find the provider too.
    assert list(json.loads(run("catalog", "providers", "--provider", "azure-native", "--format", "json")
                           .stdout)["providers"]) == ["azure"]


def test_catalog_regions_text_and_json():
    text = run("catalog", "regions", "--provider", "aws")
    assert text.returncode == 0
    assert text.stdout.startswith("== aws (source:")
    assert "eu-west-3" in text.stdout
    doc = json.loads(run("catalog", "regions", "--provider", "gcp", "--format", "json").stdout)
    assert list(doc["regions"]) == ["gcp"]
    assert doc["regions"]["gcp"]["regions"]["europe-west9"]["eea"] is True
    everything = json.loads(run("catalog", "regions", "--format", "json").stdout)
    assert {"aws", "azure", "gcp", "ovh"} <= set(everything["regions"])


def test_catalog_rules_text_and_json_list_every_rule():
    text = run("catalog", "rules")
    assert text.returncode == 0
    doc = json.loads(run("catalog", "rules", "--format", "json").stdout)
    assert set(doc) == {"rules"}
    for r in doc["rules"]:
        assert set(r) == {"rule_id", "family", "title", "severity", "activities", "basis", "resource_types"}
        assert r["rule_id"] in text.stdout
    listed = {r["rule_id"] for r in doc["rules"]}
    assert set(RULES) <= listed, sorted(set(RULES) - listed)


LOCATE_KEYS = {"provider", "input", "region", "country", "eea", "source"}


@pytest.mark.parametrize(("provider", "region", "eea"), [
    ("aws", "eu-west-3", True), ("aws", "us-east-1", False), ("gcp", "europe-west9", True),
    ("azure-native", "francecentral", True), ("azurerm", "France Central", True),
    ("google", "us-central1", False),
])
def test_catalog_locate_json(provider: str, region: str, eea: bool):
    proc = run("catalog", "locate", provider, region, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == LOCATE_KEYS
    assert (doc["provider"], doc["input"], doc["eea"]) == (provider, region, eea)
    assert doc["country"] and doc["region"] and doc["source"]


def test_catalog_locate_unknown_region_is_null_not_an_error():
    proc = run("catalog", "locate", "aws", "mars-north-1", "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"provider": "aws", "input": "mars-north-1", "region": None,
                                       "country": None, "eea": None, "source": None}
    text = run("catalog", "locate", "aws", "mars-north-1")
    assert text.returncode == 0 and "unknown" in text.stdout


def test_catalog_locate_text():
    proc = run("catalog", "locate", "aws", "us-east-1")
    assert proc.returncode == 0
    assert "OUTSIDE the EEA" in proc.stdout.splitlines()[0]


def test_catalog_with_a_settings_file_applies_its_overrides(tmp_path: Path):
    """--config takes the same file as scan: a settings file, overrides under providers/regions."""
    config = write(tmp_path / "hds-policies.yaml", "allowed_regions:\n  aws: [us-east-1]\n"
                   "providers:\n  aws:\n    confidence: low\n"
                   "regions:\n  aws:\n    regions:\n      eu-mars-1: {country: FR, eea: true}\n")
    doc = json.loads(run("catalog", "providers", "--provider", "aws", "--format", "json",
                         "--config", config).stdout)
    assert doc["providers"]["aws"]["confidence"] == "low"
    located = json.loads(run("catalog", "locate", "aws", "eu-mars-1", "--format", "json",
                             "--config", config).stdout)
    assert (located["country"], located["eea"]) == ("FR", True)


# --- bad input: exit 2, one line naming the file (or key) and the reason ------------------------


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("hds-policies: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert proc.stdout == ""
    return lines[0]


def test_malformed_hcl_folder(tmp_path: Path):
    write(tmp_path / "bad" / "main.tf", 'resource "aws_s3_bucket" "x" {\n  bucket = \n')
    assert_one_line_error(scan(tmp_path / "bad"), "main.tf", "malformed HCL")


def test_folder_without_tf_files(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    assert_one_line_error(scan(tmp_path / "empty"), "empty", "no .tf files")


def test_json_that_is_not_a_plan(tmp_path: Path):
    path = write(tmp_path / "package.json", '{"name": "web", "version": "1.0.0"}')
    assert_one_line_error(scan(path), "package.json", "not a Terraform plan")


def test_invalid_json(tmp_path: Path):
    path = write(tmp_path / "plan.json", '{"format_version": "1.2",')
    assert_one_line_error(scan(path), "plan.json", "not valid JSON")


def test_plan_with_format_version_2(tmp_path: Path):
    doc = json.loads(LOCATION.read_text(encoding="utf-8"))
    doc["format_version"] = "2.0"
    path = write(tmp_path / "future.json", json.dumps(doc))
    assert_one_line_error(scan(path), "future.json", "unsupported plan format_version 2.0")


def test_malformed_plan(tmp_path: Path):
    doc = json.loads(LOCATION.read_text(encoding="utf-8"))
    doc["configuration"]["root_module"]["resources"] = [{"mode": "managed"}]
    path = write(tmp_path / "broken.json", json.dumps(doc))
    assert_one_line_error(scan(path), "broken.json", "malformed plan JSON")


def test_nonexistent_path(tmp_path: Path):
    assert_one_line_error(scan(tmp_path / "nowhere"), "nowhere", "no such file or folder")


def test_txt_file(tmp_path: Path):
    path = write(tmp_path / "notes.txt", "hello\n")
    assert_one_line_error(scan(path), "notes.txt", "not a Terraform folder or a plan JSON file")


def test_a_tf_file_instead_of_its_folder():
    assert_one_line_error(scan(HCL / "demo_noncompliant" / "main.tf"), "main.tf", "pass the folder")


@pytest.mark.parametrize(("content", "needles"), [
    ("frobnicate: 1\n", ("frobnicate", "unknown key")),
    ("expiry_warning_days: ninety\n", ("expiry_warning_days", "expected an integer")),
    ("require_customer_managed_keys: yes please\n",
     ("require_customer_managed_keys", "expected true or false")),
    ("as_of: 2026-13-01\n", ("as_of", "'2026-13-01' is not a date")),
    ('as_of: "22/11/2026"\n', ("as_of", "is not a date")),
    ("rules:\n  disabled: [HDS_NOPE_999]\n", ("rules.disabled", "unknown rule id 'HDS_NOPE_999'")),
    ("severity_overrides:\n  HDS_LOC_001: fatal\n", ("severity_overrides.HDS_LOC_001", "not one of")),
    ("allowed_regions:\n  nocloud: [x]\n", ("allowed_regions.nocloud", "unknown provider")),
    ("providers:\n  aws:\n    status: gold\n", ("providers.aws.status", "'gold' is not one of")),
    ("providers:\n  newcloud:\n    name: New Cloud\n",
     ("providers.newcloud", "is required for a new provider")),
    ("regions:\n  nowhere:\n    regions: {}\n", ("regions.nowhere", "unknown provider family")),
    ("a: [1,\n", ("not valid YAML",)),
    ("- just\n- a list\n", ("expected a mapping",)),
], ids=["unknown-key", "wrong-type", "wrong-bool", "impossible-date", "bad-date", "unknown-rule",
        "bad-severity", "unknown-provider", "bad-status", "new-provider-incomplete", "unknown-family",
        "invalid-yaml", "not-a-mapping"])
def test_bad_settings_file(tmp_path: Path, content: str, needles: tuple[str, ...]):
    config = write(tmp_path / "hds-policies.yaml", content)
    assert_one_line_error(scan(LOCATION, "--config", config), "hds-policies.yaml", *needles)


def test_bad_overrides_file_for_catalog(tmp_path: Path):
    config = write(tmp_path / "overrides.yaml", "providers:\n  aws:\n    status: gold\n")
    assert_one_line_error(run("catalog", "providers", "--config", config), "overrides.yaml",
                          "providers.aws.status", "'gold' is not one of")


def test_settings_file_missing(tmp_path: Path):
    assert_one_line_error(scan(LOCATION, "--config", tmp_path / "nope.yaml"), "nope.yaml", "cannot read")


def test_settings_file_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("as_of: 2026-11-22 # é\n".encode("latin-1"))
    assert_one_line_error(scan(LOCATION, "--config", path), "latin1.yaml", "cannot read")


def test_var_file_missing_for_a_folder_and_for_a_plan(tmp_path: Path):
    for target in (HCL / "demo_noncompliant", LOCATION):
        assert_one_line_error(scan(target, "--var-file", tmp_path / "prod.tfvars"), "prod.tfvars",
                              "var file not found")


def test_catalog_usage_errors():
    assert_one_line_error(run("catalog", "locate", "aws"), "PROVIDER REGION")
    assert_one_line_error(run("catalog", "locate", "nocloud", "eu-west-3"), "unknown provider 'nocloud'")
    assert_one_line_error(run("catalog", "rules", "extra"), "no positional arguments")
    assert_one_line_error(run("catalog", "providers", "--provider", "nocloud"), "unknown provider")


def test_output_into_a_pipe_writes_into_it_and_keeps_it(tmp_path):
    """--output /dev/null or a FIFO must be written into, never replaced by a regular file."""
    import stat
    import threading

    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    scan = subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan",
                           str(ROOT / "fixtures/terraform/demo_noncompliant"), "--format", "json",
                           "--output", str(fifo)], capture_output=True, text=True)
    reader.join(timeout=30)
    assert scan.returncode == 1, scan.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert '"rule_id": "HDS_LOC_001"' in received[0]
