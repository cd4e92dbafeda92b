"""Provider certification (CSP L.1111-8 II, R.1111-9): hosted by an HDS-certified provider,
certified for the activities the resource needs, with a certificate valid at `as_of`."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, as_text, blocks, failed, passed, unknown
from .hosting import elsewhere
from .ovh_live import LIVE_PLAN_CODES, LIVE_SUBSIDIARY, live_account_entity, live_project_hds
from .registry import rule


def needed_activities(ctx: Context, resource: Resource) -> tuple[int, ...]:
    """Activities a resource relies on: its own (type, backup tag), plus 1 and 2 for data stores."""
    acts = set(ctx.activities(resource))
    if ctx.type_or_default(resource).get("data", False):
        acts |= {1, 2}
    return tuple(sorted(acts))


def _hosted_by(ctx: Context, resource: Resource) -> tuple[dict[str, Any], str]:
    """The registry entry of whoever stores the resource (its provider, or the host its provider's
    endpoint names), and the resource as messages name it."""
    what = f"{resource.type} {resource.name}"
    host = elsewhere(ctx, resource)
    if host is None:
        return ctx.provider_entry(resource.provider), what
    return ctx.provider_entry(host.provider), f"{what} (stored through {host.describe(ctx)})"


def _provider_name(ctx: Context, resource: Resource) -> str:
    entry = ctx.provider_entry(resource.provider)
    return entry.get("name", resource.provider or "unknown provider")


@rule("HDS_PRV_001", alone=True)
def provider_certified(resource: Resource, ctx: Context) -> Verdict:
    entry, what = _hosted_by(ctx, resource)
    host = elsewhere(ctx, resource)
    if host is not None and host.provider is None:
        return unknown(resource, f"{what}: the endpoint is not in the endpoint catalog, so who stores the "
                                 "data cannot be told; add its host to the settings' registry or to "
                                 "catalog/data/endpoints.json")
    if not entry:
        return unknown(resource, f"{what}: its provider is not in the HDS registry; add it with a registry "
                                 "override")
    status, name = entry["status"], entry["name"]
    acts = needed_activities(ctx, resource) or None
    if status == "certified":
        return passed(resource, f"{what}: {name} is HDS-certified")
    if status == "not_applicable":
        return passed(resource, f"{what}: nothing to certify ({name}): {entry.get('scope_notes', '')}")
    if status == "unverified":
        return unknown(resource, f"{what}: {name}'s HDS certification could not be verified in public "
                                 "sources "
                                 f"({entry.get('source')})", activities=acts)
    return failed(resource, f"{what} is hosted by {name} ({entry['legal_entity']}), which holds no HDS "
                            "certificate",
                  activities=acts)


@rule("HDS_PRV_002", alone=True)
def provider_covers_activities(resource: Resource, ctx: Context) -> Verdict | None:
    entry, what = _hosted_by(ctx, resource)
    if not entry or entry["status"] != "certified":
        return None
    needed = needed_activities(ctx, resource)
    missing = tuple(a for a in needed if a not in entry["activities"])
    if not missing:
        return passed(resource, f"{what}: {entry['name']} is certified for activities {list(needed)}")
    labels = ctx.catalog.activity_labels(missing)
    return failed(resource, f"{what} needs HDS activities {labels}, for which {entry['name']} is not "
                            "certified",
                  activities=missing)


@rule("HDS_PRV_003", alone=True)
def certificate_valid(resource: Resource, ctx: Context) -> Verdict | None:
    entry, what = _hosted_by(ctx, resource)
    if not entry or entry["status"] != "certified":
        return None
    as_of = ctx.settings.as_of
    acts = needed_activities(ctx, resource) or None
    if entry.get("valid_from") and _dt.date.fromisoformat(str(entry["valid_from"])) > as_of:
        return failed(resource, f"{what}: {entry['name']}'s HDS certificate is valid only from {entry['valid_from']} "
                                f"(as of {as_of})", activities=acts, severity="critical")
    if not entry.get("valid_until"):
        return None
    until = _dt.date.fromisoformat(str(entry["valid_until"]))
    if until < as_of:
        return failed(resource, f"{what}: {entry['name']}'s HDS certificate expired on {until} "
                                f"(as of {as_of})",
                      activities=acts, severity="critical")
    days = (until - as_of).days
    if days <= ctx.settings.expiry_warning_days:
        return failed(resource, f"{what}: {entry['name']}'s HDS certificate expires on {until}, "
                                f"in {days} days",
                      activities=acts, severity="medium")
    return passed(resource, f"{what}: certificate valid until {until}")


# --- OVHcloud: the HDS option of the Public Cloud project (HDS_PRV_004) --------------------------

OVH_OPTIONS_DATA = "ovh_order_cart_product_options_plan"


def _plan_code(ctx: Context, project: Resource, code: Any) -> Any:
    """A plan_option's plan code; when unknown, the options_plan_code of the cart data source it
    comes from (data.ovh_order_cart_product_options_plan.x.options_plan_code)."""
    if not is_unknown(code):
        return code
    sources = ctx.graph.referenced(project, OVH_OPTIONS_DATA)
    named = [d for d in sources if d.address in code.raw]
    for data in named or (sources if len(sources) == 1 else []):
        value = data.attrs.get("options_plan_code")
        if value is not None:
            return value
    return code


def ovh_project_hds(ctx: Context, project: Resource) -> tuple[str, str]:
    """(status, explanation) of a project's HDS option, from its plan_option blocks."""
    if LIVE_PLAN_CODES in project.attrs:  # read from the account by `hds-policies audit ovh`
        return live_project_hds(project)
    codes = set(ctx.provider_entry(project.provider).get("required_options", []))
    seen: list[str] = []
    undetermined = []
    for option in blocks(project, "plan_option"):
        code = _plan_code(ctx, project, option.get("plan_code"))
        if is_unknown(code) or code is None:
            undetermined.append(as_text(code))
        elif code in codes:
            return "passed", f"Public Cloud project {project.name} has the HDS option ({code})"
        else:
            seen.append(as_text(code))
    if undetermined:
        return "unknown", (f"Public Cloud project {project.name}: plan option {', '.join(undetermined)} "
                           "cannot be resolved from the code; the HDS option cannot be confirmed")
    shown = f"plan options {', '.join(seen)}" if seen else "no plan_option"
    return "failed", (f"Public Cloud project {project.name} is ordered without the HDS option ({shown}; "
                      f"expected plan_code {' or '.join(sorted(codes))})")


