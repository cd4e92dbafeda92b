"""Parity: Checkov with the HDS checks and `hds-policies scan` give the same verdicts on every fixture.

One Checkov run covers every folder of fixtures/terraform (`checkov -d fixtures/terraform`: each
folder is a Terraform root; the adapter evaluates each root apart), one covers every plan
(`checkov -f a.json -f b.json …`). Set HDS_PARITY_EACH=1 to run Checkov once per fixture instead
(slower: about 5 s a run, two at a time).

Compared per fixture: the (rule, resource) pairs Checkov reports FAILED against those `scan` reports
failed or unknown (an unknown is FAILED in Checkov, with details starting "unknown:"), and the
SKIPPED pairs against scan's skipped ones. Checkov reports each count/for_each instance on its own;
pairs are compared by block address. Checkov marks every check named in a skip comment SKIPPED,
scan only those that would fail. KNOWN_DIFFERENCES lists what comes from Checkov itself
(docs/checkov.md explains each); an entry that no longer differs fails the test too.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("checkov")

from checkov_support import FIXTURES, block_address, checkov_address, records, run_checkov  # noqa: E402

from hds_policies.catalog import load_catalog  # noqa: E402
from hds_policies.checkov.graph import unreachable  # noqa: E402
from hds_policies.cli import main as cli_main  # noqa: E402

AS_OF = "2026-11-22"
HCL = sorted(p for p in (FIXTURES / "terraform").iterdir() if p.is_dir() and any(p.rglob("*.tf")))
PLANS = sorted((FIXTURES / "plans").glob("*.json"))

REGISTRY_MODULES = ("Checkov reads registry modules it downloads itself (--download-external-modules), not the "
                    "folders `terraform init` recorded in .terraform/modules/modules.json; scan follows them")
# (fixture, rule, block address) -> (side that reports it, reason). Reasons: docs/checkov.md. Side
# "checkov" / "scan": failed or unknown on that side only; "status": on both, unknown on one side only.
KNOWN_DIFFERENCES: dict[tuple[str, str, str], tuple[str, str]] = {
    ("aws_locals_refs", "HDS_LOC_001", "aws_s3_bucket.dr"): (
        "checkov", "Checkov leaves local.dr[\"region\"] (a map local indexed with brackets) unrendered, "
                   "so the region is unknown to the adapter; scan resolves it to eu-central-1"),
    ("aws_locals_refs", "HDS_LOC_001", "aws_sqs_queue.built"): (
        "checkov", "Checkov leaves arithmetic inside a template (\"eu-west-${1 + 2}\") unrendered; scan "
                   "evaluates it to eu-west-3"),
    ("aws_locals_refs", "HDS_LOC_001", "aws_sqs_queue.interpolated"): (
        "checkov", "Checkov leaves a conditional inside a template unrendered; scan evaluates it to eu-north-1"),
    ("registry_modules", "HDS_LOC_001", "module.node_group.aws_s3_bucket.this"): (
        "checkov", "Checkov does not decide `var.node_groups != null ? var.node_groups : {}` over a null "
                   "default and evaluates the module once; scan sees that it creates nothing"),
    ("registry_modules", "HDS_TLS_004", "module.node_group.aws_s3_bucket.this"): (
        "checkov", "as above: a module instance Terraform never creates"),
    ("registry_modules", "HDS_COV_001", "module.audit_trail"): (
        "scan", "a module call not followed is reported by scan only (the Checkov adapter judges the "
                "resources Checkov loads)"),
    ("registry_modules", "HDS_LOC_001", "module.sql.google_sql_database_instance.default"): (
        "scan", REGISTRY_MODULES),
    ("registry_modules", "HDS_TLS_003", "module.db.aws_db_instance.this"): (
        "scan", REGISTRY_MODULES),
    ("registry_modules", "HDS_TLS_003", "module.sql.google_sql_database_instance.default"): (
        "scan", REGISTRY_MODULES),
    ("registry_modules", "HDS_ENC_001", "module.db.aws_db_instance.this"): (
        "scan", REGISTRY_MODULES),
    ("repo_roots", "HDS_ENC_001", "aws_db_instance.records"): (
        "scan", "in *.tf.json (generated/main.tf.json), which Checkov reads with its terraform_json "
                "framework only, where the HDS checks are not registered; scan reads it like HCL"),
    ("secrets_everywhere", "HDS_TLS_002", "aws_lb_listener.stream"): (
        "checkov", "Checkov leaves upper(var.proto) over a sensitive variable unrendered, so the protocol, and "
                   "whether a TLS policy applies, is unknown to the adapter; scan evaluates it to TCP (no policy)"),
    ("aws_conditionals", "HDS_ENC_001", "aws_db_instance.records"): (
        "checkov", "Checkov leaves var.environment == \"prod\" unevaluated (unknown to the adapter); "
                   "scan evaluates it to true"),
    ("aws_conditionals", "HDS_ENC_001", "aws_db_instance.staging"): (
        "checkov", "Checkov renders `a == b && c` as null, which reads as the argument not set (failed); "
                   "scan evaluates it to true"),
}

Pairs = set[tuple[str, str]]
KINDS = ("FAILED", "SKIPPED", "UNKNOWN", "INSTANCES")


def _fixture_of(record: dict[str, Any], plan: bool) -> str:
    path = Path(record["file_abs_path"])
    if plan:
        return path.name
    return path.relative_to(FIXTURES / "terraform").parts[0]


def _collect(recs: list[dict[str, Any]], plan: bool, single: str | None = None) -> dict[str, dict[str, Pairs]]:
    """Per fixture: FAILED and SKIPPED pairs, the FAILED ones whose details say unknown, and the pairs
    that come from count/for_each instances."""
    out: dict[str, dict[str, Pairs]] = defaultdict(lambda: {k: set() for k in KINDS})
    for r in recs:
        if r["result"] == "PASSED":
            continue
        found = out[single or _fixture_of(r, plan)]
        pair = (r["check_id"], block_address(r["resource"]))
        found[r["result"]].add(pair)
        if pair[1] != r["resource"]:
            found["INSTANCES"].add(pair)
        if r["result"] == "FAILED" and str((r.get("details") or ["", ""])[1]).startswith("unknown:"):
            found["UNKNOWN"].add(pair)
    return out


def _checkov_all() -> dict[str, dict[str, Pairs]]:
    found: dict[str, dict[str, Pairs]] = {}
    if os.environ.get("HDS_PARITY_EACH"):
        def one(target: tuple[Path, bool]) -> dict[str, dict[str, Pairs]]:
            path, plan = target
            args = (["-f", str(path), "--framework", "terraform_plan"] if plan
                    else ["-d", str(path), "--framework", "terraform"])
            proc = run_checkov([*args, "--check", "HDS_*", "-o", "json"], HDS_POLICIES_AS_OF=AS_OF)
            return _collect(records(proc.stdout), plan, path.name)

        with ThreadPoolExecutor(2) as pool:
            for part in pool.map(one, [(p, False) for p in HCL] + [(p, True) for p in PLANS]):
                found.update(part)
        return found
    hcl = run_checkov(["-d", str(FIXTURES / "terraform"), "--framework", "terraform", "--check", "HDS_*",
                       "-o", "json"], HDS_POLICIES_AS_OF=AS_OF)
    plan_args = [a for p in PLANS for a in ("-f", str(p))]
    plans = run_checkov([*plan_args, "--framework", "terraform_plan", "--check", "HDS_*", "-o", "json"],
                        HDS_POLICIES_AS_OF=AS_OF)
    for proc in (hcl, plans):
        assert "could not evaluate" not in proc.stderr, proc.stderr[-3000:]
    found.update(_collect(records(hcl.stdout), plan=False))
    found.update(_collect(records(plans.stdout), plan=True))
    return found


@pytest.fixture(scope="session")
def checkov_results() -> dict[str, dict[str, Pairs]]:
    return _checkov_all()


def _scan(path: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "scan.json"
    code = cli_main(["scan", str(path), "--format", "json", "--as-of", AS_OF, "--output", str(out)])
    assert code in (0, 1)
    return json.loads(out.read_text())["findings"]


def _scan_pairs(findings: list[dict[str, Any]]) -> dict[str, Pairs]:
    out: dict[str, Pairs] = {"FAILED": set(), "SKIPPED": set(), "UNKNOWN": set()}
    for f in findings:
        res = f["resource"]
        pair = (f["rule_id"], block_address(checkov_address(res["address"], res["type"])))
        if f["status"] in ("failed", "unknown"):
            out["FAILED"].add(pair)
        if f["status"] == "unknown":
            out["UNKNOWN"].add(pair)
        if f["status"] == "skipped":
            out["SKIPPED"].add(pair)
    return out


def _case(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("path", HCL + PLANS, ids=_case)
def test_checkov_matches_scan(path: Path, checkov_results: dict[str, dict[str, Pairs]], tmp_path: Path) -> None:
    fixture = path.name
    scan = _scan_pairs(_scan(path, tmp_path))
    got = checkov_results.get(fixture) or {k: set() for k in KINDS}
    known = {(r, a): side for (fx, r, a), (side, _why) in KNOWN_DIFFERENCES.items() if fx == fixture}
    assert {p for p, side in known.items() if side == "status"} <= got["FAILED"] & scan["FAILED"]
    assert got["FAILED"] - scan["FAILED"] == {p for p, side in known.items() if side == "checkov"}, \
        "failed in Checkov, not in scan"
    assert scan["FAILED"] - got["FAILED"] == {p for p, side in known.items() if side == "scan"}, \
        "failed in scan, not in Checkov"
    # Checkov marks a check named in #checkov:skip SKIPPED whatever its outcome; scan lists a skip only
    # where the rule fails or is unknown. The rest of Checkov's skips are resources scan does not flag.
    assert scan["SKIPPED"] <= got["SKIPPED"]
    assert not (got["SKIPPED"] - scan["SKIPPED"]) & scan["FAILED"]
    # What scan calls unknown, Checkov reports FAILED with details "unknown: …" (Checkov judges each
    # count/for_each instance, so those are left out).
    same = (got["FAILED"] & scan["FAILED"]) - got["INSTANCES"] - set(known)
    assert got["UNKNOWN"] & same == scan["UNKNOWN"] & same


def test_verdicts_land_where_checkov_can_show_them() -> None:
    """A rule's failed/unknown verdicts fall on its resource_types or reported_on (else the Checkov
    check, registered for those types, would never be asked about that resource)."""
    from hds_policies.engine import evaluate
    from hds_policies.settings import load_settings
    from hds_policies.terraform import load_graphs

    settings = load_settings()
    catalog = load_catalog()
    lost = []
    for path in HCL + PLANS:
        for graph in load_graphs(path, catalog):
            lost += [(path.name, f.rule_id, f.resource.address)
                     for f in unreachable(evaluate(graph, settings), catalog) if f.family != "coverage"]
    assert lost == []
