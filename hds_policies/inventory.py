"""The reviewer's inventory: where data sits, which providers (sub-processors) hold it, and
what leaves the EEA (EXI 28, 30, 31). Pure: graph + settings in, plain data out."""

from __future__ import annotations

from typing import Any

from .model import Graph, Resource, Unknown, is_unknown
from .rules.base import Context
from .rules.hosting import elsewhere
from .rules.location import placements
from .rules.provider_certification import needed_activities
from .settings import Settings


def inventory(graph: Graph, settings: Settings) -> dict[str, Any]:
    ctx = Context(graph, settings)
    locations: list[dict[str, Any]] = []
    providers: dict[str, dict[str, Any]] = {}
    for r in graph.resources:
        if r.mode != "managed" or ctx.out_of_scope(r):
            continue
        host = elsewhere(ctx, r)  # an endpoint of another host stores the data (aws endpoints { s3 })
        provider = host.provider if host else r.provider
        pid = provider or ("unknown endpoint" if host else "unknown")
        entry = ctx.provider_entry(provider)
        if entry.get("status") == "not_applicable":
            continue  # hosts no data of its own (utility providers, objects inside a cluster)
        prov = providers.setdefault(pid, {
            "provider": pid,
            "name": entry.get("name", pid),
            "legal_entity": entry.get("legal_entity"),
            "status": entry.get("status", "not in registry"),
            "certified_activities": entry.get("activities", []),
            "valid_until": entry.get("valid_until"),
            "valid_from": entry.get("valid_from"),
            "issuer": entry.get("issuer"),
            "certificate": entry.get("certificate"),
            "source": entry.get("source"),
            "resources": 0,
            "activities_relied_on": set(),
            "by_activity": {},  # activity -> addresses relying on it (traces the transparency page)
        })
        prov["resources"] += 1
        needed = needed_activities(ctx, r)
        prov["activities_relied_on"] |= set(needed)
        for a in needed:
            prov["by_activity"].setdefault(a, []).append(r.address)
        places = placements(ctx, r) if host is None else \
            [host.region if host.region is not None else Unknown(f"the region of {host.endpoint}")]
        for raw in {repr(v): v for v in places}.values():
            locations.append(_location(ctx, r, raw, provider))
    for prov in providers.values():
        prov["activities_relied_on"] = sorted(prov["activities_relied_on"])
    return {
        "locations": sorted(locations, key=lambda x: (str(x["country"]), x["address"])),
        "providers": sorted(providers.values(), key=lambda p: p["provider"]),
        "outside_eea": [x for x in locations if x["eea"] is False],
        "undetermined": [x for x in locations if x["eea"] is None],
    }


def _location(ctx: Context, r: Resource, raw: Any, provider: str | None) -> dict[str, Any]:
    loc = ctx.locate(provider, raw)
    return {
        "address": r.address,
        "type": r.type,
        "provider": provider or "unknown",
        "data": bool(ctx.type_or_default(r).get("data", False)),
        "region": (loc.region if loc and loc.region else str(raw)),
        "country": loc.country if loc else None,
        "country_name": loc.country_name if loc else None,
        "eea": None if is_unknown(raw) or loc is None else loc.eea,
    }


def merge(inventories: list[dict[str, Any]]) -> dict[str, Any]:
    """One inventory for several scanned inputs."""
    out: dict[str, Any] = {"locations": [], "providers": [], "outside_eea": [], "undetermined": []}
    by_provider: dict[str, dict[str, Any]] = {}
    for inv in inventories:
        for key in ("locations", "outside_eea", "undetermined"):
            out[key].extend(inv[key])
        for p in inv["providers"]:
            if p["provider"] in by_provider:
                known = by_provider[p["provider"]]
                known["resources"] += p["resources"]
                known["activities_relied_on"] = sorted(set(known["activities_relied_on"]) |
                                                       set(p["activities_relied_on"]))
                known["by_activity"] = {a: known.get("by_activity", {}).get(a, []) + p.get("by_activity", {}).get(a, [])
                                        for a in set(known.get("by_activity", {})) | set(p.get("by_activity", {}))}
            else:
                by_provider[p["provider"]] = dict(p, by_activity=dict(p.get("by_activity", {})))
    out["providers"] = sorted(by_provider.values(), key=lambda p: p["provider"])
    return out