def _project_of(ctx: Context, resource: Resource) -> Resource | None:
    """The ovh_cloud_project a resource belongs to: through service_name, directly, via a local or
    via other resources of the project (service_name = ovh_cloud_project_network_private.x.service_name)."""
    service = resource.attrs.get("service_name")
    if is_unknown(service):
        named = _project_named(ctx, service.raw, resource.module)
        if named is not None:
            return named
    seen, queue = {resource.address}, [resource]
    while queue:
        for ref in ctx.graph.referenced(queue.pop(0)):
            if ref.address in seen or ref.provider != resource.provider:
                continue
            seen.add(ref.address)
            if ref.type == "ovh_cloud_project" and ref.mode == "managed":
                return ref
            queue.append(ref)
    return None


def _project_named(ctx: Context, expression: str, module: str) -> Resource | None:
    """The ovh_cloud_project of `module` an expression names (ovh_cloud_project.x.project_id)."""
    for project in ctx.graph.of_type("ovh_cloud_project"):
        local = re.escape(f"{project.type}.{project.name}")
        if project.module == module and re.search(rf"(?<![\w.]){local}(?![\w-])", expression):
            return project
    return None


def _declared_project(ctx: Context, resource: Resource, what: str, acts: tuple[int, ...] | None,
                      service: Any = ..., unset: str = "OVH_CLOUD_PROJECT_SERVICE") -> Verdict:
    """A project this configuration does not create: judged by the settings' `ovh_hds_projects`
    (projects whose HDS option was checked in the OVHcloud manager), else undetermined. `service`:
    the project id when it is not the resource's service_name; `unset`: what decides it when unset."""
    service = resource.attrs.get("service_name") if service is ... else service
    declared = ctx.settings.ovh_hds_projects
    if isinstance(service, str) and declared is not None:
        if service in declared:
            return passed(resource, f"{what}: Public Cloud project {service} is declared with the HDS option "
                                    "(settings: ovh_hds_projects)")
        return failed(resource, f"{what}: Public Cloud project {service} is not among the projects declared "
                                "with the HDS option (settings: ovh_hds_projects)", activities=acts)
    shown = unset if service is None else as_text(service)
    hint = "list the projects that have it in the settings (ovh_hds_projects)" if declared is None else \
        "the project id must be readable from the code to compare it with ovh_hds_projects"
    audit = f"hds-policies audit ovh --project {service if isinstance(service, str) else '<id>'}"
    return unknown(resource, f"{what}: its Public Cloud project ({shown}) is not created in this configuration, "
                             f"so whether it has the HDS option cannot be seen; check it with `{audit}` "
                             f"or in the OVHcloud manager, and {hint}", activities=acts)


def _openstack_project(ctx: Context, resource: Resource, what: str, acts: tuple[int, ...] | None) -> Verdict | None:
    """An OpenStack resource at OVHcloud runs in a project (tenant) the openstack provider does not
    create: its provider configuration's tenant_id, an ovh_cloud_project of the code or a declared one."""
    if ctx.catalog.region_family(resource.provider) != "ovh":
        return None  # another OpenStack cloud: no OVHcloud project
    config = ctx.graph.provider_of(resource)
    tenant = config.attrs.get("tenant_id") if config is not None else None
    project = _project_named(ctx, tenant.raw, config.module) if config and is_unknown(tenant) else None
    if project is not None:  # tenant_id = ovh_cloud_project.x.project_id: a project created here
        status, why = ovh_project_hds(ctx, project)
        if status == "passed":
            return passed(resource, f"{what}: {why}")
        return Verdict(status, resource, f"{what} runs in {project.address} (tenant_id of {config.address}): "
                                         f"{why}", activities=acts)
    unset = f"tenant_id unset on {config.address if config else 'its provider'}: OS_TENANT_ID / OS_PROJECT_ID"
    return _declared_project(ctx, resource, what, acts, service=tenant, unset=unset)


