"""The transparency page draft (EXI 31): transfers section lists exactly the placements, copies and
remote access outside the EEA; says "unknown" where locations are; states "no transfer" only when proven."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hds_policies.cli import main

TF = Path(__file__).resolve().parents[1] / "fixtures" / "terraform"
NO_TRANSFER_FR = ("Aucun transfert de données de santé à caractère personnel vers un pays tiers à "
                  "l'Espace économique européen n'est réalisé.")


def page(capsys: pytest.CaptureFixture[str], fixture: str, *extra: str) -> str:
    main(["scan", str(TF / fixture), "--format", "transparency", "--as-of", "2026-11-22", *extra])
    return capsys.readouterr().out


def section(md: str, heading_word: str) -> str:
    """The body of the `## ` section whose heading holds `heading_word`."""
    match = re.search(rf"^## [^\n]*{heading_word}[^\n]*\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert match, f"no section with {heading_word!r}"
    return match.group(1)


def test_transfers_list_exactly_the_non_eea_placements_copies_and_remote_access(capsys):
    md = page(capsys, "ovh_location")
    assert md.startswith("# Hébergement de données de santé — projet de page de transparence\n")  # French default
    body = section(md, "transferts")
    lines = [line for line in body.splitlines() if line.startswith("- ")]
    listed = {(line.split(" :")[0][2:], line.rsplit("`", 2)[-2]) for line in lines}
    assert listed == {
        ("Stockage hors EEE", "ovh_cloud_project_instance.bhs"),
        ("Stockage hors EEE", "ovh_cloud_project_database.uk"),
        ("Stockage hors EEE", "ovh_cloud_project_network_private.net"),
        ("Copie hors EEE", "ovh_cloud_project_database.pg"),
        ("Copie hors EEE", "ovh_cloud_project_storage.gra"),
        ("Accès depuis hors EEE (sous-traitant)", "ovh_cloud_project_database.pg"),
        ("Accès depuis hors EEE (sous-traitant)", "ovh_cloud_project_database.uk"),
        ("indéterminé", "ovh_cloud_project_volume.typo"),
    }
    assert "- Stockage hors EEE : BHS (Canada) — `ovh_cloud_project_instance.bhs`" in lines
    assert NO_TRANSFER_FR not in md
    subs = section(md, "Sous-traitance")
    assert "- accès depuis hors EEE ou droit d'un pays tiers (HDS_PRV_006, HDS_PRV_007) : " \
           "`ovh_cloud_project_database.pg`, `ovh_cloud_project_database.uk`" in subs


def test_unknown_locations_forbid_the_no_transfer_statement(capsys):
    body = section(page(capsys, "aws_unknown_region", "--lang", "en"), "transfers")
    assert "no statement that there is no transfer can be made" in body
    assert "- unknown: var.region — `aws_s3_bucket.from_variable`" in body
    assert "- unknown: eu-west-33 — `aws_s3_bucket.typo`" in body
    assert "- unknown: provider provider.aws: region cannot be determined from the code (var.region) — " \
           "`provider.aws`" in body
    assert "No personal health data is transferred" not in body


def test_no_transfer_statement_only_when_proven(capsys):
    md = page(capsys, "aws_compliant_platform")
    body = section(md, "transferts")
    assert NO_TRANSFER_FR in body and "indéterminé" not in body and "hors EEE :" not in body
    subs = section(md, "Sous-traitance")
    assert "### Amazon Web Services" in subs and "- entité : Amazon Web Services EMEA SARL" in subs
    assert "- accès depuis hors EEE ou droit d'un pays tiers (HDS_PRV_006, HDS_PRV_007) : aucun d'après le code" \
        in subs
    assert "- certificat HDS : organisme non renseigné; validité non renseignée; " \
           "source https://aws.amazon.com/compliance/hds/" in subs


def test_activities_and_sites_are_traced_to_resources(capsys):
    md = page(capsys, "demo_noncompliant", "--lang", "en")
    acts = section(md, "Hosting activities")
    assert "- 6. Backup — resources: `aws_backup_vault.main`, `aws_s3_bucket.backups`" in acts
    sites = section(md, "Sites")
    assert "| hcloud | ash | United States | no | `hcloud_server.worker` |" in sites
    assert "| aws | us-east-1 | United States | no | `aws_s3_bucket.records_copy` |" in sites


def test_report_from_findings_alone_never_claims_no_transfer(tmp_path, capsys):
    main(["scan", str(TF / "aws_compliant_platform"), "--format", "json", "--as-of", "2026-11-22"])
    findings = tmp_path / "f.json"
    findings.write_text(capsys.readouterr().out, encoding="utf-8")
    main(["report", "--from-json", str(findings), "--format", "transparency"])
    md = capsys.readouterr().out
    assert NO_TRANSFER_FR not in md
    assert "les localisations de toutes les ressources ne figurent pas dans des constats seuls" in md


def test_transparency_html_is_escaped_and_standalone(tmp_path, capsys):
    main(["scan", str(TF / "ovh_location"), "--format", "transparency-html", "--as-of", "2026-11-22"])
    html = capsys.readouterr().out
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "Transparence sur les transferts" in html and "<code>ovh_cloud_project_instance.bhs</code>" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "src=" not in html and "<link" not in html


def test_markdown_report_withholds_the_statement_while_a_location_is_unknown(tmp_path, capsys):
    main(["scan", str(TF / "aws_unknown_region"), "--format", "markdown", "--as-of", "2026-11-22"])
    body = section(capsys.readouterr().out, "Transfers outside the EEA")
    assert "Draft statement" not in body and "no statement that there is no transfer can be drafted" in body
    main(["scan", str(TF / "aws_compliant_platform"), "--format", "json", "--as-of", "2026-11-22"])
    findings = tmp_path / "f.json"
    findings.write_text(capsys.readouterr().out, encoding="utf-8")
    main(["report", "--from-json", str(findings), "--format", "markdown"])
    body = section(capsys.readouterr().out, "Transfers outside the EEA")
    assert "Draft statement" not in body and "not given by findings alone" in body
