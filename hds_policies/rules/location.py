"""Location rules (EXI 28): health data stored exclusively in the EEA."""

from __future__ import annotations

import re
from typing import Any

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, attr, blocks, failed, passed, rule, unknown, worst


def judge_region(ctx: Context, target: Resource | ProviderConfig, provider: str | None, raw: Any,
                 what: str) -> Verdict:
    """Verdict for one region value: passed in the EEA (or allowed), failed outside, unknown else."""
    if is_unknown(raw) and raw.options:
        # One of a few regions the code lists (element(var.regions, random_integer…)): decided when
        # every candidate gives the same verdict.
        verdicts = [judge_region(ctx, target, provider, option, what) for option in raw.options]
        names = ", ".join(str(o) for o in raw.options)
        if all(v.status == "failed" for v in verdicts):
            return failed(target, f"{what}: region chosen among {names}, every one outside the EEA ({raw})")
        if all(v.status == "passed" for v in verdicts):
            return passed(target, f"{what}: region chosen among {names}, all in the EEA ({raw})")
        return unknown(target, f"{what}: region chosen among {names} ({raw}): not all in the EEA")
    if is_unknown(raw) or not isinstance(raw, str):
        return unknown(target, f"{what}: region cannot be determined from the code ({raw})")
    loc = ctx.locate(provider, raw)
    if loc is not None and loc.kind == "global":
        return unknown(target, f"{what}: location {raw!r} is not a region: the service decides where the "
                               "data sits; check it with the provider")
    if loc is None or loc.eea is None:
        return unknown(target, f"{what}: region {raw!r} is not in the catalog; "
                               "cannot tell whether it is in the EEA")
    allowed = ctx.region_allowed(provider, loc)
    if allowed:
        return passed(target, f"{what} in {loc.describe()}")
    return failed(target, f"{what} in {loc.describe()}, outside the EEA")


def _label(ctx: Context, resource: Resource) -> str:
    return ctx.type_info(resource).get("label", resource.type)


def _leaves(node: Any, parts: list[str]) -> list[Any]:
    """Values at a dotted path, through every block and list on the way (nodes[].region, regions[])."""
    if not parts:
        return [v for item in node for v in _leaves(item, [])] if isinstance(node, list) else [node]
    if isinstance(node, list):
        return [v for item in node for v in _leaves(item, parts)]
    if is_unknown(node):
        return [node]
    if not isinstance(node, dict) or node.get(parts[0]) is None:
        return []
    return _leaves(node[parts[0]], parts[1:])


def own_regions(ctx: Context, resource: Resource) -> list[Any]:
    """Every region value the resource itself names, from the first of its provider's region
    attributes that is set: one for most resources, several for OVH `nodes[].region` or `regions`."""
    for key in ctx.provider_entry(resource.provider).get("resource_region_attributes", []):
        values = [v for v in _leaves(resource.attrs, key.split(".")) if v is not None and v != ""]
        if values:
            return values
    return []


def placements(ctx: Context, resource: Resource) -> list[Any]:
    """Where a resource is placed: its own region argument(s), else, for a type the catalog
    lists as regional, its provider's region; [] when it has no placement of its own."""
    values = own_regions(ctx, resource)
    if values:
        if not ctx.type_or_default(resource).get("data", False):
            # a configuration object (data: false in the catalog) at location "global" is placed nowhere
            values = [v for v in values if not _is_global(ctx, resource, v)]
        return values
    if resource.type not in ctx.catalog.resource_types:
        return []
    raw, _origin = ctx.region_of(resource)
    return [] if raw is None else [raw]


def _is_global(ctx: Context, resource: Resource, raw: Any) -> bool:
    if not isinstance(raw, str):
        return False
    loc = ctx.locate(resource.provider, raw)
    return loc is not None and loc.kind == "global"


@rule("HDS_LOC_001")
def resource_region(resource: Resource, ctx: Context) -> Verdict | None:
    """Every regional resource: its own region argument(s), else its provider's."""
    values = placements(ctx, resource)
    if not values:
        return None
    what = f"{_label(ctx, resource)} {resource.name}"
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
            return judge_region(ctx, config, config.provider, raw, f"provider {config.address}")
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


@rule("HDS_LOC_003")
def replicated_elsewhere(resource: Resource, ctx: Context) -> list[Verdict] | None:
    """S3 replication, RDS cross-region automated backups, DynamoDB replicas; other providers'
    copies (Azure paired regions, Cloud SQL replicas, OVH backup regions) in location_<provider>.py."""
    other = _provider_copies(resource.type)
    if other is not None:
        return other(resource, ctx)
    if resource.type == "aws_s3_bucket_replication_configuration":
        out: list[Verdict] = []
        source = ctx.graph.get(_source_bucket_address(ctx, resource) or "")
        for dest in blocks(resource, "rule.destination"):
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
    if resource.type == "aws_db_instance_automated_backups_replication":
        raw, _ = ctx.region_of(resource)
        v = judge_region(ctx, resource, resource.provider, raw,
                         f"RDS automated backups of {attr(resource, 'source_db_instance_arn')} replicated")
        out = [v]
        if v.status != "passed":
            for db in ctx.graph.referenced(resource, "aws_db_instance"):
                out.append(Verdict(v.status, db, f"DB instance {db.name}'s automated backups are replicated "
                                                 f"by {resource.address}: {v.message}"))
        return out
    if resource.type == "aws_dynamodb_table":
        replicas = blocks(resource, "replica")
        if not replicas:
            return None
        verdicts = [judge_region(ctx, resource, resource.provider, rep.get("region_name"),
                                 f"DynamoDB table {resource.name} replica") for rep in replicas]
        return [worst(verdicts)]
    return None


def _provider_copies(resource_type: str) -> Any:
    """The copy check of a non-AWS type, or None. Imported here, when first needed, because the
    provider modules use judge_region from this one."""
    from . import location_azure, location_gcp, location_ovh

    for module in (location_azure, location_gcp, location_ovh):
        if resource_type in module.COPIES:
            return module.COPIES[resource_type]
    return None