@rule("HDS_PRV_004")
def ovh_project_option(resource: Resource, ctx: Context) -> Verdict | None:
    acts = needed_activities(ctx, resource) or None
    if resource.type.startswith("openstack_"):
        what = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
        return _openstack_project(ctx, resource, what, acts)
    if resource.type == "ovh_cloud_project":
        status, why = ovh_project_hds(ctx, resource)
        return Verdict(status, resource, why, activities=acts)
    what = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
    project = _project_of(ctx, resource)
    if project is None:
        return _declared_project(ctx, resource, what, acts)
    status, why = ovh_project_hds(ctx, project)
    if status == "passed":
        return passed(resource, f"{what}: {why}")
    return Verdict(status, resource, f"{what} belongs to {project.address}: {why}", activities=acts)


# --- services outside the provider's certified scope (HDS_PRV_005) --------------------------------

def _zone_name(ctx: Context, provider: str | None, raw: str) -> str:
    """The region table's name for a zone string (normalised), or the string itself."""
    loc = ctx.locate(provider, raw)
    return loc.region if loc and loc.region else raw


@rule("HDS_PRV_005")
def outside_hds_scope(resource: Resource, ctx: Context) -> Verdict | None:
    entry = ctx.provider_entry(resource.provider)
    what = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
    acts = needed_activities(ctx, resource) or None
    if resource.type == "scaleway_object_bucket":
        return failed(resource, f"{what}: Scaleway HDS buckets are created from the console only (Paris), "
                                "so a bucket created by Terraform is not an HDS bucket (Scaleway docs "
                                "2025-04-28)",
                      activities=acts)
    zones = entry.get("hds_regions") or []
    if not zones:
        return None
    raw, origin = ctx.region_of(resource)  # Clever Cloud: "par" when unset (providers.json default_region)
    defaulted = origin.endswith("(provider default)")
    if raw is None or is_unknown(raw) or not isinstance(raw, str):
        return unknown(resource, f"{what}: zone cannot be determined from the code ({raw})", activities=acts)
    hds = {_zone_name(ctx, resource.provider, z) for z in zones}
    name = _zone_name(ctx, resource.provider, raw)
    shown = f"{raw} (the default)" if defaulted else raw
    if name in hds:
        return passed(resource, f"{what} in HDS zone {shown}")
    return failed(resource, f"{what} runs in zone {shown}, outside {entry['name']}'s HDS zones "
                            f"({', '.join(zones)}): the certificate does not cover it", activities=acts)


# --- OVHcloud managed databases: sub-processor with remote access from outside the EEA (HDS_PRV_006)


@rule("HDS_PRV_006")
def remote_access_sub_processor(resource: Resource, ctx: Context) -> Verdict:
    what = f"{ctx.type_info(resource).get('label', resource.type)} {resource.name}"
    engine = resource.attrs.get("engine")
    fact = ctx.type_info(resource).get("note", "operated by a sub-processor with remote access from outside "
                                               "the EEA")
    return failed(resource, f"{what} ({engine}): {fact}; record this transfer in your map of transfers "
                            "outside the EEA and check the safeguards in your contract")


# --- OVHcloud: account held by a non-EEA entity (HDS_PRV_007) -------------------------------------


@rule("HDS_PRV_007", target="provider")
def account_entity(config: ProviderConfig, ctx: Context) -> Verdict | None:
    if config.provider != "ovh":
        return None
    verdict = _endpoint_entity(config, ctx)
    if LIVE_SUBSIDIARY in config.attrs:  # read from the account by `hds-policies audit ovh`
        return live_account_entity(ctx, config, verdict)
    return verdict


def _endpoint_entity(config: ProviderConfig, ctx: Context) -> Verdict:
    raw = config.attrs.get("endpoint")
    if raw is None:
        return unknown(config, f"{config.address} sets no endpoint: OVH_ENDPOINT or ovh.conf decides which "
                               "OVHcloud entity holds the account")
    if is_unknown(raw) or not isinstance(raw, str):
        return unknown(config, f"{config.address}: endpoint cannot be determined from the code ({raw})")
    family = ctx.catalog.region_family(config.provider)
    table = ctx.catalog.regions.get(family or "")
    entry = table.entry(raw) if table else None
    if entry is None or entry.get("kind") != "endpoint" or entry.get("eea") is None:
        return unknown(config, f"{config.address}: endpoint {raw!r} is not in the catalog")
    holder = entry.get("entity", "an OVHcloud entity")
    loc = ctx.locate(config.provider, raw)
    where = loc.describe() if loc else raw
    if entry["eea"]:
        return passed(config, f"{config.address}: endpoint {raw}: the account is held by {holder}, in the "
                              "EEA")
    return failed(config, f"{config.address} uses endpoint {raw}: the account is held by {holder} ({where}), "
                          "outside the EEA and subject to that country's law")
