"""Scaleway and 3DS Outscale encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20):
load balancer frontends and listeners, for HDS_TLS_001.

Scaleway: a frontend terminates TLS when it has `certificate_ids`; without, it is plain unless an
ACL redirects to the https scheme. Outscale: LBU listeners in HTTPS or SSL carry TLS.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, failed, passed, truthy, unknown, worst
from .encryption_in_transit import _label


def _redirects_to_https(acl: dict[str, Any]) -> bool:
    return attr(acl, "action.type") == "redirect" and attr(acl, "action.redirect.type") == "scheme" and \
        str(attr(acl, "action.redirect.target") or "").lower() == "https"


def scaleway_frontend(fe: Resource, ctx: Context) -> Verdict:
    label = _label(ctx, fe)
    certs = fe.attrs.get("certificate_ids")
    if is_unknown(certs):
        return unknown(fe, f"{label}: certificates unknown ({certs})")
    if certs:
        return passed(fe, f"{label} terminates TLS ({len(certs)} certificate(s))")
    acls = blocks(fe, "acl")
    if truthy(fe.attrs.get("external_acls")):
        acls = [a.attrs for a in ctx.graph.referrers(fe, "scaleway_lb_acl")]
    if any(_redirects_to_https(a) for a in acls):
        return passed(fe, f"{label}: plain HTTP redirected to HTTPS by an ACL")
    backends = ctx.graph.referenced(fe, "scaleway_lb_backend")
    proto = backends[0].attrs.get("forward_protocol") if backends else None
    if is_unknown(proto):
        return unknown(fe, f"{label}: backend protocol unknown ({proto})")
    if proto == "http":
        return failed(fe, f"{label} serves plain HTTP on port {fe.attrs.get('inbound_port', '?')} "
                          "(no certificate_ids, no redirect to https)")
    if proto == "tcp":
        return unknown(fe, f"{label} forwards TCP without terminating TLS: whether the application itself "
                           "uses TLS cannot be seen from the load balancer")
    return unknown(fe, f"{label}: no certificate and its backend is not in this configuration")


def outscale_listeners(lb: Resource, ctx: Context) -> Verdict | None:
    label = _label(ctx, lb)
    verdicts = []
    for lst in blocks(lb, "listeners"):
        proto, port = lst.get("load_balancer_protocol"), lst.get("load_balancer_port", "?")
        if is_unknown(proto):
            verdicts.append(unknown(lb, f"{label}: listener on port {port}: protocol unknown"))
        elif str(proto).upper() in ("HTTPS", "SSL"):
            verdicts.append(passed(lb, f"{label}: listener on port {port} uses {proto}"))
        elif str(proto).upper() == "HTTP":
            verdicts.append(failed(lb, f"{label}: listener on port {port} serves plain HTTP"))
        else:
            verdicts.append(unknown(lb, f"{label}: listener on port {port} forwards {proto}: whether the "
                                        "application itself uses TLS cannot be seen from the load balancer"))
    return worst(verdicts)


CHECKS = {
    "HDS_TLS_001": {
        "scaleway_lb_frontend": scaleway_frontend,
        "outscale_load_balancer": outscale_listeners,
    },
}
