"""Provider certification (CSP L.1111-8 II, R.1111-9): hosted by an HDS-certified provider,
certified for the activities the resource needs, with a certificate valid at `as_of`."""

from __future__ import annotations

import datetime as _dt

from ..model import Resource
from .base import Context, Verdict, failed, passed, rule, unknown


def needed_activities(ctx: Context, resource: Resource) -> tuple[int, ...]:
    """Activities a resource relies on: its type's, plus 1 and 2 (physical hosting) for data stores."""
    info = ctx.type_or_default(resource)
    acts = set(info.get("activities", ()))
    if info.get("data", False):
        acts |= {1, 2}
    return tuple(sorted(acts))


def _provider_name(ctx: Context, resource: Resource) -> str:
    entry = ctx.provider_entry(resource.provider)
    return entry.get("name", resource.provider or "unknown provider")


@rule("HDS_PRV_001")
def provider_certified(resource: Resource, ctx: Context) -> Verdict:
    entry = ctx.provider_entry(resource.provider)
    what = f"{resource.type} {resource.name}"
    if not entry:
        return unknown(resource, f"{what}: its provider is not in the HDS registry; add it with a registry override")
    status, name = entry["status"], entry["name"]
    acts = needed_activities(ctx, resource) or None
    if status == "certified":
        return passed(resource, f"{what}: {name} is HDS-certified")
    if status == "unverified":
        return unknown(resource, f"{what}: {name}'s HDS certification could not be verified in public sources "
                                 f"({entry.get('source')})", activities=acts)
    return failed(resource, f"{what} is hosted by {name} ({entry['legal_entity']}), which holds no HDS certificate",
                  activities=acts)


@rule("HDS_PRV_002")
def provider_covers_activities(resource: Resource, ctx: Context) -> Verdict | None:
    entry = ctx.provider_entry(resource.provider)
    if not entry or entry["status"] != "certified":
        return None
    needed = needed_activities(ctx, resource)
    missing = tuple(a for a in needed if a not in entry["activities"])
    what = f"{resource.type} {resource.name}"
    if not missing:
        return passed(resource, f"{what}: {entry['name']} is certified for activities {list(needed)}")
    labels = ctx.catalog.activity_labels(missing)
    return failed(resource, f"{what} needs HDS activities {labels}, for which {entry['name']} is not certified",
                  activities=missing)


@rule("HDS_PRV_003")
def certificate_valid(resource: Resource, ctx: Context) -> Verdict | None:
    entry = ctx.provider_entry(resource.provider)
    if not entry or entry["status"] != "certified" or not entry.get("valid_until"):
        return None
    until = _dt.date.fromisoformat(str(entry["valid_until"]))
    as_of = ctx.settings.as_of
    what = f"{resource.type} {resource.name}"
    acts = needed_activities(ctx, resource) or None
    if until < as_of:
        return failed(resource, f"{what}: {entry['name']}'s HDS certificate expired on {until} (as of {as_of})",
                      activities=acts, severity="critical")
    days = (until - as_of).days
    if days <= ctx.settings.expiry_warning_days:
        return failed(resource, f"{what}: {entry['name']}'s HDS certificate expires on {until}, in {days} days",
                      activities=acts, severity="medium")
    return passed(resource, f"{what}: certificate valid until {until}")
