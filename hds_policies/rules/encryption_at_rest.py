"""Encryption at rest (EXI 01, ISO/IEC 27001:2022 A.8.24).

Most stores are judged from the `at_rest` evidence in catalog/data/resource_types.json; stores
whose evidence sits in other resources (S3, EBS encryption by default) are handled here.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Resource, is_unknown, tf_literal
from .base import Context, Verdict, attr, failed, passed, rule, truthy, unknown

# Which related resources carry a store's encryption evidence (split-resource patterns).
S3_SSE_TYPES = ("aws_s3_bucket_server_side_encryption_configuration",)
CUSTOMER_KEY_TYPES = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_alias",
                      "azurerm_key_vault_key", "azurerm_key_vault_managed_hardware_security_module_key",
                      "azurerm_disk_encryption_set", "google_kms_crypto_key", "ovh_okms_service_key")
# Azure storage: the customer-managed key may be set by a separate resource.
AZURE_STORAGE_CMK_TYPES = ("azurerm_storage_account_customer_managed_key",)
# alias/aws/s3, alias/aws/sqs …: keys AWS manages, not customer-managed keys.
AWS_MANAGED_KEY = re.compile(r"(^|:)alias/aws/")


def _block(node: Resource, path: str) -> Any:
    """The block at `path` as a dict (first of a block list), `Unknown`, or None."""
    value = attr(node, path)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    return value if isinstance(value, dict) or is_unknown(value) else None


def s3_sse_rule(ctx: Context, bucket: Resource) -> tuple[dict[str, Any] | None, str]:
    """The bucket's SSE default (apply_server_side_encryption_by_default block) and where it is."""
    for cfg in ctx.graph.referrers(bucket, *S3_SSE_TYPES):
        rule_block = _block(cfg, "rule.apply_server_side_encryption_by_default")
        if rule_block is not None:
            return rule_block, cfg.address
    inline = _block(bucket, "server_side_encryption_configuration.rule."
                            "apply_server_side_encryption_by_default")
    if inline is not None:
        return inline, bucket.address
    return None, ""


def _evidence(resource: Resource, ctx: Context) -> tuple[bool | None, Any]:
    """(encrypted?, raw value) from the type's at_rest evidence; None when unknown."""
    spec = ctx.type_info(resource)["at_rest"]
    value = attr(resource, spec["attribute"])
    if value is None or value == "":
        return spec["default"], None
    when = spec.get("encrypted_when")
    if is_unknown(value):
        # "any value encrypts" and the store is encrypted anyway, or the value is a key made here.
        if when and "*" in when and (spec["default"] or ctx.graph.referenced(resource, *CUSTOMER_KEY_TYPES)):
            return True, value
        return None, value
    if when is None:
        return truthy(value), value
    if "*" in when:
        return True, value
    return value in when, value


def _ebs_default_on(ctx: Context, volume: Resource) -> bool:
    """aws_ebs_encryption_by_default enabled in the volume's region (same provider region)."""
    region = ctx.region_of(volume)[0]
    for setting in ctx.graph.of_type("aws_ebs_encryption_by_default"):
        if truthy(setting.attrs.get("enabled", True)) and ctx.region_of(setting)[0] == region:
            return True
    return False


@rule("HDS_ENC_001")
def encrypted_at_rest(resource: Resource, ctx: Context) -> Verdict | None:
    label = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
    if resource.type == "aws_s3_bucket":
        sse, where = s3_sse_rule(ctx, resource)
        if is_unknown(sse):
            return unknown(resource, f"{label}: encryption settings unknown until apply")
        algo = (sse or {}).get("sse_algorithm", "AES256")
        if is_unknown(algo):
            return unknown(resource, f"{label}: SSE algorithm unknown until apply ({algo})")
        return passed(resource, f"{label} encrypted with {algo} ({'default SSE-S3' if not sse else where})")
    if "at_rest" not in ctx.type_info(resource):
        return None
    enc, raw = _evidence(resource, ctx)
    if enc is None:
        return unknown(resource, f"{label}: encryption at rest cannot be determined ({raw})")
    if enc:
        return passed(resource, f"{label} encrypted at rest")
    if resource.type == "aws_ebs_volume" and _ebs_default_on(ctx, resource):
        return passed(resource, f"{label} encrypted by aws_ebs_encryption_by_default")
    if resource.type == "ovh_cloud_project_volume" and truthy(attr(resource, "encryption.encrypted")):
        return passed(resource, f"{label} encrypted at rest (encryption.encrypted = true: a LUKS volume "
                                "type)")
    if resource.type == "aws_elasticache_replication_group" and raw is None and \
            str(resource.attrs.get("engine", "")).lower() == "valkey":
        return passed(resource, f"{label}: Valkey encrypts at rest by default")
    if resource.type == "aws_sqs_queue" and resource.attrs.get("kms_master_key_id"):
        return passed(resource, f"{label} encrypted with KMS (SSE-KMS)")
    attr_name = ctx.type_info(resource)["at_rest"]["attribute"]
    shown = "not set" if raw is None else f"= {tf_literal(raw)}"
    return failed(resource, f"{label} is not encrypted at rest ({attr_name} {shown})")


def _creates_key(ctx: Context, address: str) -> bool:
    """True when the resource at `address` references a KMS key created in this configuration."""
    owner = ctx.graph.get(address)
    return owner is not None and bool(ctx.graph.referenced(owner, *CUSTOMER_KEY_TYPES))


@rule("HDS_ENC_002")
def customer_managed_key(resource: Resource, ctx: Context) -> Verdict | None:
    """Only under `require_customer_managed_keys`: the store names a customer-managed key."""
    if not ctx.settings.require_customer_managed_keys:
        return None
    label = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
    if resource.type == "aws_s3_bucket":
        sse, where = s3_sse_rule(ctx, resource)
        key = None if sse is None or is_unknown(sse) else sse.get("kms_master_key_id")
        if is_unknown(key) and _creates_key(ctx, where):
            return passed(resource, f"{label}: encrypted with a KMS key created in this configuration")
        if is_unknown(sse) or is_unknown(key):
            return unknown(resource, f"{label}: KMS key unknown until apply")
        if key and AWS_MANAGED_KEY.search(str(key)):
            return failed(resource, f"{label} uses the AWS-managed key {key}, not a customer-managed KMS key")
        if key:
            return passed(resource, f"{label} encrypted with a customer-managed KMS key")
        return failed(resource, f"{label} uses {'SSE-S3' if not sse else sse.get('sse_algorithm')} "
                                "without a customer-managed KMS key")
    spec = ctx.type_info(resource).get("at_rest")
    if not spec or not spec.get("cmk_attribute"):
        return None
    separate = ctx.graph.referrers(resource, *AZURE_STORAGE_CMK_TYPES)
    if separate:
        return passed(resource, f"{label} encrypted with the customer-managed key set by "
                                f"{separate[0].address}")
    key = attr(resource, spec["cmk_attribute"])
    if is_unknown(key):
        # A key created in this configuration is unknown until apply but is still a customer key.
        if ctx.graph.referenced(resource, *CUSTOMER_KEY_TYPES):
            return passed(resource, f"{label}: encrypted with a key created in this configuration")
        return unknown(resource, f"{label}: key unknown until apply ({key})")
    if key and AWS_MANAGED_KEY.search(str(key)):
        return failed(resource, f"{label} uses the AWS-managed key {key}, not a customer-managed key")
    if key:
        return passed(resource, f"{label} encrypted with a customer-managed key")
    return failed(resource, f"{label} does not name a customer-managed key ({spec['cmk_attribute']} not set)")

