"""OVHcloud encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): Public Cloud load
balancer (Octavia) listeners, for HDS_TLS_001/002.

Listener protocols: `terminated-https` ends TLS at the load balancer, `https` passes TLS through to
the members; `http` is plain; `tcp` / `udp` / `sctp` carry whatever the application sends.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, blocks, failed, passed, unknown, worst
from .encryption_in_transit import _label, _weak

TLS_PROTOCOLS = ("https", "terminated-https")
RAW_PROTOCOLS = ("tcp", "udp", "sctp")


def _listener(lb: Resource, listener: dict[str, Any], ctx: Context) -> Verdict:
    label = _label(ctx, lb)
    proto, port = listener.get("protocol"), listener.get("port", "?")
    if is_unknown(proto):
        return unknown(lb, f"{label}: listener on port {port}: protocol unknown ({proto})")
    proto = str(proto).lower()
    if proto in TLS_PROTOCOLS:
        return passed(lb, f"{label}: listener on port {port} uses {proto}")
    if proto == "http":
        return failed(lb, f"{label}: listener on port {port} serves plain HTTP (use terminated-https)")
    if proto in RAW_PROTOCOLS:
        return unknown(lb, f"{label}: listener on port {port} forwards {proto.upper()}: whether the "
                           "application itself uses TLS cannot be seen from the load balancer")
    return passed(lb, f"{label}: listener on port {port} ({proto}) carries no application data")


def listeners_transit(lb: Resource, ctx: Context) -> Verdict | None:
    return worst([_listener(lb, lst, ctx) for lst in blocks(lb, "listeners")])


def listeners_tls_versions(lb: Resource, ctx: Context) -> Verdict | None:
    label = _label(ctx, lb)
    verdicts = []
    for lst in blocks(lb, "listeners"):
        if str(lst.get("protocol", "")).lower() != "terminated-https":
            continue
        versions = lst.get("tls_versions")
        if is_unknown(versions):
            verdicts.append(unknown(lb, f"{label}: TLS versions of the listener on port {lst.get('port')} "
                                        "unknown"))
        elif versions:
            weak = set(versions) & _weak(ctx, "ovh_cloud_project_loadbalancer.tls_versions")
            if weak:
                verdicts.append(failed(lb, f"{label}: listener on port {lst.get('port')} admits "
                                           f"{', '.join(sorted(weak))}"))
                continue
            verdicts.append(passed(lb, f"{label}: listener on port {lst.get('port')}: TLS versions "
                                       f"{versions}"))
        else:
            verdicts.append(passed(lb, f"{label}: listener on port {lst.get('port')}: default TLS versions "
                                       "(TLS 1.2 and 1.3)"))
    return worst(verdicts)


CHECKS = {
    "HDS_TLS_001": {"ovh_cloud_project_loadbalancer": listeners_transit},
    "HDS_TLS_002": {"ovh_cloud_project_loadbalancer": listeners_tls_versions},
}
