"""Encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): the AWS evidence that needs
Python (listeners and their redirects, CloudFront behaviours, RDS parameter groups, bucket policies).

Which types are judged, and how, is catalog/data/evidence/encryption_in_transit.json; the other
providers' checks are in encryption_in_transit_<provider>.py.
"""

from __future__ import annotations

import json
import re
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
from .registry import Row, check, run_shape, table_rule
from .shapes import listener_class

for _rule_id in ("HDS_TLS_001", "HDS_TLS_002", "HDS_TLS_003", "HDS_TLS_004"):
    table_rule(_rule_id)


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
        if as_text(proto).upper() != "HTTPS":
            return False
    return True


@check("HDS_TLS_001", "aws_lb_listener", "aws_alb_listener")
def listener_transit(listener: Resource, ctx: Context, row: Row) -> Verdict:
    """The listener's protocol class (row `tls` / `plain`); plain HTTP passes when it redirects to HTTPS."""
    name = label(ctx, listener, row)
    proto = listener.attrs.get("protocol") or "HTTP"
    kind = listener_class(proto, row)
    if kind == "unknown":
        return unknown(listener, f"{name}: protocol unknown ({proto})")
    proto = as_text(proto).upper()
    if kind == "tls":
        return passed(listener, f"{name} uses {proto}")
    if kind == "plain":
        redirect = _listener_redirects_to_https(listener)
        if redirect is None:
            return unknown(listener, f"{name}: HTTP listener whose default action cannot be determined")
        if redirect:
            return passed(listener, f"{name}: HTTP redirected to HTTPS")
        return failed(listener, f"{name} serves plain HTTP (port {listener.attrs.get('port', '?')}) "
                                "without redirecting to HTTPS")
    return unknown(listener, f"{name} forwards {proto} traffic: whether the application itself uses TLS "
                             "cannot be seen from the load balancer")


@check("HDS_TLS_002", "aws_lb_listener", "aws_alb_listener")
def listener_policy(listener: Resource, ctx: Context, row: Row) -> Verdict | None:
    """The TLS policy of an HTTPS / TLS listener. With its protocol unknown, a listener that names an
    ssl_policy is judged on it (AWS takes one only for HTTPS and TLS); one that names none is unknown."""
    proto = listener.attrs.get("protocol")
    name = label(ctx, listener, row)
    policy = listener.attrs.get("ssl_policy")
    if is_unknown(proto) and policy is None:
        return unknown(listener, f"{name}: protocol unknown ({proto}); if it is HTTPS or TLS, the provider "
                                 "default TLS policy applies")
    if not is_unknown(proto) and as_text(proto or "HTTP").upper() not in ("HTTPS", "TLS"):
        return None
    if is_unknown(policy):
        return unknown(listener, f"{name}: TLS policy unknown ({policy})")
    if not_scalar(policy):
        return unknown(listener, f"{name}: ssl_policy is not a policy name ({show(policy)})")
    if not policy:
        default = ctx.catalog.tls["provider_defaults"]["aws_lb_listener.ssl_policy"]["value"]
        if default in weak(ctx, "aws_lb_listener.ssl_policy"):
            return failed(listener, f"{name}: no ssl_policy, so the provider default {default} applies, "
                                    "which admits TLS versions older than 1.2")
        return passed(listener, f"{name}: no ssl_policy, provider default {default}")
    if not isinstance(policy, str):
        return unknown(listener, f"{name}: ssl_policy is not a policy name ({show(policy)})")
    if policy in weak(ctx, "aws_lb_listener.ssl_policy"):
        return failed(listener, f"{name}: TLS policy {policy} admits TLS versions older than 1.2")
    return passed(listener, f"{name}: TLS policy {policy}")


# --- CloudFront ---------------------------------------------------------------------------------


