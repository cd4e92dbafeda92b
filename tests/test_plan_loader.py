"""The plan JSON loader (`terraform show -json PLANFILE`): addresses, provider configurations,
references between split resources, unknown and sensitive values, and bad input.

The fixtures in fixtures/plans/ follow the documented format (format_version 1.2, and one Terraform
1.0 plan with format_version 0.2); see the docstring of each test for what it relies on.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from hds_policies.catalog import DataError, load_catalog
from hds_policies.model import Graph, Unknown, is_sensitive, is_unknown
from hds_policies.terraform import load_path
from hds_policies.terraform.plan_loader import load_plan, read_plan

PLANS = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
CATALOG = load_catalog()


def load(name: str) -> Graph:
    return load_plan(PLANS / name, CATALOG)


def plan_doc(name: str) -> dict[str, Any]:
    return json.loads((PLANS / name).read_text(encoding="utf-8"))


def load_doc(doc: Any, tmp_path: Path, name: str = "plan.json") -> Graph:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return load_plan(path, CATALOG)


def managed(graph: Graph) -> set[str]:
    return {r.address for r in graph.resources if r.mode == "managed"}


def resource(graph: Graph, address: str):
    found = graph.get(address)
    assert found is not None, address
    return found


# --- every fixture loads --------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.json")), ids=lambda p: p.name)
def test_every_plan_fixture_loads_through_load_path(path: Path):
    graph = load_path(path, CATALOG)
    assert graph.resources
    assert all(r.file == str(path) and r.line is None for r in graph.resources)
    assert all(r.provider_key in graph.providers for r in graph.resources)


# --- addresses ------------------------------------------------------------------------------


def test_addresses_count_module_and_for_each_instances_deleted_resource_left_out():
    graph = load("aws_location.json")
    assert managed(graph) == {
        "aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]",
        "aws_s3_bucket_server_side_encryption_configuration.b[0]",
        "aws_s3_bucket_server_side_encryption_configuration.b[1]",
        "aws_s3_bucket.paris", "aws_s3_bucket.us",
        "module.store.aws_s3_bucket.this",
        "module.store.aws_s3_bucket_server_side_encryption_configuration.this",
        'module.eu["imaging"].aws_s3_bucket.this',
        'module.eu["imaging"].aws_s3_bucket_server_side_encryption_configuration.this',
        'module.eu["records"].aws_s3_bucket.this',
        'module.eu["records"].aws_s3_bucket_server_side_encryption_configuration.this',
    }
    assert graph.get("aws_s3_bucket.retired") is None  # actions ["delete"]
    b0 = resource(graph, "aws_s3_bucket.b[0]")
    assert (b0.type, b0.name, b0.module, b0.provider) == ("aws_s3_bucket", "b", "", "aws")
    store = resource(graph, "module.store.aws_s3_bucket.this")
    assert (store.name, store.module) == ("this", "module.store")
    assert resource(graph, 'module.eu["records"].aws_s3_bucket.this').module == 'module.eu["records"]'


def test_data_source_read_while_planning_comes_from_prior_state():
    graph = load("aws_location.json")
    caller = resource(graph, "data.aws_caller_identity.current")
    assert (caller.mode, caller.type, caller.name) == ("data", "aws_caller_identity", "current")
    assert caller.attrs["account_id"] == "111122223333"


def test_data_source_read_deferred_to_apply_comes_from_resource_changes():
    graph = load("aws_evidence.json")
    doc = resource(graph, "data.aws_iam_policy_document.tls")
    assert doc.mode == "data"
    statement = doc.attrs["statement"][0]
    assert statement["effect"] == "Deny"
    assert statement["condition"][0]["variable"] == "aws:SecureTransport"
    # Set from a bucket's ARN in the configuration: unknown, and says where it comes from.
    assert is_unknown(statement["resources"])
    assert statement["resources"].raw.startswith("aws_s3_bucket.records.arn")
    policy = resource(graph, "aws_s3_bucket_policy.records")
    assert policy.refs == frozenset({"aws_s3_bucket.records", "data.aws_iam_policy_document.tls"})


def test_planned_values_alone_are_enough(tmp_path: Path):
    """A plan without resource_changes (some tools strip it): planned_values, child modules included."""
    doc = plan_doc("aws_location.json")
    del doc["resource_changes"]
    graph = load_doc(doc, tmp_path)
    assert managed(graph) == managed(load("aws_location.json"))
    assert resource(graph, "module.store.aws_s3_bucket.this").module == "module.store"


def test_summary_counts_managed_resources_only():
    graph = load("aws_evidence.json")
    assert "aws_s3_bucket.legacy_us" not in managed(graph)  # deleted
    assert all(r.mode == "data" for r in graph.resources if r.address.startswith("data."))


# --- provider configurations ----------------------------------------------------------------


def test_provider_region_from_root_variable_alias_and_module_inheritance():
    graph = load("aws_location.json")
    assert set(graph.providers) >= {"aws", "aws.us", "aws.paris"}
    assert graph.providers["aws"].attrs["region"] == "ap-northeast-1"  # tfvars value, not the default
    assert graph.providers["aws.us"].attrs["region"] == "us-east-1"
    assert graph.providers["aws.us"].alias == "us"
    assert graph.providers["aws.us"].address == "provider.aws.us"
    assert graph.providers["aws"].provider == "aws"
    assert resource(graph, "aws_s3_bucket.b[1]").provider_key == "aws"
    assert resource(graph, "aws_s3_bucket.us").provider_key == "aws.us"
    # "module.store:aws" is not a provider_config entry: the module inherits the root configuration.
    assert resource(graph, "module.store.aws_s3_bucket.this").provider_key == "aws"
    # Passed provider (providers = { aws = aws.paris }), key normalised by Terraform.
    assert resource(graph, 'module.eu["imaging"].aws_s3_bucket.this').provider_key == "aws.paris"


def test_terraform_1_0_plan_module_keys_resolve_to_the_root_configuration():
    graph = load("legacy_tf10.json")
    assert read_plan(PLANS / "legacy_tf10.json")["format_version"] == "0.2"
    bucket = resource(graph, "module.store.aws_s3_bucket.this")
    assert bucket.provider_key == "aws"  # "store:aws" in the plan
    assert graph.providers["aws"].attrs["region"] == "ca-central-1"
    assert bucket.provider == "aws"  # no full_name in 1.0: from the local name


def test_module_required_providers_entry_without_a_block_stands_for_the_parent(tmp_path: Path):
    """Plans that list a module's required_providers as "module.x:aws" with no expressions, and key
    the module's resources to it: the resources take the root provider's region."""
    doc = plan_doc("legacy_tf10.json")
    conf = doc["configuration"]["root_module"]["module_calls"]["store"]["module"]["resources"][0]
    conf["provider_config_key"] = "module.store:aws"
    graph = load_doc(doc, tmp_path)
    assert resource(graph, "module.store.aws_s3_bucket.this").provider_key == "aws"


def test_provider_region_is_only_resolved_from_a_lone_variable_reference(tmp_path: Path):
    """`region = var.dr ? "us-east-1" : var.region` references var.region too: unknown, not its value."""
    doc = plan_doc("aws_location.json")
    doc["variables"]["dr"] = {"value": True}
    expressions = doc["configuration"]["provider_config"]["aws"]["expressions"]
    expressions["region"] = {"references": ["var.dr", "var.region"]}
    graph = load_doc(doc, tmp_path)
    region = graph.providers["aws"].attrs["region"]
    assert is_unknown(region) and region.raw == "var.dr"


def test_resource_without_provider_configuration_gets_an_implicit_one(tmp_path: Path):
    doc = plan_doc("aws_location.json")
    del doc["configuration"]
    graph = load_doc(doc, tmp_path)
    bucket = resource(graph, "aws_s3_bucket.b[0]")
    assert bucket.provider == "aws"
    assert graph.providers[bucket.provider_key].implicit


# --- references between split resources -----------------------------------------------------


def test_count_instances_pair_by_index():
    graph = load("aws_location.json")
    for i in (0, 1):
        sse = resource(graph, f"aws_s3_bucket_server_side_encryption_configuration.b[{i}]")
        assert sse.refs == frozenset({f"aws_s3_bucket.b[{i}]"})
    assert [r.address for r in graph.referrers(resource(graph, "aws_s3_bucket.b[1]"))] == [
        "aws_s3_bucket_server_side_encryption_configuration.b[1]"]


def test_references_stay_inside_their_module_instance():
    graph = load("aws_location.json")
    for key in ("imaging", "records"):
        mod = f'module.eu["{key}"]'
        sse = resource(graph, f"{mod}.aws_s3_bucket_server_side_encryption_configuration.this")
        assert sse.refs == frozenset({f"{mod}.aws_s3_bucket.this"})
    store_sse = resource(graph, "module.store.aws_s3_bucket_server_side_encryption_configuration.this")
    assert store_sse.refs == frozenset({"module.store.aws_s3_bucket.this"})


def test_split_resources_are_correlated_through_configuration_references():
    graph = load("aws_evidence.json")
    assert resource(graph, "aws_s3_bucket_object_lock_configuration.bk_gov").refs == frozenset(
        {"aws_s3_bucket.bk_gov"})
    assert resource(graph, "aws_backup_vault_lock_configuration.locked").refs == frozenset(
        {"aws_backup_vault.locked"})
    assert resource(graph, "aws_db_instance.ehr").refs == frozenset(
        {"aws_kms_key.rds", "aws_db_parameter_group.pg"})
    assert resource(graph, "aws_lb_listener.http_redirect").refs == frozenset({"aws_lb.web"})
    assert resource(graph, "aws_lb_listener.https_pending").refs == frozenset(
        {"aws_lb.web", "aws_lb_target_group.app", "terraform_data.tls_policy"})


# --- unknown values -------------------------------------------------------------------------


def test_provider_computed_attributes_the_code_does_not_set_are_left_out():
    """AWS provider v5: aws_s3_bucket.region is read-only and the legacy inline blocks are
    Optional+Computed, so a new bucket has them all unknown in the plan. Not set in the code, they
    are left out, as in HCL: the region is the provider's, SSE is the default, no policy."""
    graph = load("aws_location.json")
    attrs = resource(graph, "aws_s3_bucket.paris").attrs
    for name in ("region", "server_side_encryption_configuration", "policy", "object_lock_enabled", "arn",
                 "id"):
        assert name not in attrs, name
    assert attrs["bucket"] == "hds-paris"


