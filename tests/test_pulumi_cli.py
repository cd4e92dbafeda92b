"""`hds-policies pulumi-test` and the Python API for pytest users."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_policy")

from hds_policies.cli import main  # noqa: E402
from hds_policies.pulumi.mock_runner import ProgramError  # noqa: E402
from hds_policies.pulumi.testing import check_program  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pulumi"
AS_OF = "2026-11-22"


def program(folder: Path, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__main__.py").write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


def test_json_report_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["pulumi-test", str(FIXTURES / "demo_noncompliant"), "--format", "json", "--as-of", AS_OF])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["tool"]["name"] == "hds-policies" and out["as_of"] == AS_OF
    (copy,) = [f for f in out["findings"] if f["rule_id"] == "HDS_LOC_001" and f["resource"]["name"] == "records_copy"]
    assert copy["resource"] == {
        "address": "urn:pulumi:dev::demo-noncompliant::aws:s3/bucket:Bucket::records_copy",
        "type": "aws_s3_bucket", "name": "records_copy", "provider": "aws", "file": "__main__.py", "line": 9,
    }
    assert copy["status"] == "failed" and copy["severity"] == "critical" and copy["family"] == "location"
    assert copy["activities"] == [1, 2, 3] and copy["basis"] == ["HDS référentiel v2 EXI 28"]
    assert copy["remediation"].startswith("Deploy the resource in an EEA region")
    assert out["summary"] == {"resources": 9, "failed": 14, "unknown": 0, "skipped": 0}
    worker = [f for f in out["findings"] if f["resource"]["name"] == "worker"]
    assert {f["rule_id"] for f in worker} == {"HDS_LOC_001", "HDS_PRV_001"}


def test_compliant_program_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pulumi-test", str(FIXTURES / "aws_compliant_platform"), "--as-of", AS_OF]) == 0
    assert "No HDS findings." in capsys.readouterr().out


def test_fail_on_and_policy_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rds = str(FIXTURES / "aws_rds")
    assert main(["pulumi-test", rds, "--as-of", AS_OF]) == 1
    assert main(["pulumi-test", rds, "--as-of", AS_OF, "--fail-on", "critical"]) == 0
    config = tmp_path / "hds-config.json"
    config.write_text(json.dumps({"all": "advisory"}))
    capsys.readouterr()
    # Advisory failures are reported but do not block, as in `pulumi preview`.
    assert main(["pulumi-test", rds, "--as-of", AS_OF, "--policy-config", str(config), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["failed"] == 5


def test_stack_config_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    main(["pulumi-test", str(FIXTURES / "aws_ebs"), "--as-of", AS_OF, "--format", "json",
          "--config", "aws:region=us-east-1"])
    out = json.loads(capsys.readouterr().out)
    assert {f["resource"]["name"] for f in out["findings"] if f["rule_id"] == "HDS_LOC_001"} == {
        "encrypted_cmk", "encrypted_default_key", "plain", "explicitly_plain"}
    assert any(f["rule_id"] == "HDS_LOC_002" and f["resource"]["name"] == "aws" for f in out["findings"])


def test_program_that_raises_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = program(tmp_path / "broken", """
        import pulumi_aws as aws
        aws.s3.Bucket("ok")
        raise ValueError("no HDS region configured")
    """)
    assert main(["pulumi-test", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert str(folder.resolve()) in err and "ValueError: no HDS region configured" in err


@pytest.mark.parametrize("args,needle", [
    (["--config", "aws:region"], "expected KEY=VALUE"),
    (["--as-of", "2026-02-30"], "--as-of"),
    (["--pack", "/nonexistent"], "not a policy pack folder"),
])
def test_usage_errors_exit_2(args: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pulumi-test", str(FIXTURES / "aws_ebs"), *args]) == 2
    assert needle in capsys.readouterr().err


def test_missing_folder_and_bad_policy_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pulumi-test", str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"HDS_LOC_001": "loud"}))
    assert main(["pulumi-test", str(FIXTURES / "aws_ebs"), "--policy-config", str(bad)]) == 2
    assert "enforcement level" in capsys.readouterr().err


def test_python_api_and_secrets_never_printed(tmp_path: Path) -> None:
    folder = program(tmp_path / "secret", """
        import pulumi
        import pulumi_aws as aws
        dr = aws.Provider("dr", region=pulumi.Config().require_secret("drRegion"))
        aws.s3.Bucket("copy", bucket="hds-copy", opts=pulumi.ResourceOptions(provider=dr))
    """)
    result = check_program(folder, {"aws:region": "eu-west-3", "drRegion": "us-west-2"}, secret_keys=["drRegion"])
    assert result.blocking and result.fails_at("high")
    names = {(f.rule_id, f.resource.name) for f in result.failed}
    assert {("HDS_LOC_001", "copy"), ("HDS_LOC_002", "dr")} <= names
    for fmt in ("text", "json", "sarif"):
        assert "us-west-2" not in result.report(fmt)
    assert all("us-west-2" not in d["message"] for d in result.diagnostics)
    assert "(sensitive)" in result.report("text")
    with pytest.raises(ProgramError, match="no __main__.py"):
        check_program(tmp_path / "empty")
