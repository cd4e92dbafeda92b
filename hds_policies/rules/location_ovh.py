"""OVHcloud copies outside a resource's own region (EXI 28), for HDS_LOC_003: managed-database
`backup_regions` and Object Storage replication rules."""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, unknown, worst
from .location import judge_region


def _label(ctx: Context, r: Resource) -> str:
    return f"{ctx.type_info(r).get('label', r.type)} {r.name}"


def database(r: Resource, ctx: Context) -> Verdict | None:
    regions = r.attrs.get("backup_regions")
    label = _label(ctx, r)
    if regions is None or regions == []:
        return None
    if is_unknown(regions) or not isinstance(regions, list):
        return unknown(r, f"{label}: backup regions unknown ({regions})")
    return worst([judge_region(ctx, r, r.provider, reg, f"{label} keeps backup copies") for reg in regions])


def storage(r: Resource, ctx: Context) -> Verdict | None:
    rules = blocks(r, "replication.rules")
    if not rules:
        return None
    label = _label(ctx, r)
    return worst([judge_region(ctx, r, r.provider, attr(rule, "destination.region"),
                                f"{label} replicates to bucket {attr(rule, 'destination.name')}")
                   for rule in rules])


COPIES = {
    "ovh_cloud_project_database": database,
    "ovh_cloud_project_storage": storage,
}
