"""Pulumi resources -> the engine's graph: type tokens, names, blocks, unknowns, secrets, providers."""

from __future__ import annotations

import pytest

from hds_policies.catalog import load_catalog
from hds_policies.model import Unknown, is_sensitive
from hds_policies.pulumi.convert import (
    AFTER_APPLY,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_SENTINELS,
    Converter,
    PulumiProvider,
    PulumiResource,
    is_bridged,
    normalize_token,
    secret_values,
    singular,
    snake,
    type_map,
)

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
P = "urn:pulumi:dev::proj::"
AWS_DEFAULT = PulumiProvider("pulumi:providers:aws", f"{P}pulumi:providers:aws::default_7_29_0", "default_7_29_0",
                             {"region": "eu-west-3", "version": "7.29.0"})


def res(token: str, name: str, props: dict, provider: PulumiProvider | None = AWS_DEFAULT, **kw) -> PulumiResource:
    return PulumiResource(token, f"{P}{token}::{name}", name, props, provider, **kw)


@pytest.fixture(scope="module")
def conv() -> Converter:
    return Converter(load_catalog())


@pytest.mark.parametrize("camel,expected", [
    ("kmsMasterKeyId", "kms_master_key_id"), ("ipv6CidrBlock", "ipv6_cidr_block"), ("sseAlgorithm", "sse_algorithm"),
    ("enableHTTPSTraffic", "enable_https_traffic"), ("s3Key", "s3_key"), ("region", "region"),
])
def test_snake(camel: str, expected: str) -> None:
    assert snake(camel) == expected


@pytest.mark.parametrize("plural,expected", [
    ("rules", "rule"), ("default_actions", "default_action"), ("policies", "policy"), ("addresses", "address"),
    ("statuses", "status"), ("ordered_cache_behaviors", "ordered_cache_behavior"), ("access", "access"),
])
def test_singular(plural: str, expected: str) -> None:
    assert singular(plural) == expected


def test_type_tokens_map_through_the_catalog_and_the_bridge_naming_rule() -> None:
    tm = type_map(load_catalog())
    # The catalog's pulumi lists (pulumi-aws 6 and 7 names).
    assert tm.terraform_type("aws:s3/bucketV2:BucketV2") == "aws_s3_bucket"
    assert tm.terraform_type("aws:s3/bucket:Bucket") == "aws_s3_bucket"
    assert tm.terraform_type("aws:rds/instance:Instance") == "aws_db_instance"
    assert tm.terraform_type("aws:alb/listener:Listener") == "aws_lb_listener"
    # Correlation-only types: the naming rule, V2 suffixes dropped for pulumi-aws.
    sse_v2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
    assert tm.terraform_type(sse_v2) == "aws_s3_bucket_server_side_encryption_configuration"
    assert tm.terraform_type("aws:backup/vaultLockConfiguration:VaultLockConfiguration") \
        == "aws_backup_vault_lock_configuration"
    assert tm.terraform_type("aws:ebs/encryptionByDefault:EncryptionByDefault") == "aws_ebs_encryption_by_default"
    assert tm.terraform_type("gcp:storage/bucket:Bucket") == "google_storage_bucket"
    assert tm.terraform_type("ovh:CloudProject/database:Database") == "ovh_cloud_project_database"
    assert tm.terraform_type("hcloud:index/server:Server") == "hcloud_server"
    assert tm.terraform_type("random:index/randomPassword:RandomPassword") == "random_password"
    # azure-native (versioned modules too) through its own table.
    assert tm.terraform_type("azure-native:storage:StorageAccount") == "azurerm_storage_account"
    assert tm.terraform_type("azure-native:storage/v20230101:StorageAccount") == "azurerm_storage_account"
    # Non-bridged packages keep their token.
    assert tm.terraform_type("aws-native:s3:Bucket") == "aws-native:s3:Bucket"
    assert tm.terraform_type("kubernetes:apps/v1:Deployment") == "kubernetes:apps/v1:Deployment"


def test_every_catalog_token_maps_back_to_its_type() -> None:
    catalog = load_catalog()
    tm = type_map(catalog)
    for tf_type, info in catalog.resource_types.items():
        for token in info.get("pulumi", ()):
            assert tm.terraform_type(token) == tf_type or token in _shared_tokens(catalog), (token, tf_type)


def _shared_tokens(catalog) -> set[str]:
    seen: dict[str, int] = {}
    for info in catalog.resource_types.values():
        for token in info.get("pulumi", ()):
            seen[token] = seen.get(token, 0) + 1
    return {t for t, n in seen.items() if n > 1}


