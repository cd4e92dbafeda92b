"""Encryption that follows another resource: a cluster snapshot or a cluster instance is encrypted as
its cluster is, a replicated backup as its source instance, a Glue job as its security configuration.

The row (catalog/data/evidence/encryption_at_rest.json, shape `python`) names the attribute that points
at the source and, under `follows`, the source's types; the source is judged by its own row for the
same rule and the verdict lands on the follower. A source not in this code is `unknown`; an unset
attribute gets the row's `none` verdict with its `none_message`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Resource, is_unknown
from .base import Context, Verdict, as_text, attr, failed, label, passed, show, truthy, unknown, worst
from .registry import Row, check
from .shapes import CUSTOMER_KEY_TYPES, names, told_about

FOLLOWERS = ("aws_db_cluster_snapshot", "aws_neptune_cluster_snapshot", "aws_rds_cluster_instance",
             "aws_db_instance_automated_backups_replication", "aws_glue_job", "aws_glue_crawler",
             "aws_glue_dev_endpoint")


def _verdicts(result: Verdict | object | None) -> list[Verdict]:
    if result is None:
        return []
    return [result] if isinstance(result, Verdict) else list(result)  # type: ignore[call-overload]


def follow(rule_id: str, resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """The verdict of the source `row["attribute"]` points at, told about `resource`."""
    name = label(ctx, resource, row)
    path = row["attribute"]
    value = attr(resource, path)
    named = value is not None and value != ""
    sources = [s for s in ctx.graph.referenced(resource, *row["follows"]) if named and names(value, s)]
    if not sources:
        if not named:
            status = row.get("none", "unknown")
            return {"passed": passed, "failed": failed}.get(status, unknown)(resource, f"{name}: {row['none_message']}")
        shown = value.raw if is_unknown(value) else show(value)
        return unknown(resource, f"{name}: its encryption follows {path} = {shown}, which is not in this code")
    source = sources[0]
    return told_about(resource, ctx, rule_id, source, f"{name} follows {source.address}") or \
        unknown(resource, f"{name}: its encryption follows {source.address}, which is not judged")


def _register(rule_id: str) -> Callable[[Resource, Context, Row], Verdict | None]:
    def judged(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
        return follow(rule_id, resource, ctx, row)

    judged.__name__ = f"follows_source_{rule_id.lower()}"
    return judged


check("HDS_ENC_001", *FOLLOWERS)(_register("HDS_ENC_001"))
check("HDS_ENC_002", "aws_db_cluster_snapshot", "aws_neptune_cluster_snapshot")(_register("HDS_ENC_002"))


@check("HDS_ENC_002", "aws_rds_cluster_instance")
def cluster_instance_keys(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """The cluster's storage key, and the Performance Insights key when Performance Insights is on
    (unset: the AWS-managed key aws/rds)."""
    verdicts = _verdicts(follow("HDS_ENC_002", resource, ctx, row))
    name = label(ctx, resource, row)
    enabled = attr(resource, "performance_insights_enabled")
    key = attr(resource, "performance_insights_kms_key_id")
    if is_unknown(enabled):
        verdicts.append(unknown(resource, f"{name}: performance_insights_enabled unknown ({enabled})"))
    elif truthy(enabled) and is_unknown(key) and not ctx.graph.referenced(resource, *CUSTOMER_KEY_TYPES):
        verdicts.append(unknown(resource, f"{name}: Performance Insights key unknown until apply ({key})"))
    elif truthy(enabled) and (key is None or key == ""):
        verdicts.append(failed(resource, f"{name}: Performance Insights data is encrypted with the AWS-managed "
                                         "key aws/rds (performance_insights_kms_key_id not set)"))
    elif truthy(enabled) and not is_unknown(key) and any(m in as_text(key) for m in row.get("provider_managed", ())):
        verdicts.append(failed(resource, f"{name}: Performance Insights uses the AWS-managed key {key}"))
    return worst(verdicts)
