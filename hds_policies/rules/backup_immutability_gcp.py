"""Google Cloud immutable backups (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13), for HDS_BKP_001/002.

Buckets labelled as backup stores need a *locked* retention policy (bucket lock, irreversible);
Backup and DR vaults need a non-zero `backup_minimum_enforced_retention_duration`.
"""

from __future__ import annotations

import re

from ..model import Resource, is_unknown
from .base import Context, Verdict, as_text, attr, failed, label, passed, truthy, unknown
from .registry import Row, check


@check("HDS_BKP_002", "google_storage_bucket")
def bucket_locked(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, bucket, row)
    period = attr(bucket, "retention_policy.retention_period")
    locked = attr(bucket, "retention_policy.is_locked")
    if is_unknown(period) or is_unknown(locked):
        return unknown(bucket, f"{name}: retention policy unknown until apply")
    if period is None:
        return failed(bucket, f"{name} is a backup store without a retention policy: backups can be deleted")
    if not truthy(locked):
        return failed(bucket, f"{name}: retention policy of {period}s is not locked (is_locked), so it "
                              "can be shortened or removed")
    return passed(bucket, f"{name}: locked retention policy of {period}s")


def _seconds(duration: object) -> float | None:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)s\s*", as_text(duration))
    return float(m.group(1)) if m else None


@check("HDS_BKP_001", "google_backup_dr_backup_vault")
def backup_vault(vault: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, vault, row)
    duration = vault.attrs.get("backup_minimum_enforced_retention_duration")
    if is_unknown(duration):
        return unknown(vault, f"{name}: minimum enforced retention unknown ({duration})")
    seconds = _seconds(duration) if duration is not None else 0.0
    if seconds is None:
        return unknown(vault, f"{name}: minimum enforced retention {duration!r} is not a duration in "
                              "seconds")
    if seconds <= 0:
        return failed(vault, f"{name} enforces no minimum retention: backups can be deleted at any time")
    lock = vault.attrs.get("effective_time")
    since = f", locked from {lock}" if isinstance(lock, str) else ""
    return passed(vault, f"{name}: backups kept at least {duration}{since}")
