"""Exit codes that mean one thing, for every command, run for real in a subprocess:
0 clean, 1 findings at or above --fail-on, 2 bad input or usage, 3 internal error (one line; the
traceback only with --debug or HDS_POLICIES_DEBUG=1), 141 for a stdout closed early.

An internal error is provoked honestly: the subprocess replaces one function of the package with one
that raises, then calls the real `main()` (nothing in the package reads a test-only switch)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"
PULUMI = ROOT / "fixtures" / "pulumi"
LOCATION = PLANS / "aws_location.json"
AS_OF = "2026-11-22"
HINT = "(traceback: --debug or HDS_POLICIES_DEBUG=1)"

NON_COMPLIANT = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "records" {\n' \
                '  bucket = "patient-records"\n}\n'
COMPLIANT = 'provider "aws" {\n  region = "eu-west-3"\n}\n\nresource "aws_kms_key" "k" {\n  description = "k"\n}\n'

needs_checkov = pytest.mark.skipif(importlib.util.find_spec("checkov") is None, reason="checkov not installed")
needs_pulumi = pytest.mark.skipif(importlib.util.find_spec("pulumi_policy") is None
                                  or importlib.util.find_spec("pulumi_aws") is None, reason="pulumi SDKs missing")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HDS_POLICIES_DEBUG", "HDS_POLICIES_CONFIG")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def run(*args: object, cwd: Path = ROOT, stdout: object = subprocess.PIPE, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=_env(**env), cwd=cwd, timeout=300)


def run_broken(module: str, attr: str, *args: object, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """The real CLI, with `module.attr` replaced by a function that raises RuntimeError("boom")."""
    code = textwrap.dedent(f"""
        import sys, importlib
        mod = importlib.import_module({module!r})
        def boom(*args, **kwargs):
            raise RuntimeError("boom")
        setattr(mod, {attr!r}, boom)
        from hds_policies.cli import main
        sys.exit(main({[str(a) for a in args]!r}))
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(**env),
                          cwd=cwd, timeout=300)


