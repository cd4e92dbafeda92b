"""Renderers of findings: text (grouped by HDS activity), json (the contract), sarif."""

from __future__ import annotations

from collections.abc import Callable

from ..catalog import Catalog
from ..model import Finding
from .json_report import render_json
from .sarif import render_sarif
from .text import render_text

Renderer = Callable[[list[Finding], dict, Catalog, str], str]

RENDERERS: dict[str, Renderer] = {"text": render_text, "json": render_json, "sarif": render_sarif}

__all__ = ["RENDERERS", "Renderer"]
