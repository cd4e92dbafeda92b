"""Google Cloud encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): the checks of
HDS_TLS_001/002/003 for google types, dispatched from encryption_in_transit.py.

Defaults (Terraform google provider documentation): an SSL policy's `min_tls_version` defaults to
TLS_1_0, and an HTTPS proxy without an SSL policy gets Google's default policy (TLS 1.0 minimum);
Memorystore `transit_encryption_mode` defaults to DISABLED; Cloud SQL `ssl_mode` unset means
ALLOW_UNENCRYPTED_AND_ENCRYPTED.
"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, failed, passed, truthy, unknown
from .encryption_in_transit import _label, _weak

URL_MAPS = ("google_compute_url_map", "google_compute_region_url_map")
SSL_POLICIES = ("google_compute_ssl_policy", "google_compute_region_ssl_policy")
SQL_TLS_MODES = ("ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED")


def http_proxy(proxy: Resource, ctx: Context) -> Verdict:
    """An HTTP proxy is fine only when its URL map redirects every request to HTTPS."""
    label = _label(ctx, proxy)
    maps = ctx.graph.referenced(proxy, *URL_MAPS)
    if not maps:
        return unknown(proxy, f"{label}: its URL map ({proxy.attrs.get('url_map')}) is not in this "
                              "configuration; cannot tell whether it redirects to HTTPS")
    redirect = attr(maps[0], "default_url_redirect.https_redirect")
    if is_unknown(redirect):
        return unknown(proxy, f"{label}: HTTPS redirect of URL map {maps[0].name} unknown ({redirect})")
    if truthy(redirect):
        return passed(proxy, f"{label}: URL map {maps[0].name} redirects HTTP to HTTPS")
    return failed(proxy, f"{label} serves plain HTTP: URL map {maps[0].name} has no default_url_redirect "
                         "with https_redirect = true")


def redis_transit(r: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, r)
    mode = r.attrs.get("transit_encryption_mode") or "DISABLED"
    if is_unknown(mode):
        return unknown(r, f"{label}: transit_encryption_mode unknown ({mode})")
    if mode == "SERVER_AUTHENTICATION":
        return passed(r, f"{label}: TLS on (SERVER_AUTHENTICATION)")
    return failed(r, f"{label}: clients connect without TLS (transit_encryption_mode {mode})")


def _policy_minimum(policy: Resource, ctx: Context, where: str) -> Verdict:
    version = policy.attrs.get("min_tls_version") or "TLS_1_0"
    if is_unknown(version):
        return unknown(policy, f"{where}: minimum TLS version unknown ({version})")
    if version in _weak(ctx, "google_compute_ssl_policy.min_tls_version"):
        shown = version if policy.attrs.get("min_tls_version") else "TLS_1_0 (the default)"
        return failed(policy, f"{where}: min_tls_version {shown} admits TLS older than 1.2")
    return passed(policy, f"{where}: min_tls_version {version}")


def ssl_policy(policy: Resource, ctx: Context) -> Verdict:
    return _policy_minimum(policy, ctx, _label(ctx, policy))


def https_proxy(proxy: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, proxy)
    ref = proxy.attrs.get("ssl_policy")
    if ref is None:
        return failed(proxy, f"{label} has no ssl_policy: Google's default SSL policy admits TLS 1.0")
    policies = ctx.graph.referenced(proxy, *SSL_POLICIES)
    if not policies:
        return unknown(proxy, f"{label}: SSL policy {ref} is not in this configuration")
    v = _policy_minimum(policies[0], ctx, f"{label} (SSL policy {policies[0].name})")
    return Verdict(v.status, proxy, v.message)


def sql_tls(db: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, db)
    mode = attr(db, "settings.ip_configuration.ssl_mode")
    legacy = attr(db, "settings.ip_configuration.require_ssl")
    if is_unknown(mode) or (mode is None and is_unknown(legacy)):
        return unknown(db, f"{label}: SSL mode unknown until apply")
    if mode in SQL_TLS_MODES:
        return passed(db, f"{label}: ssl_mode {mode}")
    if mode is None and truthy(legacy):
        return passed(db, f"{label}: require_ssl = true (legacy setting)")
    shown = mode or "not set (ALLOW_UNENCRYPTED_AND_ENCRYPTED)"
    return failed(db, f"{label} accepts connections without TLS (settings.ip_configuration.ssl_mode {shown})")


CHECKS = {
    "HDS_TLS_001": {
        "google_compute_target_http_proxy": http_proxy,
        "google_compute_region_target_http_proxy": http_proxy,
        "google_redis_instance": redis_transit,
    },
    "HDS_TLS_002": {
        "google_compute_ssl_policy": ssl_policy,
        "google_compute_region_ssl_policy": ssl_policy,
        "google_compute_target_https_proxy": https_proxy,
        "google_compute_region_target_https_proxy": https_proxy,
    },
    "HDS_TLS_003": {
        "google_sql_database_instance": sql_tls,
    },
}
