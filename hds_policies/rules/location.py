"""Location rules (EXI 28): health data stored exclusively in the EEA."""

from __future__ import annotations

from typing import Any

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, attr, blocks, failed, passed, rule, unknown


def judge_region(ctx: Context, target: Resource | ProviderConfig, provider: str | None, raw: Any,
                 what: str) -> Verdict:
    """Verdict for one region value: passed in the EEA (or allowed), failed outside, unknown else."""
    if is_unknown(raw) or not isinstance(raw, str):
        return unknown(target, f"{what}: region cannot be determined from the code ({raw})")
    loc = ctx.locate(provider, raw)
    if loc is None or loc.eea is None:
        return unknown(target, f"{what}: region {raw!r} is not in the catalog; cannot tell whether it is in the EEA")
    allowed = ctx.region_allowed(provider, loc)
    if allowed:
        return passed(target, f"{what} in {loc.describe()}")
    return failed(target, f"{what} in {loc.describe()}, outside the EEA")


def _label(ctx: Context, resource: Resource) -> str:
    return ctx.type_info(resource).get("label", resource.type)


@rule("HDS_LOC_001")
def resource_region(resource: Resource, ctx: Context) -> Verdict | None:
    """Every regional resource: its own region argument, else its provider's."""
    known = resource.type in ctx.catalog.resource_types
    if not known and not any(resource.attrs.get(k) for k in
                             ctx.provider_entry(resource.provider).get("resource_region_attributes", [])):
        return None
    raw, _origin = ctx.region_of(resource)
    if raw is None:
        return None
    return judge_region(ctx, resource, resource.provider, raw, f"{_label(ctx, resource)} {resource.name}")


@rule("HDS_LOC_002", target="provider")
def provider_region(config: ProviderConfig, ctx: Context) -> Verdict | None:
    """A provider block's region (resources without their own region inherit it)."""
    if config.implicit:
        return None
    keys = ctx.provider_entry(config.provider).get("provider_region_attributes", [])
    region_keys = [k for k in keys if k in ("region", "location", "zone")]
    for key in region_keys:
        raw = config.attrs.get(key)
        if raw is not None:
            return judge_region(ctx, config, config.provider, raw, f"provider {config.address}")
    return None


# --- copies elsewhere: replication, cross-region backups, replicas ----------------------------


def _bucket_region(ctx: Context, bucket_ref: Any, replication: Resource) -> tuple[Any, Resource | None]:
    """Region of a destination bucket given by ARN: the referenced bucket resource's region."""
    for target in ctx.graph.referenced(replication, "aws_s3_bucket"):
        name = target.attrs.get("bucket")
        if isinstance(bucket_ref, str) and name and isinstance(name, str) and bucket_ref.endswith(":" + name):
            return ctx.region_of(target)[0], target
    for target in ctx.graph.referenced(replication, "aws_s3_bucket"):
        if target.address != _source_bucket_address(ctx, replication):
            return ctx.region_of(target)[0], target
    return bucket_ref, None


def _source_bucket_address(ctx: Context, replication: Resource) -> str | None:
    src = ctx.graph.referenced(replication, "aws_s3_bucket")
    bucket_attr = replication.attrs.get("bucket")
    for b in src:
        if bucket_attr in (b.attrs.get("bucket"), b.attrs.get("id"), b.address):
            return b.address
    return src[0].address if src else None


@rule("HDS_LOC_003")
def replicated_elsewhere(resource: Resource, ctx: Context) -> list[Verdict] | None:
    """S3 replication, RDS cross-region automated backups, DynamoDB replicas."""
    if resource.type == "aws_s3_bucket_replication_configuration":
        out: list[Verdict] = []
        source = ctx.graph.get(_source_bucket_address(ctx, resource) or "")
        for dest in blocks(resource, "rule.destination"):
            arn = dest.get("bucket")
            region, bucket = _bucket_region(ctx, arn, resource)
            if bucket is None:
                v = unknown(resource, f"S3 replication {resource.name}: destination bucket {arn} is not in this "
                                      "configuration; its region cannot be checked")
            else:
                v = judge_region(ctx, resource, resource.provider, region,
                                 f"S3 replication {resource.name} copies data to bucket {bucket.name}")
            out.append(v)
            if v.status != "passed" and source is not None:
                out.append(Verdict(v.status, source, f"bucket {source.name} is replicated by {resource.address}: "
                                                     f"{v.message}"))
        return out
    if resource.type == "aws_db_instance_automated_backups_replication":
        raw, _ = ctx.region_of(resource)
        v = judge_region(ctx, resource, resource.provider, raw,
                         f"RDS automated backups of {attr(resource, 'source_db_instance_arn')} replicated")
        out = [v]
        if v.status != "passed":
            for db in ctx.graph.referenced(resource, "aws_db_instance"):
                out.append(Verdict(v.status, db, f"DB instance {db.name}'s automated backups are replicated by "
                                                 f"{resource.address}: {v.message}"))
        return out
    if resource.type == "aws_dynamodb_table":
        replicas = blocks(resource, "replica")
        if not replicas:
            return None
        verdicts = [judge_region(ctx, resource, resource.provider, rep.get("region_name"),
                                 f"DynamoDB table {resource.name} replica") for rep in replicas]
        worst = _worst(verdicts)
        return [worst]
    return None


def _worst(verdicts: list[Verdict]) -> Verdict:
    order = {"failed": 0, "unknown": 1, "passed": 2}
    return min(verdicts, key=lambda v: order[v.status])
