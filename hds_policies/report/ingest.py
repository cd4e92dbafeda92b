"""Findings computed elsewhere, read back as `Finding`s: Checkov's `-o json` output with the HDS
checks, our own JSON report (the contract), and the Pulumi pack's findings file (JSON lines).

Every reader raises DataError naming the file and what is wrong; nothing is guessed: a record that
is not an HDS finding is counted as ignored, never turned into one.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog, DataError
from ..model import SEVERITIES, Finding, ResourceRef
from ..waivers import WAIVED_PREFIX

_ACTIVITY = re.compile(r"(?:^|, )(\d) ")
CHECKOV_NO_COMMENT = "No comment provided"  # what Checkov records for `#checkov:skip=ID` alone
NO_REASON = "no reason given"  # what the HCL loader records for it
STATUSES = ("failed", "unknown", "waived", "skipped", "passed")


@dataclass
class Ingested:
    findings: list[Finding] = field(default_factory=list)
    resources: int = 0  # from the summaries (ours, Checkov's resource_count); a Pulumi findings file does not say
    as_of: str | None = None
    ignored: int = 0  # Checkov results of checks that are not HDS rules

    def summary(self) -> dict[str, int]:
        count = {s: sum(1 for f in self.findings if f.status == s) for s in ("failed", "unknown", "skipped")}
        waived = sum(1 for f in self.findings if f.status == "waived")
        return {"resources": self.resources, **count, **({"waived": waived} if waived else {})}

    def unwaive(self) -> None:
        """Give waived findings back their own status, for this run's waiver file and date to judge."""
        self.findings = [dataclasses.replace(f, status=(f.waiver or {}).get("status", "failed"), waiver=None)
                         if f.status == "waived" else f for f in self.findings]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: cannot read: not UTF-8 text") from None


def _documents(path: Path) -> list[Any]:
    """The JSON documents of a file (Checkov prints one per framework, possibly one after the other)."""
    text, docs, pos, decoder = _text(path).strip(), [], 0, json.JSONDecoder()
    if not text:
        raise DataError(f"{path}: empty file, expected JSON")
    while pos < len(text):
        try:
            doc, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
        docs.extend(doc if isinstance(doc, list) else [doc])
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return docs


def _provider_address(checkov: str) -> str:
    """Checkov's provider block name as the engine's address: 'aws.default' -> 'provider.aws',
    'aws.us' -> 'provider.aws.us', 'module.m.aws.default' -> 'module.m.provider.aws'."""
    if "provider." in checkov:
        return checkov
    parts = checkov.split(".")
    module = []
    while len(parts) > 2 and parts[0] == "module":
        module += parts[:2]
        parts = parts[2:]
    if parts[-1] == "default":
        parts = parts[:-1]
    return ".".join([*module, "provider", *parts])


def _ref(address: str, catalog: Catalog, file: str | None, line: int | None,
         provider: str | None = None) -> ResourceRef:
    parts = [p for p in re.sub(r"\[[^\]]*\]", "", address).split(".") if p]
    if "provider" in parts:
        i = parts.index("provider")
        rtype, name = "provider", parts[-1] if len(parts) > i + 1 else address  # the alias, else the name
        provider = provider or catalog.provider_id(parts[i + 1] if len(parts) > i + 1 else None)
    else:
        rtype = parts[-2] if len(parts) >= 2 else address
        name = address.rsplit(".", 1)[-1]
        provider = provider or catalog.provider_for_type(rtype)
    return ResourceRef(address, rtype, name, provider, file, line)


def from_checkov(path: Path, catalog: Catalog, out: Ingested) -> None:
    """Checkov `-o json` (one report or a list): HDS failed checks (unknown when the details say so),
    skipped checks with their suppress comment, passed checks."""
    for i, doc in enumerate(_documents(path)):
        if not isinstance(doc, dict) or ("results" not in doc and "check_type" not in doc and "passed" not in doc):
            raise DataError(f"{path}: report {i}: not a Checkov `-o json` report (no results)")
        results = doc.get("results") or {}
        count = (doc.get("summary") or {}).get("resource_count")
        out.resources += count if isinstance(count, int) and not isinstance(count, bool) else 0
        for kind, status in (("failed_checks", "failed"), ("skipped_checks", "skipped"), ("passed_checks", "passed")):
            for j, rec in enumerate(results.get(kind) or []):
                rule_id = rec.get("check_id") if isinstance(rec, dict) else None
                if rule_id not in catalog.rules:
                    out.ignored += 1
                    continue
                out.findings.append(_checkov_finding(rec, status, catalog, f"{path}: {kind}[{j}]"))


