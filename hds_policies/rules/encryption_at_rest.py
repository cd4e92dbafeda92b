"""Encryption at rest (EXI 01, ISO/IEC 27001:2022 A.8.24): what spans resources.

Most stores are judged by their rows in catalog/data/evidence/encryption_at_rest.json (shapes
`at_rest`, `customer_key`, `every_block`); here: S3 buckets and their separate SSE configuration,
EBS volumes and instances under `aws_ebs_encryption_by_default`.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Target, Verdict, as_text, attr, failed, label, passed, truthy, unknown
from .hosting import elsewhere
from .registry import Row, check, dispatch, rule, run_shape
from .shapes import referenced_key_verdict

# Which related resources carry a store's encryption evidence (split-resource patterns).
S3_SSE_TYPES = ("aws_s3_bucket_server_side_encryption_configuration",)
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


def ebs_default_on(ctx: Context, resource: Resource) -> bool:
    """aws_ebs_encryption_by_default enabled in the resource's region (same provider region)."""
    region = ctx.region_of(resource)[0]
    for setting in ctx.graph.of_type("aws_ebs_encryption_by_default"):
        if truthy(setting.attrs.get("enabled", True)) and ctx.region_of(setting)[0] == region:
            return True
    return False


@check("HDS_ENC_001", "aws_s3_bucket")
def s3_bucket_encrypted(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    """S3 encrypts every new object (SSE-S3 at least) since January 2023; the algorithm is reported."""
    name = label(ctx, bucket, row)
    sse, where = s3_sse_rule(ctx, bucket)
    if is_unknown(sse):
        return unknown(bucket, f"{name}: encryption settings unknown until apply")
    host = elsewhere(ctx, bucket)
    if host is not None and not sse:
        return unknown(bucket, f"{name} is stored through {host.describe(ctx)}: S3's default encryption "
                               "(SSE-S3) is AWS's and does not apply there; set a server-side encryption "
                               "configuration or check the host's own")
    algo = (sse or {}).get("sse_algorithm", "AES256")
    if is_unknown(algo):
        return unknown(bucket, f"{name}: SSE algorithm unknown until apply ({algo})")
    return passed(bucket, f"{name} encrypted with {algo} ({'default SSE-S3' if not sse else where})")


@check("HDS_ENC_001", "aws_ebs_volume", "aws_instance", "aws_launch_configuration", "aws_launch_template")
def ebs_encrypted(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """The row's shape, then the region's EBS encryption by default (which encrypts every new volume)."""
    verdict = run_shape(row["shape"], resource, ctx, row)
    if isinstance(verdict, Verdict) and verdict.status != "passed" and ebs_default_on(ctx, resource):
        return passed(resource, f"{label(ctx, resource, row)} encrypted by aws_ebs_encryption_by_default")
    return verdict  # type: ignore[return-value]


@rule("HDS_ENC_002")
def customer_managed_key(resource: Target, ctx: Context) -> Any:
    """Only under `require_customer_managed_keys`: the store names a customer-managed key."""
    if not ctx.settings.require_customer_managed_keys:
        return None
    return dispatch("HDS_ENC_002", resource, ctx)


@check("HDS_ENC_002", "aws_s3_bucket")
def s3_bucket_key(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, bucket, row)
    sse, where = s3_sse_rule(ctx, bucket)
    key = None if sse is None or is_unknown(sse) else sse.get("kms_master_key_id")
    owner = ctx.graph.get(where) if is_unknown(key) else None
    by_reference = referenced_key_verdict(ctx, owner, name, target=bucket) if owner is not None else None
    if by_reference is not None:
        return by_reference
    if is_unknown(sse) or is_unknown(key):
        return unknown(bucket, f"{name}: KMS key unknown until apply")
    if key and AWS_MANAGED_KEY.search(as_text(key)):
        return failed(bucket, f"{name} uses the AWS-managed key {key}, not a customer-managed KMS key")
    if key:
        return passed(bucket, f"{name} encrypted with a customer-managed KMS key")
    return failed(bucket, f"{name} uses {'SSE-S3' if not sse else sse.get('sse_algorithm')} "
                          "without a customer-managed KMS key")
