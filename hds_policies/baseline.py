"""Baseline: remember today's findings, then fail only on what a change adds.

A finding's identity (its fingerprint) is the rule, the resource address, the file it is written
in, its status and what was found — the values the message quotes (a region, a TLS policy, a flag),
not the wording and not the line. So:

- a reworded message, or lines added above the resource, keep the identity (still `existing`);
- the same rule on the same address finding another value (a bucket moved from eu-west-3 to
  us-east-1) is `new`: a new finding at an old address is not hidden behind the old one;
- a resource moved to another file is `new` (checkov#7647: matching on address and check id only
  lets a moved finding hide behind an old one).

The same fingerprint is SARIF's `partialFingerprints` value, so code scanning keeps one alert.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import DataError, read_data_file
from .model import Finding

FORMAT = "hds-policies-baseline/1"
# Values a message states: '…', "…", `…`, and bare tokens holding a digit and a separator, or only digits
# (eu-west-3, TLS1_0, 1.2, 80) — not service names such as S3 or EC2, which a rewording may drop.
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"|`([^`]*)`")
_TOKEN = re.compile(r"[A-Za-z0-9_.:/-]*\d[A-Za-z0-9_.:/-]*")


def evidence(message: str) -> list[str]:
    """The values a message states, in a stable order (the wording around them does not count)."""
    found = {next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(message)}
    rest = _QUOTED.sub(" ", message)
    tokens = (t.strip(".:") for t in _TOKEN.findall(rest))
    found |= {t for t in tokens if t and (t.isdigit() or any(c in t for c in "-_./:"))}
    return sorted(found)


def fingerprint(f: Finding) -> str:
    """The stable identity of a finding (hex, 32 characters)."""
    parts = [f.rule_id, f.resource.address, (f.resource.file or "").replace("\\", "/"),
             "unknown" if f.status == "unknown" else "failed", *evidence(f.message)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def create(findings: list[Finding], as_of: str) -> str:
    """The baseline file's text: one record per failed/unknown/waived finding."""
    records = sorted(({"fingerprint": fingerprint(f), "rule_id": f.rule_id, "address": f.resource.address,
                       "file": f.resource.file, "status": f.status}
                      for f in findings if f.status in ("failed", "unknown", "waived")),
                     key=lambda r: (r["address"], r["rule_id"], r["fingerprint"]))
    doc = {"format": FORMAT, "tool": {"name": "hds-policies", "version": __version__}, "as_of": as_of,
           "findings": records}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def load(path: str | Path) -> frozenset[str]:
    """The fingerprints a baseline file holds; DataError names the file and the problem."""
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{p}: baseline file not found")
    data: Any = read_data_file(p)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(f"{p}: not an hds-policies baseline (expected \"format\": \"{FORMAT}\"; "
                        "create one with `scan --create-baseline FILE`)")
    records = data.get("findings")
    if not isinstance(records, list):
        raise DataError(f"{p}: findings: expected a list")
    out = set()
    for i, r in enumerate(records):
        if not isinstance(r, dict) or not isinstance(r.get("fingerprint"), str):
            raise DataError(f"{p}: findings[{i}].fingerprint: is required (a string)")
        out.add(r["fingerprint"])
    return frozenset(out)


def mark(findings: list[Finding], known: frozenset[str]) -> list[Finding]:
    """Each failed/unknown/waived finding marked `existing` (in the baseline) or `new`."""
    return [dataclasses.replace(f, baseline="existing" if fingerprint(f) in known else "new")
            if f.status in ("failed", "unknown", "waived") else f for f in findings]
