"""The JSON contract of design.md."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .. import __version__
from ..catalog import Catalog
from ..model import Finding


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_chunks(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str,
                extra: dict | None = None) -> Iterator[str]:
    """The contract's document in pieces, one finding a piece: a large report is written as it is
    rendered, never held whole (issue 13, bounded memory). Joined, the pieces are `render_json`."""
    # One finding per line: readable, diff-friendly, and encoded by json's fast C encoder.
    yield ("{\n"
           f'  "tool": {_dump({"name": "hds-policies", "version": __version__})},\n'
           f'  "as_of": {_dump(as_of)},\n'
           '  "findings": [')
    separator = "\n    "
    for f in findings:
        yield separator + _dump(f.as_dict())
        separator = ",\n    "
    yield ("\n  " if findings else "") + "],\n"
    yield (f'  "summary": {_dump(summary)}'
           + "".join(f",\n  {_dump(k)}: {_dump(v)}" for k, v in (extra or {}).items())
           + "\n}")


def render_json(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str,
                extra: dict | None = None) -> str:
    """The contract's document; `extra`: further top-level sections (waivers, baseline)."""
    return "".join(json_chunks(findings, summary, catalog, as_of, extra))