def test_unknown_values_the_code_sets_stay_unknown_and_name_their_source():
    graph = load("aws_evidence.json")
    sse = resource(graph, "aws_s3_bucket_server_side_encryption_configuration.records")
    key = sse.attrs["rule"][0]["apply_server_side_encryption_by_default"][0]["kms_master_key_id"]
    assert key == Unknown("aws_kms_key.s3.arn, known after apply")
    assert sse.attrs["rule"][0]["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "aws:kms"
    listener = resource(graph, "aws_lb_listener.https_pending")
    assert listener.attrs["ssl_policy"] == Unknown("terraform_data.tls_policy.output, known after apply")
    v6 = load("aws_region_attr.json")
    assert resource(v6, "aws_s3_bucket.dr").attrs["region"] == Unknown(
        "terraform_data.dr_region.output, known after apply")
    assert resource(v6, "aws_s3_bucket.paris").attrs["region"] == "eu-west-3"  # v6: planned from the provider


def test_without_configuration_every_unknown_stays_unknown(tmp_path: Path):
    """Fail closed: when the plan does not say what the code sets, nothing unknown is dropped."""
    doc = plan_doc("aws_location.json")
    del doc["configuration"]
    graph = load_doc(doc, tmp_path)
    attrs = resource(graph, "aws_s3_bucket.paris").attrs
    assert attrs["region"] == Unknown("(known after apply)")
    assert is_unknown(attrs["server_side_encryption_configuration"])


def test_existing_resource_without_changes_has_all_values_known():
    bucket = resource(load("aws_evidence.json"), "aws_s3_bucket.exports")
    assert bucket.attrs["region"] == "eu-west-3"
    assert json.loads(bucket.attrs["policy"])["Statement"][0]["Effect"] == "Deny"
    rule = bucket.attrs["server_side_encryption_configuration"][0]["rule"][0]
    assert rule["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "AES256"


# --- sensitive values -----------------------------------------------------------------------


def _marked(value, out: set) -> set:
    """The plain values of every marked leaf."""
    if isinstance(value, dict):
        for v in value.values():
            _marked(v, out)
    elif isinstance(value, list):
        for v in value:
            _marked(v, out)
    elif is_sensitive(value):
        out.add(str.__str__(value) if isinstance(value, str) else int.__int__(value) if isinstance(value, int)
                else float.__float__(value))
    return out


def test_sensitive_root_variables_and_attributes_are_marked():
    graph = load("aws_sensitive.json")
    marked = set()
    for item in [*graph.resources, *graph.providers.values()]:
        _marked(item.attrs, marked)
    assert {"ap-southeast-2", "ELBSecurityPolicy-TLS-1-1-2017-01", "Pa55-Kx7!never-in-a-report",
            "ward7.oncall@hopital-exemple.fr"} <= marked
    assert graph.sensitive_values == frozenset()  # marks, not text to scrub
    evidence = load("aws_evidence.json")
    marked = set()
    for item in evidence.resources:
        _marked(item.attrs, marked)
    assert {"Xq9!vR2#hds-Prod-2026", "dpo.sante@clinique-exemple.fr"} <= marked
    # Not sensitive: not marked, and compared as themselves.
    assert "eu-west-3" not in marked and "hds-records" not in marked
    bucket = resource(evidence, "aws_s3_bucket.exports")
    assert bucket.attrs["region"] == "eu-west-3" and not is_sensitive(bucket.attrs["region"])


def test_after_unknown_true_for_a_whole_resource_is_read(tmp_path: Path):
    """Regression: `after_unknown: true` for a whole resource crashed the rules (AttributeError)."""
    doc = json.loads((PLANS / "aws_sensitive.json").read_text(encoding="utf-8"))
    for rc in doc["resource_changes"]:
        rc["change"]["after_unknown"] = True
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    graph = load_plan(path, load_catalog())
    assert all(isinstance(r.attrs, dict) for r in graph.resources)
    listener = resource(graph, "aws_lb_listener.api")
    assert isinstance(listener.attrs["ssl_policy"], Unknown)


def test_deeply_nested_json_is_one_error(tmp_path: Path):
    """Regression: 100,000 nested arrays raised RecursionError."""
    path = tmp_path / "plan.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DataError, match=r"plan.json: JSON nested more than 200 levels deep"):
        load_plan(path, load_catalog())
    doc = {"format_version": "1.2", "planned_values": {"root_module": {}}, "x": []}
    node = doc["x"]
    for _ in range(300):
        node.append([])
        node = node[0]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match="nested more than 200 levels deep"):
        load_plan(path, load_catalog())


def test_sensitive_values_from_after_sensitive_only(tmp_path: Path):
    """An attribute marked in after_sensitive is marked even when no root variable is sensitive."""
    doc = plan_doc("aws_sensitive.json")
    for decl in doc["configuration"]["root_module"]["variables"].values():
        decl.pop("sensitive", None)
    graph = load_doc(doc, tmp_path)
    marked = set()
    for item in [*graph.resources, *graph.providers.values()]:
        _marked(item.attrs, marked)
    assert {"ELBSecurityPolicy-TLS-1-1-2017-01", "Pa55-Kx7!never-in-a-report",
            "ward7.oncall@hopital-exemple.fr"} <= marked
    assert "ap-southeast-2" not in marked


# --- bad input ------------------------------------------------------------------------------


def _error(tmp_path: Path, content: str | bytes, name: str = "plan.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_plan(path, CATALOG)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    return message


def test_not_json(tmp_path: Path):
    assert "line 3: not valid JSON (Expecting value)" in _error(tmp_path, '{\n  "format_version": \n')


def test_not_utf8(tmp_path: Path):
    assert "not valid JSON" in _error(tmp_path, b"\xff\xfe{}")


@pytest.mark.parametrize("doc", [[], {"format_version": "1.2"}, {"resources": []}, "plan"])
def test_json_that_is_not_a_plan(tmp_path: Path, doc: Any):
    assert "not a Terraform plan" in _error(tmp_path, json.dumps(doc))


def test_state_file_is_not_a_plan(tmp_path: Path):
    state = {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}
    assert "not a Terraform plan" in _error(tmp_path, json.dumps(state))


@pytest.mark.parametrize("version", ["2.0", "10.1"])
def test_unsupported_major_format_version(tmp_path: Path, version: str):
    doc = plan_doc("aws_location.json")
    doc["format_version"] = version
    assert f"unsupported plan format_version {version}" in _error(tmp_path, json.dumps(doc))


def test_resource_change_without_name(tmp_path: Path):
    doc = plan_doc("aws_location.json")
    del doc["resource_changes"][0]["name"]
    assert "resource_changes: an entry has no address, type or name" in _error(tmp_path, json.dumps(doc))


@pytest.mark.parametrize("mutate", [
    lambda d: d.__setitem__("configuration", ["root_module"]),
    lambda d: d.__setitem__("variables", {"region": "eu-west-3"}),
    lambda d: d["planned_values"]["root_module"]["resources"].append({"values": {}}),
    lambda d: d["configuration"]["root_module"]["resources"].append({"type": "aws_s3_bucket"}),
], ids=["configuration-list", "variable-not-object", "planned-without-address", "config-without-address"])
def test_malformed_plan_is_one_line_error(tmp_path: Path, mutate):
    doc = copy.deepcopy(plan_doc("aws_location.json"))
    mutate(doc)
    assert "malformed plan JSON" in _error(tmp_path, json.dumps(doc))


def test_unknown_overlay_rules():
    from hds_policies.terraform.plan_loader import _mark_unknown

    unknown = {"arn": True, "policy": True, "tags": {"created": True}, "rule": [{"x": True}, {"x": True}]}
    doc = "data.aws_iam_policy_document.p"
    config = {"policy": {"references": [f"{doc}.json", doc]},
              "tags": {},  # tags = { created = timestamp() }: an expression without references
              "rule": [{"y": {"constant_value": 1}}]}  # one block in the code, two planned (dynamic)
    out = _mark_unknown({"rule": [{"y": 1}, {"y": 2}]}, unknown, config)
    assert "arn" not in out  # computed, not in the code
    assert out["policy"] == Unknown("data.aws_iam_policy_document.p.json, known after apply")
    assert out["tags"]["created"] == Unknown("(known after apply)")
    pending = Unknown("(known after apply)")
    assert out["rule"] == [{"y": 1, "x": pending}, {"y": 2, "x": pending}]
    assert _mark_unknown({}, {"arn": True}, None) == {"arn": Unknown("(known after apply)")}
