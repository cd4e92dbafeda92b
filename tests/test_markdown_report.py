"""The reviewer report (--format markdown): findings by activity, inventory, sub-processors, EXI 31."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _report(fixture: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "hds_policies.cli", "scan", str(ROOT / "fixtures/terraform" / fixture),
         "--format", "markdown", "--as-of", "2026-11-22"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_providers_hosting_nothing_are_not_sub_processors():
    subs = _report("no_hosting_providers").split("## Sub-processors (hosting providers, EXI 30)")[1]
    rows = [line for line in subs.split("## Transfers")[0].splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split(" | ")[0] for r in rows[1:]] == ["| Amazon Web Services"]


def test_inventory_lists_locations_subprocessors_and_transfers():
    text = _report("demo_noncompliant")
    locations = text.split("## Where the data is stored (EXI 28)")[1].split("## Sub-processors")[0]
    rows = [line for line in locations.splitlines() if line.startswith("| ") and "`" in line]
    assert rows == [
        "| France | yes | eu-west-3 | `aws_backup_vault.main` | aws_backup_vault | aws |",
        "| France | yes | eu-west-3 | `aws_db_instance.ehr` | aws_db_instance | aws |",
        "| France | yes | eu-west-3 | `aws_s3_bucket.backups` | aws_s3_bucket | aws |",
        "| France | yes | eu-west-3 | `aws_s3_bucket.records` | aws_s3_bucket | aws |",
        "| United States | **no** | us-east-1 | `aws_s3_bucket.records_copy` | aws_s3_bucket | aws |",
        "| United States | **no** | ash | `hcloud_server.worker` | hcloud_server | hcloud |",
    ]
    subs = text.split("## Sub-processors (hosting providers, EXI 30)")[1].split("## Transfers")[0]
    assert "| Hetzner Cloud | Hetzner Online GmbH | not_certified | — | 1, 2, 3 |" in subs
    assert "| Amazon Web Services | Amazon Web Services EMEA SARL | certified | 1, 2, 3, 4, 6 |" in subs
    transfers = text.split("## Transfers outside the EEA (EXI 31)")[1]
    assert "- `aws_s3_bucket.records_copy` in us-east-1 (United States)" in transfers
    assert "- `hcloud_server.worker` in ash (United States)" in transfers
    activity_6 = text.split("### 6. Backup")[1]
    assert "| failed | high | HDS_BKP_001 | `aws_backup_vault.main` | main.tf:60 |" in activity_6


def test_compliant_code_gets_the_no_transfer_statement():
    text = _report("aws_compliant_platform")
    assert "aucun transfert de données de santé à caractère personnel vers un pays tiers" in text
    assert "**no**" not in text
