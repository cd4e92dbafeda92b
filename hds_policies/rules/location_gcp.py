"""Google Cloud copies outside a resource's own location (EXI 28), for HDS_LOC_003:
Cloud SQL read replicas and custom backup locations, custom dual-region buckets."""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, unknown, worst
from .location import judge_region


def _label(ctx: Context, r: Resource) -> str:
    return f"{ctx.type_info(r).get('label', r.type)} {r.name}"


def sql_instance(r: Resource, ctx: Context) -> list[Verdict] | None:
    """A replica (master_instance_name) holds a copy of its primary's data; backups may be kept in a
    custom `settings.backup_configuration.location`."""
    label = _label(ctx, r)
    own: list[Verdict] = []
    out: list[Verdict] = []
    master = r.attrs.get("master_instance_name")
    if master is not None:
        region, _ = ctx.region_of(r)
        v = judge_region(ctx, r, r.provider, region, f"{label}, a replica of {master},")
        own.append(v)
        if v.status != "passed":
            for primary in ctx.graph.referenced(r, "google_sql_database_instance"):
                out.append(Verdict(v.status, primary, f"{_label(ctx, primary)} is replicated by {r.address}: "
                                                      f"{v.message}"))
    backups = attr(r, "settings.backup_configuration.location")
    if backups is not None:
        own.append(judge_region(ctx, r, r.provider, backups, f"{label} keeps its backups"))
    if not own:
        return None
    return [worst(own), *out]


def bucket(r: Resource, ctx: Context) -> Verdict | None:
    """A configurable dual-region bucket stores its data in each of `data_locations`."""
    placement = blocks(r, "custom_placement_config")
    if not placement:
        return None
    locations = placement[0].get("data_locations")
    label = _label(ctx, r)
    if is_unknown(locations) or not isinstance(locations, list):
        return unknown(r, f"{label}: dual-region data locations unknown ({locations})")
    return worst([judge_region(ctx, r, r.provider, loc, f"{label} stores a copy") for loc in locations])


COPIES = {
    "google_sql_database_instance": sql_instance,
    "google_storage_bucket": bucket,
}
