"""GitHub Actions workflow commands: annotations on the diff for failed findings (`::error`) and
unknowns (`::warning`), escaped as the Actions runner expects (actions/toolkit `command.ts`)."""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Finding
from .text import not_followed_line

LEVEL = {"failed": "error", "unknown": "warning"}


def escape_data(text: str) -> str:
    """The message part: `%`, CR and LF are percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as the message, plus `:` and `,` which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = []
    if f.resource.file:
        props.append(f"file={escape_property(f.resource.file.replace(chr(92), '/'))}")
        if f.resource.line:
            props.append(f"line={f.resource.line}")
    verdict = "unknown" if f.status == "unknown" else f.severity
    props.append(f"title={escape_property(f'{f.rule_id} ({verdict}) {f.resource.address}')}")
    acts = ",".join(map(str, f.activities)) or "-"
    body = [f.message, f"HDS activities {acts}; basis: {'; '.join(f.basis)}"]
    if f.remediation:
        body.append(f"Fix: {f.remediation}")
    return f"::{LEVEL[f.status]} {','.join(props)}::{escape_data(chr(10).join(body))}"


def render_github(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str) -> str:
    lines = [annotation(f) for f in findings if f.status in LEVEL]
    if summary.get("modules_not_followed"):
        lines.append(f"::warning title=hds-policies::{escape_data(not_followed_line(summary['modules_not_followed']))}")
    lines.append(f"hds-policies (as of {as_of}): {summary['resources']} resources checked: {summary['failed']} "
                 f"failed, {summary['unknown']} unknown, {summary['skipped']} skipped")
    return "\n".join(lines)
