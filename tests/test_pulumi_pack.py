"""The HDS policy pack over the real Analyzer gRPC protocol (policy_packs/hds in its own process)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_policy")

from hds_policies.catalog import load_catalog  # noqa: E402
from hds_policies.pulumi.analyzer_client import AnalyzerClient, engine_resources  # noqa: E402
from hds_policies.pulumi.convert import PulumiProvider, PulumiResource  # noqa: E402
from hds_policies.pulumi.mock_runner import ProgramRun, run_program  # noqa: E402
from hds_policies.pulumi.policies import FINDINGS_ENV, Judge, PolicyState, build_policies, is_stack_rule  # noqa: E402
from hds_policies.rules import RULES  # noqa: E402
from hds_policies.settings_discovery import SETTINGS_ENV  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "policy_packs" / "hds"
PROGRAM = """
import pulumi
import pulumi_aws as aws

us = aws.Provider("us", region="us-east-1")
from_env = aws.Provider("from_env")
aws.s3.Bucket("records", bucket="hds-records")
aws.s3.Bucket("copy", bucket="hds-copy", opts=pulumi.ResourceOptions(provider=us))
aws.sqs.Queue("events", name="hds-events", opts=pulumi.ResourceOptions(provider=from_env))
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> ProgramRun:
    folder = tmp_path_factory.mktemp("prog") / "app"
    folder.mkdir()
    (folder / "__main__.py").write_text(textwrap.dedent(PROGRAM), encoding="utf-8")
    return run_program(folder, {"aws:region": "eu-west-3"}, project="hds-app", stack="dev")


@pytest.fixture(scope="module")
def findings_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("findings") / "findings.jsonl"


@pytest.fixture(scope="module")
def client(run: ProgramRun, findings_file: Path):
    env = {"PYTHONPATH": str(ROOT), FINDINGS_ENV: str(findings_file)}
    with AnalyzerClient.for_run(PACK, run, python=sys.executable, env=env) as c:
        yield c


def diagnostics(client: AnalyzerClient, run: ProgramRun) -> list[dict[str, Any]]:
    return client.analyze_run(run)


def by_policy(diags: list[dict[str, Any]], policy: str) -> dict[str, dict[str, Any]]:
    return {d["urn"].rsplit("::", 1)[-1]: d for d in diags if d["policyName"] == policy}


def test_analyzer_info_lists_every_rule_with_the_hds_framework(client: AnalyzerClient) -> None:
    catalog = load_catalog()
    info = client.info()
    policies = {p["name"]: p for p in info["policies"]}
    assert info["name"] == "hds" and info["version"] == "0.1.0"
    assert set(policies) == {r for r in catalog.rules if r in RULES}
    for name, p in policies.items():
        meta = catalog.rules[name]
        assert p["framework"] == {"name": "HDS", "version": "2 (arrêté 2024-04-26)",
                                  "reference": "; ".join(meta.basis), "specification": meta.title}
        assert p["severity"] == (meta.severity if meta.severity != "info" else "low")
        assert p["enforcementLevel"] == "mandatory"
        assert p["policyType"] == ("stack" if is_stack_rule(name, catalog) else "resource")
        assert p["remediationSteps"] == meta.remediation and p["url"].startswith("https://")
        assert any(t.startswith("hds-activity-") for t in p["tags"]) and meta.family in p["tags"]
        props = p["configSchema"]["properties"]
        assert {"asOf", "providers", "backupTag", "unknownEnforcementLevel", "findingsFile"} <= set(props)
        assert ("allowedRegions" in props) == (meta.family == "location")
    assert policies["HDS_LOC_002"]["policyType"] == "resource"
    assert policies["HDS_PRV_001"]["policyType"] == "resource"
    assert policies["HDS_BKP_001"]["policyType"] == "stack"
    assert policies["HDS_LOC_001"]["tags"][:2] == ["hds", "location"]


