"""Human-readable report: findings grouped by HDS activity, or one line a finding (`compact`)."""

from __future__ import annotations

import textwrap

from ..catalog import Catalog
from ..model import SEVERITIES, Finding

STATUS_MARK = {"failed": "FAIL", "unknown": "UNKNOWN", "skipped": "SKIP", "passed": "PASS",
               "waived": "WAIVED"}
# ANSI SGR codes, used only when the caller asks for colour (a terminal without NO_COLOR).
STATUS_COLOR = {"failed": "1;31", "unknown": "1;33", "skipped": "2", "passed": "32", "waived": "35"}
BOLD = "1"
WIDTH = 100


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _where(f: Finding) -> str:
    loc = f.resource.file or "?"
    if f.resource.line:
        loc += f":{f.resource.line}"
    return loc


def _mark(f: Finding, color: bool) -> str:
    return _paint(f"[{STATUS_MARK[f.status]}]", STATUS_COLOR[f.status], color)


def _summary_line(summary: dict) -> str:
    line = (f"{summary['resources']} resources checked: {summary['failed']} failed, "
            f"{summary['unknown']} unknown, {summary['skipped']} skipped"
            + (f", {summary['waived']} waived" if "waived" in summary else ""))
    if summary.get("modules_not_followed"):
        line += "\n" + not_followed_line(summary["modules_not_followed"])
    return line


def not_followed_line(count: int) -> str:
    """The summary's warning that part of the code was not read."""
    calls = "1 module call" if count == 1 else f"{count} module calls"
    return (f"{calls} not followed (what they create is not checked): run `terraform init`, "
            "or scan the plan")


def _compact(findings: list[Finding], summary: dict, color: bool) -> str:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    lines = [f"{_mark(f, color)} {f.severity.upper()} {f.rule_id} {f.resource.address} ({_where(f)}): "
             f"{' '.join(f.message.split())}"
             for f in sorted(findings, key=lambda x: (_where(x), order[x.severity], x.rule_id, x.resource.address))]
    return "\n".join([*lines, _summary_line(summary)])


def render_text(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str, *,
                color: bool = False, compact: bool = False, width: int = WIDTH) -> str:
    """The text report; `width` wraps the activity headings (never cut), `color` adds ANSI colours."""
    if compact:
        return _compact(findings, summary, color)
    lines = [f"hds-policies — HDS check as of {as_of}", ""]
    by_activity: dict[int, list[Finding]] = {}
    for f in findings:
        for a in f.activities or (0,):
            by_activity.setdefault(a, []).append(f)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    shown: dict[int, int] = {}  # finding id -> activity group where its details were printed
    for number in sorted(by_activity):
        if number:
            act = catalog.activities[number]
            heading = textwrap.wrap(f"== HDS activity {number}: {act['en']} — {act['fr']}", width=max(width, 40),
                                    subsequent_indent="   ", break_long_words=False, break_on_hyphens=False)
            lines.extend(_paint(h, BOLD, color) for h in heading)
        else:
            lines.append(_paint("== No specific HDS activity", BOLD, color))
        for f in sorted(by_activity[number], key=lambda x: (order[x.severity], x.resource.address,
                                                            x.rule_id)):
            lines.append(f"  {_mark(f, color)} {f.severity.upper():8} {f.rule_id}  "
                         f"{f.resource.address}  ({_where(f)})" + (f"  [{f.baseline}]" if f.baseline else ""))
            if id(f) in shown:
                lines.append(f"      (details under activity {shown[id(f)]})")
                continue
            shown[id(f)] = number
            lines.append(f"      {f.message}")
            if f.status == "skipped":
                lines.append(f"      skipped: {f.skip_reason}")
            elif f.status == "waived" and f.waiver:
                lines.append(f"      waived by {f.waiver['id']} until {f.waiver['expires']} "
                             f"(approver: {f.waiver['approver'] or '-'}): {f.waiver['justification']}")
            elif f.status != "passed":
                lines.append(f"      basis: {'; '.join(f.basis)}")
                lines.append(f"      fix: {f.remediation}")
        lines.append("")
    if not findings:
        lines.append("No HDS findings.")
        lines.append("")
    lines.append(_summary_line(summary))
    return "\n".join(lines)
