"""Waivers (accepted risks): waived until expiry, expired ones fail again, stale ones listed, bad
entries are exit 2 naming the entry; found as hds-waivers.yaml at the scanned root."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from hds_policies.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "terraform" / "demo_noncompliant"

WAIVERS = """
waivers:
  - id: W-ENC
    rule: HDS_ENC_001
    resource: aws_db_instance.ehr
    justification: Legacy EHR database, re-created encrypted in the Q1 migration
    approver: rssi@example.org
    expires: 2027-01-31
  - id: W-TLS4
    rule: HDS_TLS_004
    resource: aws_s3_bucket.records*
    justification: Bucket policy managed outside Terraform
    approver: secops@example.org
    expires: 2026-12-31
  - id: W-GONE
    rule: HDS_BKP_001
    resource: aws_backup_vault.old
    justification: Vault removed last year
    approver: secops@example.org
    expires: 2027-06-30
"""


def scan(tmp_path: Path, capsys: pytest.CaptureFixture[str], waivers: str, *extra: str) -> tuple[int, dict]:
    wfile = tmp_path / "waivers.yaml"
    wfile.write_text(textwrap.dedent(waivers), encoding="utf-8")
    code = main(["scan", str(FIXTURE), "--format", "json", "--waivers", str(wfile), *extra])
    return code, json.loads(capsys.readouterr().out)


def statuses(doc: dict) -> dict[tuple[str, str], str]:
    return {(f["rule_id"], f["resource"]["address"]): f["status"] for f in doc["findings"]}


def test_active_waivers_waive_exactly_the_matching_findings(tmp_path, capsys):
    code, doc = scan(tmp_path, capsys, WAIVERS, "--as-of", "2026-12-01")
    st = statuses(doc)
    waived = {k for k, v in st.items() if v == "waived"}
    assert waived == {("HDS_ENC_001", "aws_db_instance.ehr"), ("HDS_TLS_004", "aws_s3_bucket.records"),
                      ("HDS_TLS_004", "aws_s3_bucket.records_copy")}
    assert st[("HDS_TLS_004", "aws_s3_bucket.backups")] == "failed"  # the glob does not reach it
    assert code == 1  # other findings still fail
    (enc,) = [f for f in doc["findings"] if f["rule_id"] == "HDS_ENC_001"]
    assert enc["waiver"] == {"id": "W-ENC", "rule": "HDS_ENC_001", "resource": "aws_db_instance.ehr",
                             "justification": "Legacy EHR database, re-created encrypted in the Q1 migration",
                             "approver": "rssi@example.org", "expires": "2027-01-31", "state": "active",
                             "status": "failed"}
    assert doc["summary"] == {"resources": 9, "failed": 11, "unknown": 0, "skipped": 0,
                              "modules_not_followed": 0, "waived": 3}
    assert [w["id"] for w in doc["waivers"]["applied"]] == ["W-ENC", "W-TLS4"]
    assert doc["waivers"]["expired"] == []
    assert [w["id"] for w in doc["waivers"]["stale"]] == ["W-GONE"]


def test_the_expiry_day_is_included_and_the_next_day_fails_again(tmp_path, capsys):
    _, on_day = scan(tmp_path, capsys, WAIVERS, "--as-of", "2026-12-31")
    assert statuses(on_day)[("HDS_TLS_004", "aws_s3_bucket.records")] == "waived"
    _, after = scan(tmp_path, capsys, WAIVERS, "--as-of", "2027-01-01")
    st = statuses(after)
    assert st[("HDS_TLS_004", "aws_s3_bucket.records")] == "failed"
    assert st[("HDS_TLS_004", "aws_s3_bucket.records_copy")] == "failed"
    assert st[("HDS_ENC_001", "aws_db_instance.ehr")] == "waived"  # W-ENC still runs to 2027-01-31
    (expired,) = after["waivers"]["expired"]
    assert expired["id"] == "W-TLS4" and expired["expires"] == "2026-12-31"
    assert expired["findings"] == [{"rule_id": "HDS_TLS_004", "address": "aws_s3_bucket.records"},
                                   {"rule_id": "HDS_TLS_004", "address": "aws_s3_bucket.records_copy"}]
    (f,) = [f for f in after["findings"] if f["resource"]["address"] == "aws_s3_bucket.records"
            and f["rule_id"] == "HDS_TLS_004"]
    assert f["waiver"]["state"] == "expired"


def test_all_waived_exits_zero_and_text_lists_expired_and_stale(tmp_path, capsys):
    every = "waivers:\n" + "".join(
        f"  - {{rule: '*', resource: '{addr}', justification: accepted, approver: cto, expires: 2027-01-01}}\n"
        for addr in ("aws_*", "hcloud_server.worker", "provider.aws.us"))
    wfile = tmp_path / "all.yaml"
    wfile.write_text(every, encoding="utf-8")
    assert main(["scan", str(FIXTURE), "--waivers", str(wfile), "--as-of", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "[WAIVED] HIGH     HDS_ENC_001  aws_db_instance.ehr" in out
    assert "waived by #1 until 2027-01-01 (approver: cto): accepted" in out
    assert out.rstrip().endswith("9 resources checked: 0 failed, 0 unknown, 0 skipped, 14 waived")
    assert main(["scan", str(FIXTURE), "--waivers", str(wfile), "--as-of", "2027-01-02"]) == 1
    out = capsys.readouterr().out
    assert "EXPIRED waiver #2 (* hcloud_server.worker) ended 2027-01-01: no longer applies" in out


def test_stale_waiver_is_listed_in_text(tmp_path, capsys):
    wfile = tmp_path / "w.yaml"
    wfile.write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    main(["scan", str(FIXTURE), "--waivers", str(wfile), "--as-of", "2026-12-01"])
    assert "STALE waiver W-GONE (HDS_BKP_001 aws_backup_vault.old): matches no finding; remove it" \
        in capsys.readouterr().out


@pytest.mark.parametrize(("entry", "error"), [
    ("{rule: HDS_ENC_001, resource: a.b, approver: x, expires: 2027-01-01}",
     "waivers[0].justification: is required"),
    ("{id: W-9, rule: HDS_ENC_001, resource: a.b, justification: ok}",
     "waivers[0] (id W-9).expires: is required"),
    ("{rule: HDS_ENC_001, resource: a.b, justification: ok, expires: 2027-13-01}",
     "waivers[0].expires: '2027-13-01' is not a date (YYYY-MM-DD)"),
    ("{rule: HDS_ENC_001, resource: a.b, justification: ok, expires: soon}",
     "waivers[0].expires: 'soon' is not a date"),
    ("{rule: HDS_NOPE_001, resource: a.b, justification: ok, expires: 2027-01-01}",
     "waivers[0].rule: unknown rule id 'HDS_NOPE_001'"),
    ("{rule: HDS_ENC_001, resource: a.b, justification: ok, expires: 2027-01-01, owner: me}",
     "waivers[0].owner: unknown key"),
])
def test_invalid_waiver_is_exit_2_naming_the_entry(tmp_path, capsys, entry, error):
    wfile = tmp_path / "bad.yaml"
    wfile.write_text(f"waivers:\n  - {entry}\n", encoding="utf-8")
    out_file = tmp_path / "report.json"
    code = main(["scan", str(FIXTURE), "--waivers", str(wfile), "--format", "json", "-o", str(out_file)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"hds-policies: error: {wfile}: ") and error in err and err.count("\n") == 1
    assert not out_file.exists()  # nothing half-written


def test_waiver_file_is_found_at_the_scanned_root(tmp_path, capsys):
    root = tmp_path / "infra"
    shutil.copytree(FIXTURE, root)
    (root / "hds-waivers.yaml").write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    main(["scan", str(root), "--format", "json", "--as-of", "2026-12-01"])
    doc = json.loads(capsys.readouterr().out)
    assert statuses(doc)[("HDS_ENC_001", "aws_db_instance.ehr")] == "waived"
    assert doc["summary"]["waived"] == 3


def test_skip_comments_keep_working_beside_waivers(tmp_path, capsys):
    (tmp_path / "main.tf").write_text(textwrap.dedent("""
        provider "aws" {
          region = "eu-west-3"
        }
        resource "aws_ebs_volume" "a" {
          #checkov:skip=HDS_ENC_001:encrypted by the snapshot policy
          availability_zone = "eu-west-3a"
          size              = 10
        }
        resource "aws_ebs_volume" "b" {
          availability_zone = "eu-west-3a"
          size              = 10
        }
    """), encoding="utf-8")
    (tmp_path / "hds-waivers.yaml").write_text(
        "waivers:\n  - {rule: HDS_ENC_001, resource: 'aws_ebs_volume.*', justification: test volumes, "
        "expires: 2027-01-01}\n", encoding="utf-8")
    assert main(["scan", str(tmp_path), "--format", "json", "--as-of", "2026-12-01"]) == 0
    doc = json.loads(capsys.readouterr().out)
    st = statuses(doc)
    assert st[("HDS_ENC_001", "aws_ebs_volume.a")] == "skipped"
    assert st[("HDS_ENC_001", "aws_ebs_volume.b")] == "waived"


def test_scan_changed_applies_the_waiver_file_of_the_repository_root(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo / "infra")
    (repo / "hds-waivers.yaml").write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    monkeypatch.chdir(repo)
    code = main(["scan-changed", "infra/main.tf", "--format", "json", "--as-of", "2026-12-01"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert statuses(doc)[("HDS_ENC_001", "aws_db_instance.ehr")] == "waived"
    assert doc["summary"]["waived"] == 3 and [w["id"] for w in doc["waivers"]["stale"]] == ["W-GONE"]


def test_one_waiver_file_waives_the_same_findings_in_scan_and_the_pulumi_pack(tmp_path, capsys, monkeypatch):
    pytest.importorskip("pulumi_aws")
    pytest.importorskip("pulumi_policy")
    wfile = tmp_path / "hds-waivers.yaml"
    wfile.write_text("waivers:\n"
                     "  - {id: W-DB, rule: 'HDS_*', resource: '*ehr', justification: restored encrypted, "
                     "approver: rssi, expires: 2027-01-31}\n", encoding="utf-8")
    main(["scan", str(FIXTURE), "--format", "json", "--as-of", "2026-12-01", "--waivers", str(wfile)])
    scanned = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("HDS_POLICIES_WAIVERS", str(wfile))  # what the pack reads under `pulumi preview`
    twin = FIXTURE.parents[1] / "pulumi" / "demo_noncompliant"
    main(["pulumi-test", str(twin), "--format", "json", "--as-of", "2026-12-01"])
    pulumi = json.loads(capsys.readouterr().out)

    def waived(doc: dict) -> set[tuple[str, str]]:
        return {(f["rule_id"], f["resource"]["name"]) for f in doc["findings"] if f["status"] == "waived"}

    assert waived(scanned) == waived(pulumi) == {("HDS_ENC_001", "ehr"), ("HDS_TLS_003", "ehr")}
