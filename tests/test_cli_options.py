"""CI habits on the command line: --soft-fail, --fail-on none, --check/--skip-check, settings discovery,
several outputs in one run, the `github` format, text for people (wrap, colour, compact), progress, --help."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hds_policies.catalog import load_catalog
from hds_policies.cli.progress import Progress
from hds_policies.report.github import escape_data, escape_property
from hds_policies.settings_discovery import find_settings

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"
LOCATION = PLANS / "aws_location.json"  # HDS_LOC_001 (critical), HDS_LOC_002 (high), HDS_TLS_004 (medium) failures
AS_OF = "2026-11-22"

NON_COMPLIANT = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "records" {\n' \
                '  bucket = "patient-records"\n}\n'
LOC_001 = {"aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]", "aws_s3_bucket.us", "module.store.aws_s3_bucket.this"}
LOC_002 = {"provider.aws", "provider.aws.us"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("HDS_POLICIES_CONFIG", "NO_COLOR", "FORCE_COLOR", "HDS_POLICIES_PROGRESS")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def run(*args: object, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *map(str, args)], capture_output=True,
                          text=True, env=_env(**env), cwd=cwd, timeout=300)


def failed(proc: subprocess.CompletedProcess) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["resource"]["address"]) for f in json.loads(proc.stdout)["findings"]
            if f["status"] == "failed"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- failing ---------------------------------------------------------------------------------------


def test_soft_fail_reports_and_exits_0() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--soft-fail")
    assert proc.returncode == 0
    assert {("HDS_LOC_001", a) for a in LOC_001} <= failed(proc)


def test_soft_fail_keeps_exit_2_for_bad_input(tmp_path: Path) -> None:
    assert run("scan", tmp_path / "missing", "--soft-fail").returncode == 2


@pytest.mark.parametrize(("fail_on", "code"), [("none", 0), ("critical", 1)])
def test_fail_on_none(fail_on: str, code: int) -> None:
    assert run("scan", LOCATION, "--as-of", AS_OF, "--fail-on", fail_on).returncode == code


def test_fail_on_none_in_the_settings_file(tmp_path: Path) -> None:
    config = write(tmp_path / "s.yaml", "fail_on: none\n")
    assert run("scan", LOCATION, "--as-of", AS_OF, "--config", config).returncode == 0


def test_scan_changed_soft_fail(tmp_path: Path) -> None:
    main_tf = write(tmp_path / "infra" / "main.tf", NON_COMPLIANT)
    assert run("scan-changed", main_tf, "--as-of", AS_OF).returncode == 1
    assert run("scan-changed", main_tf, "--as-of", AS_OF, "--soft-fail").returncode == 0
    assert run("scan-changed", main_tf, "--as-of", AS_OF, "--fail-on", "none").returncode == 0


# --- --check / --skip-check ----------------------------------------------------------------------------


def test_check_by_glob_keeps_only_those_rules() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--check", "HDS_LOC_*")
    assert proc.returncode == 1
    assert failed(proc) == {("HDS_LOC_001", a) for a in LOC_001} | {("HDS_LOC_002", a) for a in LOC_002}


def test_check_by_family_and_id_in_one_list() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--check", "encryption_in_transit,HDS_LOC_002")
    rules = {r for r, _a in failed(proc)}
    assert rules == {"HDS_TLS_004", "HDS_LOC_002"}


def test_skip_check_removes_rules_and_changes_the_exit_code() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--fail-on", "high",
               "--skip-check", "location")
    assert {r for r, _a in failed(proc)} == {"HDS_TLS_004"}  # medium only
    assert proc.returncode == 0


def test_check_and_skip_check_together() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--check", "HDS_LOC_*",
               "--skip-check", "hds_loc_001")
    assert failed(proc) == {("HDS_LOC_002", a) for a in LOC_002}


def test_unknown_ids_are_exit_2_naming_them() -> None:
    proc = run("scan", LOCATION, "--check", "HDS_LOC_001,HDS_NOPE_9", "--check", "nofamily")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == ["hds-policies: error: --check: unknown rule id or family: HDS_NOPE_9, "
                                        "nofamily (see `hds-policies catalog rules`)"]
    proc = run("scan", LOCATION, "--skip-check", "HDS_ZZ_*")
    assert proc.returncode == 2 and "--skip-check: unknown rule id or family: HDS_ZZ_*" in proc.stderr


def test_scan_changed_check(tmp_path: Path) -> None:
    main_tf = write(tmp_path / "infra" / "main.tf", NON_COMPLIANT)
    proc = run("scan-changed", main_tf, "--as-of", AS_OF, "--format", "json", "--check", "HDS_LOC_002")
    assert failed(proc) == {("HDS_LOC_002", "provider.aws")}


# --- settings discovery ----------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a settings file at its root that switches HDS_TLS_004 off, and a sub-folder."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / ".hds-policies.yaml", "rules:\n  disabled: [HDS_TLS_004]\n")
    (tmp_path / "repo" / "infra" / "prod").mkdir(parents=True)
    return tmp_path / "repo"


def test_find_settings_order(repo: Path, tmp_path: Path) -> None:
    sub = repo / "infra" / "prod"
    assert find_settings(start=sub, environ={}) == repo / ".hds-policies.yaml"
    write(sub / ".hds-policies.yaml", "fail_on: high\n")
    assert find_settings(start=sub, environ={}) == sub / ".hds-policies.yaml"  # the nearest one
    assert find_settings(start=sub, environ={"HDS_POLICIES_CONFIG": "/x/env.yaml"}) == Path("/x/env.yaml")
    assert find_settings("cli.yaml", start=sub, environ={"HDS_POLICIES_CONFIG": "/x/env.yaml"}) == Path("cli.yaml")


def test_find_settings_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".hds-policies.yaml", "fail_on: high\n")  # above the repository: never used
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "a").mkdir()
    assert find_settings(start=tmp_path / "repo" / "a", environ={}) is None
    (tmp_path / "loose" / "b").mkdir(parents=True)  # outside any repository: only the folder itself
    write(tmp_path / "loose" / ".hds-policies.yaml", "fail_on: high\n")
    assert find_settings(start=tmp_path / "loose" / "b", environ={}) is None
    assert find_settings(start=tmp_path / "loose", environ={}) == tmp_path / "loose" / ".hds-policies.yaml"


def test_scan_discovers_settings_and_env_and_flag_take_precedence(repo: Path) -> None:
    cwd = repo / "infra" / "prod"
    found = failed(run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", cwd=cwd))
    assert "HDS_TLS_004" not in {r for r, _a in found} and "HDS_LOC_001" in {r for r, _a in found}
    env_file = write(repo / "env.yaml", "rules:\n  disabled: [HDS_LOC_001]\n")
    by_env = {r for r, _a in failed(run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", cwd=cwd,
                                        HDS_POLICIES_CONFIG=str(env_file)))}
    assert "HDS_LOC_001" not in by_env and "HDS_TLS_004" in by_env
    flag_file = write(repo / "flag.yaml", "rules:\n  disabled: [HDS_LOC_002]\n")
    by_flag = {r for r, _a in failed(run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--config",
                                         flag_file, cwd=cwd, HDS_POLICIES_CONFIG=str(env_file)))}
    assert "HDS_LOC_002" not in by_flag and {"HDS_LOC_001", "HDS_TLS_004"} <= by_flag


def test_scan_changed_and_catalog_discover_settings(repo: Path) -> None:
    main_tf = write(repo / "infra" / "prod" / "main.tf", NON_COMPLIANT)
    proc = run("scan-changed", main_tf, "--as-of", AS_OF, "--format", "json", cwd=repo / "infra")
    assert {r for r, _a in failed(proc)} == {"HDS_LOC_001", "HDS_LOC_002"}  # HDS_TLS_004 switched off
    write(repo / ".hds-policies.yaml", "regions:\n  aws:\n    regions:\n      eu-mars-1: {country: FR, eea: true}\n")
    located = json.loads(run("catalog", "locate", "aws", "eu-mars-1", "--format", "json", cwd=repo / "infra").stdout)
    assert (located["country"], located["eea"]) == ("FR", True)


def test_a_discovered_bad_settings_file_is_exit_2_naming_it(repo: Path) -> None:
    write(repo / ".hds-policies.yaml", "fail_on: sometimes\n")
    proc = run("scan", LOCATION, cwd=repo)
    assert proc.returncode == 2 and ".hds-policies.yaml" in proc.stderr and "fail_on" in proc.stderr


def test_pulumi_pack_discovers_settings(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pulumi_policy")
    from hds_policies.pulumi.policies import Judge

    monkeypatch.delenv("HDS_POLICIES_CONFIG", raising=False)
    monkeypatch.chdir(repo / "infra")
    assert Judge.from_env().base == {"rules": {"disabled": ["HDS_TLS_004"]}}
    monkeypatch.setenv("HDS_POLICIES_CONFIG", str(write(repo / "env.yaml", "fail_on: high\n")))
    assert Judge.from_env().base == {"fail_on": "high"}


# --- several outputs ---------------------------------------------------------------------------------------


def test_text_on_stdout_and_sarif_and_json_in_files(tmp_path: Path) -> None:
    sarif, report = tmp_path / "results.sarif", tmp_path / "out" / "report.json"
    report.parent.mkdir()
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "text", "--format", f"sarif:{sarif}",
               "--format", f"json:{report}")
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"hds-policies — HDS check as of {AS_OF}")
    doc = json.loads(sarif.read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} == {"HDS_LOC_001", "HDS_LOC_002", "HDS_TLS_004"}
    assert {(f["rule_id"], f["resource"]["address"]) for f in json.loads(report.read_text())["findings"]
            if f["rule_id"] == "HDS_LOC_002"} == {("HDS_LOC_002", a) for a in LOC_002}


def test_output_dir(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    proc = run("scan", LOCATION, "--as-of", AS_OF, "--format", "json", "--format", "sarif", "--format", "github",
               "--output-dir", out)
    assert proc.returncode == 1 and proc.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["hds-policies.github.txt", "hds-policies.json",
                                                    "hds-policies.sarif"]
    json.loads((out / "hds-policies.sarif").read_text())


def test_two_formats_on_stdout_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("scan", LOCATION, "--format", "text", "--format", "json", "--format", f"sarif:{tmp_path / 'x'}")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == ["hds-policies: error: --format text and json would all go to stdout: give "
                                        "all but one a file (--format json:report.json) or use --output-dir"]
    assert not (tmp_path / "x").exists()


def test_bad_input_writes_no_file_of_a_multi_format_run(tmp_path: Path) -> None:
    proc = run("scan", tmp_path / "missing.json", "--format", f"json:{tmp_path / 'a.json'}", "--format",
               f"sarif:{tmp_path / 'a.sarif'}")
    assert proc.returncode == 2
    assert list(tmp_path.iterdir()) == []


# --- the github format ----------------------------------------------------------------------------------------

GITHUB_TF = """variable "region" {}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "x"
  region = var.region
}

