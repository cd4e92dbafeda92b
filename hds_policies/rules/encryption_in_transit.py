"""Encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, failed, passed, rule, truthy, unknown, worst


def _label(ctx: Context, r: Resource) -> str:
    return f"{ctx.type_info(r).get('label', r.type)} {r.name}"


def _weak(ctx: Context, key: str) -> frozenset[str]:
    return frozenset(ctx.catalog.tls["weak_policies"].get(key, ()))


def provider_check(rule_id: str, resource_type: str) -> Any:
    """The check of a non-AWS type for `rule_id`, or None. The provider modules
    (encryption_in_transit_<provider>.py) reuse the helpers above, so they are imported here, late."""
    from . import (
        encryption_in_transit_aws_website,
        encryption_in_transit_azure,
        encryption_in_transit_gcp,
        encryption_in_transit_others,
        encryption_in_transit_ovh,
    )

    for module in (encryption_in_transit_azure, encryption_in_transit_gcp, encryption_in_transit_ovh,
                   encryption_in_transit_others, encryption_in_transit_aws_website):
        found = module.CHECKS.get(rule_id, {}).get(resource_type)
        if found is not None:
            return found
    return None


# --- load balancer listeners ------------------------------------------------------------------


def _listener_redirects_to_https(listener: Resource) -> bool | None:
    actions = blocks(listener, "default_action")
    if not actions:
        return False
    for action in actions:
        kind = action.get("type")
        if is_unknown(kind):
            return None
        if kind != "redirect":
            return False
        proto = attr(action, "redirect.protocol")
        if is_unknown(proto):
            return None
        if str(proto).upper() != "HTTPS":
            return False
    return True


def _listener_transit(listener: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, listener)
    proto = listener.attrs.get("protocol") or "HTTP"
    if is_unknown(proto):
        return unknown(listener, f"{label}: protocol unknown ({proto})")
    proto = str(proto).upper()
    if proto in ("HTTPS", "TLS"):
        return passed(listener, f"{label} uses {proto}")
    if proto == "HTTP":
        redirect = _listener_redirects_to_https(listener)
        if redirect is None:
            return unknown(listener, f"{label}: HTTP listener whose default action cannot be determined")
        if redirect:
            return passed(listener, f"{label}: HTTP redirected to HTTPS")
        return failed(listener, f"{label} serves plain HTTP (port {listener.attrs.get('port', '?')}) "
                                "without redirecting to HTTPS")
    return unknown(listener, f"{label} forwards {proto} traffic: whether the application itself uses TLS "
                             "cannot be seen from the load balancer")


def _listener_policy(listener: Resource, ctx: Context) -> Verdict | None:
    proto = listener.attrs.get("protocol")
    if is_unknown(proto) or str(proto).upper() not in ("HTTPS", "TLS"):
        return None
    label = _label(ctx, listener)
    policy = listener.attrs.get("ssl_policy")
    if is_unknown(policy):
        return unknown(listener, f"{label}: TLS policy unknown ({policy})")
    if not policy:
        default = ctx.catalog.tls["provider_defaults"]["aws_lb_listener.ssl_policy"]["value"]
        if default in _weak(ctx, "aws_lb_listener.ssl_policy"):
            return failed(listener, f"{label}: no ssl_policy, so the provider default {default} applies, "
                                    "which admits TLS versions older than 1.2")
        return passed(listener, f"{label}: no ssl_policy, provider default {default}")
    if policy in _weak(ctx, "aws_lb_listener.ssl_policy"):
        return failed(listener, f"{label}: TLS policy {policy} admits TLS versions older than 1.2")
    return passed(listener, f"{label}: TLS policy {policy}")


# --- CloudFront ---------------------------------------------------------------------------------


def _cloudfront_transit(dist: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, dist)
    behaviours = blocks(dist, "default_cache_behavior") + blocks(dist, "ordered_cache_behavior")
    verdicts = []
    for b in behaviours:
        policy = b.get("viewer_protocol_policy")
        path = b.get("path_pattern", "default")
        if is_unknown(policy):
            verdicts.append(unknown(dist, f"{label}: viewer protocol policy unknown ({policy})"))
        elif policy == "allow-all":
            verdicts.append(failed(dist, f"{label}: cache behaviour {path} allows plain HTTP (allow-all)"))
        else:
            verdicts.append(passed(dist, f"{label}: viewers use HTTPS ({policy})"))
    return worst(verdicts) or unknown(dist, f"{label}: no cache behaviour found")


def _cloudfront_policy(dist: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, dist)
    cert = attr(dist, "viewer_certificate")
    if truthy(attr(dist, "viewer_certificate.cloudfront_default_certificate")):
        return failed(dist, f"{label} uses the CloudFront default certificate, "
                            "whose security policy admits TLS 1.0")
    version = attr(dist, "viewer_certificate.minimum_protocol_version")
    if is_unknown(version):
        return unknown(dist, f"{label}: minimum protocol version unknown ({version})")
    if not version:
        if cert is None:
            return unknown(dist, f"{label}: no viewer_certificate block")
        version = "TLSv1"
    if version in _weak(ctx, "aws_cloudfront_distribution.minimum_protocol_version"):
        return failed(dist, f"{label}: minimum protocol version {version} admits TLS older than 1.2")
    return passed(dist, f"{label}: minimum protocol version {version}")


# --- managed services -------------------------------------------------------------------------


def _bool_setting(resource: Resource, ctx: Context, path: str, default: bool, what: str) -> Verdict:
    label = _label(ctx, resource)
    value = attr(resource, path)
    if is_unknown(value):
        return unknown(resource, f"{label}: {what} unknown ({value})")
    on = truthy(value) if value is not None else default
    if on:
        return passed(resource, f"{label}: {what} on")
    return failed(resource, f"{label}: {what} off ({path} {'not set' if value is None else value})")


def _opensearch_transit(domain: Resource, ctx: Context) -> Verdict:
    return worst([
        _bool_setting(domain, ctx, "domain_endpoint_options.enforce_https", True, "HTTPS enforcement"),
        _bool_setting(domain, ctx, "node_to_node_encryption.enabled", False, "node-to-node encryption"),
    ])


def _msk_transit(cluster: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, cluster)
    client = attr(cluster, "encryption_info.encryption_in_transit.client_broker") or "TLS"
    if is_unknown(client):
        return unknown(cluster, f"{label}: client-broker encryption unknown ({client})")
    if client != "TLS":
        return failed(cluster, f"{label}: client-broker traffic allows plaintext ({client})")
    return _bool_setting(cluster, ctx, "encryption_info.encryption_in_transit.in_cluster", True,
                         "in-cluster encryption")


@rule("HDS_TLS_001")
def unencrypted_endpoint(resource: Resource, ctx: Context) -> Verdict | None:
    other = provider_check("HDS_TLS_001", resource.type)
    if other is not None:
        return other(resource, ctx)
    t = resource.type
    if t in ("aws_lb_listener", "aws_alb_listener"):
        return _listener_transit(resource, ctx)
    if t == "aws_cloudfront_distribution":
        return _cloudfront_transit(resource, ctx)
    if t == "aws_elasticache_replication_group":
        return _bool_setting(resource, ctx, "transit_encryption_enabled", False, "transit encryption")
    if t in ("aws_opensearch_domain", "aws_elasticsearch_domain"):
        return _opensearch_transit(resource, ctx)
    if t == "aws_msk_cluster":
        return _msk_transit(resource, ctx)
    return None


@rule("HDS_TLS_002")
def weak_tls_policy(resource: Resource, ctx: Context) -> Verdict | None:
    other = provider_check("HDS_TLS_002", resource.type)
    if other is not None:
        return other(resource, ctx)
    t = resource.type
    if t in ("aws_lb_listener", "aws_alb_listener"):
        return _listener_policy(resource, ctx)
    if t == "aws_cloudfront_distribution":
        return _cloudfront_policy(resource, ctx)
    if t in ("aws_opensearch_domain", "aws_elasticsearch_domain"):
        policy = attr(resource, "domain_endpoint_options.tls_security_policy")
        label = _label(ctx, resource)
        if is_unknown(policy):
            return unknown(resource, f"{label}: TLS policy unknown ({policy})")
        if policy in _weak(ctx, "aws_opensearch_domain.tls_security_policy"):
            return failed(resource, f"{label}: TLS policy {policy} admits TLS 1.0")
        return passed(resource, f"{label}: TLS policy {policy or 'default (TLS 1.2 minimum)'}")
    return None


# --- databases --------------------------------------------------------------------------------


PARAM_GROUP = {
    "aws_db_instance": ("parameter_group_name", ("aws_db_parameter_group",)),
    "aws_rds_cluster": ("db_cluster_parameter_group_name", ("aws_rds_cluster_parameter_group",)),
}
TLS_ON = ("1", "on", "true")


def _major(version: Any) -> int | None:
    m = re.match(r"(\d+)", str(version or ""))
    return int(m.group(1)) if m else None


@rule("HDS_TLS_003")
def database_tls(db: Resource, ctx: Context) -> Verdict | None:
    other = provider_check("HDS_TLS_003", db.type)
    if other is not None:
        return other(db, ctx)
    label = _label(ctx, db)
    engine = db.attrs.get("engine")
    if is_unknown(engine):
        return unknown(db, f"{label}: engine unknown ({engine})")
    engine = str(engine or ("aurora-mysql" if db.type == "aws_rds_cluster" else ""))
    if engine == "aurora":
        engine = "aurora-mysql"
    spec = ctx.catalog.tls["rds_force_ssl_default"].get(engine)
    if spec is None:
        return None
    param = spec["parameter"]
    group_attr, group_types = PARAM_GROUP[db.type]
    groups = ctx.graph.referenced(db, *group_types)
    if groups:
        value = None
        for p in blocks(groups[0], "parameter"):
            if p.get("name") == param:
                value = p.get("value")
        if is_unknown(value):
            return unknown(db, f"{label}: {param} unknown in parameter group {groups[0].name} ({value})")
        if value is not None:
            if str(value).lower() in TLS_ON:
                return passed(db, f"{label}: {param} = {value} in parameter group {groups[0].name}")
            return failed(db, f"{label}: parameter group {groups[0].name} sets {param} = {value}: "
                              "connections without TLS are accepted")
    else:
        name = db.attrs.get(group_attr)
        if is_unknown(name) or (name and not str(name).startswith("default.")):
            return unknown(db, f"{label}: parameter group {name} is not in this configuration; "
                               f"cannot tell whether {param} forces TLS")
    # Default parameter group (or a group that leaves the parameter at its default).
    on_from = spec.get("on_from_major")
    if on_from is not None:
        version = db.attrs.get("engine_version")
        if is_unknown(version) or version is None:
            return unknown(db, f"{label}: {engine} version not set; {param} defaults to 1 only from "
                               f"version {on_from}")
        if (_major(version) or 0) >= on_from:
            return passed(db, f"{label}: {engine} {version} forces TLS by default ({param} = 1)")
    return failed(db, f"{label}: {engine} accepts connections without TLS "
                      f"({param} not set to 1 in a parameter group)")


# --- S3 bucket policy denying non-TLS requests -------------------------------------------------


def _unresolved(value: Any) -> bool:
    """True when a (partly resolved) policy value still holds a reference ("${...}" text or Unknown)."""
    if is_unknown(value):
        return True
    if isinstance(value, str):
        return "${" in value
    if isinstance(value, dict):
        return any(_unresolved(k) or _unresolved(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unresolved(v) for v in value)
    return False


def _any_true(results: list[bool | None]) -> bool | None:
    """True if one is True, else None if one is undetermined, else False."""
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def _statement_denies_insecure(stmt: dict[str, Any]) -> bool | None:
    effect = stmt.get("Effect", stmt.get("effect", ""))
    cond = stmt.get("Condition") or {}
    if _unresolved(effect) or _unresolved(cond):
        return None
    if str(effect).lower() != "deny":
        return False
    for op, tests in cond.items() if isinstance(cond, dict) else ():
        if op.lower() != "bool" or not isinstance(tests, dict):
            continue
        for key, val in tests.items():
            vals = val if isinstance(val, list) else [val]
            if key.lower() == "aws:securetransport" and any(str(v).lower() == "false" for v in vals):
                return True
    return False


def _document_denies_insecure(doc: Resource) -> bool | None:
    """Judge a policy-document data source; None when parts of it are not in the code."""
    results: list[bool | None] = []
    for stmt in blocks(doc, "statement"):
        effect = stmt.get("effect", "Allow")
        conditions = blocks(stmt, "condition")
        if _unresolved(effect) or _unresolved(conditions):
            results.append(None)
            continue
        results.append(str(effect).lower() == "deny" and any(
            str(c.get("variable", "")).lower() == "aws:securetransport"
            and any(str(v).lower() == "false" for v in (c.get("values") if isinstance(c.get("values"), list)
                                                         else [c.get("values")]))
            for c in conditions))
    for merged in ("source_policy_documents", "override_policy_documents", "source_json", "override_json"):
        if doc.attrs.get(merged):
            results.append(None)  # statements merged in from elsewhere
    return _any_true(results)


_SECURE_TRANSPORT = re.compile(r"aws:SecureTransport\W+(?:\[\s*)?\W*false", re.IGNORECASE)


def policy_denies_insecure(policy: Any) -> bool | None:
    """True when a policy document (JSON text or parsed) denies non-TLS access; None when it cannot tell.

    An `Unknown` whose raw text is JSON (jsonencode with unresolved parts) is judged on its literal parts.
    """
    if policy is None:
        return None
    if is_unknown(policy):
        try:
            policy = json.loads(policy.raw)
        except ValueError:
            return None
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            # Source text of a document: look for the Deny + SecureTransport=false pattern.
            return bool(re.search(r"deny", policy, re.IGNORECASE) and _SECURE_TRANSPORT.search(policy))
    if not isinstance(policy, dict):
        return False
    stmts = policy.get("Statement", [])
    stmts = stmts if isinstance(stmts, list) else [stmts]
    return _any_true([_statement_denies_insecure(s) for s in stmts if isinstance(s, dict)])


@rule("HDS_TLS_004")
def bucket_requires_tls(bucket: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, bucket)
    results: list[tuple[bool | None, Any]] = []
    for owner in ctx.graph.referrers(bucket, "aws_s3_bucket_policy"):
        policy = owner.attrs.get("policy")
        docs = ctx.graph.referenced(owner, "aws_iam_policy_document")
        if docs and (policy is None or is_unknown(policy)):
            # The policy is a policy-document data source of this configuration: judge the document.
            results.append((_any_true([_document_denies_insecure(d) for d in docs]), policy))
        else:
            results.append((policy_denies_insecure(policy), policy))
    if bucket.attrs.get("policy") is not None:
        results.append((policy_denies_insecure(bucket.attrs["policy"]), bucket.attrs["policy"]))
    if any(verdict is True for verdict, _ in results):
        return passed(bucket, f"{label}: bucket policy denies requests without TLS")
    undetermined = [policy for verdict, policy in results if verdict is None]
    if undetermined:
        return unknown(bucket, f"{label}: bucket policy cannot be read from the code ({undetermined[0]})")
    return failed(bucket, f"{label}: no bucket policy denies requests made without TLS "
                          "(aws:SecureTransport = false)")
