"""OVHcloud encryption in transit (EXI 01, ISO/IEC 27001:2022 A.8.24, A.8.20): Public Cloud load
balancer (Octavia) listeners' TLS versions, for HDS_TLS_002 (their protocols, for HDS_TLS_001, are
a `listener_protocol` row of catalog/data/evidence/encryption_in_transit.json: `terminated-https`
ends TLS at the load balancer, `https` passes TLS through to the members, `http` is plain, `tcp` /
`udp` / `sctp` carry whatever the application sends).
"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, as_text, blocks, failed, label, passed, show, unknown, weak, worst
from .registry import Row, check


@check("HDS_TLS_002", "ovh_cloud_project_loadbalancer")
def listeners_tls_versions(lb: Resource, ctx: Context, row: Row) -> Verdict | None:
    name = label(ctx, lb, row)
    verdicts = []
    for lst in blocks(lb, "listeners"):
        protocol, versions = lst.get("protocol"), lst.get("tls_versions")
        if is_unknown(protocol):
            if not versions:
                continue  # terminated-https with the default versions passes; any other protocol has none
            # tls_versions are those of a terminated-https listener: judged whatever the protocol's expression
        elif as_text(protocol or "").lower() != "terminated-https":
            continue
        if is_unknown(versions):
            verdicts.append(unknown(lb, f"{name}: TLS versions of the listener on port {lst.get('port', '?')} "
                                        "unknown"))
        elif versions:
            admitted = set(versions) & weak(ctx, "ovh_cloud_project_loadbalancer.tls_versions")
            if admitted:
                verdicts.append(failed(lb, f"{name}: listener on port {lst.get('port', '?')} admits "
                                           f"{', '.join(sorted(admitted))}"))
                continue
            verdicts.append(passed(lb, f"{name}: listener on port {lst.get('port', '?')}: TLS versions "
                                       f"{show(versions)}"))
        else:
            verdicts.append(passed(lb, f"{name}: listener on port {lst.get('port', '?')}: default TLS versions "
                                       "(TLS 1.2 and 1.3)"))
    return worst(verdicts)
