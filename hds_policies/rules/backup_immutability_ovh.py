"""OVHcloud and Scaleway immutable backups (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13), for
HDS_BKP_002: object storage marked as a backup store needs object lock in compliance mode
(governance mode can be bypassed by privileged users)."""

from __future__ import annotations

from ..model import Resource, is_unknown
from .backup_immutability import _label
from .base import Context, Verdict, attr, failed, passed, truthy, unknown


def _judge(bucket: Resource, ctx: Context, enabled: object, mode: object, where: str) -> Verdict:
    label = _label(ctx, bucket)
    if is_unknown(enabled) or is_unknown(mode):
        return unknown(bucket, f"{label}: object lock settings unknown until apply")
    if not enabled:
        return failed(bucket, f"{label} is a backup store without object lock: backups can be deleted or "
                              "overwritten")
    if mode is None:
        return failed(bucket, f"{label}: object lock enabled but no default retention rule: new backups are "
                              "not locked")
    if str(mode).lower() != "compliance":
        return failed(bucket, f"{label}: default retention in {mode} mode ({where}), which privileged users "
                              "can bypass")
    return passed(bucket, f"{label}: object lock in compliance mode")


def ovh_storage(bucket: Resource, ctx: Context) -> Verdict:
    status = attr(bucket, "object_lock.status")
    enabled = status if is_unknown(status) else str(status or "").lower() == "enabled"
    return _judge(bucket, ctx, enabled, attr(bucket, "object_lock.rule.mode"), "object_lock.rule")


def scaleway_bucket(bucket: Resource, ctx: Context) -> Verdict:
    enabled = bucket.attrs.get("object_lock_enabled")
    enabled = enabled if is_unknown(enabled) else bool(truthy(enabled))
    mode, where = None, ""
    for cfg in ctx.graph.referrers(bucket, "scaleway_object_bucket_lock_configuration"):
        mode, where = attr(cfg, "rule.default_retention.mode"), cfg.address
    return _judge(bucket, ctx, enabled, mode, where)


CHECKS = {
    "HDS_BKP_002": {
        "ovh_cloud_project_storage": ovh_storage,
        "scaleway_object_bucket": scaleway_bucket,
    },
}