def _checkov_finding(rec: dict[str, Any], status: str, catalog: Catalog, where: str) -> Finding:
    meta = catalog.rules[rec["check_id"]]
    details = [d for d in rec.get("details") or [] if isinstance(d, str)]
    address = rec.get("resource_address") or rec.get("resource")
    if not isinstance(address, str) or not address:
        raise DataError(f"{where}: resource: missing")
    if "provider" in meta.resource_types:
        address = _provider_address(address)
    acts: tuple[int, ...] = meta.activities
    message, remediation = meta.title, meta.remediation
    waiver = None
    for d in details:
        if d.startswith("HDS activities: "):
            head = d[len("HDS activities: "):].split("; basis:")[0]
            acts = tuple(int(n) for n in _ACTIVITY.findall(head))
        elif d.startswith("fix: "):
            remediation = d[len("fix: "):]
        elif d.startswith(WAIVED_PREFIX):  # a waived finding, which the HDS check reports as skipped
            try:
                waiver = json.loads(d[len(WAIVED_PREFIX):])
            except json.JSONDecodeError:
                raise DataError(f"{where}: details: the waiver is not valid JSON") from None
            status = "waived"
        else:
            message = d
    if message.startswith("unknown: "):
        message = message[len("unknown: "):]
        status = "unknown" if status == "failed" else status
    lines = rec.get("file_line_range") or [None]
    file = rec.get("file_path")
    file = file.lstrip("/") if isinstance(file, str) else None
    severity = str(rec.get("severity") or meta.severity).lower()
    skip = None
    if status == "skipped":
        skip = (rec.get("check_result") or {}).get("suppress_comment") or ""
        if skip in ("", CHECKOV_NO_COMMENT):  # a skip comment without a reason, as `scan` words it
            skip = NO_REASON
    return Finding(rec["check_id"], meta.family, severity if severity in SEVERITIES else meta.severity, status,
                   _ref(address, catalog, file, lines[0] if isinstance(lines[0], int) else None),
                   acts, meta.basis, message, remediation, skip, waiver)


def finding_from_dict(d: Any, catalog: Catalog, where: str) -> Finding:
    """A finding of the JSON contract (design.md) back as a Finding."""
    if not isinstance(d, dict):
        raise DataError(f"{where}: expected a finding object")
    for key in ("rule_id", "status", "resource", "message"):
        if key not in d:
            raise DataError(f"{where}.{key}: is required")
    if d["rule_id"] not in catalog.rules:
        raise DataError(f"{where}.rule_id: unknown rule id {d['rule_id']!r}")
    if d["status"] not in STATUSES:
        raise DataError(f"{where}.status: {d['status']!r} is not one of: {', '.join(STATUSES)}")
    r = d["resource"]
    if not isinstance(r, dict) or not isinstance(r.get("address"), str):
        raise DataError(f"{where}.resource.address: is required")
    meta = catalog.rules[d["rule_id"]]
    ref = ResourceRef(r["address"], r.get("type") or "", r.get("name") or "", r.get("provider"), r.get("file"),
                      r.get("line"))
    severity = d.get("severity") if d.get("severity") in SEVERITIES else meta.severity
    return Finding(d["rule_id"], d.get("family") or meta.family, severity, d["status"], ref,
                   tuple(d.get("activities", meta.activities)), tuple(d.get("basis", meta.basis)), str(d["message"]),
                   str(d.get("remediation", meta.remediation)), d.get("skip_reason"), d.get("waiver"),
                   None)  # a baseline mark is this run's to make


def from_json(path: Path, catalog: Catalog, out: Ingested) -> None:
    """Our JSON report(s): `hds-policies scan --format json` (or `pulumi-test --format json`)."""
    for i, doc in enumerate(_documents(path)):
        if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
            raise DataError(f"{path}: document {i}: not an hds-policies JSON report (no findings list)")
        for j, d in enumerate(doc["findings"]):
            out.findings.append(finding_from_dict(d, catalog, f"{path}: findings[{j}]"))
        out.resources += int((doc.get("summary") or {}).get("resources") or 0)
        out.as_of = out.as_of or doc.get("as_of")


def from_pulumi(path: Path, catalog: Catalog, out: Ingested) -> None:
    """The pack's findings file (`findingsFile` / HDS_POLICIES_FINDINGS_FILE): one JSON record a line.
    A record is appended per policy run, so the same (rule, URN) may repeat: kept once."""
    seen: set[tuple[str, str]] = set()
    for n, line in enumerate(_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}: line {n}: not valid JSON: {exc.msg}") from None
        # A policy that could not judge (`"error": true`) is a failed finding naming the policy: closed.
        f = finding_from_dict(rec, catalog, f"{path}: line {n}")
        key = (f.rule_id, f.resource.address)
        if key not in seen:
            seen.add(key)
            out.findings.append(f)