def test_token_helpers() -> None:
    assert normalize_token("azure-native:storage/v20230101:StorageAccount") == "azure-native:storage:StorageAccount"
    assert normalize_token("aws:s3/bucket:Bucket") == "aws:s3/bucket:Bucket"
    assert is_bridged("aws:s3/bucket:Bucket") and not is_bridged("aws-native:s3:Bucket")
    assert not is_bridged("kubernetes:core/v1:Pod")


def test_blocks_lists_maps_and_plural_aliases(conv: Converter) -> None:
    r = res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "cfg", {
        "bucket": "b",
        "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "k"},
                   "bucketKeyEnabled": True}],
        "tags": {"hds-role": "backup", "CostCenter": "1"},
        "expectedBucketOwner": 123456789012.0,
    })
    (out,) = conv.graph([r]).resources
    block = [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "k"}],
              "bucket_key_enabled": True}]
    assert out.type == "aws_s3_bucket_server_side_encryption_configuration"
    assert out.attrs["rules"] == block and out.attrs["rule"] == block
    assert out.attrs["tags"] == {"hds-role": "backup", "CostCenter": "1"}  # a map: keys untouched, not wrapped
    assert out.attrs["expected_bucket_owner"] == 123456789012 and isinstance(out.attrs["expected_bucket_owner"], int)


def test_policy_documents_stay_verbatim(conv: Converter) -> None:
    doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport":
                                                                                           "false"}}}]}
    (out,) = conv.graph([res("aws:s3/bucketPolicy:BucketPolicy", "p", {"bucket": "b", "policy": doc})]).resources
    assert out.attrs["policy"] == doc


def test_unknowns_name_the_resources_they_come_from(conv: Converter) -> None:
    bucket = res("aws:s3/bucket:Bucket", "logs", {"bucket": "hds-logs"})
    cfg = res("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl",
              {"bucket": UNKNOWN, "role": UNKNOWN, "rules": [{"destination": {"bucket": UNKNOWN}}]},
              property_dependencies={"bucket": (bucket.urn,), "rules": (bucket.urn,)})
    graph = conv.graph([bucket, cfg])
    out = graph.get(cfg.urn)
    assert out.attrs["bucket"] == Unknown("known after apply from aws_s3_bucket.logs")
    assert out.attrs["role"] == Unknown(AFTER_APPLY)
    assert out.attrs["rule"][0]["destination"][0]["bucket"].raw.endswith("aws_s3_bucket.logs")
    assert out.refs == frozenset({bucket.urn})
    assert graph.referrers(graph.get(bucket.urn)) == [out]
    assert all(conv.graph([res("aws:s3/bucket:Bucket", "x", {"bucket": s})]).resources[0].attrs["bucket"]
               == Unknown(AFTER_APPLY) for s in UNKNOWN_SENTINELS)


def test_dependencies_used_when_no_property_dependencies(conv: Converter) -> None:
    a = res("aws:s3/bucket:Bucket", "a", {})
    b = res("aws:s3/bucketPolicy:BucketPolicy", "b", {"bucket": UNKNOWN}, dependencies=(a.urn,))
    assert conv.graph([a, b]).get(b.urn).refs == frozenset({a.urn})


def test_secrets_are_unwrapped_and_marked(conv: Converter) -> None:
    secret = {SIG_KEY: SECRET_SIG, "value": "s3cr3t-password"}
    port = {SIG_KEY: SECRET_SIG, "value": 81.0}
    r = res("aws:rds/instance:Instance", "db", {"password": secret, "port": port, "engine": "postgres"})
    graph = conv.graph([r])
    attrs = graph.resources[0].attrs
    assert attrs["password"] == "s3cr3t-password" and is_sensitive(attrs["password"])
    assert attrs["port"] == 81 and is_sensitive(attrs["port"]) and f"{attrs['port']}" == "(sensitive)"
    assert not is_sensitive(attrs["engine"]) and graph.sensitive_values == frozenset()
    assert secret_values([r]) == {"s3cr3t-password"}


