"""Sections the text and Markdown reports add when waivers, a baseline or requirements are in play."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..requirements import coverage

if TYPE_CHECKING:
    from .bundle import ReportData


def _md(text: object) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def text_sections(data: ReportData) -> str:
    lines: list[str] = []
    waivers = data.extras.get("waivers")
    if waivers:
        for w in waivers["expired"]:
            hits = ", ".join(f"{h['rule_id']} {h['address']}" for h in w["findings"]) or "no finding"
            lines.append(f"EXPIRED waiver {w['id']} ({w['rule']} {w['resource']}) ended {w['expires']}: "
                         f"no longer applies ({hits})")
        for w in waivers["stale"]:
            lines.append(f"STALE waiver {w['id']} ({w['rule']} {w['resource']}): matches no finding; remove it")
    base = data.extras.get("baseline")
    if base:
        lines.append(f"baseline {base['file']}: {base['new']} new, {base['existing']} existing "
                     "(only new findings fail)")
    return "\n" + "\n".join(lines) if lines else ""


def markdown_sections(data: ReportData) -> str:
    out: list[str] = []
    waivers = data.extras.get("waivers")
    if waivers:
        out += ["", "## Accepted risks (waivers)", "",
                "| waiver | rule | resource | justification | approver | expires | findings |",
                "|---|---|---|---|---|---|---|"]
        for w in waivers["applied"]:
            hits = "<br>".join(f"{h['rule_id']} `{_md(h['address'])}`" for h in w["findings"])
            out.append(f"| {_md(w['id'])} | {_md(w['rule'])} | `{_md(w['resource'])}` | {_md(w['justification'])} "
                       f"| {_md(w['approver'])} | {w['expires']} | {hits} |")
        if waivers["expired"]:
            out += ["", "Expired waivers (their findings fail again):", ""]
            out += [f"- {_md(w['id'])} ({_md(w['rule'])} `{_md(w['resource'])}`) expired {w['expires']}: "
                    f"{len(w['findings'])} finding(s) no longer waived" for w in waivers["expired"]]
        if waivers["stale"]:
            out += ["", "Stale waivers (match no finding; remove them):", ""]
            out += [f"- {_md(w['id'])} ({_md(w['rule'])} `{_md(w['resource'])}`)" for w in waivers["stale"]]
    base = data.extras.get("baseline")
    if base:
        out += ["", "## Baseline", "", f"Compared with `{_md(base['file'])}`: **{base['new']} new**, "
                f"{base['existing']} existing (only new findings fail)."]
    out += ["", "## Requirement coverage (HDS référentiel v2, CSP)", "",
            "| requirement | title | checked by | verdict | failed | unknown | waived | shown by hand |",
            "|---|---|---|---|---|---|---|---|"]
    for r in coverage(data.catalog, data.findings):
        out.append(f"| {r['id']} | {_md(r['title_en'])} | {_md(', '.join(r['rules']) or 'manual evidence')} "
                   f"| {r['verdict']} | {r['failed']} | {r['unknown']} | {r['waived']} | {_md(r['manual'])} |")
    return "\n".join(out) + "\n"
