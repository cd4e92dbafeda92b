"""Azure encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): the checks of
the azurerm evidence that needs Python; the flags and minimum TLS versions are rows of
catalog/data/evidence/encryption_in_transit.json.

Defaults are the azurerm provider's (v4; v3 names are read too): storage accounts accept HTTPS
only and TLS 1.2 unless told otherwise; App Service `https_only` defaults to false; the
PostgreSQL / MySQL flexible servers require TLS (`require_secure_transport` ON) by default.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import (
    Context,
    Verdict,
    as_text,
    attr,
    blocks,
    failed,
    label,
    not_scalar,
    passed,
    show,
    truthy,
    unknown,
    weak,
    worst,
)
from .registry import AZAPI, Row, check, type_key, with_body
from .shapes import listener_class

SERVER_PARAMETERS = {
    "azurerm_postgresql_flexible_server": "azurerm_postgresql_flexible_server_configuration",
    "azurerm_mysql_flexible_server": "azurerm_mysql_flexible_server_configuration",
}
# The same servers created through azapi (Azure Verified Modules): their parameters are child resources
# of type <server type>/configurations (name: the parameter, body.properties.value: its value).
AZAPI_SERVERS = {
    f"{AZAPI}:microsoft.dbforpostgresql/flexibleservers": "azurerm_postgresql_flexible_server",
    f"{AZAPI}:microsoft.dbformysql/flexibleservers": "azurerm_mysql_flexible_server",
}


# --- HDS_TLS_001 ------------------------------------------------------------------------------


def _gateway_listener(gw: Resource, listener: dict[str, Any], ctx: Context, label: str) -> Verdict:
    """An Http listener is fine only when every routing rule on it redirects to HTTPS."""
    name = listener.get("name")
    rules = [r for r in blocks(gw, "request_routing_rule") if r.get("http_listener_name") == name]
    redirects = {c.get("name"): c for c in blocks(gw, "redirect_configuration")}
    listeners = {lst.get("name"): lst for lst in blocks(gw, "http_listener")}
    if not rules:
        return passed(gw, f"{label}: HTTP listener {name} has no routing rule")
    for rule in rules:
        if rule.get("url_path_map_name"):
            return unknown(gw, f"{label}: HTTP listener {name} routes by URL path map "
                               f"{rule['url_path_map_name']}; check that every path redirects to HTTPS")
        target = redirects.get(rule.get("redirect_configuration_name"))
        if target is None:
            return failed(gw, f"{label}: HTTP listener {name} forwards plain HTTP (routing rule "
                              f"{rule.get('name')} does not redirect to HTTPS)")
        url = target.get("target_url")
        to = listeners.get(target.get("target_listener_name"), {})
        https = as_text(to.get("protocol", "")).lower() == "https" or \
            as_text(url or "").lower().startswith("https://")
        if not https:
            return failed(gw, f"{label}: HTTP listener {name} redirects through {target.get('name')} to a "
                              "target that is not HTTPS")
    return passed(gw, f"{label}: HTTP listener {name} redirects to HTTPS")


@check("HDS_TLS_001", "azurerm_application_gateway")
def gateway_listeners(gw: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, gw, row)
    verdicts = []
    for listener in blocks(gw, "http_listener"):
        proto = listener.get("protocol")
        kind = listener_class(proto, row)
        if kind == "unknown":
            verdicts.append(unknown(gw, f"{name}: listener {listener.get('name')}: protocol unknown"))
        elif kind == "plain":
            verdicts.append(_gateway_listener(gw, listener, ctx, name))
        else:
            verdicts.append(passed(gw, f"{name}: listener {listener.get('name')} uses {proto}"))
    return worst(verdicts) or unknown(gw, f"{name}: no http_listener block")


@check("HDS_TLS_001", "azurerm_cdn_frontdoor_route")
def frontdoor_route(route: Resource, ctx: Context, row: Row) -> Verdict:
    label_ = label(ctx, route, row)
    protocols = route.attrs.get("supported_protocols")
    redirect = route.attrs.get("https_redirect_enabled", True)
    forwarding = route.attrs.get("forwarding_protocol", "MatchRequest")
    if any(is_unknown(v) for v in (protocols, redirect, forwarding)):
        return unknown(route, f"{label_}: protocol settings unknown until apply")
    if forwarding == "HttpOnly":
        return failed(route, f"{label_} forwards requests to the origin over plain HTTP "
                             "(forwarding_protocol HttpOnly)")
    if isinstance(protocols, list) and "Http" in protocols and not truthy(redirect):
        return failed(route, f"{label_} serves plain HTTP without redirecting to HTTPS "
                             "(https_redirect_enabled false)")
    return passed(route, f"{label_}: HTTPS only or HTTP redirected to HTTPS")


@check("HDS_TLS_001", "azurerm_api_management_backend")
def apim_backend(backend: Resource, ctx: Context, row: Row) -> Verdict:
    """API Management calls the backend at its `url`: https:// or not."""
    name = label(ctx, backend, row)
    url = backend.attrs.get("url")
    if is_unknown(url) or url is None:
        return unknown(backend, f"{name}: backend url {'not set' if url is None else 'unknown'} ({show(url)})")
    if as_text(url).lower().startswith("https://"):
        return passed(backend, f"{name} calls its backend over HTTPS")
    return failed(backend, f"{name} calls its backend without TLS (url = {url})")