def tf(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(text, encoding="utf-8")
    return folder


def assert_internal(proc: subprocess.CompletedProcess, where: str | None) -> None:
    assert proc.returncode == 3, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    place = f" while reading {where}" if where else ""
    assert proc.stderr.splitlines() == [f"hds-policies: internal error{place}: RuntimeError: boom; "
                                        f"please report it {HINT}"]


def assert_usage(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    for needle in needles:
        assert needle in line, (needle, line)


# --- scan -----------------------------------------------------------------------------------------


def test_scan_exit_0_1_2(tmp_path: Path) -> None:
    assert run("scan", tf(tmp_path / "ok", COMPLIANT), "--as-of", AS_OF).returncode == 0
    assert run("scan", tf(tmp_path / "bad", NON_COMPLIANT), "--as-of", AS_OF).returncode == 1
    assert_usage(run("scan", tmp_path / "missing"), "missing")
    assert run("scan", LOCATION, "--format", "xml").returncode == 2


def test_scan_internal_error_is_exit_3_naming_the_input() -> None:
    proc = run_broken("hds_policies.engine", "evaluate", "scan", LOCATION, "--as-of", AS_OF)
    assert_internal(proc, str(LOCATION))
    assert proc.stdout == ""


@pytest.mark.parametrize("how", ["flag", "env", "global-flag"])
def test_traceback_only_in_debug_mode(how: str) -> None:
    args: list[object] = ["scan", LOCATION, "--as-of", AS_OF]
    env = {}
    if how == "flag":
        args.append("--debug")
    elif how == "global-flag":
        args.insert(0, "--debug")
    else:
        env["HDS_POLICIES_DEBUG"] = "1"
    proc = run_broken("hds_policies.engine", "evaluate", *args, **env)
    assert proc.returncode == 3
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert ", in boom\n" in proc.stderr and "\nRuntimeError: boom\n" in proc.stderr
    assert proc.stderr.splitlines()[-1] == (f"hds-policies: internal error while reading {LOCATION}: "
                                            "RuntimeError: boom; please report it")


def test_unreadable_folder_is_exit_2(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    folder = tf(tmp_path / "locked", NON_COMPLIANT)
    folder.chmod(0)
    try:
        assert_usage(run("scan", folder), "locked")
    finally:
        folder.chmod(0o755)


# --- stdout closed or full --------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["scan", LOCATION, "--as-of", AS_OF], ["catalog", "rules"]], ids=["scan", "catalog"])
def test_closed_stdout_is_exit_141_without_a_traceback(args: list[object]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written: `… | head -0`
    try:
        proc = run(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["scan", LOCATION, "--as-of", AS_OF], ["catalog", "rules"]], ids=["scan", "catalog"])
def test_full_stdout_is_exit_3_in_one_line(args: list[object]) -> None:
    with open("/dev/full", "w") as full:
        proc = run(*args, stdout=full)
    assert proc.returncode == 3
    assert proc.stderr.splitlines() == ["hds-policies: error: cannot write the report to stdout: "
                                        "No space left on device"]


# --- scan-changed (the hds-scan pre-commit hook) -------------------------------------------------------


def test_scan_changed_exit_codes(tmp_path: Path) -> None:
    ok, bad = tf(tmp_path / "ok", COMPLIANT), tf(tmp_path / "bad", NON_COMPLIANT)
    broken = tf(tmp_path / "broken", 'resource "aws_s3_bucket" "b" {\n  bucket = \n')
    assert run("scan-changed", ok / "main.tf", "--as-of", AS_OF).returncode == 0
    assert run("scan-changed", bad / "main.tf", "--as-of", AS_OF).returncode == 1
    assert_usage(run("scan-changed", broken / "main.tf", "--as-of", AS_OF), "main.tf")
    assert_usage(run("scan-changed", ok / "main.tf", "--check", "HDS_NOPE_1"), "HDS_NOPE_1")
    assert_internal(run_broken("hds_policies.engine", "evaluate", "scan-changed", bad / "main.tf"), str(bad))


# --- catalog ------------------------------------------------------------------------------------------


def test_catalog_exit_codes() -> None:
    assert run("catalog", "rules").returncode == 0
    assert_usage(run("catalog", "locate", "nocloud", "x"), "unknown provider 'nocloud'")
    assert_internal(run_broken("hds_policies.cli.catalog", "load_catalog", "catalog", "rules"), None)


def test_checkov_dir_exit_0() -> None:
    proc = run("checkov-dir")
    assert proc.returncode == 0 and proc.stdout.strip().endswith("checkov/external_checks")


# --- pulumi-test -----------------------------------------------------------------------------------------


@needs_pulumi
def test_pulumi_test_exit_codes(tmp_path: Path) -> None:
    assert run("pulumi-test", PULUMI / "aws_compliant_platform", "--as-of", AS_OF).returncode == 0
    assert run("pulumi-test", PULUMI / "demo_noncompliant", "--as-of", AS_OF).returncode == 1
    assert_usage(run("pulumi-test", tmp_path / "nowhere"), "nowhere", "not a folder")
    proc = run_broken("hds_policies.pulumi.testing", "check_program", "pulumi-test", PULUMI / "demo_noncompliant")
    assert_internal(proc, str(PULUMI / "demo_noncompliant"))


# --- the Checkov wrapper -------------------------------------------------------------------------------


@needs_checkov
def test_checkov_exit_0_and_1(tmp_path: Path) -> None:
    assert run("checkov", "-d", tf(tmp_path / "ok", COMPLIANT), "--quiet", "--as-of", AS_OF).returncode == 0
    proc = run("checkov", "-d", tf(tmp_path / "bad", NON_COMPLIANT), "--quiet", "--compact", "--as-of", AS_OF)
    assert proc.returncode == 1 and "HDS_LOC_001" in proc.stdout
    soft = run("checkov", "-d", tmp_path / "bad", "--quiet", "--compact", "--soft-fail", "--as-of", AS_OF)
    assert soft.returncode == 0 and "HDS_LOC_001" in soft.stdout  # Checkov's own --soft-fail passes through


@needs_checkov
def test_checkov_missing_or_wrong_inputs_are_exit_2(tmp_path: Path) -> None:
    bad = tf(tmp_path / "bad", NON_COMPLIANT)
    assert_usage(run("checkov", "-d", tmp_path / "missing-dir"), "missing-dir: folder not found (-d)")
    assert_usage(run("checkov", "--directory", bad, "-d", tmp_path / "typo"), "typo: folder not found (-d)")
    assert_usage(run("checkov", "-d", bad / "main.tf"), "main.tf: not a folder (-d)")
    assert_usage(run("checkov", "-f", bad / "main.tf", tmp_path / "nope.tf"), "nope.tf: file not found (-f)")
    assert_usage(run("checkov", f"--file={tmp_path / 'gone.json'}"), "gone.json: file not found (--file)")


@needs_checkov
def test_checkov_crash_is_exit_3(tmp_path: Path) -> None:
    """A Checkov run that dies (here: killed by a signal) is an internal error, never a pass."""
    code = textwrap.dedent(f"""
        import sys
        from hds_policies.checkov import wrapper
        wrapper.checkov_commands = lambda extra, all_checks: [
            [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]]
        from hds_policies.cli import main
        sys.exit(main(["checkov", "-d", {str(tf(tmp_path / "ok", COMPLIANT))!r}]))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=120)
    assert proc.returncode == 3
    assert proc.stderr.splitlines() == ["hds-policies: internal error while running checkov: it exited with "
                                        "code -9; please report it"]
