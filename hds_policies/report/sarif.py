"""SARIF 2.1.0 output, for code-scanning dashboards."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from ..baseline import fingerprint
from ..catalog import Catalog
from ..model import Finding

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
INFO_URI = "https://esante.gouv.fr/labels-certifications/hds"
FINGERPRINT_KEY = "hdsFindingIdentity/v1"  # hds_policies.baseline.fingerprint: rule, address, file, evidence


def _rule(meta, catalog: Catalog) -> dict:
    acts = catalog.activity_labels(meta.activities) or "per resource type"
    fixes = sorted((t, e) for (rid, t), e in catalog.remediations.items() if rid == meta.rule_id)
    markdown = [f"**{meta.title}**", "", f"HDS activities: {acts}. Basis: {'; '.join(meta.basis)}.", "",
                f"**Fix:** {meta.remediation}"]
    for rtype, e in fixes:
        markdown += ["", f"`{rtype}`: set {e['set']} (Pulumi: `{e['pulumi']}`)", "", "```hcl", e["terraform"], "```"]
    return {
        "id": meta.rule_id,
        "name": meta.title,
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": f"{meta.title}. HDS activities: {acts}. Basis: {'; '.join(meta.basis)}."},
        "help": {"text": meta.remediation, "markdown": "\n".join(markdown)},
        "helpUri": meta.url or INFO_URI,
        "defaultConfiguration": {"level": LEVEL[meta.severity]},
        "properties": {
            "tags": ["security", "HDS", meta.family, *[f"hds-activity-{a}" for a in meta.activities]],
            "security-severity": SECURITY_SEVERITY[meta.severity],
            "precision": "high",
            "problem.severity": {"critical": "error", "high": "error", "medium": "warning"}.get(meta.severity,
                                                                                             "recommendation"),
        },
    }


def _result(f: Finding, index: dict[str, int]) -> dict:
    location: dict = {"logicalLocations": [{"fullyQualifiedName": f.resource.address, "kind": "resource"}]}
    if f.resource.file:
        # A URI reference: "infra/modules/store/main.tf" as is, spaces and the like percent-encoded;
        # relative ones are relative to the source root (the folder the scan ran from).
        uri = f.resource.file.replace("\\", "/")
        artifact = {"uri": quote(uri)} if uri.startswith("/") else {"uri": quote(uri), "uriBaseId": "%SRCROOT%"}
        physical: dict = {"artifactLocation": artifact}
        if f.resource.line:
            physical["region"] = {"startLine": f.resource.line}
        location["physicalLocation"] = physical
    result = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "kind": {"failed": "fail", "unknown": "review", "passed": "pass", "skipped": "fail",
                 "waived": "fail"}[f.status],
        "level": LEVEL[f.severity] if f.status in ("failed", "skipped", "waived") else "none",
        "message": {"text": f"{f.message} [HDS {','.join(map(str, f.activities))}; {'; '.join(f.basis)}]"},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        "properties": {"status": f.status, "severity": f.severity, "activities": list(f.activities),
                       "basis": list(f.basis), "remediation": f.remediation},
    }
    if f.status == "skipped":
        result["suppressions"] = [{"kind": "inSource", "justification": f.skip_reason or ""}]
    elif f.status == "waived" and f.waiver:
        w = f.waiver
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": w["justification"],
                                   "properties": {"waiver": w["id"], "approver": w["approver"],
                                                  "expires": w["expires"]}}]
    if f.baseline:
        result["baselineState"] = "new" if f.baseline == "new" else "unchanged"
    return result


def render_sarif(findings: list[Finding], summary: dict, catalog: Catalog, as_of: str) -> str:
    rules = sorted(catalog.rules.values(), key=lambda m: m.rule_id)
    index = {m.rule_id: i for i, m in enumerate(rules)}
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "hds-policies", "version": __version__, "informationUri": INFO_URI,
                                "rules": [_rule(m, catalog) for m in rules]}},
            "results": [_result(f, index) for f in findings],
            "properties": {"as_of": as_of, "summary": summary},
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
