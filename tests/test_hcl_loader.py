"""The HCL loader: module addresses, provider keys, references, variable precedence, skips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hds_policies.catalog import DataError, load_catalog
from hds_policies.model import Graph, Unknown
from hds_policies.terraform.hcl_loader import load_hcl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terraform"


def load(case: str | Path, var_files: list[Path] | None = None) -> Graph:
    folder = case if isinstance(case, Path) else FIXTURES / case
    return load_hcl(folder, load_catalog(), var_files)


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def get(graph: Graph, address: str):
    resource = graph.get(address)
    assert resource is not None, f"{address} not in {[r.address for r in graph.resources]}"
    return resource


# --- modules --------------------------------------------------------------------------------


def test_module_addresses_files_lines_and_provider_keys():
    graph = load("aws_modules")
    seen = {(r.address, r.provider_key, r.file, r.line, r.module) for r in graph.resources}
    assert seen == {
        ("module.store.aws_s3_bucket.this", "aws.tokyo", "modules/store/main.tf", 5, "module.store"),
        ("module.archive.aws_s3_bucket.exports", "aws", "modules/archive/main.tf", 10, "module.archive"),
        ("module.archive.module.vault.aws_backup_vault.this", "aws", "modules/vault/main.tf", 10,
         "module.archive.module.vault"),
        ("module.archive.module.vault.aws_backup_vault_lock_configuration.this", "aws",
         "modules/vault/main.tf", 14, "module.archive.module.vault"),
        ("module.regional.aws_sqs_queue.events", "aws", "modules/regional/main.tf", 5, "module.regional"),
        ("aws_s3_bucket_policy.store", "aws", "main.tf", 47, ""),
    }
    assert set(graph.providers) == {"aws", "aws.tokyo"}
    tokyo = graph.providers["aws.tokyo"]
    assert (tokyo.address, tokyo.attrs, tokyo.source, tokyo.provider) == (
        "provider.aws.tokyo", {"region": "ap-northeast-1"}, "hashicorp/aws", "aws")
    assert {r.provider for r in graph.resources} == {"aws"}


def test_module_inputs_defaults_and_nested_modules():
    graph = load("aws_modules")
    assert get(graph, "module.store.aws_s3_bucket.this").attrs["bucket"] == "records-prod"
    assert get(graph, "module.archive.aws_s3_bucket.exports").attrs["bucket"] == "archive-prod-exports"
    vault = get(graph, "module.archive.module.vault.aws_backup_vault.this")
    assert vault.attrs["name"] == "archive-prod-vault"
    lock = get(graph, "module.archive.module.vault.aws_backup_vault_lock_configuration.this")
    assert lock.attrs["changeable_for_days"] == 3  # the nested module's default
    assert get(graph, "module.regional.aws_sqs_queue.events").attrs["region"] == "eu-central-2"


def test_references_inside_modules_and_through_module_outputs():
    graph = load("aws_modules")
    lock = get(graph, "module.archive.module.vault.aws_backup_vault_lock_configuration.this")
    assert lock.refs == {"module.archive.module.vault.aws_backup_vault.this"}
    policy = get(graph, "aws_s3_bucket_policy.store")
    assert policy.refs == {"module.store.aws_s3_bucket.this"}  # module.store.bucket_id -> its resource
    bucket = get(graph, "module.store.aws_s3_bucket.this")
    assert graph.referrers(bucket, "aws_s3_bucket_policy") == [policy]


def test_module_output_value_is_resolved(tmp_path):
    graph = load(write(tmp_path, {
        "main.tf": 'module "net" {\n  source = "./net"\n}\n'
                   'resource "aws_s3_bucket" "b" {\n  region = module.net.region\n}\n',
        "net/main.tf": 'locals {\n  r = "eu-north-1"\n}\noutput "region" {\n  value = local.r\n}\n',
    }))
    assert get(graph, "aws_s3_bucket.b").attrs["region"] == "eu-north-1"


def test_registry_modules_are_not_followed_and_count_zero_modules_dropped(tmp_path):
    graph = load(write(tmp_path, {
        "main.tf": 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n'
                   'module "off" {\n  source = "./off"\n  count  = 0\n}\n'
                   'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
        "off/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    }))
    assert [r.address for r in graph.resources] == ["aws_sqs_queue.q"]


def test_providers_passed_by_alias_to_an_aliased_child_configuration(tmp_path):
    graph = load(write(tmp_path, {
        "main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\n'
                   'provider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n'
                   'module "m" {\n  source = "./m"\n  providers = {\n    aws         = aws\n'
                   '    aws.replica = aws.us\n  }\n}\n',
        "m/main.tf": 'resource "aws_s3_bucket" "main" {\n  bucket = "a"\n}\n'
                     'resource "aws_s3_bucket" "copy" {\n  provider = aws.replica\n  bucket   = "b"\n}\n',
    }))
    assert get(graph, "module.m.aws_s3_bucket.main").provider_key == "aws"
    assert get(graph, "module.m.aws_s3_bucket.copy").provider_key == "aws.us"


# --- providers ------------------------------------------------------------------------------


def test_implicit_default_provider():
    graph = load("aws_no_provider_block")
    config = graph.providers["aws"]
    assert (config.implicit, config.attrs, config.file, config.provider) == (True, {}, None, "aws")
    assert get(graph, "aws_dynamodb_table.sessions").provider_key == "aws"


def test_provider_region_from_variable_without_value_is_unknown():
    graph = load("aws_unknown_region")
    assert graph.providers["aws"].attrs["region"] == Unknown("var.region")
    assert graph.providers["aws.remote"].attrs["region"] == \
        Unknown("data.terraform_remote_state.network.outputs.region")
    assert get(graph, "aws_s3_bucket.from_function").attrs["region"] == Unknown("${lower(var.region)}")
    remote = get(graph, "data.terraform_remote_state.network")
    assert remote.mode == "data"


# --- variables ------------------------------------------------------------------------------


def test_variable_precedence_defaults_tfvars_auto_tfvars():
    graph = load("aws_variables")
    assert graph.providers["aws"].attrs["region"] == "eu-west-3"  # terraform.tfvars
    assert get(graph, "aws_s3_bucket.replica").attrs["region"] == "eu-central-1"  # zz.auto.tfvars last
    assert get(graph, "aws_s3_bucket.archive").attrs["region"] == "eu-north-1"  # default
    assert get(graph, "aws_s3_bucket.primary").attrs["tags"] == {"owner": "platform", "hds-role": "backup"}
    assert get(graph, "aws_s3_bucket.primary").attrs["bucket"] == "hds-primary"


def test_var_file_is_read_last():
    graph = load("aws_variables", [FIXTURES / "aws_variables" / "env" / "us.tfvars"])
    assert get(graph, "aws_s3_bucket.archive").attrs["region"] == "us-west-2"
    assert get(graph, "aws_s3_bucket.replica").attrs["region"] == "eu-central-1"


def test_json_tfvars(tmp_path):
    folder = write(tmp_path, {
        "main.tf": 'variable "region" {\n  default = "us-east-1"\n}\n'
                   'provider "aws" {\n  region = var.region\n}\n',
        "terraform.tfvars.json": json.dumps({"region": "eu-south-1"}),
        "extra.json": json.dumps({"region": "eu-south-2"}),
    })
    assert load(folder).providers["aws"].attrs["region"] == "eu-south-1"
    assert load(folder, [folder / "extra.json"]).providers["aws"].attrs["region"] == "eu-south-2"


# --- expressions ----------------------------------------------------------------------------


def test_locals_references_and_interpolation():
    graph = load("aws_locals_refs")
    assert graph.providers["aws"].attrs["region"] == "eu-west-3"
    assert get(graph, "aws_s3_bucket.primary").attrs["bucket"] == "hds-prod-primary"
    assert get(graph, "aws_s3_bucket.logs").attrs["region"] == "eu-west-3"  # another block's literal
    assert get(graph, "aws_s3_bucket.dr").attrs == {"bucket": "hds-prod-dr", "region": "eu-central-1"}
    assert get(graph, "aws_s3_bucket.second").attrs["region"] == "us-east-2"
    assert get(graph, "aws_sqs_queue.copy").attrs["region"] == "eu-central-1"
    assert get(graph, "aws_sqs_queue.built").attrs["region"] == "eu-west-3"  # arithmetic in a template
    assert get(graph, "aws_s3_bucket.logs").refs == {"aws_s3_bucket.primary"}


def test_jsonencode_keeps_literal_parts_of_a_partly_unknown_document():
    graph = load("aws_s3_bucket_policy")
    policy = get(graph, "aws_s3_bucket_policy.secure_json").attrs["policy"]
    assert isinstance(policy, Unknown)
    doc = json.loads(policy.raw)
    assert doc["Statement"][0]["Effect"] == "Deny"
    assert doc["Statement"][0]["Resource"] == ["${aws_s3_bucket.secure_json.arn}",
                                               "${aws_s3_bucket.secure_json.arn}/*"]
    assert get(graph, "aws_s3_bucket_policy.secure_doc").refs == {
        "aws_s3_bucket.secure_doc", "data.aws_iam_policy_document.secure_doc"}


def test_jsonencode_of_literals_is_json(tmp_path):
    graph = load(write(tmp_path, {"main.tf": (
        'locals {\n  effect = "Deny"\n}\n'
        'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n'
        '  policy = jsonencode({\n    Statement = [{ Effect = local.effect, Principal = "*" }]\n  })\n}\n')}))
    assert json.loads(get(graph, "aws_s3_bucket_policy.p").attrs["policy"]) == {
        "Statement": [{"Effect": "Deny", "Principal": "*"}]}


def test_instances_per_count_index_and_for_each_key_and_count_zero_dropped():
    graph = load("aws_count_for_each")
    shards = [f"aws_s3_bucket.shards[{i}]" for i in range(3)]
    sse = [f"aws_s3_bucket_server_side_encryption_configuration.shards[{i}]" for i in range(3)]
    assert [r.address for r in graph.resources] == [
        *shards, *sse, 'aws_s3_bucket.copies["ireland"]', 'aws_s3_bucket.copies["virginia"]',
        "aws_db_instance.replicas[0]", "aws_db_instance.replicas[1]",
    ]
    # aws_s3_bucket.shards[count.index]: each configuration belongs to the bucket of its index.
    assert [get(graph, a).refs for a in sse] == [{s} for s in shards]
    assert get(graph, "aws_s3_bucket.shards[2]").attrs == {"bucket": "hds-shard-2"}
    assert [get(graph, f"aws_db_instance.replicas[{i}]").attrs["storage_encrypted"] for i in (0, 1)] == [
        True, False]
    assert get(graph, 'aws_s3_bucket.copies["virginia"]').attrs == {"bucket": "hds-copy-virginia",
                                                                     "region": "us-east-1"}
    assert get(graph, 'aws_s3_bucket.copies["ireland"]').attrs["region"] == "eu-west-1"


def test_for_each_instances_link_to_their_counterparts(tmp_path):
    graph = load(write(tmp_path, {"main.tf": (
        'variable "sites" {\n  default = { paris = "eu-west-3", oregon = "us-west-2" }\n}\n'
        'resource "aws_backup_vault" "v" {\n  for_each = var.sites\n  name = "v-${each.key}"\n'
        '  region = each.value\n}\n'
        'resource "aws_backup_vault_lock_configuration" "l" {\n  for_each = var.sites\n'
        '  backup_vault_name = aws_backup_vault.v[each.key].name\n  changeable_for_days = 3\n}\n'
        'resource "aws_backup_vault_lock_configuration" "all" {\n  for_each = aws_backup_vault.v\n'
        '  backup_vault_name = each.value.name\n  changeable_for_days = 3\n}\n'
        'resource "aws_s3_bucket" "plain" {\n  for_each = toset(["a", "b"])\n  bucket = "x"\n}\n')}))
    paris, oregon = 'aws_backup_vault.v["paris"]', 'aws_backup_vault.v["oregon"]'
    assert get(graph, 'aws_backup_vault_lock_configuration.l["paris"]').refs == {paris}
    assert get(graph, 'aws_backup_vault_lock_configuration.l["oregon"]').refs == {oregon}
    # for_each over a resource the code does not hold as a map: one block, linked to every instance.
    assert get(graph, "aws_backup_vault_lock_configuration.all").refs == {paris, oregon}
    assert get(graph, 'aws_backup_vault_lock_configuration.l["paris"]').attrs["backup_vault_name"] == "v-paris"
    # A block that never reads each.key / each.value stays one resource.
    assert get(graph, "aws_s3_bucket.plain") is not None


def test_large_or_unknown_counts_are_judged_once(tmp_path):
    graph = load(write(tmp_path, {"main.tf": (
        'variable "n" {}\n'
        'resource "aws_s3_bucket" "many" {\n  count = 65\n  bucket = "b-${count.index}"\n}\n'
        'resource "aws_s3_bucket" "unset" {\n  count = var.n\n  bucket = "b-${count.index}"\n}\n'
        'resource "aws_s3_bucket" "same" {\n  count = 2\n  bucket = "b"\n}\n')}))
    assert [r.address for r in graph.resources] == ["aws_s3_bucket.many", "aws_s3_bucket.unset",
                                                   "aws_s3_bucket.same"]


def test_empty_for_each_creates_nothing(tmp_path):
    graph = load(write(tmp_path, {"main.tf": (
        'resource "aws_s3_bucket" "none" {\n  for_each = {}\n  bucket = each.key\n}\n'
        'resource "aws_s3_bucket" "some" {\n  for_each = toset(["a"])\n  bucket = each.key\n}\n')}))
    assert [r.address for r in graph.resources] == ['aws_s3_bucket.some["a"]']


# --- suppressions ---------------------------------------------------------------------------


def test_checkov_skip_comments():
    graph = load("aws_scope_skip")
    assert get(graph, "aws_s3_bucket.pseudonymised_export").skips == {
        "HDS_LOC_001": "pseudonymised extract, approved by the DPO on 2026-03-02"}
    assert get(graph, "aws_sqs_queue.metrics").skips == {
        "HDS_LOC_001": "no reason given", "HDS_PRV_001": "no reason given"}
    assert get(graph, "aws_s3_bucket.marketing").skips == {}


def test_checkov_skip_in_other_comment_styles(tmp_path):
    graph = load(write(tmp_path, {"main.tf": (
        'resource "aws_s3_bucket" "a" {\n  // checkov:skip=HDS_TLS_004:served through CloudFront only\n'
        '  bucket = "a"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b" /* checkov:skip=HDS_LOC_001:test data */\n}\n'
        '# checkov:skip=HDS_LOC_001:outside any block, applies to nothing\n'
        'resource "aws_s3_bucket" "c" {\n  bucket = "c"\n}\n')}))
    assert get(graph, "aws_s3_bucket.a").skips == {"HDS_TLS_004": "served through CloudFront only"}
    assert get(graph, "aws_s3_bucket.b").skips == {"HDS_LOC_001": "test data"}
    assert get(graph, "aws_s3_bucket.c").skips == {}


# --- bad input ------------------------------------------------------------------------------


def test_malformed_hcl_names_the_file_and_line(tmp_path):
    write(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  region = \n}\n'})
    with pytest.raises(DataError) as err:
        load(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'main.tf'}: line 3: malformed HCL")


def test_missing_module_folder_is_a_call_not_followed_and_missing_var_file_an_error(tmp_path):
    write(tmp_path, {"main.tf": 'module "gone" {\n  source = "./gone"\n}\n'})
    calls = load(tmp_path).module_calls
    assert [(c.address, c.source, c.reason, c.file, c.line) for c in calls] == [
        ("module.gone", "./gone", "local source ./gone is not a folder", "main.tf", 1)]
    ok = write(tmp_path / "ok", {"main.tf": 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n'})
    with pytest.raises(DataError, match="var file not found"):
        load(ok, [ok / "missing.tfvars"])


def test_folder_without_tf_files(tmp_path):
    with pytest.raises(DataError, match="no .tf files"):
        load(tmp_path)
