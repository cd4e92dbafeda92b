"""One entry for every report format: `render(fmt, ReportData)`.

`ReportData` carries what the richer formats need beside the findings (the data-location and
sub-processor inventory, the waivers' outcome, the baseline counts, the language). Formats listed in
`NEEDS_INVENTORY` need the inventory; a frontend computes it only for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..model import Finding

FORMATS = ("text", "json", "sarif", "markdown", "html", "transparency", "transparency-html")
NEEDS_INVENTORY = frozenset({"markdown", "html", "transparency", "transparency-html"})


@dataclass
class ReportData:
    findings: list[Finding]
    summary: dict[str, Any]
    catalog: Catalog
    as_of: str
    inventory: dict[str, Any] | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # "waivers", "baseline" sections (hds_policies.triage)
    lang: str | None = None  # None: the format's default (English; French for the transparency page)


def render(fmt: str, data: ReportData) -> str:
    from . import RENDERERS

    if fmt == "json":
        from .json_report import render_json

        return render_json(data.findings, data.summary, data.catalog, data.as_of, extra=data.extras)
    if fmt == "markdown":
        from .markdown import render_markdown
        from .sections import markdown_sections

        out = render_markdown(data.findings, data.summary, data.catalog, data.as_of, _inventory(data))
        return out + markdown_sections(data)
    if fmt == "html":
        from .html import render_html

        return render_html(data)
    if fmt in ("transparency", "transparency-html"):
        from .transparency import render_transparency

        return render_transparency(data, html=fmt == "transparency-html")
    out = RENDERERS[fmt](data.findings, data.summary, data.catalog, data.as_of)
    if fmt == "text" and data.extras:
        from .sections import text_sections

        out += text_sections(data)
    return out


def render_chunks(fmt: str, data: ReportData) -> Iterable[str]:
    """The format's text in pieces: json is rendered a finding at a time (written as it goes, never
    held whole); the other formats in one piece."""
    if fmt == "json":
        from .json_report import json_chunks

        return json_chunks(data.findings, data.summary, data.catalog, data.as_of, extra=data.extras)
    return [render(fmt, data)]


def _inventory(data: ReportData) -> dict[str, Any]:
    if data.inventory is not None:
        return data.inventory
    # Findings alone (`hds-policies report`): where the resources without a finding are is not known.
    unknown = {"address": "(resources without a finding)", "region": "not given by findings alone: run `scan`",
               "eea": None, "country": None, "country_name": None, "type": "", "provider": "", "data": True}
    return {"locations": [], "providers": [], "outside_eea": [], "undetermined": [unknown]}