@check("HDS_TLS_001", "aws_cloudfront_distribution")
def cloudfront_transit(dist: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, dist, row)
    behaviours = blocks(dist, "default_cache_behavior") + blocks(dist, "ordered_cache_behavior")
    verdicts = []
    for b in behaviours:
        policy = b.get("viewer_protocol_policy")
        path = b.get("path_pattern", "default")
        if is_unknown(policy):
            verdicts.append(unknown(dist, f"{name}: viewer protocol policy unknown ({policy})"))
        elif policy == "allow-all":
            verdicts.append(failed(dist, f"{name}: cache behaviour {path} allows plain HTTP (allow-all)"))
        else:
            verdicts.append(passed(dist, f"{name}: viewers use HTTPS ({policy})"))
    return worst(verdicts) or unknown(dist, f"{name}: no cache behaviour found")


@check("HDS_TLS_002", "aws_cloudfront_distribution")
def cloudfront_policy(dist: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, dist, row)
    cert = attr(dist, "viewer_certificate")
    if truthy(attr(dist, "viewer_certificate.cloudfront_default_certificate")):
        return failed(dist, f"{name} uses the CloudFront default certificate, "
                            "whose security policy admits TLS 1.0")
    version = attr(dist, "viewer_certificate.minimum_protocol_version")
    if is_unknown(version):
        return unknown(dist, f"{name}: minimum protocol version unknown ({version})")
    if not version:
        if cert is None:
            return unknown(dist, f"{name}: no viewer_certificate block")
        version = "TLSv1"
    if not_scalar(version):
        return unknown(dist, f"{name}: minimum_protocol_version is not a version name ({show(version)})")
    if version in weak(ctx, "aws_cloudfront_distribution.minimum_protocol_version"):
        return failed(dist, f"{name}: minimum protocol version {version} admits TLS older than 1.2")
    return passed(dist, f"{name}: minimum protocol version {version}")


# --- managed services -------------------------------------------------------------------------


@check("HDS_TLS_001", "aws_msk_cluster")
def msk_transit(cluster: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, cluster, row)
    client = attr(cluster, "encryption_info.encryption_in_transit.client_broker") or "TLS"
    if is_unknown(client):
        return unknown(cluster, f"{name}: client-broker encryption unknown ({client})")
    if client != "TLS":
        return failed(cluster, f"{name}: client-broker traffic allows plaintext ({client})")
    in_cluster = attr(cluster, "encryption_info.encryption_in_transit.in_cluster")
    if is_unknown(in_cluster):
        return unknown(cluster, f"{name}: in-cluster encryption unknown ({in_cluster})")
    if in_cluster is None or truthy(in_cluster):
        return passed(cluster, f"{name}: in-cluster encryption on")
    return failed(cluster, f"{name}: in-cluster encryption off "
                           f"(encryption_info.encryption_in_transit.in_cluster {show(in_cluster)})")


@check("HDS_TLS_002", "aws_opensearch_domain", "aws_elasticsearch_domain")
def opensearch_policy(domain: Resource, ctx: Context, row: Row) -> Verdict:
    policy = attr(domain, "domain_endpoint_options.tls_security_policy")
    name = label(ctx, domain, row)
    if is_unknown(policy):
        return unknown(domain, f"{name}: TLS policy unknown ({policy})")
    if not_scalar(policy):
        return unknown(domain, f"{name}: tls_security_policy is not a policy name ({show(policy)})")
    if policy in weak(ctx, "aws_opensearch_domain.tls_security_policy"):
        return failed(domain, f"{name}: TLS policy {policy} admits TLS 1.0")
    return passed(domain, f"{name}: TLS policy {policy or 'default (TLS 1.2 minimum)'}")



@check("HDS_TLS_001", "aws_transfer_server")
def transfer_protocols(server: Resource, ctx: Context, row: Row) -> Verdict:
    """SFTP (the default) and FTPS protect the session; FTP does not."""
    name = label(ctx, server, row)
    protocols = server.attrs.get("protocols")
    if is_unknown(protocols):
        return unknown(server, f"{name}: protocols unknown ({protocols})")
    offered = [str(p).upper() for p in protocols] if isinstance(protocols, list) else ["SFTP"]
    if "FTP" in offered:
        return failed(server, f"{name} accepts plain FTP (protocols = {show(protocols)})")
    return passed(server, f"{name}: protocols {show(offered)}")


