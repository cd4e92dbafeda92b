"""Google Cloud copies outside a resource's own location (EXI 28), for HDS_LOC_003:
Cloud SQL read replicas and custom backup locations, custom dual-region buckets."""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, label, show, unknown, worst
from .placement import judge_region
from .registry import Row, check


@check("HDS_LOC_003", "google_sql_database_instance")
def sql_instance(r: Resource, ctx: Context, row: Row) -> list[Verdict] | None:
    """A replica (master_instance_name) holds a copy of its primary's data; backups may be kept in a
    custom `settings.backup_configuration.location`."""
    name = label(ctx, r)
    own: list[Verdict] = []
    out: list[Verdict] = []
    master = r.attrs.get("master_instance_name")
    if master is not None:
        region, _ = ctx.region_of(r)
        v = judge_region(ctx, r, r.provider, region, f"{name}, a replica of {master},")
        own.append(v)
        if v.status != "passed":
            for primary in ctx.graph.referenced(r, "google_sql_database_instance"):
                out.append(Verdict(v.status, primary, f"{label(ctx, primary)} is replicated by {r.address}: "
                                                      f"{v.message}"))
    backups = attr(r, "settings.backup_configuration.location")
    if backups is not None:
        own.append(judge_region(ctx, r, r.provider, backups, f"{name} keeps its backups"))
    if not own:
        return None
    return [worst(own), *out]


@check("HDS_LOC_003", "google_storage_bucket")
def bucket(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """A configurable dual-region bucket stores its data in each of `data_locations`."""
    placement = blocks(r, "custom_placement_config")
    if not placement:
        return None
    locations = placement[0].get("data_locations")
    name = label(ctx, r)
    if is_unknown(locations) or not isinstance(locations, list):
        return unknown(r, f"{name}: dual-region data locations unknown ({show(locations)})")
    return worst([judge_region(ctx, r, r.provider, loc, f"{name} stores a copy") for loc in locations])
