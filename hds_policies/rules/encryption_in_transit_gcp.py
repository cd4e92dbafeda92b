"""Google Cloud encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): the checks of
the google evidence that needs Python, for HDS_TLS_001/002/003 (rows in
catalog/data/evidence/encryption_in_transit.json).

Defaults (Terraform google provider documentation): an SSL policy's `min_tls_version` defaults to
TLS_1_0, and an HTTPS proxy without an SSL policy gets Google's default policy (TLS 1.0 minimum);
Memorystore `transit_encryption_mode` defaults to DISABLED; Cloud SQL `ssl_mode` unset means
ALLOW_UNENCRYPTED_AND_ENCRYPTED.
"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, failed, label, not_scalar, passed, show, truthy, unknown, weak
from .registry import Row, check

URL_MAPS = ("google_compute_url_map", "google_compute_region_url_map")
SSL_POLICIES = ("google_compute_ssl_policy", "google_compute_region_ssl_policy")
SQL_TLS_MODES = ("ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED")


@check("HDS_TLS_001", "google_compute_target_http_proxy", "google_compute_region_target_http_proxy")
def http_proxy(proxy: Resource, ctx: Context, row: Row) -> Verdict:
    """An HTTP proxy is fine only when its URL map redirects every request to HTTPS."""
    name = label(ctx, proxy, row)
    maps = ctx.graph.referenced(proxy, *URL_MAPS)
    if not maps:
        return unknown(proxy, f"{name}: its URL map ({proxy.attrs.get('url_map')}) is not in this "
                              "configuration; cannot tell whether it redirects to HTTPS")
    redirect = attr(maps[0], "default_url_redirect.https_redirect")
    if is_unknown(redirect):
        return unknown(proxy, f"{name}: HTTPS redirect of URL map {maps[0].name} unknown ({redirect})")
    if truthy(redirect):
        return passed(proxy, f"{name}: URL map {maps[0].name} redirects HTTP to HTTPS")
    return failed(proxy, f"{name} serves plain HTTP: URL map {maps[0].name} has no default_url_redirect "
                         "with https_redirect = true")


@check("HDS_TLS_001", "google_redis_instance")
def redis_transit(r: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, r, row)
    mode = r.attrs.get("transit_encryption_mode") or "DISABLED"
    if is_unknown(mode):
        return unknown(r, f"{name}: transit_encryption_mode unknown ({mode})")
    if mode == "SERVER_AUTHENTICATION":
        return passed(r, f"{name}: TLS on (SERVER_AUTHENTICATION)")
    return failed(r, f"{name}: clients connect without TLS (transit_encryption_mode {mode})")


def _policy_minimum(policy: Resource, ctx: Context, where: str) -> Verdict:
    version = policy.attrs.get("min_tls_version") or "TLS_1_0"
    if is_unknown(version):
        return unknown(policy, f"{where}: minimum TLS version unknown ({version})")
    if not_scalar(version):
        return unknown(policy, f"{where}: min_tls_version is not a version name ({show(version)})")
    if version in weak(ctx, "google_compute_ssl_policy.min_tls_version"):
        shown = version if policy.attrs.get("min_tls_version") else "TLS_1_0 (the default)"
        return failed(policy, f"{where}: min_tls_version {shown} admits TLS older than 1.2")
    return passed(policy, f"{where}: min_tls_version {version}")


@check("HDS_TLS_002", "google_compute_ssl_policy", "google_compute_region_ssl_policy")
def ssl_policy(policy: Resource, ctx: Context, row: Row) -> Verdict:
    return _policy_minimum(policy, ctx, label(ctx, policy, row))


@check("HDS_TLS_002", "google_compute_target_https_proxy", "google_compute_region_target_https_proxy")
def https_proxy(proxy: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, proxy, row)
    ref = proxy.attrs.get("ssl_policy")
    if ref is None:
        return failed(proxy, f"{name} has no ssl_policy: Google's default SSL policy admits TLS 1.0")
    policies = ctx.graph.referenced(proxy, *SSL_POLICIES)
    if not policies:
        return unknown(proxy, f"{name}: SSL policy {ref} is not in this configuration")
    v = _policy_minimum(policies[0], ctx, f"{name} (SSL policy {policies[0].name})")
    return Verdict(v.status, proxy, v.message)


@check("HDS_TLS_003", "google_sql_database_instance")
def sql_tls(db: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, db, row)
    mode = attr(db, "settings.ip_configuration.ssl_mode")
    legacy = attr(db, "settings.ip_configuration.require_ssl")
    if is_unknown(mode) or (mode is None and is_unknown(legacy)):
        return unknown(db, f"{name}: SSL mode unknown until apply")
    if mode in SQL_TLS_MODES:
        return passed(db, f"{name}: ssl_mode {mode}")
    if mode is None and truthy(legacy):
        return passed(db, f"{name}: require_ssl = true (legacy setting)")
    shown = mode or "not set (ALLOW_UNENCRYPTED_AND_ENCRYPTED)"
    return failed(db, f"{name} accepts connections without TLS (settings.ip_configuration.ssl_mode {shown})")