def test_non_eea_region_is_a_mandatory_violation(client: AnalyzerClient, run: ProgramRun) -> None:
    client.configure({})
    diags = diagnostics(client, run)
    loc = by_policy(diags, "HDS_LOC_001")
    copy = loc["copy"]
    assert copy["enforcementLevel"] == "mandatory" and copy["severity"] == "critical"
    assert copy["urn"] == "urn:pulumi:dev::hds-app::aws:s3/bucket:Bucket::copy"
    assert "copy (aws_s3_bucket): S3 bucket copy in us-east-1" in copy["message"]
    assert "HDS activities: 1 Physical sites, 2 Hardware infrastructure, 3 Virtual infrastructure" in copy["message"]
    assert "Basis: HDS référentiel v2 EXI 28" in copy["message"]
    assert "records" not in loc
    # The provider itself, judged when it is analysed (a resource policy).
    provider = by_policy(diags, "HDS_LOC_002")
    assert set(provider) == {"us"} and provider["us"]["enforcementLevel"] == "mandatory"
    assert provider["us"]["urn"] == "urn:pulumi:dev::hds-app::pulumi:providers:aws::us"


def test_unknown_region_is_advisory(client: AnalyzerClient, run: ProgramRun) -> None:
    client.configure({})
    events = by_policy(diagnostics(client, run), "HDS_LOC_001")["events"]
    assert events["enforcementLevel"] == "advisory"
    assert "UNDETERMINED" in events["message"] and "sets no region" in events["message"]
    client.configure({"HDS_LOC_001": {"unknownEnforcementLevel": "mandatory"}})
    assert by_policy(diagnostics(client, run), "HDS_LOC_001")["events"]["enforcementLevel"] == "mandatory"
    client.configure({})


def test_configure_changes_allowed_regions_and_levels(client: AnalyzerClient, run: ProgramRun) -> None:
    allowed = {"allowedRegions": {"aws": ["us-east-1"]}}
    client.configure({"HDS_LOC_001": allowed, "HDS_LOC_002": allowed})
    diags = diagnostics(client, run)
    assert "copy" not in by_policy(diags, "HDS_LOC_001") and not by_policy(diags, "HDS_LOC_002")
    client.configure({"HDS_LOC_001": "advisory", "HDS_LOC_002": "disabled"})
    diags = diagnostics(client, run)
    assert by_policy(diags, "HDS_LOC_001")["copy"]["enforcementLevel"] == "advisory"
    assert not by_policy(diags, "HDS_LOC_002")
    client.configure({})


def test_a_failing_policy_fails_closed_naming_itself(client: AnalyzerClient, run: ProgramRun) -> None:
    client.configure({"HDS_PRV_003": {"asOf": "2026-13-45"}, "HDS_TLS_004": {"providers": {"aws": {"status": 7}}}})
    diags = diagnostics(client, run)
    prv = by_policy(diags, "HDS_PRV_003")
    assert prv and all(d["enforcementLevel"] == "mandatory" for d in prv.values())
    assert "policy HDS_PRV_003 could not judge this resource and fails closed" in prv["records"]["message"]
    (tls,) = [d for d in diags if d["policyName"] == "HDS_TLS_004"]
    assert "policy HDS_TLS_004 could not judge the stack and fails closed" in tls["message"]
    assert tls["urn"] == "" and tls["enforcementLevel"] == "mandatory"
    client.configure({})


def test_findings_file_holds_the_contract_records(client: AnalyzerClient, run: ProgramRun,
                                                  findings_file: Path) -> None:
    client.configure({})
    findings_file.write_text("")
    diagnostics(client, run)
    records = [json.loads(line) for line in findings_file.read_text().splitlines()]
    rec = next(r for r in records if r["rule_id"] == "HDS_LOC_001" and r["resource"]["name"] == "copy")
    assert rec["status"] == "failed" and rec["enforcement_level"] == "mandatory"
    assert rec["resource"]["address"].endswith("aws:s3/bucket:Bucket::copy")
    assert rec["activities"] == [1, 2, 3] and rec["basis"] == ["HDS référentiel v2 EXI 28"]
    assert rec["policy_pack"]["name"] == "hds"


def test_settings_file_from_the_environment(run: ProgramRun, tmp_path: Path) -> None:
    settings = tmp_path / "hds-policies.yaml"
    settings.write_text("allowed_regions:\n  aws: [us-east-1]\n")
    env = {"PYTHONPATH": str(ROOT), SETTINGS_ENV: str(settings)}
    with AnalyzerClient.for_run(PACK, run, python=sys.executable, env=env) as c:
        diags = c.analyze_run(run)
    assert "copy" not in by_policy(diags, "HDS_LOC_001")


# --- in process: the judge and the SDK's own dispatch (used when the servicer cannot be built) ------


