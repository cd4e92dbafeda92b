"""Scaleway encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): load balancer
frontends, for HDS_TLS_001. A frontend terminates TLS when it has `certificate_ids`; without, it is
plain unless an ACL redirects to the https scheme. (Outscale LBU listeners are a `listener_protocol`
row of catalog/data/evidence/encryption_in_transit.json.)
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, as_text, attr, blocks, failed, label, passed, truthy, unknown
from .registry import Row, check


def _redirects_to_https(acl: dict[str, Any]) -> bool:
    return attr(acl, "action.type") == "redirect" and attr(acl, "action.redirect.type") == "scheme" and \
        as_text(attr(acl, "action.redirect.target") or "").lower() == "https"


@check("HDS_TLS_001", "scaleway_lb_frontend")
def scaleway_frontend(fe: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, fe, row)
    certs = fe.attrs.get("certificate_ids")
    if is_unknown(certs):
        return unknown(fe, f"{name}: certificates unknown ({certs})")
    if certs:
        return passed(fe, f"{name} terminates TLS ({len(certs)} certificate(s))")
    acls = blocks(fe, "acl")
    if truthy(fe.attrs.get("external_acls")):
        acls = [a.attrs for a in ctx.graph.referrers(fe, "scaleway_lb_acl")]
    if any(_redirects_to_https(a) for a in acls):
        return passed(fe, f"{name}: plain HTTP redirected to HTTPS by an ACL")
    backends = ctx.graph.referenced(fe, "scaleway_lb_backend")
    proto = backends[0].attrs.get("forward_protocol") if backends else None
    if is_unknown(proto):
        return unknown(fe, f"{name}: backend protocol unknown ({proto})")
    if proto == "http":
        return failed(fe, f"{name} serves plain HTTP on port {fe.attrs.get('inbound_port', '?')} "
                          "(no certificate_ids, no redirect to https)")
    if proto == "tcp":
        return unknown(fe, f"{name} forwards TCP without terminating TLS: whether the application itself "
                           "uses TLS cannot be seen from the load balancer")
    return unknown(fe, f"{name}: no certificate and its backend is not in this configuration")
