"""Every evidence row of the catalog judged on code written for it: a passing, a failing and an
unknown resource of its type (tests/evidence_cases/<RULE>/<case>/), each named by the verdict it must
get: `pass…`, `fail…`, `unknown…`, or `none…` (no verdict for this rule, e.g. a store that keeps no
copy elsewhere). A verdict the row cannot give is declared, with the reason, in
tests/evidence_cases/<RULE>/cannot.json ({"<type key>": {"failed": "why"}}).

Each case folder is a root module, read by the real loader and judged by the real engine for its rule
only; `settings.json` beside it gives settings (HDS_ENC_002 cases run with customer-managed keys
required). Resources whose names have no verdict prefix must be of types the rule has no row for
(keys, networks, …): no resource of a judged type goes unasserted.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from pathlib import Path

import pytest
from provider_cases import make_settings

from hds_policies.catalog import load_catalog
from hds_policies.engine import evaluate
from hds_policies.rules.registry import type_key
from hds_policies.terraform.hcl_loader import load_hcl

CASES = Path(__file__).parent / "evidence_cases"
PREFIXES = {"pass": "passed", "fail": "failed", "unknown": "unknown", "none": None}
STATUSES = ("passed", "failed", "unknown")
CATALOG = load_catalog()
RULES = sorted(CATALOG.evidence)


def expected_status(name: str) -> tuple[bool, str | None]:
    """(named for a verdict?, the verdict) from a resource name."""
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if name.startswith(prefix):
            return True, PREFIXES[prefix]
    return False, None


def case_folders(rule_id: str) -> list[Path]:
    folder = CASES / rule_id
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def cannot(rule_id: str) -> dict[str, dict[str, str]]:
    path = CASES / rule_id / "cannot.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@functools.cache
def judge(rule_id: str, folder: Path) -> list[tuple[str, str, str, set[str | None]]]:
    """(address, name, type key, statuses of this rule) of each resource of a judged type."""
    settings_file = folder / "settings.json"
    data = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.is_file() else {}
    if rule_id == "HDS_ENC_002":
        data.setdefault("require_customer_managed_keys", True)
    settings = make_settings(**data)
    graph = load_hcl(folder, settings.catalog)
    rows = settings.catalog.evidence[rule_id]
    statuses: dict[str, set[str | None]] = defaultdict(set)
    for f in evaluate(graph, settings, include_passed=True):
        if f.rule_id == rule_id:
            statuses[f.resource.address].add(f.status)
    out = []
    for r in graph.resources:
        if r.mode == "managed" and type_key(r) in rows:
            out.append((r.address, r.name, type_key(r), statuses.get(r.address) or {None}))
    return out


@pytest.mark.parametrize("rule_id", RULES)
def test_each_case_gets_the_verdict_its_name_says(rule_id: str) -> None:
    wrong = []
    for folder in case_folders(rule_id):
        for address, name, _key, got in judge(rule_id, folder):
            named, want = expected_status(name)
            if not named:
                wrong.append(f"{folder.name}: {address} is of a judged type but not named pass/fail/unknown/none")
            elif got != {want}:
                wrong.append(f"{folder.name}: {address} expected {want}, got {sorted(map(str, got))}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("rule_id", RULES)
def test_every_row_has_a_passing_a_failing_and_an_unknown_case(rule_id: str) -> None:
    seen: dict[str, set[str | None]] = defaultdict(set)
    for folder in case_folders(rule_id):
        for _address, name, key, _got in judge(rule_id, folder):
            seen[key].add(expected_status(name)[1])
    declared = cannot(rule_id)
    missing = []
    for key in sorted(CATALOG.evidence[rule_id]):
        for status in STATUSES:
            reason = declared.get(key, {}).get(status)
            if reason:
                assert status not in seen[key], f"{rule_id} {key}: a {status} case exists, yet cannot.json: {reason!r}"
            elif status not in seen[key]:
                missing.append(f"{key}: {status}")
    assert not missing, f"{rule_id}: {len(missing)} cases missing:\n" + "\n".join(missing)


def test_cannot_declarations_name_rows_and_give_reasons() -> None:
    for rule_id in RULES:
        for key, statuses in cannot(rule_id).items():
            assert key in CATALOG.evidence[rule_id], f"{rule_id}/cannot.json: {key} has no row"
            for status, reason in statuses.items():
                assert status in STATUSES and isinstance(reason, str) and len(reason) > 10, (rule_id, key, status)