resource "aws_s3_bucket" "records" {
  bucket = "patient-records"
}

resource "aws_s3_bucket" "other" {
  provider = aws.x
  bucket   = "other"
}
"""

LOC1_FIX = ("Fix: Deploy the resource in an EEA region (e.g. AWS eu-west-3, Azure francecentral, GCP europe-west9, "
            "OVHcloud GRA/SBG/RBX/EU-WEST-PAR) or, when this region is covered by your own contract, list it under "
            "allowed_regions in the settings file.")
LOC2_FIX = "Fix: Set the provider's region to an EEA region; resources without their own region argument inherit it."
GITHUB_GOLDEN = "\n".join([
    "::warning file=infra%3Aeu%2C1/main.tf,line=16,title=HDS_LOC_001 (unknown) aws_s3_bucket.other::S3 bucket "
    "other: region cannot be determined from the code (var.region)%0AHDS activities 1,2,3; basis: HDS référentiel "
    f"v2 EXI 28%0A{LOC1_FIX}",
    "::error file=infra%3Aeu%2C1/main.tf,line=12,title=HDS_LOC_001 (critical) aws_s3_bucket.records::S3 bucket "
    f"records in us-east-1 (United States), outside the EEA%0AHDS activities 1,2,3; basis: HDS référentiel v2 EXI 28"
    f"%0A{LOC1_FIX}",
    "::error file=infra%3Aeu%2C1/main.tf,line=3,title=HDS_LOC_002 (high) provider.aws::provider provider.aws in "
    f"us-east-1 (United States), outside the EEA%0AHDS activities 1,2; basis: HDS référentiel v2 EXI 28%0A{LOC2_FIX}",
    "::warning file=infra%3Aeu%2C1/main.tf,line=7,title=HDS_LOC_002 (unknown) provider.aws.x::provider "
    "provider.aws.x: region cannot be determined from the code (var.region)%0AHDS activities 1,2; basis: HDS "
    f"référentiel v2 EXI 28%0A{LOC2_FIX}",
    "hds-policies (as of 2026-11-22): 2 resources checked: 2 failed, 2 unknown, 0 skipped",
    "",
])


def test_github_format_golden(tmp_path: Path) -> None:
    """Paths from the current folder (the checkout in Actions), ':' and ',' escaped in properties."""
    write(tmp_path / "infra:eu,1" / "main.tf", GITHUB_TF)
    proc = run("scan", "infra:eu,1", "--as-of", AS_OF, "--format", "github", "--check", "location", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == GITHUB_GOLDEN


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


# --- text for people ----------------------------------------------------------------------------------------


def test_long_french_labels_are_wrapped_not_cut() -> None:
    proc = run("scan", LOCATION, "--as-of", AS_OF)
    lines = proc.stdout.splitlines()
    catalog = load_catalog()
    for number in (1, 2, 3):
        start = next(i for i, line in enumerate(lines) if line.startswith(f"== HDS activity {number}:"))
        block = []  # the heading: its first line and the continuation lines up to the first finding
        for line in lines[start:]:
            if line.startswith("  ["):
                break
            block.append(line)
        assert all(len(line) <= 100 for line in block)
        joined = " ".join(line.strip() for line in block)
        act = catalog.activities[number]
        assert joined == f"== HDS activity {number}: {act['en']} — {act['fr']}"


def test_no_colour_when_piped_colour_with_force_color_never_with_no_color() -> None:
    args = ("scan", LOCATION, "--as-of", AS_OF, "--check", "HDS_LOC_002")
    assert "\x1b[" not in run(*args).stdout
    coloured = run(*args, FORCE_COLOR="1").stdout
    assert "\x1b[1;31m[FAIL]\x1b[0m HIGH     HDS_LOC_002  provider.aws" in coloured
    assert "\x1b[" not in run(*args, FORCE_COLOR="1", NO_COLOR="1").stdout


def test_colour_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan", str(LOCATION), "--as-of", AS_OF,
                               "--check", "HDS_LOC_002", "--compact"], stdout=follower, stderr=subprocess.PIPE,
                              env=_env(), timeout=120)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
    assert proc.returncode == 1
    assert b"\x1b[1;31m[FAIL]\x1b[0m HIGH HDS_LOC_002 provider.aws (" in out
    no_color = subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan", str(LOCATION), "--as-of", AS_OF],
                              stdout=subprocess.PIPE, env=_env(NO_COLOR="1"), timeout=120)
    assert b"\x1b[" not in no_color.stdout


def test_compact_is_one_line_a_finding() -> None:
    where = os.path.relpath(LOCATION, ROOT)
    proc = run("scan", where, "--as-of", AS_OF, "--compact", "--check", "HDS_LOC_002")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"[FAIL] HIGH HDS_LOC_002 provider.aws ({where}): provider provider.aws in ap-northeast-1 (Japan), "
        "outside the EEA",
        f"[FAIL] HIGH HDS_LOC_002 provider.aws.us ({where}): provider provider.aws.us in us-east-1 (United States), "
        "outside the EEA",
        "12 resources checked: 2 failed, 0 unknown, 0 skipped",
    ]


# --- progress ------------------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HDS_POLICIES_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = _Terminal()
    assert list(Progress("scan", stream=stream, delay=0).over(["infra/a", "infra/b"])) == ["infra/a", "infra/b"]
    text = stream.getvalue()
    assert "hds-policies scan: 0/2 infra/a" in text and "hds-policies scan: 1/2 infra/b" in text


def test_progress_is_silent_before_the_delay_and_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HDS_POLICIES_PROGRESS", raising=False)
    quick, piped = _Terminal(), io.StringIO()
    assert list(Progress("scan", stream=quick, delay=30).over([1, 2])) == [1, 2]
    assert list(Progress("scan", stream=piped, delay=0).over([1, 2])) == [1, 2]
    assert quick.getvalue() == "" and piped.getvalue() == ""


def test_a_quick_scan_does_not_import_tqdm() -> None:
    code = textwrap.dedent(f"""
        import sys
        from hds_policies.cli import main
        code = main(["scan", {str(LOCATION)!r}, "--as-of", "{AS_OF}", "--format", "json"])
        sys.stderr.write("tqdm loaded" if "tqdm" in sys.modules else "tqdm not loaded")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60)
    assert proc.stderr == "tqdm not loaded"