# --- HDS_TLS_002 ------------------------------------------------------------------------------


def _gateway_policy(gw: Resource, policy: dict[str, Any] | None, where: str, ctx: Context,
                    label: str) -> Verdict:
    if not policy:
        return passed(gw, f"{label}: {where}: no ssl_policy, so the API default AppGwSslPolicy20220101 "
                          "(TLS 1.2 minimum) applies")
    name, minimum = policy.get("policy_name"), policy.get("min_protocol_version")
    disabled = policy.get("disabled_protocols")
    if any(is_unknown(v) for v in (name, minimum, disabled)):
        return unknown(gw, f"{label}: {where}: SSL policy unknown until apply")
    if not_scalar(name) or not_scalar(minimum):
        return unknown(gw, f"{label}: {where}: policy_name / min_protocol_version is not a name")
    if name in weak(ctx, "azurerm_application_gateway.policy_name"):
        return failed(gw, f"{label}: {where}: SSL policy {name} admits TLS versions older than 1.2")
    if minimum in weak(ctx, "azurerm_application_gateway.min_protocol_version"):
        return failed(gw, f"{label}: {where}: min_protocol_version {minimum} admits TLS older than 1.2")
    if disabled is not None and not {"TLSv1_0", "TLSv1_1"} <= set(disabled):
        return unknown(gw, f"{label}: {where}: disabled_protocols {show(disabled)} leaves TLS 1.0 or 1.1 to the "
                           "gateway's base policy; name a policy whose minimum is TLS 1.2")
    return passed(gw, f"{label}: {where}: SSL policy {name or minimum or 'with TLS 1.0 and 1.1 disabled'}")


@check("HDS_TLS_002", "azurerm_application_gateway")
def gateway_policy(gw: Resource, ctx: Context, row: Row) -> Verdict | None:
    name = label(ctx, gw, row)
    verdicts = [_gateway_policy(gw, (blocks(gw, "ssl_policy") or [None])[0], "gateway", ctx, name)]
    for profile in blocks(gw, "ssl_profile"):
        inner = blocks(profile, "ssl_policy")
        if inner:
            verdicts.append(_gateway_policy(gw, inner[0], f"SSL profile {profile.get('name')}", ctx, name))
    return worst(verdicts)


# --- PostgreSQL / MySQL server parameters (HDS_TLS_002 and HDS_TLS_003) ------------------------


def server_kind(server: Resource) -> str:
    """The azurerm type of a flexible server, also for one created through azapi."""
    return AZAPI_SERVERS.get(type_key(server), server.type)


def server_parameter(ctx: Context, server: Resource, name: str) -> tuple[Any, Resource | None]:
    """The value a *_flexible_server_configuration resource (or an azapi `…/configurations` child)
    sets for parameter `name`."""
    if server.type == AZAPI:
        children = [with_body(c) for c in ctx.graph.referrers(server, AZAPI)
                    if type_key(c) == f"{type_key(server)}/configurations"]
        values = [(c, attr(c, "body.properties.value")) for c in children]
    else:
        values = [(c, c.attrs.get("value")) for c in ctx.graph.referrers(server, SERVER_PARAMETERS[server.type])]
    for cfg, value in values:
        cfg_name = cfg.attrs.get("name")
        if isinstance(cfg_name, str) and cfg_name.lower() == name:
            return value, cfg
    return None, None


@check("HDS_TLS_003", *SERVER_PARAMETERS, *AZAPI_SERVERS)
def flexible_requires_tls(server: Resource, ctx: Context, row: Row) -> Verdict:
    label_ = label(ctx, server, row)
    value, cfg = server_parameter(ctx, server, "require_secure_transport")
    if is_unknown(value):
        return unknown(server, f"{label_}: require_secure_transport unknown ({value})")
    if value is None:
        return passed(server, f"{label_}: require_secure_transport is ON by default")
    if as_text(value).lower() in ("on", "true", "1"):
        return passed(server, f"{label_}: require_secure_transport = {value}")
    where = cfg.address if cfg else "a server parameter"
    return failed(server, f"{label_}: {where} sets require_secure_transport = {value}: connections without "
                          "TLS are accepted")


@check("HDS_TLS_002", *SERVER_PARAMETERS, *AZAPI_SERVERS)
def flexible_tls_version(server: Resource, ctx: Context, row: Row) -> Verdict:
    label_ = label(ctx, server, row)
    kind = server_kind(server)
    name = "ssl_min_protocol_version" if "postgresql" in kind else "tls_version"
    value, _cfg = server_parameter(ctx, server, name)
    if is_unknown(value):
        return unknown(server, f"{label_}: {name} unknown ({value})")
    if value is None:
        return passed(server, f"{label_}: {name} at its default (TLS 1.2 minimum)")
    offered = {v.strip() for v in as_text(value).split(",")}
    admitted = offered & weak(ctx, f"{kind}.{name}")
    if admitted:
        return failed(server, f"{label_}: {name} = {value} admits {', '.join(sorted(admitted))}")
    return passed(server, f"{label_}: {name} = {value}")
