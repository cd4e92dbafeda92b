"""The JSON contract of design.md."""

from __future__ import annotations

import json

from .. import __version__
from ..catalog import Catalog
from ..model import Finding


def render_json(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str) -> str:
    doc = {
        "tool": {"name": "hds-policies", "version": __version__},
        "as_of": as_of,
        "findings": [f.as_dict() for f in findings],
        "summary": summary,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
