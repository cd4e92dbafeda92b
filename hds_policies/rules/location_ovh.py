"""OVHcloud copies outside a resource's own region (EXI 28), for HDS_LOC_003: managed-database
`backup_regions` and Object Storage replication rules."""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, label, unknown, worst
from .placement import judge_region, replicating
from .registry import Row, check


@check("HDS_LOC_003", "ovh_cloud_project_database")
def database(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    regions = r.attrs.get("backup_regions")
    name = label(ctx, r)
    if regions is None or regions == []:
        return None
    if is_unknown(regions) or not isinstance(regions, list):
        return unknown(r, f"{name}: backup regions unknown ({regions})")
    return worst([judge_region(ctx, r, r.provider, reg, f"{name} keeps backup copies") for reg in regions])


@check("HDS_LOC_003", "ovh_cloud_project_storage")
def storage(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    rules = replicating(blocks(r, "replication.rules"))
    if not rules:
        return None
    name = label(ctx, r)
    return worst([judge_region(ctx, r, r.provider, attr(rule, "destination.region"),
                                f"{name} replicates to bucket {attr(rule, 'destination.name')}")
                   for rule in rules])
