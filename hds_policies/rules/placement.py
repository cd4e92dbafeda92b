"""Where a resource and its copies are, and the verdict on one region value (EXI 28): used by the
location rules and by the geo-redundancy shape."""

from __future__ import annotations

from typing import Any

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, as_text, failed, passed, unknown


def judge_region(ctx: Context, target: Resource | ProviderConfig, provider: str | None, raw: Any,
                 what: str) -> Verdict:
    """Verdict for one region value: passed in the EEA (or allowed), failed outside, unknown else."""
    if is_unknown(raw) and raw.options:
        # One of a few regions the code lists (element(var.regions, random_integer…)): decided when
        # every candidate gives the same verdict.
        verdicts = [judge_region(ctx, target, provider, option, what) for option in raw.options]
        names = ", ".join(as_text(o) for o in raw.options)
        if all(v.status == "failed" for v in verdicts):
            return failed(target, f"{what}: region chosen among {names}, every one outside the EEA ({raw})")
        if all(v.status == "passed" for v in verdicts):
            return passed(target, f"{what}: region chosen among {names}, all in the EEA ({raw})")
        return unknown(target, f"{what}: region chosen among {names} ({raw}): not all in the EEA")
    if is_unknown(raw) or not isinstance(raw, str):
        shown = "not set" if raw is None else raw
        return unknown(target, f"{what}: region cannot be determined from the code ({shown})")
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


def replicating(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The replication rules that copy data: all but those whose status is literally disabled (S3
    `Disabled`, OVHcloud `disabled`); a status the code does not determine may copy."""
    return [r for r in rules if not (isinstance(r.get("status"), str) and r["status"].lower() == "disabled")]


def paired_region_copy(ctx: Context, resource: Resource, location: Any, what: str) -> Verdict:
    """Judge the paired region of an Azure `location`, where Azure keeps geo-redundant copies."""
    if is_unknown(location) or not isinstance(location, str):
        shown = "not set" if location is None else location
        return unknown(resource, f"{what}: the primary location cannot be determined ({shown}), so "
                                 "neither can its paired region")
    family = ctx.catalog.region_family(resource.provider) or "azure"
    entry = ctx.catalog.regions[family].entry(location) if family in ctx.catalog.regions else None
    if entry is None:
        return unknown(resource, f"{what}: location {location!r} is not in the catalog; its paired region "
                                 "is unknown")
    pair = entry.get("pair")
    if not pair:
        return unknown(resource, f"{what}: {entry['name']} has no paired region, so where Azure keeps the "
                                 "geo-redundant copy cannot be determined; use locally or zone-redundant "
                                 "storage")
    return judge_region(ctx, resource, resource.provider, pair,
                        f"{what} to the paired region of {entry['name']}")


def own_regions(ctx: Context, resource: Resource) -> list[Any]:
    """Every region value the resource itself names (Context.own_regions, the one region reader)."""
    return ctx.own_regions(resource)[0]


def placements(ctx: Context, resource: Resource) -> list[Any]:
    """Where a resource is placed: its own region argument(s), else, for a type the catalog
    lists as regional, its provider's region; [] when it has no placement of its own."""
    values = own_regions(ctx, resource)
    if values:
        if not ctx.type_or_default(resource).get("data", False):
            # a configuration object (data: false in the catalog) at location "global" is placed nowhere
            values = [v for v in values if not _is_global(ctx, resource, v)]
        return values
    if resource.type not in ctx.catalog.resource_types or resource.provider is None:
        return []  # no registry entry (an OpenStack cloud other than OVHcloud): no region table either
    raw, _origin = ctx.region_of(resource)
    return [] if raw is None else [raw]


def _is_global(ctx: Context, resource: Resource, raw: Any) -> bool:
    if not isinstance(raw, str):
        return False
    loc = ctx.locate(resource.provider, raw)
    return loc is not None and loc.kind == "global"
