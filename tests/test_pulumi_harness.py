"""The Pulumi harness: a real program under mocks, a real policy pack over the Analyzer protocol."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pulumi_aws")
pytest.importorskip("pulumi_policy")

from hds_policies.pulumi.analyzer_client import (  # noqa: E402
    AnalyzerClient,
    AnalyzerError,
    default_provider_name,
    engine_resources,
    to_analyze_request,
)
from hds_policies.pulumi.mock_runner import (  # noqa: E402
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN,
    ProgramError,
    Secret,
    run_program,
)

# pulumi_aws warns about its deprecated V2 classes when its modules load.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PROJECT, STACK = "hds-demo", "dev"
PREFIX = f"urn:pulumi:{STACK}::{PROJECT}::"
STACK_URN = f"{PREFIX}pulumi:pulumi:Stack::{PROJECT}-{STACK}"
PARIS_URN = f"{PREFIX}pulumi:providers:aws::paris"
DATA_URN = f"{PREFIX}aws:s3/bucket:Bucket::data"
LOGS_URN = f"{PREFIX}aws:s3/bucket:Bucket::logs"
POLICY_URN = f"{PREFIX}aws:s3/bucketPolicy:BucketPolicy::data-policy"
PARAM_URN = f"{PREFIX}aws:ssm/parameter:Parameter::db-password"
SECRET_VALUE = "s3cr3t-value-never-printed"
CONFIG = {"aws:region": "eu-west-1", "dbPassword": SECRET_VALUE}

PROGRAM = """
import pulumi
import pulumi_aws as aws
from naming import prefixed  # a local module next to __main__.py

