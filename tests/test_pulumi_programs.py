"""Real Pulumi programs (fixtures/pulumi/programs) under set_mocks with the real provider SDKs: stack
files read as the CLI reads them, look-ups answered from the SDKs' result types, secure values kept
secret, Azure locations inherited, bridged type names from the providers' metadata. Exact verdicts."""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_azure")
pytest.importorskip("pulumi_azure_native")
pytest.importorskip("pulumi_gcp")
pytest.importorskip("pulumi_policy")

from hds_policies.catalog import DataError  # noqa: E402
from hds_policies.pulumi import bridged_types, provider_defaults  # noqa: E402
from hds_policies.pulumi.lookups import Answerer, parse_marker  # noqa: E402
from hds_policies.pulumi.mock_runner import ProgramError, Secret, run_program  # noqa: E402
from hds_policies.pulumi.stack_files import SECRET_PLACEHOLDER, read_settings, unset_marker  # noqa: E402
from hds_policies.pulumi.testing import PolicyPackSession  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ROOT / "fixtures" / "pulumi" / "programs"
AS_OF = _dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def pack():
    with PolicyPackSession() as session:
        yield session


def verdicts(result, statuses=("failed", "unknown")) -> set[tuple[str, str, str]]:
    return {(f.rule_id, f.resource.name, f.status) for f in result.findings + result.passed
            if f.status in statuses}


# --- stack files ---------------------------------------------------------------------------


def test_project_and_stack_files_are_read_like_the_cli() -> None:
    found = read_settings(PROGRAMS / "aws_records")
    assert (found.project, found.stack) == ("records", "prod")  # the folder's only stack file
    assert found.config["aws:region"] == "eu-west-3"  # project value in Pulumi.yaml
    assert found.config["records:bucketPrefix"] == "hds-records"  # declared default
    assert found.config["records:retentionDays"] == 30
    assert found.config["records:tags"] == {"owner": "dpo", "hds-scope": "in"}  # structured value
    assert found.config["records:dbPassword"] == SECRET_PLACEHOLDER  # ciphertext never decrypted
    assert found.secret_keys == ["records:dbPassword"]
    over = read_settings(PROGRAMS / "aws_records", None, {"aws:region": "eu-central-1", "dbPassword": "given"})
    assert over.config["aws:region"] == "eu-central-1"
    assert over.config["records:dbPassword"] == "given" and over.secret_keys == []


def test_several_stack_files_need_a_stack_name() -> None:
    with pytest.raises(DataError, match=r"several stack files \(Pulumi.prod.yaml, Pulumi.us.yaml\); choose one"):
        read_settings(PROGRAMS / "aws_records_multi")
    assert read_settings(PROGRAMS / "aws_records_multi", "us").config["aws:region"] == "us-east-1"


def test_template_defaults_stand_in_for_a_missing_stack_file() -> None:
    found = read_settings(PROGRAMS / "gcp_lab")
    assert found.stack == "dev" and found.stack_file is None
    assert found.config["gcp:region"] == "europe-west9"
    assert found.config["gcp:project"] == unset_marker("gcp:project")  # `pulumi new` would ask
    assert found.config["lab:dbPassword"] == SECRET_PLACEHOLDER and found.secret_keys == ["lab:dbPassword"]


def test_bad_stack_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: x\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: [1, 2]\n")
    with pytest.raises(DataError, match=r"Pulumi.dev.yaml: `config` must be a mapping"):
        read_settings(tmp_path)


# --- the runner: fresh process, public SDK API, look-ups ----------------------------------------


def test_the_runner_uses_only_the_sdk_public_surface() -> None:
    for name in ("mock_runner.py", "program_host.py", "lookups.py"):
        text = (ROOT / "hds_policies" / "pulumi" / name).read_text(encoding="utf-8")
        assert "SETTINGS" not in text and "pulumi.runtime.settings" not in text, name
        assert "runtime.stack import" not in text and "run_pulumi_func" not in text, name


def test_secure_values_reach_the_program_as_secrets() -> None:
    found = read_settings(PROGRAMS / "aws_records")
    run = run_program(found.program_dir, found.config, project=found.project, stack=found.stack,
                      secret_keys=found.secret_keys)
    cluster = run.by_name("analytics")
    assert cluster.inputs["masterPassword"] == Secret(SECRET_PLACEHOLDER)
    assert "masterPassword" in cluster.secret_paths
    assert "aws:index/getAvailabilityZones:getAvailabilityZones" in run.lookups
    subnet = run.by_name("data")
    assert subnet.inputs["availabilityZone"] == "eu-west-3a"  # zones of the configured region
    assert subnet.inputs["vpcId"] == "vpc-0123456789abcdef0"


