"""Location rules (EXI 28): health data stored exclusively in the EEA."""

from __future__ import annotations

import re
from typing import Any

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, attr, blocks, label, unknown, worst
from .hosting import config_hosts, elsewhere
from .placement import judge_region, placements, replicating
from .registry import Row, check, rule


@rule("HDS_LOC_001")
def resource_region(resource: Resource, ctx: Context) -> Verdict | None:
    """Every regional resource: its own region argument(s), else its provider's; a resource its
    provider sends to another host (`endpoints`) is where that host stores it."""
    host = elsewhere(ctx, resource)
    if host is not None:
        what = f"{label(ctx, resource)} (stored through {host.describe(ctx)})"
        if host.provider is None:
            return unknown(resource, f"{what}: the endpoint is not in the endpoint catalog; where the data "
                                     "sits cannot be told")
        if host.region is None:
            return unknown(resource, f"{what}: the endpoint names no region; where the data sits cannot be "
                                     "told from the code")
        return judge_region(ctx, resource, host.provider, host.region, what)
    values = placements(ctx, resource)
    if not values:
        return None
    what = label(ctx, resource)
    distinct = {repr(v): v for v in values}.values()
    return worst([judge_region(ctx, resource, resource.provider, raw, what) for raw in distinct])


@rule("HDS_LOC_002", target="provider")
def provider_region(config: ProviderConfig, ctx: Context) -> Verdict | None:
    """A provider block's region (resources without their own region inherit it)."""
    if config.implicit:
        return None
    keys = ctx.provider_entry(config.provider).get("provider_region_attributes", [])
    region_keys = [k for k in keys if k.rsplit(".", 1)[-1] in ("region", "location", "zone")]
    for key in region_keys:
        raw = attr(config, key)
        if raw is not None:
            verdict = judge_region(ctx, config, config.provider, raw, f"provider {config.address}")
            for host in config_hosts(ctx, config) if verdict.status == "unknown" else ():
                # a region name meant for the host its endpoints point at (OVHcloud's "gra")
                other = judge_region(ctx, config, host.provider, raw,
                                     f"provider {config.address} (region of {host.describe(ctx)})")
                if other.status != "unknown":
                    return other
            return verdict
    return None


# --- copies elsewhere: replication, cross-region backups, replicas ----------------------------


def _designates(ref: Any, bucket: Resource) -> bool:
    """True when a bucket reference (name, ARN, or unresolved `aws_s3_bucket.x.arn`) is `bucket`."""
    if is_unknown(ref):
        local = re.escape(f"{bucket.type}.{bucket.name}")
        return re.search(rf"(?<![\w.]){local}(?![\w-])", ref.raw) is not None
    name = bucket.attrs.get("bucket")
    if not isinstance(ref, str) or not isinstance(name, str) or not name:
        return False
    return ref in (name, f"arn:aws:s3:::{name}") or ref.endswith(":" + name)


def _bucket_region(ctx: Context, bucket_ref: Any, replication: Resource) -> tuple[Any, Resource | None]:
    """Region of a destination bucket (by name, ARN or reference): the bucket resource's region."""
    candidates = ctx.graph.referenced(replication, "aws_s3_bucket")
    for target in candidates:
        if _designates(bucket_ref, target):
            return ctx.region_of(target)[0], target
    if is_unknown(bucket_ref):
        # An ARN known only after apply (plan JSON): the one referenced bucket that is not the source.
        others = [t for t in candidates if t.address != _source_bucket_address(ctx, replication)]
        if len(others) == 1:
            return ctx.region_of(others[0])[0], others[0]
    return bucket_ref, None


def _source_bucket_address(ctx: Context, replication: Resource) -> str | None:
    src = ctx.graph.referenced(replication, "aws_s3_bucket")
    bucket_attr = replication.attrs.get("bucket")
    for b in src:
        if _designates(bucket_attr, b) or bucket_attr == b.address:
            return b.address
    return src[0].address if len(src) == 1 else None


