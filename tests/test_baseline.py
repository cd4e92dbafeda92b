"""Baseline round trip: an old finding does not fail, a new one does, a moved one is new; the identity
ignores wording and line numbers but not what was found."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from hds_policies.baseline import evidence, fingerprint
from hds_policies.cli import main
from hds_policies.model import Finding, ResourceRef

AS_OF = "2026-11-22"
MAIN = """
provider "aws" {
  region = "eu-west-3"
}

resource "aws_ebs_volume" "old" {
  availability_zone = "eu-west-3a"
  size              = 10
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def scan(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["scan", str(folder), "--format", "json", "--as-of", AS_OF, *extra])
    return code, json.loads(capsys.readouterr().out)


def marks(doc: dict) -> dict[tuple[str, str], str]:
    return {(f["rule_id"], f["resource"]["address"]): f["baseline"] for f in doc["findings"]}


@pytest.fixture
def infra(tmp_path: Path) -> Path:
    folder = tmp_path / "infra"
    folder.mkdir()
    write(folder, "main.tf", MAIN)
    return folder


def test_round_trip_old_findings_pass_new_ones_fail(infra, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    code, first = scan(infra, capsys, "--create-baseline", str(base))
    old = {(f["rule_id"], f["resource"]["address"]) for f in first["findings"]}
    assert ("HDS_ENC_001", "aws_ebs_volume.old") in old and code == 0  # all existing once recorded
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert recorded["format"] == "hds-policies-baseline/1"
    assert {(r["rule_id"], r["address"]) for r in recorded["findings"]} == old

    code, same = scan(infra, capsys, "--baseline", str(base))
    assert code == 0 and set(marks(same).values()) == {"existing"}
    assert same["baseline"] == {"file": str(base), "new": 0, "existing": len(old)}

    write(infra, "extra.tf", """
        resource "aws_ebs_volume" "fresh" {
          availability_zone = "eu-west-3a"
          size              = 20
        }
    """)
    code, later = scan(infra, capsys, "--baseline", str(base))
    m = marks(later)
    assert code == 1
    assert {k for k, v in m.items() if v == "new"} == {("HDS_ENC_001", "aws_ebs_volume.fresh")}
    assert {k for k, v in m.items() if v == "existing"} == old
    # without the baseline, everything fails as before
    assert scan(infra, capsys)[0] == 1


def test_lines_added_above_keep_the_identity_a_move_to_another_file_does_not(infra, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    scan(infra, capsys, "--create-baseline", str(base))
    write(infra, "main.tf", "# a comment\n\n\n" + MAIN)  # every line moves down
    code, shifted = scan(infra, capsys, "--baseline", str(base))
    assert code == 0 and set(marks(shifted).values()) == {"existing"}

    text = textwrap.dedent(MAIN)
    volume = text[text.index('resource "aws_ebs_volume"'):text.index('resource "aws_s3_bucket"')]
    write(infra, "main.tf", text.replace(volume, ""))
    write(infra, "volumes.tf", volume)  # same address, another file
    code, moved = scan(infra, capsys, "--baseline", str(base))
    assert code == 1
    assert {k for k, v in marks(moved).items() if v == "new"} == {("HDS_ENC_001", "aws_ebs_volume.old")}


def test_a_new_finding_at_an_old_address_is_not_hidden(tmp_path, capsys):
    folder = tmp_path / "infra"
    folder.mkdir()
    write(folder, "main.tf", """
        resource "aws_s3_bucket" "b" {
          bucket = "b"
        }
        provider "aws" {
          region = "us-east-1"
        }
    """)
    base = tmp_path / "baseline.json"
    scan(folder, capsys, "--create-baseline", str(base))
    write(folder, "main.tf", (folder / "main.tf").read_text(encoding="utf-8").replace("us-east-1", "ap-south-1"))
    code, doc = scan(folder, capsys, "--baseline", str(base))
    loc = [f for f in doc["findings"] if f["rule_id"] == "HDS_LOC_001"]
    assert code == 1 and [f["baseline"] for f in loc] == ["new"]  # same rule and address, another region


def _finding(message: str, line: int = 3, file: str = "main.tf", status: str = "failed") -> Finding:
    return Finding("HDS_LOC_001", "location", "critical", status,
                   ResourceRef("aws_s3_bucket.b", "aws_s3_bucket", "b", "aws", file, line), (1, 2, 3),
                   ("HDS référentiel v2 EXI 28",), message, "fix")


def test_fingerprint_ignores_wording_and_line_but_not_values_file_or_status():
    a = _finding("S3 bucket b in us-east-1 (United States), outside the EEA")
    assert evidence(a.message) == ["us-east-1"]
    assert fingerprint(a) == fingerprint(_finding("Bucket b is stored in us-east-1, which is not in the EEA", 40))
    assert fingerprint(a) != fingerprint(_finding("S3 bucket b in ap-south-1 (India), outside the EEA"))
    assert fingerprint(a) != fingerprint(_finding(a.message, file="other.tf"))
    assert fingerprint(a) != fingerprint(_finding(a.message, status="unknown"))
    assert fingerprint(a) == fingerprint(_finding(a.message, status="waived"))  # a waiver is not a new finding


def test_bad_baseline_file_is_exit_2(infra, tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": []}', encoding="utf-8")
    assert main(["scan", str(infra), "--baseline", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"hds-policies: error: {bad}: not an hds-policies baseline") and err.count("\n") == 1
    assert main(["scan", str(infra), "--baseline", str(tmp_path / "missing.json")]) == 2
    assert "baseline file not found" in capsys.readouterr().err
