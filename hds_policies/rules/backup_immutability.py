"""Backups that cannot be altered or deleted (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13)."""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, failed, passed, rule, truthy, unknown


def _label(ctx: Context, r: Resource) -> str:
    return f"{ctx.type_info(r).get('label', r.type)} {r.name}"


def provider_check(rule_id: str, resource_type: str) -> Any:
    """The check of a non-AWS type for `rule_id`, or None (backup_immutability_<provider>.py,
    imported here, late, because they reuse the helpers of this module)."""
    from . import backup_immutability_azure, backup_immutability_gcp, backup_immutability_ovh

    for module in (backup_immutability_azure, backup_immutability_gcp, backup_immutability_ovh):
        found = module.CHECKS.get(rule_id, {}).get(resource_type)
        if found is not None:
            return found
    return None


@rule("HDS_BKP_001")
def vault_locked(vault: Resource, ctx: Context) -> Verdict | None:
    """AWS Backup vault + aws_backup_vault_lock_configuration in compliance mode."""
    other = provider_check("HDS_BKP_001", vault.type)
    if other is not None:
        return other(vault, ctx)
    label = _label(ctx, vault)
    locks = ctx.graph.referrers(vault, "aws_backup_vault_lock_configuration")
    if not locks:
        return failed(vault, f"{label} has no vault lock: recovery points can be deleted")
    days = locks[0].attrs.get("changeable_for_days")
    if is_unknown(days):
        return unknown(vault, f"{label}: vault lock mode unknown ({days})")
    if days is None:
        return failed(vault, f"{label}: vault lock {locks[0].name} is in governance mode "
                             "(no changeable_for_days): it can be removed")
    return passed(vault, f"{label}: vault lock in compliance mode (changeable for {days} days)")


def s3_object_lock_mode(ctx: Context, bucket: Resource) -> tuple[object, str]:
    """(mode, where) of the bucket's default object-lock retention; mode None when absent."""
    for cfg in ctx.graph.referrers(bucket, "aws_s3_bucket_object_lock_configuration"):
        mode = attr(cfg, "rule.default_retention.mode")
        if mode is not None:
            return mode, cfg.address
    inline = attr(bucket, "object_lock_configuration.rule.default_retention.mode")
    return inline, bucket.address


@rule("HDS_BKP_002")
def backup_store_locked(bucket: Resource, ctx: Context) -> Verdict | None:
    """Stores tagged hds-role = backup need compliance-mode object lock."""
    if not ctx.is_backup_store(bucket):
        return None
    other = provider_check("HDS_BKP_002", bucket.type)
    if other is not None:
        return other(bucket, ctx)
    label = _label(ctx, bucket)
    enabled = bucket.attrs.get("object_lock_enabled")
    if enabled is None:
        enabled = attr(bucket, "object_lock_configuration.object_lock_enabled")
    if is_unknown(enabled):
        return unknown(bucket, f"{label}: object lock setting unknown ({enabled})")
    mode, where = s3_object_lock_mode(ctx, bucket)
    if is_unknown(mode):
        return unknown(bucket, f"{label}: object lock retention mode unknown ({mode})")
    on = truthy(enabled) or str(enabled).lower() == "enabled"
    if mode is not None and str(mode).upper() != "COMPLIANCE":
        return failed(bucket, f"{label}: default retention in {mode} mode ({where}), "
                              "which privileged users can bypass")
    if not on:
        return failed(bucket, f"{label} is a backup store without object lock (object_lock_enabled not set): "
                              "backups can be deleted or overwritten")
    if mode is None:
        return failed(bucket, f"{label}: object lock enabled but no default retention: "
                              "new backups are not locked")
    return passed(bucket, f"{label}: COMPLIANCE-mode object lock")
