"""The HTML report opened in real headless Chromium (Debian's `chromium`, installed by `make test`):
self-contained (no request leaves the file), no console error, filters change the visible rows, every
user value escaped, printable; a screenshot is written under build/test-output/."""

from __future__ import annotations

import asyncio
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from cdp import Chromium, find_chromium

from hds_policies.cli import main
from hds_policies.model import FAMILIES

ROOT = Path(__file__).resolve().parents[1]
TF = ROOT / "fixtures" / "terraform"
OUTPUT = ROOT / "build" / "test-output"
AS_OF = "2026-11-22"
HOSTILE = "<img src=x onerror=console.error(document.domain)>"  # would log an error if it ever ran

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no chromium on this machine and `make test` could not install it (apt-get install -y chromium "
           "needs root): the HTML report is then checked without a browser only")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("html")
    infra = tmp / "infra"
    shutil.copytree(TF / "demo_noncompliant", infra / "demo")
    shutil.copytree(TF / "ovh_location", infra / "ovh")
    (infra / "demo" / "hostile.tf").write_text(textwrap.dedent(f"""
        resource "aws_s3_bucket" "odd" {{
          bucket = "odd"
          region = "{HOSTILE}"
        }}
    """), encoding="utf-8")
    waivers = tmp / "w.yaml"
    waivers.write_text(textwrap.dedent(f"""
        waivers:
          - id: W-1
            rule: HDS_TLS_004
            resource: aws_s3_bucket.*
            justification: '{HOSTILE} policy managed elsewhere'
            approver: rssi@example.org
            expires: 2027-01-31
    """), encoding="utf-8")
    paths = [str(infra / "demo"), str(infra / "ovh")]
    html = tmp / "report.html"
    args = [*paths, "--as-of", AS_OF, "--waivers", str(waivers)]
    assert main(["scan", *args, "--format", "html", "--output", str(html)]) == 1
    out_json = tmp / "report.json"
    main(["scan", *args, "--format", "json", "--output", str(out_json)])
    return html, json.loads(out_json.read_text(encoding="utf-8"))


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


def test_report_is_self_contained_escaped_and_filterable(report):
    html, doc = report
    text = html.read_text(encoding="utf-8")
    assert "<script src" not in text and "<link" not in text and "@import" not in text
    assert HOSTILE not in text  # escaped everywhere
    shown = [f for f in doc["findings"] if f["status"] != "passed"]

    async def scenario() -> dict:
        async with Chromium() as page:
            await page.open(html.as_uri())
            out = {"title": await page.eval("document.title"),
                   "imgs": await page.eval("document.querySelectorAll('img').length"),
                   "all": await page.eval("document.querySelectorAll('#findings tbody tr:not(.hidden)').length"),
                   "count": await page.eval("document.getElementById('visible-count').textContent"),
                   "hostile_text": await page.eval(f"document.body.innerText.includes({json.dumps(HOSTILE)})"),
                   "svgs": await page.eval("document.querySelectorAll('svg').length"),
                   "bars": await page.eval("document.querySelectorAll('svg rect.bar-failed').length")}

            async def pick(name: str, value: str) -> int:
                await page.eval(f"(() => {{ const s = document.getElementById('filter-{name}'); s.value = "
                                f"{json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()")
                return await page.eval("document.querySelectorAll('#findings tbody tr:not(.hidden)').length")

            out["medium"] = await pick("severity", "medium")
            out["medium_waived"] = await pick("status", "waived")
            await pick("severity", "")
            out["waived"] = await pick("status", "waived")
            await pick("status", "")
            out["ovh"] = await pick("provider", "ovh")
            out["activity6"] = await pick("activity", "6")
            await page.screenshot(OUTPUT / "html-report.png")
            await page.send("Emulation.setEmulatedMedia", media="print")
            out["printed_rows"] = await page.eval(
                "[...document.querySelectorAll('#findings tbody tr')].filter(r => "
                "getComputedStyle(r).display !== 'none').length")
            out["filters_printed"] = await page.eval(
                "getComputedStyle(document.querySelector('.filters')).display")
            out["pdf"] = (await page.pdf())[:5]
            out["errors"], out["exceptions"], out["requests"] = page.console_errors, page.exceptions, page.requests
            return out

    got = run(scenario())
    assert got["errors"] == [] and got["exceptions"] == []
    assert [u for u in got["requests"] if not u.startswith(("file://", "data:"))] == []
    assert got["title"] == f"HDS review {AS_OF}" and got["imgs"] == 0 and got["hostile_text"] is True
    assert got["all"] == len(shown) == int(got["count"])
    assert got["svgs"] == 3 and got["bars"] == 6 + len(FAMILIES)  # a bar per activity and per family
    assert got["medium"] == sum(1 for f in shown if f["severity"] == "medium")
    assert got["medium_waived"] == sum(1 for f in shown if f["severity"] == "medium" and f["status"] == "waived")
    assert got["waived"] == sum(1 for f in shown if f["status"] == "waived") == 4  # TLS_004 on 4 buckets
    assert got["ovh"] == sum(1 for f in shown if f["resource"]["provider"] == "ovh") > 0
    assert got["activity6"] == sum(1 for f in shown if f["resource"]["provider"] == "ovh" and 6 in f["activities"])
    assert got["printed_rows"] == len(shown) and got["filters_printed"] == "none"
    assert got["pdf"] == b"%PDF-"
    assert (OUTPUT / "html-report.png").stat().st_size > 10_000


def test_report_sections_and_french_labels(report, tmp_path):
    html, doc = report
    text = html.read_text(encoding="utf-8")
    for anchor in ("summary", "findings-title", "locations", "subprocessors", "accepted", "coverage", "transparency"):
        assert f'id="{anchor}"' in text
    assert "&lt;img src=x onerror=" in text
    fr = tmp_path / "fr.html"
    main(["scan", str(TF / "ovh_location"), "--format", "html", "--lang", "fr", "--as-of", AS_OF, "-o", str(fr)])

    async def scenario() -> dict:
        async with Chromium() as page:
            await page.open(fr.as_uri())
            return {"lang": await page.eval("document.documentElement.lang"),
                    "h2": await page.eval("[...document.querySelectorAll('h2')].map(h => h.textContent)"),
                    "transfers": await page.eval("document.getElementById('transfers').textContent"),
                    "errors": page.console_errors + page.exceptions}

    got = run(scenario())
    assert got["errors"] == [] and got["lang"] == "fr"
    assert got["h2"] == ["Synthèse", "Constats", "Localisation des données (EXI 28)", "Sous-traitants (EXI 30)",
                         "Risques acceptés (dérogations)", "Couverture des exigences", "Projet de page de transparence"]
    assert got["transfers"].startswith("Transparence sur les transferts")
