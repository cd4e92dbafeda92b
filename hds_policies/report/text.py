"""Human-readable report: findings grouped by HDS activity."""

from __future__ import annotations

from ..catalog import Catalog
from ..model import SEVERITIES, Finding

STATUS_MARK = {"failed": "FAIL", "unknown": "UNKNOWN", "skipped": "SKIP", "passed": "PASS"}


def _where(f: Finding) -> str:
    loc = f.resource.file or "?"
    if f.resource.line:
        loc += f":{f.resource.line}"
    return loc


def render_text(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str) -> str:
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
            lines.append(f"== HDS activity {number}: {act['en']} — {act['fr'][:90]}")
        else:
            lines.append("== No specific HDS activity")
        for f in sorted(by_activity[number], key=lambda x: (order[x.severity], x.resource.address,
                                                            x.rule_id)):
            lines.append(f"  [{STATUS_MARK[f.status]}] {f.severity.upper():8} {f.rule_id}  "
                         f"{f.resource.address}  ({_where(f)})")
            if id(f) in shown:
                lines.append(f"      (details under activity {shown[id(f)]})")
                continue
            shown[id(f)] = number
            lines.append(f"      {f.message}")
            if f.status == "skipped":
                lines.append(f"      skipped: {f.skip_reason}")
            elif f.status != "passed":
                lines.append(f"      basis: {'; '.join(f.basis)}")
                lines.append(f"      fix: {f.remediation}")
        lines.append("")
    if not findings:
        lines.append("No HDS findings.")
        lines.append("")
    lines.append(f"{summary['resources']} resources checked: {summary['failed']} failed, "
                 f"{summary['unknown']} unknown, {summary['skipped']} skipped")
    if summary.get("modules_not_followed"):
        lines.append(not_followed_line(summary["modules_not_followed"]))
    return "\n".join(lines)


def not_followed_line(count: int) -> str:
    """The summary's warning that part of the code was not read."""
    calls = "1 module call" if count == 1 else f"{count} module calls"
    return (f"{calls} not followed (what they create is not checked): run `terraform init`, "
            "or scan the plan")