@check("HDS_LOC_003", "aws_s3_bucket_replication_configuration")
def s3_replication(resource: Resource, ctx: Context, row: Row) -> list[Verdict]:
    """Each destination bucket's region; a copy outside the EEA is reported on the source bucket too."""
    out: list[Verdict] = []
    source = ctx.graph.get(_source_bucket_address(ctx, resource) or "")
    for dest in (d for r in replicating(blocks(resource, "rule")) for d in blocks(r, "destination")):
        arn = dest.get("bucket")
        region, bucket = _bucket_region(ctx, arn, resource)
        if bucket is None:
            v = unknown(resource, f"S3 replication {resource.name}: destination bucket {arn} is not "
                                  "in this configuration; its region cannot be checked")
        else:
            v = judge_region(ctx, resource, resource.provider, region,
                             f"S3 replication {resource.name} copies data to bucket {bucket.name}")
        out.append(v)
        if v.status != "passed" and source is not None:
            out.append(Verdict(v.status, source,
                               f"bucket {source.name} is replicated by {resource.address}: {v.message}"))
    return out


@check("HDS_LOC_003", "aws_db_instance_automated_backups_replication")
def rds_backup_replication(resource: Resource, ctx: Context, row: Row) -> list[Verdict]:
    raw, _ = ctx.region_of(resource)
    source = attr(resource, "source_db_instance_arn")
    v = judge_region(ctx, resource, resource.provider, raw,
                     f"RDS automated backups of {'an instance not named in the code' if source is None else source}"
                     " replicated")
    out = [v]
    if v.status != "passed":
        for db in ctx.graph.referenced(resource, "aws_db_instance"):
            out.append(Verdict(v.status, db, f"DB instance {db.name}'s automated backups are replicated "
                                             f"by {resource.address}: {v.message}"))
    return out


@check("HDS_LOC_003", "aws_dynamodb_table")
def dynamodb_replicas(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    replicas = blocks(resource, "replica")
    if not replicas:
        return None
    return worst([judge_region(ctx, resource, resource.provider, rep.get("region_name"),
                               f"DynamoDB table {resource.name} replica") for rep in replicas])


REPLICA_SOURCE = {"aws_db_instance": "replicate_source_db", "aws_rds_cluster": "replication_source_identifier"}


@check("HDS_LOC_003", "aws_db_instance", "aws_rds_cluster")
def rds_replica(resource: Resource, ctx: Context, row: Row) -> list[Verdict] | None:
    """A read replica holds a copy of its source's data: its region is where that data goes. The verdict
    lands on the source (the replica's own placement is HDS_LOC_001's), or on the replica when the
    source is not in the code."""
    source_ref = attr(resource, REPLICA_SOURCE[resource.type])
    if source_ref is None or source_ref == "":
        return None
    raw, _ = ctx.region_of(resource)
    sources = [s for s in ctx.graph.referenced(resource, resource.type) if s.address != resource.address]
    what = f"{label(ctx, resource)}, a replica of {sources[0].name if len(sources) == 1 else source_ref},"
    v = judge_region(ctx, resource, resource.provider, raw, what)
    if not sources:
        return [v]
    return [Verdict(v.status, db, f"{label(ctx, db)} is replicated by {resource.address}: {v.message}")
            for db in sources]


ARN_REGION = re.compile(r"^arn:aws[\w-]*:backup:(?P<region>[a-z0-9-]+):")


@check("HDS_LOC_003", "aws_backup_plan")
def backup_copies(plan: Resource, ctx: Context, row: Row) -> list[Verdict] | None:
    """A backup plan's copy actions copy every recovery point to another vault: that vault's region (the
    vault in the code the ARN designates, through module inputs too, else the region the ARN names)."""
    out = []
    vaults = ctx.graph.referenced(plan, "aws_backup_vault")
    for copy in blocks(plan, "rule.copy_action"):
        arn = copy.get("destination_vault_arn")
        vault = next((v for v in vaults if is_unknown(arn) and _designates(arn, v)), None)
        if vault is not None:
            region, what = ctx.region_of(vault)[0], f"{label(ctx, plan)} copies backups to vault {vault.name}"
        else:
            m = ARN_REGION.match(arn) if isinstance(arn, str) else None
            region, what = (m["region"] if m else arn), f"{label(ctx, plan)} copies backups to {arn}"
            if m is None:
                out.append(unknown(plan, f"{what}: the destination vault is not in this configuration; "
                                         "its region cannot be checked"))
                continue
        out.append(judge_region(ctx, plan, plan.provider, region, what))
    return out or None
