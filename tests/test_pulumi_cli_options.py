"""`pulumi-test` with the CI options every scan command shares: --soft-fail, --fail-on none,
--check/--skip-check, settings (--settings, discovery) honoured by the real policy pack, several outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_policy")

from hds_policies.cli import main  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "pulumi" / "demo_noncompliant"
AS_OF = "2026-11-22"


def rules_of(out: str) -> set[str]:
    return {f["rule_id"] for f in json.loads(out)["findings"] if f["status"] == "failed"}


def test_soft_fail_and_fail_on_none(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--soft-fail", "--format", "json"]) == 0
    assert "HDS_LOC_001" in rules_of(capsys.readouterr().out)  # still reported
    assert main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--fail-on", "none"]) == 0


def test_check_and_skip_check(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--format", "json", "--check", "HDS_LOC_00*"]) == 1
    assert rules_of(capsys.readouterr().out) == {"HDS_LOC_001", "HDS_LOC_002", "HDS_LOC_003"}
    main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--format", "json", "--skip-check", "location,HDS_PRV_*"])
    left = rules_of(capsys.readouterr().out)
    assert left and not any(r.startswith(("HDS_LOC_", "HDS_PRV_")) for r in left)
    assert main(["pulumi-test", str(DEMO), "--check", "HDS_LOC_999"]) == 2
    assert "--check: unknown rule id or family: HDS_LOC_999" in capsys.readouterr().err


def test_settings_reach_the_policy_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HDS_POLICIES_CONFIG", raising=False)
    flag = tmp_path / "flag.yaml"
    flag.write_text("rules:\n  disabled: [HDS_LOC_001]\n", encoding="utf-8")
    capsys.readouterr()
    main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--format", "json", "--settings", str(flag)])
    by_flag = rules_of(capsys.readouterr().out)
    assert "HDS_LOC_001" not in by_flag and "HDS_LOC_002" in by_flag
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".hds-policies.yaml").write_text("rules:\n  disabled: [HDS_LOC_002]\n", encoding="utf-8")
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--format", "json"])
    found = rules_of(capsys.readouterr().out)
    assert "HDS_LOC_002" not in found and "HDS_LOC_001" in found


def test_text_on_stdout_and_sarif_in_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DEMO.parents[2])  # the repository root: SARIF paths relative to it
    sarif = tmp_path / "pulumi.sarif"
    capsys.readouterr()
    assert main(["pulumi-test", str(DEMO), "--as-of", AS_OF, "--format", "text", "--format", f"sarif:{sarif}"]) == 1
    assert capsys.readouterr().out.startswith(f"hds-policies — HDS check as of {AS_OF}")
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]
            if "physicalLocation" in loc}
    assert uris == {"fixtures/pulumi/demo_noncompliant/__main__.py"}