def test_lookup_answers_follow_the_sdk_result_types() -> None:
    answers = Answerer({"aws:region": "eu-west-3"})
    zones = answers.answer("aws:index/getAvailabilityZones:getAvailabilityZones", {"state": "available"})
    assert zones["names"] == ["eu-west-3a", "eu-west-3b", "eu-west-3c"] and zones["state"] == "available"
    zone = answers.answer("aws:route53/getZone:getZone", {"name": "example.org"})
    assert zone["zoneId"].startswith("Z") and zone["name"] == "example.org"
    ami = answers.answer("aws:ec2/getAmi:getAmi", {"mostRecent": True})
    assert ami["id"] == "ami-0123456789abcdef0"
    group = Answerer({}).answer("azure-native:resources:getResourceGroup", {"resourceGroupName": "shared"})
    assert parse_marker(group["location"]) == ("azure-native:resources:getResourceGroup", "location")
    fixed = Answerer({}, {"azure-native:resources:getResourceGroup": {"location": "francecentral"}})
    assert fixed.answer("azure-native:resources:getResourceGroup", {})["location"] == "francecentral"


def test_a_failing_program_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text("import pulumi\n\nraise RuntimeError('boom')\n")
    with pytest.raises(ProgramError) as err:
        run_program(tmp_path)
    assert err.value.message == "RuntimeError: boom (__main__.py:3)"


def test_required_keys_nobody_set_run_with_stand_ins(tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text(
        "import pulumi, pulumi_aws as aws\n"
        "c = pulumi.Config()\n"
        "aws.s3.Bucket('b', bucket=c.require('name'), tags={'pw': c.require_secret('pw')})\n")
    run = run_program(tmp_path, {"aws:region": "eu-west-3"}, project="p")
    assert run.unset_config == ["p:name", "p:pw"]
    assert run.by_name("b").inputs["bucket"] == unset_marker("p:name")
    assert run.by_name("b").inputs["tags"]["pw"] == Secret(SECRET_PLACEHOLDER)


# --- verdicts on the programs -------------------------------------------------------------------


def test_aws_records(pack: PolicyPackSession) -> None:
    result = pack.check(PROGRAMS / "aws_records", as_of=AS_OF)
    assert verdicts(result) == {
        ("HDS_TLS_004", "portal", "failed"),
        ("HDS_TLS_001", "portal-site", "failed"),  # website endpoint: HTTP only
        ("HDS_TLS_003", "analytics", "failed"),  # Redshift: require_ssl defaults to false
    }
    passed = verdicts(result, ("passed",))
    assert {("HDS_ENC_001", "analytics", "passed"),  # pulumi-aws 7 encrypts Redshift by default
            ("HDS_TLS_004", "archive", "passed"),
            ("HDS_LOC_001", "analytics", "passed")} <= passed
    assert result.stack == "prod"


def test_aws_records_on_the_us_stack(pack: PolicyPackSession) -> None:
    result = pack.check(PROGRAMS / "aws_records_multi", stack="us", as_of=AS_OF)
    failed = {(r, n) for r, n, s in verdicts(result) if s == "failed"}
    assert {("HDS_LOC_001", "analytics"), ("HDS_LOC_001", "archive"), ("HDS_LOC_001", "portal"),
            ("HDS_LOC_002", "aws"), ("HDS_TLS_001", "portal-site"), ("HDS_TLS_004", "portal"),
            ("HDS_TLS_003", "analytics")} == failed


def test_azure_native_clinic(pack: PolicyPackSession) -> None:
    result = pack.check(PROGRAMS / "azure_native_clinic", as_of=AS_OF)
    assert verdicts(result) == {
        ("HDS_LOC_001", "clinic", "failed"),  # the group takes azure-native:location (westus)
        ("HDS_LOC_001", "clinic-net", "failed"),  # the rest inherits the group's location
        ("HDS_LOC_001", "clinic-nic", "failed"),
        ("HDS_LOC_001", "clinic-vm", "failed"),
        ("HDS_LOC_001", "shared-net", "unknown"),  # a looked-up group's location: only Azure knows
    }
    (shared,) = [f for f in result.findings if f.resource.name == "shared-net"]
    assert "answer of look-up azure-native:resources:getResourceGroup (location)" in shared.message
    assert "((" not in shared.message and "Unknown(" not in shared.message


def test_a_fixed_lookup_answer_decides(pack: PolicyPackSession) -> None:
    fixed = {"azure-native:resources:getResourceGroup": {"location": "francecentral"}}
    result = pack.check(PROGRAMS / "azure_native_clinic", as_of=AS_OF, answers=fixed)
    assert ("HDS_LOC_001", "shared-net", "passed") in verdicts(result, ("passed",))


def test_classic_azure_portal(pack: PolicyPackSession) -> None:
    result = pack.check(PROGRAMS / "classic_azure_portal", as_of=AS_OF)
    assert verdicts(result) == {("HDS_LOC_001", "demo", "failed"), ("HDS_LOC_001", "demo-lb", "failed")}
    types = {f.resource.name: f.resource.type for f in result.findings + result.passed}
    assert types["portal-lb"] == "azurerm_lb"
    assert types["portal-web"] == "azurerm_linux_virtual_machine_scale_set"
    assert types["portal-ip"] == "azurerm_public_ip"
    located = {n for r, n, s in verdicts(result, ("passed",)) if r == "HDS_LOC_001"}
    assert {"portal", "portal-ip", "portal-lb", "portal-net", "portal-web"} <= located


def test_gcp_lab(pack: PolicyPackSession) -> None:
    result = pack.check(PROGRAMS / "gcp_lab", as_of=AS_OF)
    assert verdicts(result) == {("HDS_LOC_001", "results-api", "failed")}
    assert {f.resource.type for f in result.findings} == {"google_cloud_run_service"}
    assert result.unset_config == []  # gcp:project comes from the template (unset marker), not a rerun
    assert ("HDS_TLS_003", "results", "passed") in verdicts(result, ("passed",))


# --- catalog data against the SDKs -----------------------------------------------------------


def _sdk_tokens(package: str, prefix: str) -> set[str]:
    import importlib
    import re

    root = Path(importlib.import_module(package).__file__).parent
    found: set[str] = set()
    pattern = re.compile(r"__init__\(\s*'(" + re.escape(prefix) + r":[^']+)'")
    for path in root.rglob("*.py"):
        if not path.name.startswith("_"):
            found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(("package", "prefix"), [("pulumi_azure", "azure"), ("pulumi_gcp", "gcp")])
def test_bridged_names_cover_the_sdk_tokens(package: str, prefix: str) -> None:
    tokens = {t for t in _sdk_tokens(package, prefix) if "/" in t}
    table = bridged_types.bridged_types()
    missing = tokens - set(table)
    assert len(missing) <= 0.03 * len(tokens), sorted(missing)[:20]
    assert all(table[t].startswith(("azurerm_", "google_")) for t in tokens & set(table))


def test_provider_defaults_hold_from_their_version() -> None:
    for version, expected in (("6.83.0", None), ("7.0.0", "true"), ("default_7_29_0", "true"), ("", None)):
        attrs: dict = {}
        provider_defaults.apply("aws:redshift/cluster:Cluster", version, attrs, lambda n: n)
        assert attrs.get("encrypted") == expected, version
    attrs = {"encrypted": "false"}
    provider_defaults.apply("aws:redshift/cluster:Cluster", "7.29.0", attrs, lambda n: n)
    assert attrs == {"encrypted": "false"}  # what the program sets wins


# --- the command line ---------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", "pulumi-test", *args, "--as-of", "2026-11-22"],
                          capture_output=True, text=True, cwd=ROOT, check=False, timeout=300)


