"""Backups that cannot be altered or deleted (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13): AWS
vaults and their lock, S3 buckets and their object-lock configuration. Types and shapes: rows of
catalog/data/evidence/backup_immutability.json; other providers in backup_immutability_<provider>.py."""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Target, Verdict, as_text, attr, failed, label, passed, truthy, unknown
from .registry import Row, check, dispatch, rule, table_rule
from .shapes import object_lock_verdict

table_rule("HDS_BKP_001")


@check("HDS_BKP_001", "aws_backup_vault")
def vault_locked(vault: Resource, ctx: Context, row: Row) -> Verdict | None:
    """AWS Backup vault + aws_backup_vault_lock_configuration in compliance mode."""
    name = label(ctx, vault, row)
    locks = ctx.attached(vault, "aws_backup_vault_lock_configuration", "backup_vault_name", "name")
    if not locks:
        return failed(vault, f"{name} has no vault lock: recovery points can be deleted")
    days = locks[0].attrs.get("changeable_for_days")
    if is_unknown(days):
        return unknown(vault, f"{name}: vault lock mode unknown ({days})")
    if days is None:
        return failed(vault, f"{name}: vault lock {locks[0].name} is in governance mode "
                             "(no changeable_for_days): it can be removed")
    return passed(vault, f"{name}: vault lock in compliance mode (changeable for {days} days)")


def s3_object_lock_mode(ctx: Context, bucket: Resource) -> tuple[object, str]:
    """(mode, where) of the bucket's default object-lock retention; mode None when absent."""
    for cfg in ctx.attached(bucket, "aws_s3_bucket_object_lock_configuration", "bucket", "bucket"):
        mode = attr(cfg, "rule.default_retention.mode")
        if mode is not None:
            return mode, cfg.address
    inline = attr(bucket, "object_lock_configuration.rule.default_retention.mode")
    return inline, bucket.address


@rule("HDS_BKP_002")
def backup_store_locked(store: Target, ctx: Context) -> Any:
    """Stores tagged hds-role = backup need compliance-mode object lock (or their provider's equivalent)."""
    if not isinstance(store, Resource) or not ctx.is_backup_store(store):
        return None
    return dispatch("HDS_BKP_002", store, ctx)


@check("HDS_BKP_002", "aws_s3_bucket")
def s3_bucket_locked(bucket: Resource, ctx: Context, row: Row) -> Verdict:
    enabled = bucket.attrs.get("object_lock_enabled")
    if enabled is None:
        enabled = attr(bucket, "object_lock_configuration.object_lock_enabled")
    mode, where = s3_object_lock_mode(ctx, bucket)
    on = enabled if is_unknown(enabled) else bool(truthy(enabled)) or as_text(enabled).lower() == "enabled"
    return object_lock_verdict(bucket, label(ctx, bucket, row), on, mode, where,
                               setting=" (object_lock_enabled not set)")
