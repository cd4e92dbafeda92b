"""Between the engine and the report: accepted risks (waivers) and the baseline.

Frontends call `triage(...)` on their findings; it returns the findings to report, the summary with
`waived` (when waivers are in use), the waiver and baseline sections, and `gating()`: the findings
that may fail the run (waived ones never do; with a baseline, only new ones do).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import baseline as _baseline
from .catalog import Catalog
from .model import Finding
from .waivers import WaiverOutcome, apply_waivers, discover, load_waivers


@dataclass
class Triaged:
    findings: list[Finding]
    summary: dict[str, Any]
    waivers: WaiverOutcome | None = None
    baseline: dict[str, Any] | None = None

    def extras(self) -> dict[str, Any]:
        """Top-level sections a report adds beside findings and summary."""
        out: dict[str, Any] = {}
        if self.waivers is not None:
            out["waivers"] = self.waivers.as_dict()
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out

    def gating(self) -> list[Finding]:
        """The findings that count for the exit code."""
        if self.baseline is None:
            return self.findings
        return [f for f in self.findings if f.baseline != "existing"]


def triage(findings: list[Finding], summary: dict[str, Any], catalog: Catalog, as_of: _dt.date,
           paths: list[Path], waivers_file: str | None = None, baseline_file: str | None = None,
           create_baseline: str | None = None, write: Callable[[str, str], None] | None = None) -> Triaged:
    """Apply the waiver file (given, or found at a scanned root) and the baseline; write a new baseline."""
    out = Triaged(findings, dict(summary))
    chosen = Path(waivers_file) if waivers_file else discover(paths)
    if chosen is not None:
        outcome = apply_waivers(findings, load_waivers(chosen, set(catalog.rules)), as_of)
        out.findings, out.waivers = outcome.findings, outcome
        out.summary["waived"] = sum(1 for f in outcome.findings if f.status == "waived")
        for key in ("failed", "unknown"):
            if key in out.summary:
                out.summary[key] = sum(1 for f in outcome.findings if f.status == key)
    if create_baseline:
        if write is None:  # pragma: no cover - every caller passes its writer
            raise ValueError("create_baseline needs a writer")
        write(_baseline.create(out.findings, as_of.isoformat()), create_baseline)
        baseline_file = baseline_file or create_baseline
    if baseline_file:
        known = _baseline.load(baseline_file)
        out.findings = _baseline.mark(out.findings, known)
        out.baseline = {"file": str(baseline_file),
                        "new": sum(1 for f in out.findings if f.baseline == "new"),
                        "existing": sum(1 for f in out.findings if f.baseline == "existing")}
    return out