# --- Classic Load Balancer policies ------------------------------------------------------------

OLD_PROTOCOLS = ("protocol-sslv2", "protocol-sslv3", "protocol-tlsv1", "protocol-tlsv1.1")


@check("HDS_TLS_002", "aws_load_balancer_policy")
def classic_lb_policy(policy: Resource, ctx: Context, row: Row) -> Verdict | None:
    """An SSL negotiation policy: its reference security policy, and no protocol older than TLS 1.2 on."""
    kind = policy.attrs.get("policy_type_name")
    if not is_unknown(kind) and kind != "SSLNegotiationPolicyType":
        return None
    name = label(ctx, policy, row)
    verdicts = []
    for entry in blocks(policy, "policy_attribute"):
        key, value = entry.get("name"), entry.get("value")
        if is_unknown(key) or is_unknown(value):
            verdicts.append(unknown(policy, f"{name}: policy attribute unknown until apply"))
        elif not_scalar(value):
            verdicts.append(unknown(policy, f"{name}: {key} is not a value ({show(value)})"))
        elif key == "Reference-Security-Policy" and value in weak(ctx, "aws_elb.reference_security_policy"):
            verdicts.append(failed(policy, f"{name}: reference security policy {value} admits TLS versions "
                                           "older than 1.2"))
        elif as_text(key).lower() in OLD_PROTOCOLS and truthy(value):
            verdicts.append(failed(policy, f"{name} turns on {key}"))
        else:
            verdicts.append(passed(policy, f"{name}: {key} = {show(value)}"))
    return worst(verdicts) or unknown(policy, f"{name}: no policy_attribute: the protocols come from "
                                              "elsewhere")


# --- Redshift ---------------------------------------------------------------------------------


@check("HDS_TLS_003", "aws_redshift_cluster")
def redshift_cluster_tls(cluster: Resource, ctx: Context, row: Row) -> Verdict:
    """require_ssl of the cluster's parameter group: the group's own row when it is in the code,
    false for the default group (default.redshift-1.0), unknown for a group made elsewhere."""
    name = label(ctx, cluster, row)
    groups = ctx.graph.referenced(cluster, "aws_redshift_parameter_group")
    if groups:
        group_row = ctx.catalog.evidence["HDS_TLS_003"]["aws_redshift_parameter_group"]
        v = run_shape(group_row["shape"], groups[0], ctx, group_row)
        if isinstance(v, Verdict):
            group_label = label(ctx, groups[0], group_row)
            return Verdict(v.status, cluster, v.message.replace(group_label, f"{name}'s parameter group "
                                                                              f"{groups[0].name}", 1))
    group = cluster.attrs.get("cluster_parameter_group_name")
    if is_unknown(group) or (group and not as_text(group).startswith("default.")):
        return unknown(cluster, f"{name}: parameter group {show(group)} is not in this configuration; cannot "
                                "tell whether require_ssl is true")
    return failed(cluster, f"{name} uses the default parameter group, whose require_ssl is false: connections "
                           "without TLS are accepted")


# --- databases --------------------------------------------------------------------------------


PARAM_GROUP = {
    "aws_db_instance": ("parameter_group_name", ("aws_db_parameter_group",)),
    "aws_rds_cluster": ("db_cluster_parameter_group_name", ("aws_rds_cluster_parameter_group",)),
}
TLS_ON = ("1", "on", "true")


def _major(version: Any) -> int | None:
    m = re.match(r"(\d+)", as_text(version or ""))
    return int(m.group(1)) if m else None