def test_providers_default_and_explicit(conv: Converter) -> None:
    us = PulumiProvider("pulumi:providers:aws", f"{P}pulumi:providers:aws::us", "us",
                        {"region": "us-east-1", "skipRegionValidation": "true"})
    bare = PulumiProvider("pulumi:providers:aws", f"{P}pulumi:providers:aws::default", "default", {"version": "7"})
    graph = conv.graph([res("aws:sqs/queue:Queue", "q1", {}), res("aws:sqs/queue:Queue", "q2", {}, us),
                        res("aws:sqs/queue:Queue", "q3", {}, bare)])
    default, explicit, implicit = (graph.providers[p.urn] for p in (AWS_DEFAULT, us, bare))
    assert (default.name, default.alias, default.attrs, default.implicit) == ("aws", None, {"region": "eu-west-3"},
                                                                              False)
    assert (explicit.alias, explicit.attrs["region"], explicit.address) == ("us", "us-east-1", "provider.aws.us")
    assert implicit.implicit and implicit.attrs == {}
    assert [r.provider for r in graph.resources] == ["aws"] * 3
    assert graph.resources[1].provider_key == us.urn


def test_stack_config_stands_in_for_a_missing_provider() -> None:
    conv = Converter(load_catalog(), {"gcp:region": "europe-west9", "aws:region": "us-east-1", "proj:x": "1"})
    graph = conv.graph([res("gcp:sql/databaseInstance:DatabaseInstance", "db", {}, None),
                        res("aws-native:s3:Bucket", "component-like", {}, None)])
    (db,) = graph.resources  # a non-bridged token without a provider is taken for a component
    config = graph.provider_of(db)
    assert (db.provider, config.attrs, config.implicit) == ("gcp", {"region": "europe-west9"}, False)


def test_components_stacks_and_provider_resources(conv: Converter) -> None:
    stack = res("pulumi:pulumi:Stack", "proj-dev", {}, None)
    component = res("my:index:Platform", "platform", {}, None)
    provider = PulumiResource("pulumi:providers:aws", f"{P}pulumi:providers:aws::eu", "eu", {"region": "eu-west-1"})
    graph = conv.graph([stack, component, provider, res("aws:sqs/queue:Queue", "q", {})])
    assert [r.name for r in graph.resources] == ["q"]
    assert graph.providers[provider.urn].attrs == {"region": "eu-west-1"}


def test_other_packages_are_judged_by_their_provider(conv: Converter) -> None:
    hcloud = PulumiProvider("pulumi:providers:hcloud", f"{P}pulumi:providers:hcloud::default", "default", {})
    mystery = PulumiProvider("pulumi:providers:mycloud", f"{P}pulumi:providers:mycloud::default", "default", {})
    graph = conv.graph([res("hcloud:index/server:Server", "worker", {"location": "ash"}, hcloud),
                        res("mycloud:index/vm:Vm", "vm", {}, mystery)])
    worker, vm = graph.resources
    assert (worker.type, worker.provider, worker.attrs["location"]) == ("hcloud_server", "hcloud", "ash")
    assert (vm.type, vm.provider) == ("mycloud_vm", None)


def test_azure_native_attributes_and_resource_group_location(conv: Converter) -> None:
    prov = PulumiProvider("pulumi:providers:azure-native", f"{P}pulumi:providers:azure-native::default", "default",
                          {"location": "westeurope"})
    rg = res("azure-native:resources:ResourceGroup", "rg", {"location": "uksouth"}, prov)
    rg2 = res("azure-native:resources:ResourceGroup", "rg2", {}, prov)
    sa = res("azure-native:storage:StorageAccount", "sa", {
        "resourceGroupName": UNKNOWN, "sku": {"name": "Standard_RAGRS"}, "kind": "StorageV2",
        "minimumTlsVersion": "TLS1_0", "enableHttpsTrafficOnly": False,
    }, prov, property_dependencies={"resourceGroupName": (rg.urn,)})
    by_name = res("azure-native:keyvault:Vault", "kv", {"resourceGroupName": "hds-rg"}, prov)
    rg3 = res("azure-native:resources:ResourceGroup", "rg3", {"resourceGroupName": "hds-rg", "location": "westeurope"},
              prov)
    vault = res("azure-native:recoveryservices:Vault", "vault", {
        "resourceGroupName": "existing-rg", "sku": {"name": "RS0"},
        "properties": {"securitySettings": {"immutabilitySettings": {"state": "Locked"}},
                       "redundancySettings": {"standardTierStorageRedundancy": "GeoRedundant"}}}, prov)
    graph = conv.graph([rg, rg2, rg3, sa, vault, by_name])
    assert graph.get(by_name.urn).attrs["location"] == "westeurope"  # the group of that name
    out_sa, out_vault = graph.get(sa.urn), graph.get(vault.urn)
    assert out_sa.type == "azurerm_storage_account" and out_sa.provider == "azure"
    assert (out_sa.attrs["account_replication_type"], out_sa.attrs["account_tier"]) == ("RAGRS", "Standard")
    assert (out_sa.attrs["min_tls_version"], out_sa.attrs["https_traffic_only_enabled"]) == ("TLS1_0", False)
    assert out_sa.attrs["location"] == "uksouth"  # the resource group's
    assert graph.get(rg2.urn).attrs["location"] == "westeurope"  # azure-native:location for a resource group
    assert (out_vault.attrs["immutability"], out_vault.attrs["storage_mode_type"]) == ("Locked", "GeoRedundant")
    assert isinstance(out_vault.attrs["location"], Unknown) and "existing-rg" in out_vault.attrs["location"].raw