paris = aws.Provider("paris", region="eu-west-3")
data = aws.s3.Bucket("data", tags={"data-class": "health"}, opts=pulumi.ResourceOptions(provider=paris))
logs = aws.s3.Bucket("logs", bucket=prefixed("logs"))
aws.s3.BucketPolicy("data-policy", bucket=data.id, policy="{}")
aws.ssm.Parameter("db-password", type="SecureString", value=pulumi.Config().require_secret("dbPassword"))
pulumi.export("bucket", data.id)
"""

PACK_YAML = "runtime: python\nversion: 0.3.0\ndescription: harness test pack\n"
PACK = '''
from pulumi_policy import (EnforcementLevel, PolicyPack, ResourceValidationPolicy, Severity,
                           StackValidationPolicy)


def bucket_tagged(args, report_violation):
    if args.resource_type == "aws:s3/bucketPolicy:BucketPolicy":
        args.props["bucket"]  # unknown during preview: the SDK turns this into an advisory
    if args.resource_type != "aws:s3/bucket:Bucket":
        return
    if "data-class" not in (args.props.get("tags") or {}):
        region = args.provider.props.get("region") if args.provider else None
        report_violation(f"bucket {args.name} in {region} has no data-class tag")


def stack_summary(args, report_violation):
    deps = [f"{r.name}.{key} <- {dep.name}"
            for r in args.resources for key, found in r.property_dependencies.items() for dep in found]
    report_violation(f"{len(args.resources)} resources; " + ", ".join(sorted(deps)))


PolicyPack(
    name="harness-pack",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[
        ResourceValidationPolicy(name="bucket-tagged", description="Buckets carry a data-class tag.",
                                 validate=bucket_tagged, severity=Severity.HIGH),
        StackValidationPolicy(name="stack-summary", description="Summarises the stack.",
                              validate=stack_summary, enforcement_level=EnforcementLevel.ADVISORY),
    ],
)
'''


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("prog") / "app", {
        "Pulumi.yaml": f"name: {PROJECT}\nruntime: python\n",
        "__main__.py": PROGRAM,
        "naming.py": 'def prefixed(name):\n    return "hds-" + name\n',
    })


@pytest.fixture(scope="module")
def run(program: Path):
    return run_program(program, CONFIG, stack=STACK, secret_keys=["dbPassword"])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, run):
    pack = write(tmp_path_factory.mktemp("pack"), {"PulumiPolicy.yaml": PACK_YAML, "__main__.py": PACK})
    with AnalyzerClient.for_run(pack, run, python=sys.executable) as c:
        yield c


# --------------------------------------------------------------------------------------------- runner


def test_captures_registrations_as_the_engine_receives_them(run) -> None:
    regs = run.by_urn()
    assert set(regs) == {STACK_URN, PARIS_URN, DATA_URN, LOGS_URN, POLICY_URN, PARAM_URN}
    assert run.project == PROJECT and run.stack == STACK
    assert run.config == {"aws:region": "eu-west-1", f"{PROJECT}:dbPassword": SECRET_VALUE}

    stack = regs[STACK_URN]
    assert (stack.type, stack.custom, stack.parent, stack.inputs) == ("pulumi:pulumi:Stack", False, None, {})

    paris = regs[PARIS_URN]
    assert (paris.type, paris.name, paris.custom, paris.parent, paris.provider) == (
        "pulumi:providers:aws", "paris", True, STACK_URN, None)
    # pulumi_aws 7 adds its own provider defaults, serialised as strings like all provider inputs.
    assert paris.inputs == {"region": "eu-west-3", "skipCredentialsValidation": "false",
                            "skipRegionValidation": "true"}
    assert paris.version == "7.29.0" or paris.version.startswith("7.")

    data = regs[DATA_URN]
    assert (data.type, data.custom, data.parent, data.provider) == ("aws:s3/bucket:Bucket", True, STACK_URN,
                                                                    PARIS_URN)
    assert data.inputs == {"tags": {"data-class": "health"}}
    assert data.dependencies == [] and data.property_dependencies == {"tags": []}

    logs = regs[LOGS_URN]
    assert logs.provider is None  # default provider
    assert logs.inputs == {"bucket": "hds-logs"}

    policy = regs[POLICY_URN]
    assert policy.provider is None
    assert policy.inputs == {"bucket": UNKNOWN, "policy": "{}"}  # the bucket id is unknown at preview
    assert policy.dependencies == [DATA_URN]
    assert policy.property_dependencies == {"bucket": [DATA_URN], "policy": []}


def test_secrets_stay_marked_and_never_print(run) -> None:
    param = run.by_name("db-password")
    assert param.secret_paths == ["value"]
    assert param.inputs["value"] == Secret(SECRET_VALUE)
    assert param.inputs["type"] == "SecureString"
    assert SECRET_VALUE not in repr(param) and SECRET_VALUE not in repr(run)


def test_rerunnable_and_local_modules_are_reloaded(run, program: Path, tmp_path: Path) -> None:
    again = run_program(program, CONFIG, stack=STACK, secret_keys=["dbPassword"])
    assert again.by_urn() == run.by_urn()
    other = write(tmp_path / "other", {
        "__main__.py": """
            import pulumi_aws as aws
            from naming import prefixed
            aws.s3.Bucket("b", bucket=prefixed("b"))
        """,
        "naming.py": 'def prefixed(name):\n    return "other-" + name\n',
    })
    result = run_program(other, {"aws:region": "eu-west-3"}, project="other", stack="test")
    assert result.by_name("b").inputs == {"bucket": "other-b"}
    assert result.by_name("b").urn == "urn:pulumi:test::other::aws:s3/bucket:Bucket::b"


def test_config_reaches_program_and_provider_sdk(tmp_path: Path) -> None:
    prog = write(tmp_path / "cfg", {"__main__.py": """
        import pulumi
        import pulumi_aws as aws
        assert pulumi.Config("aws").get("region") == "eu-west-3"
        assert aws.config.region == "eu-west-3"
        aws.s3.Bucket("b", tags={"env": pulumi.Config().require("env")})
    """})
    result = run_program(prog, {"aws:region": "eu-west-3", "env": "prod"})
    assert result.by_name("b").inputs == {"tags": {"env": "prod"}}


def test_program_error_names_program_and_message(tmp_path: Path) -> None:
    prog = write(tmp_path / "broken", {"__main__.py": """
        import pulumi_aws as aws
        aws.s3.Bucket("ok")
        raise ValueError("no HDS region configured")
    """})
    with pytest.raises(ProgramError) as info:
        run_program(prog)
    assert info.value.program_dir == str(prog.resolve())
    assert "ValueError: no HDS region configured" in info.value.message
    assert str(prog.resolve()) in str(info.value)
    with pytest.raises(ProgramError, match="no __main__.py"):
        run_program(tmp_path / "missing")
    # A failed run leaves the runtime usable.
    assert run_program(write(tmp_path / "fine", {"__main__.py": "import pulumi\n"})).registrations


# --------------------------------------------------------------------------------------------- analyzer


def test_default_provider_name() -> None:
    assert default_provider_name("") == "default"
    assert default_provider_name("7.29.0") == "default_7_29_0"
    assert default_provider_name("1.0.0-beta.1") == "default_1_0_0_beta_1"
    assert (default_provider_name("2.22.0", "github://api.github.com/ovh/pulumi-ovh")
            == "default_2_22_0_github_/api.github.com/ovh/pulumi_ovh")


def test_wire_form_keeps_unknowns_and_secrets(run) -> None:
    pairs = dict((reg.urn, (reg, prov)) for reg, prov in engine_resources(
        run.registrations, run.project, run.stack, run.config, run.secret_keys))
    version = run.by_name("logs").version
    default_urn = f"{PREFIX}pulumi:providers:aws::default_{version.replace('.', '_')}"
    assert default_urn in pairs
    default = pairs[default_urn][0]
    assert default.inputs == {"region": "eu-west-1"} and default.version == version

    req = to_analyze_request(*pairs[POLICY_URN])
    assert req.properties["bucket"] == UNKNOWN
    assert req.provider.urn == default_urn
    assert dict(req.provider.properties) == {"region": "eu-west-1", "version": version}

    param = to_analyze_request(*pairs[PARAM_URN])
    assert param.properties["value"][SIG_KEY] == SECRET_SIG  # compared, never printed
    assert param.properties["value"]["value"] == SECRET_VALUE


def test_analyzer_info(client: AnalyzerClient) -> None:
    info = client.info()
    assert info["name"] == "harness-pack" and info["version"] == "0.3.0"
    assert [(p["name"], p["policyType"], p["enforcementLevel"], p["severity"]) for p in info["policies"]] == [
        ("bucket-tagged", "resource", "mandatory", "high"),
        ("stack-summary", "stack", "advisory", ""),
    ]
    assert client.plugin_info()["version"]


def test_analyze_reports_bad_resource_only(client: AnalyzerClient, run) -> None:
    client.configure({})
    paris = run.by_urn()[PARIS_URN]
    assert client.analyze(run.by_urn()[DATA_URN], paris) == []
    assert client.analyze(run.by_urn()[LOGS_URN]) == [{
        "policyName": "bucket-tagged",
        "policyPackName": "harness-pack",
        "policyPackVersion": "0.3.0",
        "description": "Buckets carry a data-class tag.",
        "message": "Buckets carry a data-class tag.\nbucket logs in eu-west-1 has no data-class tag",
        "enforcementLevel": "mandatory",
        "urn": LOGS_URN,
        "severity": "high",
    }]
    # Reading an unknown value gives the SDK's advisory, as in a real preview.
    (advisory,) = client.analyze(run.by_urn()[POLICY_URN])
    assert advisory["enforcementLevel"] == "advisory"
    assert "can't run policy 'bucket-tagged'" in advisory["message"]
    assert "during preview" in advisory["message"]


def test_configure_disabled_silences_policy(client: AnalyzerClient, run) -> None:
    sent = client.configure({"bucket-tagged": "disabled"})
    assert sent["bucket-tagged"]["enforcementLevel"] == "disabled"
    assert sent["stack-summary"]["enforcementLevel"] == "advisory"
    assert client.analyze(run.by_urn()[LOGS_URN]) == []
    client.configure({"all": "mandatory"})
    assert [d["enforcementLevel"] for d in client.analyze(run.by_urn()[LOGS_URN])] == ["mandatory"]
    client.configure({})
    with pytest.raises(ValueError, match="enforcement level"):
        client.configure({"bucket-tagged": "loud"})


def test_analyze_stack_and_whole_run(client: AnalyzerClient, run) -> None:
    client.configure({})
    (diag,) = client.analyze_stack(run.registrations)
    assert diag["policyName"] == "stack-summary" and diag["enforcementLevel"] == "advisory"
    # 6 registrations + the engine's default aws provider.
    assert diag["message"] == "Summarises the stack.\n7 resources; data-policy.bucket <- data"
    everything = client.analyze_run(run)
    assert sorted((d["policyName"], d["urn"]) for d in everything) == [
        ("bucket-tagged", LOGS_URN), ("bucket-tagged", POLICY_URN), ("stack-summary", "")]


def test_pack_start_failure_is_reported(tmp_path: Path) -> None:
    files = {"PulumiPolicy.yaml": PACK_YAML, "__main__.py": "raise RuntimeError('bad pack')\n"}
    pack = write(tmp_path / "bad", files)
    with pytest.raises(AnalyzerError, match="bad pack"):
        with AnalyzerClient(pack):
            pass


def test_invalid_pack_config_fails_start_and_stops_process(tmp_path: Path) -> None:
    pack = write(tmp_path / "strict", {"PulumiPolicy.yaml": PACK_YAML, "__main__.py": """
        from pulumi_policy import PolicyConfigSchema, PolicyPack, ResourceValidationPolicy
        PolicyPack(name="strict", policies=[ResourceValidationPolicy(
            name="needs-config", description="d", validate=lambda args, report: None,
            config_schema=PolicyConfigSchema(properties={"zone": {"type": "string"}}, required=["zone"]))])
    """})
    client = AnalyzerClient(pack)
    with pytest.raises(ValueError, match="needs-config: 'zone' is a required property"):
        client.start()
    assert client._proc is None  # the pack was stopped
    with AnalyzerClient(pack, policy_config={"needs-config": {"zone": "eu"}}) as ok:
        sent = ok.configure({"needs-config": {"enforcementLevel": "mandatory", "zone": "fr"}})
        assert sent["needs-config"] == {"enforcementLevel": "mandatory", "properties": {"zone": "fr"}}
