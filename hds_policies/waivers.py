"""Accepted risks: a waiver file (`hds-waivers.yaml`) whose entries turn matching findings into
status `waived` until their expiry date.

```yaml
waivers:
  - id: W-001                       # optional; "#1", "#2"… by position otherwise
    rule: HDS_ENC_002               # a rule id, or a glob (HDS_TLS_*)
    resource: module.legacy.aws_ebs_volume.*   # address glob: `*` any run, `?` one character
    justification: Legacy volume, migrated in Q1  # required (`reason` is accepted as well)
    approver: jane.doe@example.org
    expires: 2027-03-31             # required; the waiver no longer applies AFTER this day
```

Pure: the file is read by `load_waivers`, `apply_waivers` takes the date it judges by (`as_of`),
never the clock. A waiver applies to `failed` and `unknown` findings; a `#checkov:skip` comment
(status `skipped`) keeps precedence. Expired waivers leave their findings as they are and are
listed; an active waiver that matches nothing is listed as stale.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import DataError, read_data_file
from .catalog.schema import parse_date
from .model import Finding

WAIVERS_FILE = "hds-waivers.yaml"
WAIVERS_ENV = "HDS_POLICIES_WAIVERS"  # the waiver file for the Checkov checks and the Pulumi pack
WAIVED_PREFIX = "waived: "  # a Checkov details line holding the applied waiver as JSON (read back by report)
WAIVABLE = ("failed", "unknown")
_FIELDS = ("id", "rule", "resource", "justification", "reason", "approver", "expires")


@dataclass(frozen=True)
class Waiver:
    """One accepted risk."""

    id: str
    rule: str
    resource: str
    justification: str
    expires: _dt.date
    approver: str | None = None

    def matches(self, f: Finding) -> bool:
        return _glob(self.rule).fullmatch(f.rule_id) is not None and \
            _glob(self.resource).fullmatch(f.resource.address) is not None

    def active(self, as_of: _dt.date) -> bool:
        """In force on `as_of` (the expiry day included)."""
        return as_of <= self.expires

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "resource": self.resource,
                "justification": self.justification, "approver": self.approver,
                "expires": self.expires.isoformat()}


def _glob(pattern: str) -> re.Pattern[str]:
    """`*` and `?` only: addresses hold brackets (`aws_s3_bucket.b["x"]`, `[0]`) that fnmatch would read
    as character classes."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern))


def _entry(raw: Any, index: int, where: str, known_rules: set[str] | None) -> Waiver:
    name = f"waivers[{index}]"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: {name}: expected a mapping (rule, resource, justification, expires)")
    if isinstance(raw.get("id"), (str, int)):
        name += f" (id {raw['id']})"
    for key in raw:
        if key not in _FIELDS:
            raise DataError(f"{where}: {name}.{key}: unknown key (allowed: {', '.join(_FIELDS)})")
    justification = raw.get("justification", raw.get("reason"))
    for key, value in (("rule", raw.get("rule")), ("resource", raw.get("resource")),
                       ("justification", justification)):
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{where}: {name}.{key}: is required (a non-empty string)")
    if "expires" not in raw or raw["expires"] in (None, ""):
        raise DataError(f"{where}: {name}.expires: is required (YYYY-MM-DD): a waiver without an expiry "
                        "date is a permanent exception")
    if isinstance(raw["expires"], _dt.datetime):
        raise DataError(f"{where}: {name}.expires: {raw['expires']!r} is not a date (YYYY-MM-DD)")
    expires = parse_date(raw["expires"], where, f"{name}.expires")
    approver = raw.get("approver")
    if approver is not None and not isinstance(approver, str):
        raise DataError(f"{where}: {name}.approver: expected a string")
    rule = raw["rule"].strip()
    if known_rules is not None and "*" not in rule and "?" not in rule and rule not in known_rules:
        raise DataError(f"{where}: {name}.rule: unknown rule id {rule!r}")
    wid = str(raw["id"]) if raw.get("id") not in (None, "") else f"#{index + 1}"
    return Waiver(wid, rule, raw["resource"].strip(), justification.strip(), expires, approver)


def parse_waivers(data: Any, where: str, known_rules: set[str] | None = None) -> list[Waiver]:
    """Waivers from a parsed file; DataError names the file and the entry."""
    if data in (None, {}):
        return []
    if not isinstance(data, dict) or set(data) - {"waivers"}:
        raise DataError(f"{where}: (top level): expected a mapping with one key, waivers")
    items = data.get("waivers") or []
    if not isinstance(items, list):
        raise DataError(f"{where}: waivers: expected a list")
    waivers = [_entry(raw, i, where, known_rules) for i, raw in enumerate(items)]
    seen: set[str] = set()
    for w in waivers:
        if w.id in seen:
            raise DataError(f"{where}: waivers: id {w.id!r} is used twice")
        seen.add(w.id)
    return waivers


def load_waivers(path: str | Path, known_rules: set[str] | None = None) -> list[Waiver]:
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{p}: waiver file not found")
    return parse_waivers(read_data_file(p), str(p), known_rules)


def discover(paths: list[Path]) -> Path | None:
    """`hds-waivers.yaml` at a scanned root (the folder, or a plan file's folder), first found."""
    for p in paths:
        root = p if p.is_dir() else p.parent
        if (root / WAIVERS_FILE).is_file():
            return root / WAIVERS_FILE
    return None


@dataclass
class WaiverOutcome:
    """Findings after the waivers, and what each waiver did."""

    findings: list[Finding]
    applied: dict[str, list[Finding]] = field(default_factory=dict)  # waiver id -> waived findings
    expired: dict[str, list[Finding]] = field(default_factory=dict)  # waiver id -> findings it no longer covers
    stale: list[Waiver] = field(default_factory=list)
    waivers: dict[str, Waiver] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        def entry(wid: str, found: list[Finding]) -> dict[str, Any]:
            return {**self.waivers[wid].as_dict(),
                    "findings": [{"rule_id": f.rule_id, "address": f.resource.address} for f in found]}

        return {"applied": [entry(w, self.applied[w]) for w in self.waivers if w in self.applied],  # file order
                "expired": [entry(w, self.expired[w]) for w in self.waivers if w in self.expired],
                "stale": [w.as_dict() for w in self.stale]}


def apply_waivers(findings: list[Finding], waivers: list[Waiver], as_of: _dt.date) -> WaiverOutcome:
    """Waive the failed/unknown findings an active waiver matches (the first matching entry wins);
    mark those an expired waiver matches with it (status unchanged)."""
    out = WaiverOutcome([], {}, {}, [], {w.id: w for w in waivers})
    used: set[str] = set()
    for f in findings:
        if f.status not in WAIVABLE:
            out.findings.append(f)
            continue
        hits = [w for w in waivers if w.matches(f)]
        active = next((w for w in hits if w.active(as_of)), None)
        if active is not None:
            used.add(active.id)
            out.applied.setdefault(active.id, []).append(f)
            out.findings.append(dataclasses.replace(f, status="waived",
                                                    waiver={**active.as_dict(), "state": "active",
                                                            "status": f.status}))
            continue
        if hits:  # only expired waivers match: the finding fails again, and says why it is back
            used.add(hits[0].id)
            out.expired.setdefault(hits[0].id, []).append(f)
            f = dataclasses.replace(f, waiver={**hits[0].as_dict(), "state": "expired"})
        out.findings.append(f)
    for w in waivers:
        if w.id in used:
            continue
        if w.active(as_of):
            out.stale.append(w)
        else:
            out.expired.setdefault(w.id, [])
    return out