# --- help ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["scan", "scan-changed", "pulumi-test", "checkov", "catalog"])
def test_every_command_help_lists_exit_codes_examples_and_settings(command: str) -> None:
    out = run(command, "--help").stdout
    assert "exit codes:\n  0 " in out and "\n  3    internal error" in out
    assert "examples:\n  hds-policies " + command in out
    assert "HDS_POLICIES_CONFIG" in out and ".hds-policies.yaml" in out


def test_commands_listed_in_groups() -> None:
    out = run("--help").stdout
    positions = [out.index(h) for h in ("\nscan:\n  scan ", "\nfrontends:\n  checkov ", "\ncatalog:\n  catalog ")]
    assert positions == sorted(positions)


@pytest.mark.skipif(importlib.util.find_spec("checkov") is None, reason="checkov not installed")
def test_checkov_wrapper_discovers_settings(repo: Path) -> None:
    write(repo / ".hds-policies.yaml", "rules:\n  disabled: [HDS_LOC_001]\n")
    write(repo / "infra" / "main.tf", NON_COMPLIANT)
    proc = run("checkov", "-d", "infra", "--compact", "--quiet", "--as-of", AS_OF, cwd=repo / "infra" / "prod")
    assert proc.returncode == 2, proc.stderr  # -d is relative to the current folder: infra/prod/infra is missing
    proc = run("checkov", "-d", "infra", "--compact", "--quiet", "--as-of", AS_OF, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    checks = {line.split('"')[0].removeprefix("Check: ").rstrip(": ") for line in proc.stdout.splitlines()
              if line.startswith("Check: ")}
    assert checks == {"HDS_LOC_002", "HDS_TLS_004"}  # HDS_LOC_001 switched off by the discovered file