def test_cli_several_stacks_exit_2_listing_them() -> None:
    proc = _cli(str(PROGRAMS / "aws_records_multi"))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().endswith("several stack files (Pulumi.prod.yaml, Pulumi.us.yaml); "
                                        "choose one with --stack NAME")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_cli_secret_never_printed_and_no_teardown_noise(tmp_path: Path) -> None:
    mocks = tmp_path / "answers.yaml"
    mocks.write_text("azure-native:resources:getResourceGroup:\n  location: westeurope\n")
    proc = _cli(str(PROGRAMS / "azure_native_clinic"), "--format", "json", "--mocks", str(mocks), "--show-passed")
    assert proc.returncode == 1, proc.stderr
    assert SECRET_PLACEHOLDER not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    doc = json.loads(proc.stdout)
    shared = [f["status"] for f in doc["findings"] if f["resource"]["name"] == "shared-net" and
              f["rule_id"] == "HDS_LOC_001"]
    assert shared == ["passed"]


def test_cli_names_unset_config(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\nconfig:\n  aws:region: eu-west-3\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi, pulumi_aws as aws\naws.s3.Bucket('b', bucket=pulumi.Config().require('name'))\n")
    proc = _cli(str(tmp_path), "--format", "json")
    assert proc.returncode == 1  # the bucket has no TLS-deny policy
    assert proc.stderr == ("hds-policies: note: config p:name is not set (stack dev); the program ran with a "
                           "stand-in and what depends on it is unknown\n")


def test_cli_bad_mocks_file(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"getResourceGroup": {"location": "x"}}))
    proc = _cli(str(PROGRAMS / "gcp_lab"), "--mocks", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"hds-policies: error: {bad}: 'getResourceGroup' is not a function token " \
                                  "(package:module:function)"


# --- the pack's one private SDK detail and its public fallback ----------------------------------


def test_servicer_subclass_only_on_tested_policy_sdk_versions() -> None:
    from hds_policies.pulumi.policies import SERVICER_TESTED, _servicer_class, policy_sdk_version

    tested = SERVICER_TESTED[0] <= policy_sdk_version()[:2] <= SERVICER_TESTED[1]
    assert (_servicer_class() is not None) == tested


def test_stock_policy_pack_gives_the_same_failures(pack: PolicyPackSession) -> None:
    """The public PolicyPack path (fallback on other pulumi-policy versions) judges alike."""
    program = PROGRAMS / "classic_azure_portal"
    with PolicyPackSession(env={"HDS_POLICIES_STOCK_SERVICER": "1"}) as stock:
        result = stock.check(program, as_of=AS_OF)
    assert verdicts(result) == verdicts(pack.check(program, as_of=AS_OF))
    assert all(result.levels[(f.rule_id, f.resource.address)] == "mandatory" for f in result.failed)
