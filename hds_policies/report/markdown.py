"""The reviewer report (Markdown): findings by HDS activity, the data-location inventory,
the sub-processors and the transfers outside the EEA, in the sections an HDS host publishes."""

from __future__ import annotations

import re
from typing import Any

from ..catalog import Catalog
from ..model import Finding
from .text import not_followed_line

NO_TRANSFER_FR = ("aucun transfert de données de santé à caractère personnel vers un pays tiers à "
                  "l'Espace économique européen")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_MARKUP = re.compile(r"[\\`*\[\]<>|~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _visible(text: str) -> str:
    """Control characters (ANSI escapes, NUL, …) as visible escapes; newlines and tabs as spaces."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _cell(text: Any) -> str:
    """A value in a table cell or a line: no control character, no markup of its own (user values
    come from the scanned code: `<script>`, `**`, `[link](…)`, `|` and backticks show as written)."""
    shown = _visible(f"{text if text is not None else '—'}")
    return _MARKUP.sub(lambda m: "&amp;" if m.group() == "&" else "\\" + m.group(), shown)


def _code(text: Any) -> str:
    """A value as a code span (resource addresses); plain escaped text when it holds a backtick."""
    shown = _visible(f"{text}")
    if "`" in shown:
        return _cell(shown)
    return f"`{shown.replace('|', chr(92) + '|')}`"


def render_markdown(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str,
                    inventory: dict[str, Any]) -> str:
    out = [f"# HDS review — as of {as_of}", "",
           f"{summary['resources']} resources checked: **{summary['failed']} failed**, "
           f"{summary['unknown']} unknown, {summary['skipped']} skipped.", ""]
    if summary.get("modules_not_followed"):
        out += ["**" + not_followed_line(summary["modules_not_followed"]) + ".**", ""]
    out += ["## Findings by HDS activity (R.1111-9 CSP)", ""]
    for number, act in sorted(catalog.activities.items()):
        rows = [f for f in findings if number in f.activities and f.status != "passed"]
        out.append(f"### {number}. {act['en']} — {act['fr']}")
        out.append("")
        if not rows:
            out += ["No finding.", ""]
            continue
        out += ["| status | severity | rule | resource | where | finding | basis |", "|---|---|---|---|---|---|---|"]
        for f in rows:
            where = f"{f.resource.file or ''}{':' + str(f.resource.line) if f.resource.line else ''}"
            status = f"{f.status} ({f.baseline})" if f.baseline else f.status
            out.append(f"| {status} | {f.severity} | {f.rule_id} | {_code(f.resource.address)} | {_cell(where)} "
                       f"| {_cell(f.message)} | {_cell('; '.join(f.basis))} |")
        out.append("")
    out += ["## Where the data is stored (EXI 28)", "",
            "| country | EEA | region | resource | type | provider |", "|---|---|---|---|---|---|"]
    for loc in inventory["locations"]:
        eea = {True: "yes", False: "**no**", None: "unknown"}[loc["eea"]]
        out.append(f"| {_cell(loc['country_name'] or loc['country'])} | {eea} | {_cell(loc['region'])} "
                   f"| {_code(loc['address'])} | {_cell(loc['type'])} | {_cell(loc['provider'])} |")
    out += ["", "## Sub-processors (hosting providers, EXI 30)", "",
            "| provider | legal entity | HDS status | certified activities | activities relied on "
            "| certificate valid until | resources | source |",
            "|---|---|---|---|---|---|---|---|"]
    for p in inventory["providers"]:
        out.append(f"| {_cell(p['name'])} | {_cell(p['legal_entity'])} | {p['status']} "
                   f"| {_cell(', '.join(map(str, p['certified_activities'])) or '—')} "
                   f"| {_cell(', '.join(map(str, p['activities_relied_on'])))} | {_cell(p['valid_until'])} "
                   f"| {p['resources']} | {_cell(p['source'])} |")
    out += ["", "## Transfers outside the EEA (EXI 31)", ""]
    if inventory["outside_eea"]:
        out.append("Resources placed outside the EEA — each is a transfer to publish on the map of "
                   "transfers, or to move:")
        out.append("")
        for loc in inventory["outside_eea"]:
            out.append(f"- {_code(loc['address'])} in {_cell(loc['region'])} "
                       f"({_cell(loc['country_name'] or loc['country'])})")
    elif inventory["undetermined"]:  # no statement of "no transfer" while a location is unknown
        out.append("No placement outside the EEA was found, but some locations are unknown (below): no "
                   "statement that there is no transfer can be drafted until they are established.")
    else:
        out.append(f"No resource of this code is placed outside the EEA. Draft statement: «{NO_TRANSFER_FR}» "
                   "(remote access by sub-processors is not visible in code: check EXI 29 separately).")
    if inventory["undetermined"]:
        out += ["", "Locations that could not be determined from the code (review them):", ""]
        out += [f"- {_code(loc['address'])}: {_cell(loc['region'])}" for loc in inventory["undetermined"]]
    return "\n".join(out) + "\n"