def test_azure_native_table_is_catalog_data_with_its_transforms() -> None:
    """The table of azure-native types is read from the catalog; every transform a row may name exists."""
    from hds_policies.pulumi import azure_native, data_schemas

    assert set(azure_native.TRANSFORM) == set(data_schemas.TRANSFORMS)
    table = azure_native.types()
    assert table["azure-native:redis:Redis"] is table["azure-native:cache:Redis"]  # azure-native 3 rename
    assert table["azure-native:storage:StorageAccount"].attrs["account_replication_type"] == (
        "sku.name", azure_native.TRANSFORM["after_underscore"])


def test_pulumi_azure_locations_are_never_guessed(conv: Converter) -> None:
    prov = PulumiProvider("pulumi:providers:azure", f"{P}pulumi:providers:azure::default", "default", {})
    rg = res("azure:core/resourceGroup:ResourceGroup", "rg", {"location": "francecentral"}, prov)
    sa = res("azure:storage/account:Account", "sa", {"location": UNKNOWN, "resourceGroupName": UNKNOWN}, prov,
             property_dependencies={"location": (rg.urn,), "resourceGroupName": (rg.urn,)})
    role = res("azure:authorization/assignment:Assignment", "role", {"scope": UNKNOWN}, prov,
               property_dependencies={"scope": (rg.urn,)})
    graph = conv.graph([rg, sa, role])
    assert graph.get(sa.urn).attrs["location"] == Unknown("known after apply from azurerm_resource_group.rg")
    assert "location" not in graph.get(role.urn).attrs  # no location attribute: none invented


def test_registrations_of_a_real_program_convert_in_process(tmp_path) -> None:
    pytest.importorskip("pulumi_aws")
    from hds_policies.pulumi.analyzer_client import engine_resources
    from hds_policies.pulumi.convert import graph_of
    from hds_policies.pulumi.mock_runner import run_program
    from hds_policies.pulumi.requests import from_registrations

    (tmp_path / "__main__.py").write_text(
        "import pulumi_aws as aws\n"
        "b = aws.s3.Bucket('b', bucket='hds-b')\n"
        "aws.s3.BucketServerSideEncryptionConfiguration('b', bucket=b.id, rules=[\n"
        "    {'apply_server_side_encryption_by_default': {'sse_algorithm': 'aws:kms'}}])\n")
    run = run_program(tmp_path, {"aws:region": "eu-west-3"})
    graph = graph_of(from_registrations(engine_resources(run.registrations, run.project, run.stack, run.config)),
                     load_catalog())
    bucket = next(r for r in graph.resources if r.type == "aws_s3_bucket")
    (cfg,) = graph.referrers(bucket, "aws_s3_bucket_server_side_encryption_configuration")
    assert cfg.attrs["rule"][0]["apply_server_side_encryption_by_default"] == [{"sse_algorithm": "aws:kms"}]
    assert graph.provider_of(bucket).attrs == {"region": "eu-west-3"}


def test_azure_native_cosmos_inherits_the_group_location_under_both_module_names(conv: Converter) -> None:
    """`locations` (the replicas) is no `location`: the account itself sits in its group's location."""
    native = PulumiProvider("pulumi:providers:azure-native", f"{P}pulumi:providers:azure-native::default_3_24_0",
                            "default_3_24_0", {})
    group = res("azure-native:resources:ResourceGroup", "rg", {"location": "westeurope"}, native)
    for token in ("azure-native:documentdb:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"):
        account = res(token, "records", {
            "resourceGroupName": UNKNOWN, "databaseAccountOfferType": "Standard",
            "locations": [{"locationName": "westeurope", "failoverPriority": 0}]},
            native, property_dependencies={"resourceGroupName": (group.urn,)})
        out = conv.graph([group, account]).get(account.urn)
        assert out.type == "azurerm_cosmosdb_account"
        assert out.attrs["location"] == "westeurope"
        assert out.attrs["geo_location"] == [{"location": "westeurope", "failover_priority": 0}]