@check("HDS_TLS_003", "aws_db_instance", "aws_rds_cluster")
def database_tls(db: Resource, ctx: Context, row: Row) -> Verdict | None:
    name = label(ctx, db, row)
    engine = db.attrs.get("engine")
    if is_unknown(engine):
        return unknown(db, f"{name}: engine unknown ({engine})")
    engine = as_text(engine or ("aurora-mysql" if db.type == "aws_rds_cluster" else ""))
    if engine.startswith("oracle"):
        return _oracle_tls(db, ctx, name)
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
            return unknown(db, f"{name}: {param} unknown in parameter group {groups[0].name} ({value})")
        if value is not None:
            if as_text(value).lower() in TLS_ON:
                return passed(db, f"{name}: {param} = {value} in parameter group {groups[0].name}")
            return failed(db, f"{name}: parameter group {groups[0].name} sets {param} = {value}: "
                              "connections without TLS are accepted")
    else:
        group_name = db.attrs.get(group_attr)
        if is_unknown(group_name) or (group_name and not as_text(group_name).startswith("default.")):
            return unknown(db, f"{name}: parameter group {group_name} is not in this configuration; "
                               f"cannot tell whether {param} forces TLS")
    # Default parameter group (or a group that leaves the parameter at its default).
    on_from = spec.get("on_from_major")
    if on_from is not None:
        version = db.attrs.get("engine_version")
        if is_unknown(version) or version is None:
            return unknown(db, f"{name}: {engine} version not set; {param} defaults to 1 only from "
                               f"version {on_from}")
        if (_major(version) or 0) >= on_from:
            return passed(db, f"{name}: {engine} {version} forces TLS by default ({param} = 1)")
    return failed(db, f"{name}: {engine} accepts connections without TLS "
                      f"({param} not set to 1 in a parameter group)")


def _oracle_tls(db: Resource, ctx: Context, name: str) -> Verdict:
    """Oracle on RDS speaks TLS only with the SSL option in its option group (or native network
    encryption, NATIVE_NETWORK_ENCRYPTION, which is not TLS but encrypts: accepted too)."""
    groups = ctx.graph.referenced(db, "aws_db_option_group")
    if not groups:
        group = db.attrs.get("option_group_name")
        if is_unknown(group) or (group and not as_text(group).startswith("default:")):
            return unknown(db, f"{name}: option group {show(group)} is not in this configuration; cannot tell "
                               "whether it has the SSL option")
        return failed(db, f"{name}: Oracle without the SSL option (default option group): connections are not "
                          "encrypted")
    options = [o.get("option_name") for o in blocks(groups[0], "option")]
    if any(is_unknown(o) for o in options):
        return unknown(db, f"{name}: options of option group {groups[0].name} unknown until apply")
    found = [o for o in options if o in ("SSL", "NATIVE_NETWORK_ENCRYPTION")]
    if found:
        return passed(db, f"{name}: option group {groups[0].name} has the {found[0]} option")
    return failed(db, f"{name}: option group {groups[0].name} has no SSL option: Oracle connections are not "
                      "encrypted")


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
    if as_text(effect).lower() != "deny":
        return False
    for op, tests in cond.items() if isinstance(cond, dict) else ():
        if op.lower() != "bool" or not isinstance(tests, dict):
            continue
        for key, val in tests.items():
            vals = val if isinstance(val, list) else [val]
            if key.lower() == "aws:securetransport" and any(as_text(v).lower() == "false" for v in vals):
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
        results.append(as_text(effect).lower() == "deny" and any(
            as_text(c.get("variable", "")).lower() == "aws:securetransport"
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


@check("HDS_TLS_004", "aws_s3_bucket")
def bucket_requires_tls(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, bucket, row)
    results: list[tuple[bool | None, Any]] = []
    for owner in ctx.attached(bucket, "aws_s3_bucket_policy", "bucket", "bucket"):
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
        return passed(bucket, f"{name}: bucket policy denies requests without TLS")
    undetermined = [policy for verdict, policy in results if verdict is None]
    if undetermined:
        return unknown(bucket, f"{name}: bucket policy cannot be read from the code ({undetermined[0]})")
    return failed(bucket, f"{name}: no bucket policy denies requests made without TLS "
                          "(aws:SecureTransport = false)")
