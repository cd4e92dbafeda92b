"""Scaleway immutable backups (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13), for HDS_BKP_002: a bucket
marked as a backup store and its separate object-lock configuration. (OVHcloud Object Storage is an
`object_lock` row of catalog/data/evidence/backup_immutability.json.)"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, label, truthy
from .registry import Row, check
from .shapes import object_lock_verdict


@check("HDS_BKP_002", "scaleway_object_bucket")
def scaleway_bucket(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    enabled = bucket.attrs.get("object_lock_enabled")
    enabled = enabled if is_unknown(enabled) else bool(truthy(enabled))
    mode, where = None, ""
    for cfg in ctx.attached(bucket, "scaleway_object_bucket_lock_configuration", "bucket", "name"):
        mode, where = attr(cfg, "rule.default_retention.mode"), cfg.address
    return object_lock_verdict(bucket, label(ctx, bucket, row), enabled, mode, where)
