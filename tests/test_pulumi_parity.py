"""Parity: each Pulumi program in fixtures/pulumi gets the same verdicts — failed, unknown and passed —
by (rule, resource name, status), through the policy pack (over gRPC) as its Terraform twin in
fixtures/terraform through the engine's HCL loader. Differences that are the frontends' nature (a
Pulumi program that resolves what the HCL reader cannot, and the reverse) are listed in KNOWN_DIFFERENCES
with their reason."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_azure")
pytest.importorskip("pulumi_gcp")
pytest.importorskip("pulumi_ovh")
pytest.importorskip("pulumi_policy")

from hds_policies.engine import evaluate  # noqa: E402
from hds_policies.pulumi.testing import PolicyPackSession  # noqa: E402
from hds_policies.settings import load_settings  # noqa: E402
from hds_policies.terraform import load_path  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
AS_OF = _dt.date(2026, 11, 22)
# Pulumi programs that mirror part of a Terraform fixture: compared on the resources they declare.
PARTIAL_TWINS = {"azure_native_backups": "azure_backups"}
KNOWN_DIFFERENCES: dict[str, dict[str, tuple[tuple[str, str, str], ...]]] = {}
CASES = sorted(p.name for p in (FIXTURES / "pulumi").iterdir() if (p / "__main__.py").is_file())


@pytest.fixture(scope="module")
def pack():
    with PolicyPackSession() as session:
        yield session


def terraform_verdicts(case: str) -> set[tuple[str, str, str]]:
    settings = load_settings(as_of=AS_OF)
    graph = load_path(FIXTURES / "terraform" / case, settings.catalog)
    return {(f.rule_id, f.resource.name, f.status) for f in evaluate(graph, settings, include_passed=True)
            if f.status in ("failed", "unknown", "passed")}


def test_every_cloud_has_a_twin() -> None:
    prefixes = {case.split("_", 1)[0] for case in CASES}
    assert {"aws", "azure", "gcp", "ovh", "demo"} <= prefixes
    for case in CASES:
        twin = PARTIAL_TWINS.get(case, case)
        assert (FIXTURES / "terraform" / twin).is_dir(), f"{case}: no Terraform twin {twin}"


@pytest.mark.parametrize("case", CASES)
def test_same_verdicts_as_the_terraform_twin(pack: PolicyPackSession, case: str) -> None:
    twin = PARTIAL_TWINS.get(case, case)
    result = pack.check(FIXTURES / "pulumi" / case, as_of=AS_OF)
    pulumi = {(f.rule_id, f.resource.name, f.status) for f in result.findings + result.passed}
    terraform = terraform_verdicts(twin)
    if case in PARTIAL_TWINS:
        names = {f.resource.name for f in result.findings} | _declared_names(FIXTURES / "pulumi" / case)
        terraform = {v for v in terraform if v[1] in names}
    known = KNOWN_DIFFERENCES.get(case, {})
    assert sorted(pulumi - terraform) == sorted(known.get("pulumi_only", ()))
    assert sorted(terraform - pulumi) == sorted(known.get("terraform_only", ()))
    # Every failure blocks the deploy; nothing the twin fails is merely undetermined in Pulumi.
    assert all(result.levels[(f.rule_id, f.resource.address)] == "mandatory" for f in result.failed)
    assert all(f.resource.address.startswith("urn:pulumi:dev::") for f in result.findings)


def _declared_names(folder: Path) -> set[str]:
    from hds_policies.pulumi.mock_runner import run_program

    return {r.name for r in run_program(folder).registrations}


def test_declared_ovh_hds_projects_through_the_pack_config(pack: PolicyPackSession) -> None:
    """ovh.cloudproject.User("ops") lives in a project the program does not create (existingProject)."""
    program = FIXTURES / "pulumi" / "ovh_project_hds"

    def ops(policy_config: dict | None = None) -> tuple[str, str]:
        result = pack.check(program, as_of=AS_OF, policy_config=policy_config)
        (found,) = [f for f in result.findings if f.rule_id == "HDS_PRV_004" and f.resource.name == "ops"] or [None]
        return (found.status, result.levels[(found.rule_id, found.resource.address)]) if found else ("none", "")

    assert ops() == ("unknown", "advisory")
    declared = {"ovhHdsProjects": ["0123456789abcdef0123456789abcdef"]}
    assert ops({"HDS_PRV_004": declared}) == ("none", "")  # passed: no violation
    assert ops({"HDS_PRV_004": {"ovhHdsProjects": ["fedcba9876543210fedcba9876543210"]}}) == ("failed", "mandatory")
