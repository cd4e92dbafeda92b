"""Shared helpers for the per-provider rule tests (test_rules_aws_hcl/aws_plan/azure/gcp/others.py):
scan a fixture through the real loaders and the real engine, as of 2026-11-22."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hds_policies.engine import evaluate
from hds_policies.model import Finding
from hds_policies.settings import Settings, settings_from_dict
from hds_policies.terraform.hcl_loader import load_hcl
from hds_policies.terraform.plan_loader import load_plan

ROOT = Path(__file__).resolve().parent.parent
HCL = ROOT / "fixtures" / "terraform"
PLANS = ROOT / "fixtures" / "plans"
AS_OF = dt.date(2026, 11, 22)
Triple = tuple[str, str, str]


def make_settings(**data: Any) -> Settings:
    return settings_from_dict(data, "test settings", as_of=AS_OF)


def scan(case: str, settings: Settings | None = None, include_passed: bool = False,
         var_files: list[Path] | None = None) -> list[Finding]:
    """Findings of the HCL fixture fixtures/terraform/<case>."""
    settings = settings or make_settings()
    return evaluate(load_hcl(HCL / case, settings.catalog, var_files), settings, include_passed=include_passed)


def scan_plan(case: str, settings: Settings | None = None, include_passed: bool = False) -> list[Finding]:
    """Findings of the plan JSON twin fixtures/plans/<case>.json."""
    settings = settings or make_settings()
    return evaluate(load_plan(PLANS / f"{case}.json", settings.catalog), settings, include_passed=include_passed)


def triples(findings: list[Finding], *rules: str) -> set[Triple]:
    """(rule id, address, status) of the findings, only for `rules` when given."""
    return {(f.rule_id, f.resource.address, f.status) for f in findings if not rules or f.rule_id in rules}


def one(findings: list[Finding], rule_id: str, address: str) -> Finding:
    found = [f for f in findings if f.rule_id == rule_id and f.resource.address == address]
    assert len(found) == 1, (rule_id, address, found)
    return found[0]


def twin_mismatch(case: str, **settings_data: Any) -> tuple[list[Triple], list[Triple]]:
    """(only in HCL, only in plan) verdicts, passes included: both empty when the twins agree."""
    settings = make_settings(**settings_data)
    hcl = triples(scan(case, settings, include_passed=True))
    plan = triples(scan_plan(case, settings, include_passed=True))
    return sorted(hcl - plan), sorted(plan - hcl)