def _bucket(name: str, provider_region: str | None) -> PulumiResource:
    props = {"region": provider_region} if provider_region else {}
    prov = PulumiProvider("pulumi:providers:aws", "urn:pulumi:dev::p::pulumi:providers:aws::default", "default",
                          props)
    return PulumiResource("aws:s3/bucket:Bucket", f"urn:pulumi:dev::p::aws:s3/bucket:Bucket::{name}", name, {}, prov)


def test_an_exception_inside_a_rule_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(target, ctx):
        raise RuntimeError("rule bug")

    monkeypatch.setitem(RULES, "HDS_LOC_001", RULES["HDS_LOC_001"].__class__("HDS_LOC_001", boom, "resource"))
    judge = Judge()
    states = {r: PolicyState("mandatory", {}) for r in ("HDS_LOC_001", "HDS_TLS_004")}
    found = judge.judge([_bucket("b", "us-east-1")], states)
    failure = [v for v in found if v.policy == "HDS_LOC_001"]
    assert len(failure) == 1 and failure[0].level == "mandatory" and failure[0].finding is None
    assert "RuntimeError: rule bug" in failure[0].message
    assert any(v.policy == "HDS_TLS_004" and v.finding is not None for v in found)  # the others still run


def test_sdk_callbacks_report_failures_and_raise_unknowns_as_advisory() -> None:
    from pulumi_policy import PolicyResourceOptions, ResourceValidationArgs
    from pulumi_policy.policy import PolicyCustomTimeouts, PolicyProviderResource
    from pulumi_policy.proxy import UnknownValueError

    policies = {p.name: p for p in build_policies(Judge())}
    opts = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])

    def args(region: str | None) -> ResourceValidationArgs:
        props = {"region": region} if region else {}
        prov = PolicyProviderResource("pulumi:providers:aws", props, "urn:pulumi:dev::p::pulumi:providers:aws::us",
                                      "us")
        return ResourceValidationArgs("pulumi:providers:aws", props, prov.urn, "us", opts, None)

    reported: list[str] = []
    policies["HDS_LOC_002"].validate(args("us-east-1"), lambda msg, urn=None: reported.append(msg))
    assert len(reported) == 1 and "us-east-1" in reported[0]
    reported.clear()
    policies["HDS_LOC_002"].validate(args("eu-west-3"), lambda msg, urn=None: reported.append(msg))
    assert reported == []
    bucket = _bucket("b", None)
    with pytest.raises(UnknownValueError, match="sets no region"):
        policies["HDS_LOC_001"].validate(_stack_args([bucket]), lambda msg, urn=None: reported.append(msg))


def _stack_args(resources: list[PulumiResource]) -> Any:
    from pulumi_policy import PolicyResource, PolicyResourceOptions, StackValidationArgs
    from pulumi_policy.policy import PolicyCustomTimeouts, PolicyProviderResource

    opts = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])
    out = []
    for r in resources:
        prov = PolicyProviderResource(r.provider.type, dict(r.provider.props), r.provider.urn, r.provider.name)
        out.append(PolicyResource(r.type, dict(r.props), r.urn, r.name, opts, prov, None, [], {}))
    return StackValidationArgs(out)


def test_engine_resources_helper_matches_the_run(run: ProgramRun) -> None:
    pairs = engine_resources(run.registrations, run.project, run.stack, run.config)
    assert any(reg.name.startswith("default_") for reg, _ in pairs)


def test_unproxy_reads_sdk_proxies_without_tripping_on_unknowns() -> None:
    from pulumi_policy.proxy import unknown_checking_proxy

    from hds_policies.pulumi.convert import UNKNOWN_SENTINELS
    from hds_policies.pulumi.requests import unproxy

    unknown = next(iter(UNKNOWN_SENTINELS))
    props = {"bucket": unknown, "rules": [{"mode": unknown, "days": 3}], "tags": {"hds-role": "backup"}}
    assert unproxy(unknown_checking_proxy(props)) == props


def test_policy_config_reaches_the_engine_settings() -> None:
    judge = Judge()
    bucket = _bucket("b", "eu-central-2")  # Zurich: outside the EEA
    (v,) = judge.judge([bucket], {"HDS_LOC_001": PolicyState("mandatory", {"severity": "low"})})
    assert (v.severity, v.level, v.finding.status) == ("low", "mandatory", "failed")
    allowed = {"allowedRegions": {"aws": ["eu-central-2"]}}
    assert judge.judge([bucket], {"HDS_LOC_001": PolicyState("mandatory", allowed)}) == []
    assert judge.judge([bucket], {"HDS_LOC_001": PolicyState("disabled", {})}) == []
