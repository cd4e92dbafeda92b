"""The JSON contract of design.md."""

from __future__ import annotations

import json

from .. import __version__
from ..catalog import Catalog
from ..model import Finding


def render_json(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str,
                extra: dict | None = None) -> str:
    """The contract's document; `extra`: further top-level sections (waivers, baseline)."""
    # One finding per line: readable, diff-friendly, and encoded by json's fast C encoder.
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    items = ",\n    ".join(dump(f.as_dict()) for f in findings)
    return (
        "{\n"
        f'  "tool": {dump({"name": "hds-policies", "version": __version__})},\n'
        f'  "as_of": {dump(as_of)},\n'
        f'  "findings": [{chr(10) + "    " + items + chr(10) + "  " if findings else ""}],\n'
        f'  "summary": {dump(summary)}'
        + "".join(f",\n  {dump(k)}: {dump(v)}" for k, v in (extra or {}).items())
        + "\n}"
    )
