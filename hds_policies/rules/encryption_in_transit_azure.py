"""Azure encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): the checks of
HDS_TLS_001/002/003 for azurerm types, dispatched from encryption_in_transit.py.

Defaults are the azurerm provider's (v4; v3 names are read too): storage accounts accept HTTPS
only and TLS 1.2 unless told otherwise; App Service `https_only` defaults to false; the
PostgreSQL / MySQL flexible servers require TLS (`require_secure_transport` ON) by default.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, failed, passed, truthy, unknown, worst
from .encryption_in_transit import _label, _weak

# App Service / Functions
APP_TYPES = ("azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
             "azurerm_windows_function_app")
SERVER_PARAMETERS = {
    "azurerm_postgresql_flexible_server": "azurerm_postgresql_flexible_server_configuration",
    "azurerm_mysql_flexible_server": "azurerm_mysql_flexible_server_configuration",
}


def _first(resource: Resource, *paths: str) -> tuple[Any, str]:
    """The first set value among `paths` (v4 name first, then the v3 name), with its path."""
    for path in paths:
        value = attr(resource, path)
        if value is not None:
            return value, path
    return None, paths[0]


def _flag(resource: Resource, ctx: Context, paths: tuple[str, ...], default: bool, good: bool,
          what: str) -> Verdict:
    """A boolean setting that must equal `good` (unset = `default`)."""
    label = _label(ctx, resource)
    value, path = _first(resource, *paths)
    if is_unknown(value):
        return unknown(resource, f"{label}: {path} unknown ({value})")
    on = default if value is None else truthy(value)
    shown = "not set, default " + str(default).lower() if value is None else f"= {value}"
    if on == good:
        return passed(resource, f"{label}: {path} {shown}")
    return failed(resource, f"{label} {what} ({path} {shown})")


def _min_version(resource: Resource, ctx: Context, paths: tuple[str, ...], weak_key: str,
                 default: str) -> Verdict:
    label = _label(ctx, resource)
    value, path = _first(resource, *paths)
    if is_unknown(value):
        return unknown(resource, f"{label}: {path} unknown ({value})")
    shown = value if value is not None else f"{default} (default)"
    if value is not None and str(value) in _weak(ctx, weak_key):
        return failed(resource, f"{label}: {path} = {value} admits TLS versions older than 1.2")
    return passed(resource, f"{label}: minimum TLS version {shown}")


# --- HDS_TLS_001 ------------------------------------------------------------------------------


def storage_https(r: Resource, ctx: Context) -> Verdict:
    return _flag(r, ctx, ("https_traffic_only_enabled", "enable_https_traffic_only"), True, True,
                 "accepts plain HTTP requests")


def redis_non_ssl(r: Resource, ctx: Context) -> Verdict:
    return _flag(r, ctx, ("non_ssl_port_enabled", "enable_non_ssl_port"), False, False,
                 "opens the non-TLS port 6379")


def app_https(r: Resource, ctx: Context) -> Verdict | None:
    label = _label(ctx, r)
    verdicts = [_flag(r, ctx, ("https_only",), False, True, "accepts plain HTTP")]
    ftps = attr(r, "site_config.ftps_state")
    if is_unknown(ftps):
        verdicts.append(unknown(r, f"{label}: site_config.ftps_state unknown ({ftps})"))
    elif ftps == "AllAllowed":
        verdicts.append(failed(r, f"{label}: site_config.ftps_state = AllAllowed accepts plain FTP "
                                  "deployments"))
    return worst(verdicts)


def _gateway_listener(gw: Resource, listener: dict[str, Any], ctx: Context) -> Verdict:
    """An Http listener is fine only when every routing rule on it redirects to HTTPS."""
    label, name = _label(ctx, gw), listener.get("name")
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
        https = str(to.get("protocol", "")).lower() == "https" or \
            str(url or "").lower().startswith("https://")
        if not https:
            return failed(gw, f"{label}: HTTP listener {name} redirects through {target.get('name')} to a "
                              "target that is not HTTPS")
    return passed(gw, f"{label}: HTTP listener {name} redirects to HTTPS")


def gateway_listeners(gw: Resource, ctx: Context) -> Verdict:
    verdicts = []
    for listener in blocks(gw, "http_listener"):
        proto = listener.get("protocol")
        if is_unknown(proto):
            verdicts.append(unknown(gw, f"{_label(ctx, gw)}: listener {listener.get('name')}: protocol "
                                        "unknown"))
        elif str(proto).lower() == "http":
            verdicts.append(_gateway_listener(gw, listener, ctx))
        else:
            verdicts.append(passed(gw, f"{_label(ctx, gw)}: listener {listener.get('name')} uses {proto}"))
    return worst(verdicts) or unknown(gw, f"{_label(ctx, gw)}: no http_listener block")


def frontdoor_route(route: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, route)
    protocols = route.attrs.get("supported_protocols")
    redirect = route.attrs.get("https_redirect_enabled", True)
    forwarding = route.attrs.get("forwarding_protocol", "MatchRequest")
    if any(is_unknown(v) for v in (protocols, redirect, forwarding)):
        return unknown(route, f"{label}: protocol settings unknown until apply")
    if forwarding == "HttpOnly":
        return failed(route, f"{label} forwards requests to the origin over plain HTTP "
                             "(forwarding_protocol HttpOnly)")
    if isinstance(protocols, list) and "Http" in protocols and not truthy(redirect):
        return failed(route, f"{label} serves plain HTTP without redirecting to HTTPS "
                             "(https_redirect_enabled false)")
    return passed(route, f"{label}: HTTPS only or HTTP redirected to HTTPS")


# --- HDS_TLS_002 ------------------------------------------------------------------------------


def storage_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("min_tls_version",), "azurerm_storage_account.min_tls_version", "TLS1_2")


def sql_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("minimum_tls_version",), "azurerm_mssql_server.minimum_tls_version", "1.2")


def redis_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("minimum_tls_version",), "azurerm_redis_cache.minimum_tls_version", "1.2")


def cosmos_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("minimal_tls_version",), "azurerm_cosmosdb_account.minimal_tls_version",
                        "Tls12")


def app_tls(r: Resource, ctx: Context) -> Verdict | None:
    return worst([
        _min_version(r, ctx, (f"site_config.{name}",), "azurerm_app_service.minimum_tls_version", "1.2")
        for name in ("minimum_tls_version", "scm_minimum_tls_version")
    ])


def legacy_server_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("ssl_minimal_tls_version_enforced",),
                        "azurerm_postgresql_server.ssl_minimal_tls_version_enforced", "TLS1_2")


def frontdoor_domain_tls(r: Resource, ctx: Context) -> Verdict:
    return _min_version(r, ctx, ("tls.minimum_version", "tls.minimum_tls_version"),
                        "azurerm_cdn_frontdoor_custom_domain.minimum_tls_version", "TLS12")


def _gateway_policy(gw: Resource, policy: dict[str, Any] | None, where: str, ctx: Context) -> Verdict:
    label = _label(ctx, gw)
    if not policy:
        return passed(gw, f"{label}: {where}: no ssl_policy, so the API default AppGwSslPolicy20220101 "
                          "(TLS 1.2 minimum) applies")
    name, minimum = policy.get("policy_name"), policy.get("min_protocol_version")
    disabled = policy.get("disabled_protocols")
    if any(is_unknown(v) for v in (name, minimum, disabled)):
        return unknown(gw, f"{label}: {where}: SSL policy unknown until apply")
    if name in _weak(ctx, "azurerm_application_gateway.policy_name"):
        return failed(gw, f"{label}: {where}: SSL policy {name} admits TLS versions older than 1.2")
    if minimum in _weak(ctx, "azurerm_application_gateway.min_protocol_version"):
        return failed(gw, f"{label}: {where}: min_protocol_version {minimum} admits TLS older than 1.2")
    if disabled is not None and not {"TLSv1_0", "TLSv1_1"} <= set(disabled):
        return unknown(gw, f"{label}: {where}: disabled_protocols {disabled} leaves TLS 1.0 or 1.1 to the "
                           "gateway's base policy; name a policy whose minimum is TLS 1.2")
    return passed(gw, f"{label}: {where}: SSL policy {name or minimum or 'with TLS 1.0 and 1.1 disabled'}")


def gateway_policy(gw: Resource, ctx: Context) -> Verdict | None:
    verdicts = [_gateway_policy(gw, (blocks(gw, "ssl_policy") or [None])[0], "gateway", ctx)]
    for profile in blocks(gw, "ssl_profile"):
        inner = blocks(profile, "ssl_policy")
        if inner:
            verdicts.append(_gateway_policy(gw, inner[0], f"SSL profile {profile.get('name')}", ctx))
    return worst(verdicts)


# --- PostgreSQL / MySQL server parameters (HDS_TLS_002 and HDS_TLS_003) ------------------------


def server_parameter(ctx: Context, server: Resource, name: str) -> tuple[Any, Resource | None]:
    """The value a *_flexible_server_configuration resource sets for parameter `name`."""
    for cfg in ctx.graph.referrers(server, SERVER_PARAMETERS[server.type]):
        cfg_name = cfg.attrs.get("name")
        if isinstance(cfg_name, str) and cfg_name.lower() == name:
            return cfg.attrs.get("value"), cfg
    return None, None


def flexible_requires_tls(server: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, server)
    value, cfg = server_parameter(ctx, server, "require_secure_transport")
    if is_unknown(value):
        return unknown(server, f"{label}: require_secure_transport unknown ({value})")
    if value is None:
        return passed(server, f"{label}: require_secure_transport is ON by default")
    if str(value).lower() in ("on", "true", "1"):
        return passed(server, f"{label}: require_secure_transport = {value}")
    where = cfg.address if cfg else "a server parameter"
    return failed(server, f"{label}: {where} sets require_secure_transport = {value}: connections without "
                          "TLS are accepted")


def flexible_tls_version(server: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, server)
    name = "ssl_min_protocol_version" if "postgresql" in server.type else "tls_version"
    value, _cfg = server_parameter(ctx, server, name)
    if is_unknown(value):
        return unknown(server, f"{label}: {name} unknown ({value})")
    if value is None:
        return passed(server, f"{label}: {name} at its default (TLS 1.2 minimum)")
    offered = {v.strip() for v in str(value).split(",")}
    weak = offered & _weak(ctx, f"{server.type}.{name}")
    if weak:
        return failed(server, f"{label}: {name} = {value} admits {', '.join(sorted(weak))}")
    return passed(server, f"{label}: {name} = {value}")


def legacy_server_requires_tls(server: Resource, ctx: Context) -> Verdict:
    return _flag(server, ctx, ("ssl_enforcement_enabled",), False, True, "accepts connections without TLS")


CHECKS = {
    "HDS_TLS_001": {
        "azurerm_storage_account": storage_https,
        "azurerm_redis_cache": redis_non_ssl,
        **{t: app_https for t in APP_TYPES},
        "azurerm_application_gateway": gateway_listeners,
        "azurerm_cdn_frontdoor_route": frontdoor_route,
    },
    "HDS_TLS_002": {
        "azurerm_storage_account": storage_tls,
        "azurerm_mssql_server": sql_tls,
        "azurerm_mssql_managed_instance": sql_tls,
        "azurerm_redis_cache": redis_tls,
        "azurerm_cosmosdb_account": cosmos_tls,
        **{t: app_tls for t in APP_TYPES},
        "azurerm_application_gateway": gateway_policy,
        "azurerm_cdn_frontdoor_custom_domain": frontdoor_domain_tls,
        "azurerm_postgresql_flexible_server": flexible_tls_version,
        "azurerm_mysql_flexible_server": flexible_tls_version,
        "azurerm_postgresql_server": legacy_server_tls,
        "azurerm_mysql_server": legacy_server_tls,
    },
    "HDS_TLS_003": {
        "azurerm_postgresql_flexible_server": flexible_requires_tls,
        "azurerm_mysql_flexible_server": flexible_requires_tls,
        "azurerm_postgresql_server": legacy_server_requires_tls,
        "azurerm_mysql_server": legacy_server_requires_tls,
    },
}
