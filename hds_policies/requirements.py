"""Requirement coverage: which HDS requirements the findings touch, and which need evidence by hand.

Pure: catalog + findings in, plain rows out (catalog/data/requirements.json holds the mapping)."""

from __future__ import annotations

import json
from typing import Any

from .catalog import Catalog
from .model import Finding


def coverage(catalog: Catalog, findings: list[Finding] | None = None) -> list[dict[str, Any]]:
    """One row per requirement: its rules, how it is evidenced, and the findings' counts per status.

    `verdict`: failed / unknown when a finding of its rules is; `manual` when no rule checks it;
    `no finding` otherwise (the rules ran and found nothing: not proof of the manual part)."""
    rows = []
    for req in catalog.requirements:
        rules = set(req["rules"])
        counts = {s: 0 for s in ("failed", "unknown", "waived", "skipped")}
        for f in findings or ():
            if f.rule_id in rules and f.status in counts:
                counts[f.status] += 1
        if counts["failed"]:
            verdict = "failed"
        elif counts["unknown"]:
            verdict = "unknown"
        elif not rules:
            verdict = "manual"
        else:
            verdict = "no finding"
        rows.append({"id": req["id"], "basis": req["basis"], "framework": req["framework"],
                     "title_fr": req["title_fr"], "title_en": req["title_en"], "evidence": req["evidence"],
                     "rules": list(req["rules"]), "manual": req.get("manual"), **counts, "verdict": verdict})
    return rows


def render_requirements(catalog: Catalog, fmt: str = "text", lang: str = "en") -> str:
    """`hds-policies catalog requirements`: each requirement, its rules, and what is shown by hand."""
    rows = coverage(catalog)
    if fmt == "json":
        return json.dumps({"requirements": [{k: r[k] for k in ("id", "basis", "framework", "title_fr", "title_en",
                                                               "evidence", "rules", "manual")} for r in rows],
                           **catalog.requirements_source}, ensure_ascii=False, indent=2)
    lines = []
    for r in rows:
        rules = ", ".join(r["rules"]) or "—"
        lines.append(f"{r['id']:16} {r['evidence']:9} {r['title_' + lang]}")
        lines.append(f"{'':16} rules: {rules}")
        if r["manual"]:
            lines.append(f"{'':16} by hand: {r['manual']}")
    src = catalog.requirements_source
    return "\n".join([*lines, "", f"source: {src['source']} (as of {src['as_of']})"])
