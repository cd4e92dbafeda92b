"""Evidence shapes: small judgements driven by a catalog row (catalog/data/evidence/<family>.json).

A row names its `shape` and gives its parameters; every resource type judged the same way is one
row. The helpers below the shapes (`listener_class`, `object_lock_verdict`, `at_rest_evidence`) are
the one place those judgements are written; the `@check`s of the family modules call them too.
Values are shown as Terraform writes them (`show`), never as Python reprs.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Resource, is_unknown, tf_literal
from .base import Context, Verdict, as_text, attr, blocks, failed, label, passed, show, truthy, unknown, worst
from .placement import paired_region_copy
from .registry import Row, dispatch, run_shape, shape, type_key

# Stores whose key, created in this configuration, is unknown until apply but is still a customer key.
CUSTOMER_KEY_TYPES = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_alias",
                      "azurerm_key_vault_key", "azurerm_key_vault_managed_hardware_security_module_key",
                      "azurerm_disk_encryption_set", "google_kms_crypto_key", "ovh_okms_service_key")
# An AWS key a data source looks up under an AWS-managed alias (data "aws_kms_key" { key_id =
# "alias/aws/ebs" }) is AWS's own key, not a customer-managed one.
AWS_MANAGED_ALIAS = "alias/aws/"


def first_set(resource: Resource | dict, paths: list[str] | tuple[str, ...]) -> tuple[Any, str]:
    """The first set value among `paths` (a v4 name first, then the v3 name), with its path."""
    for path in paths:
        value = attr(resource, path)
        if value is not None:
            return value, path
    return None, paths[0]


def matches(value: Any, expected: Any) -> bool:
    """A catalog condition: "*" any set value, null unset, a boolean, or a string (any case)."""
    if expected == "*":
        return value is not None and value != ""
    if expected is None:
        return value is None or value == ""
    if isinstance(expected, bool):
        return truthy(value) is expected
    return str(value).lower() == str(expected).lower()


def _paths(row: Row) -> list[str]:
    return row.get("attributes") or [row["attribute"]]


def inherited_source(node: Resource | dict, row: Row) -> tuple[str, Any] | None:
    """(key, value) of the first `inherit` key set on `node` (a snapshot, a replicated source): what the
    store is made from, whose encryption it keeps when the row's attribute is unset."""
    keys = row.get("inherit") or ()
    for key in [keys] if isinstance(keys, str) else keys:
        value = attr(node, key)
        if value is not None and value != "":
            return key, value
    return None


# --- encryption at rest -------------------------------------------------------------------------


def names(value: Any, other: Resource) -> bool:
    """Whether an argument's value names `other`: its expression refers to it (`aws_db_instance.primary.arn`,
    `…primary[0].id`), or it equals one of `other`'s own values (an identifier the evaluator resolved)."""
    if is_unknown(value):
        pattern = rf"(?<![\w.-]){re.escape(other.type)}\.{re.escape(other.name)}(?![\w-])"
        return re.search(pattern, value.raw) is not None
    return isinstance(value, str) and value in {v for v in other.attrs.values() if isinstance(v, str)}


def source_in_code(resource: Resource, ctx: Context, row: Row, value: Any) -> Resource | None:
    """The resource of this configuration that an `inherit` value names (a replica's source, a global
    cluster's first cluster), when exactly one referenced resource of its module judged by the same
    rule matches it."""
    rows = ctx.catalog.evidence.get(row["rule"], {})
    found = [other for other in ctx.graph.referenced(resource)
             if other is not resource and other.module == resource.module and type_key(other) in rows
             and names(value, other)]
    return found[0] if len(found) == 1 else None


def told_about(resource: Resource, ctx: Context, rule_id: str, source: Resource, intro: str) -> Verdict | None:
    """The verdict `source` gets for `rule_id` (its own `@check` or row), told about `resource` after
    `intro`; None when the source gets none. A chain that loops back (invalid Terraform) gets None."""
    following = ctx.memo.setdefault(("following", 0), set())
    if source.address in following:
        return None
    following.add(resource.address)
    try:
        results = dispatch(rule_id, source, ctx)
    finally:
        following.discard(resource.address)
    verdict = worst([results] if isinstance(results, Verdict) else list(results or ()))
    return None if verdict is None else Verdict(verdict.status, resource, f"{intro}: {verdict.message}")


def from_source(resource: Resource, ctx: Context, row: Row, name: str, source: tuple[str, Any]) -> Verdict | None:
    """The verdict of the store `resource` is made from (judged by its own row for the same rule),
    told about `resource`; None when that store is not in this code."""
    origin = source_in_code(resource, ctx, row, source[1])
    if origin is None:
        return None
    return told_about(resource, ctx, row["rule"], origin,
                      f"{name} is made from {origin.address} ({source[0]}) and keeps what it has")


def referenced_keys(ctx: Context, resource: Resource) -> tuple[list[Resource], list[str]]:
    """(the customer-managed keys `resource` references: made in this configuration, or looked up by a
    known name that is not AWS's; the AWS-managed aliases it looks up)."""
    customer: list[Resource] = []
    aws_managed: list[str] = []
    for key in ctx.graph.referenced(resource, *CUSTOMER_KEY_TYPES):
        if key.mode != "data" or not key.type.startswith("aws_"):
            customer.append(key)
            continue
        lookup = key.attrs.get("key_id", key.attrs.get("name"))
        manager = key.attrs.get("key_manager")  # read while planning: "AWS" or "CUSTOMER"
        if isinstance(lookup, str) and AWS_MANAGED_ALIAS in lookup or as_text(manager).upper() == "AWS":
            aws_managed.append(as_text(lookup) if lookup is not None else key.address)
        elif isinstance(manager, str):
            customer.append(key)
        elif lookup is not None and not is_unknown(lookup):
            customer.append(key)
    return customer, aws_managed


def looked_up_aws_key(ctx: Context, resource: Resource, key: Any) -> str | None:
    """The AWS-managed name of a known key ARN or id that `resource` took from a key look-up read while
    planning (a plan: the data source's `key_manager` is "AWS"), else None."""
    for data in ctx.graph.referenced(resource, "aws_kms_key", "aws_kms_alias"):
        if data.mode != "data" or as_text(data.attrs.get("key_manager")).upper() != "AWS":
            continue
        names = {data.attrs.get(a) for a in ("arn", "id", "key_id", "target_key_arn", "target_key_id")}
        if as_text(key) in names:
            return as_text(data.attrs.get("key_id") or data.attrs.get("name") or data.address)
    return None


def referenced_key_verdict(ctx: Context, resource: Resource, what: str,
                           target: Resource | None = None) -> Verdict | None:
    """For a key unknown until apply, the keys the resource references decide (the verdict lands on
    `target`, by default the resource): a customer-managed key only passes, an AWS-managed alias only
    fails; None (unknown) otherwise."""
    customer, aws_managed = referenced_keys(ctx, resource)
    target = target or resource
    if customer and not aws_managed:
        return passed(target, f"{what}: encrypted with the customer-managed key {customer[0].address}")
    if aws_managed and not customer:
        return failed(target, f"{what} uses the AWS-managed key {aws_managed[0]}, not a customer-managed key")
    return None


def at_rest_evidence(resource: Resource, ctx: Context, row: Row) -> tuple[bool | None, Any]:
    """(encrypted?, raw value) from a row's attribute, `encrypted_when` and `default`; None: unknown."""
    value = attr(resource, row["attribute"])
    if value is None or value == "":
        return row["default"], None
    when = row.get("encrypted_when")
    if is_unknown(value):
        # "any value encrypts" and the store is encrypted anyway, or the value is a key made here.
        if when and "*" in when and (row["default"] or ctx.graph.referenced(resource, *CUSTOMER_KEY_TYPES)):
            return True, value
        return None, value
    if when is None:
        return truthy(value), value
    if "*" in when:
        return True, value
    return value in when, value


@shape("at_rest")
def at_rest(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """Encrypted when the attribute is set (`encrypted_when` "*"), has one of the listed values, or is
    true; `default` when unset (null: the default depends on the provider version, `unset_message`
    says how); `also` lists other settings that encrypt (whatever the attribute says), each with its
    message; unset on a store made from an `inherit` source (a snapshot, a replica's source) is
    unknown: it keeps the source's."""
    name = label(ctx, resource, row)
    enc, raw = at_rest_evidence(resource, ctx, row)
    if enc:
        return passed(resource, f"{name} encrypted at rest")
    undecided = []
    for alt in row.get("also", ()):
        values = {path: attr(resource, path) for path in alt["when"]}
        if all(matches(values[path], want) for path, want in alt["when"].items()):
            return passed(resource, f"{name}{alt['message']}")
        if any(is_unknown(v) for v in values.values()):
            undecided.extend(f"{path} = {show(v)}" for path, v in values.items() if is_unknown(v))
    if enc is None and raw is None and row.get("unset_message"):
        return unknown(resource, f"{name}: {row['unset_message']}")  # a default that moved between versions
    if enc is None:
        return unknown(resource, f"{name}: encryption at rest cannot be determined ({show(raw)})")
    if undecided:  # another setting that would encrypt is known only at apply
        return unknown(resource, f"{name}: encryption at rest cannot be determined ({', '.join(undecided)})")
    source = inherited_source(resource, row) if raw is None else None
    if source is not None:
        return from_source(resource, ctx, row, name, source) or unknown(
            resource, f"{name} is made from {source[0]} {show(source[1])}: with {row['attribute']} not set, it "
                      "is encrypted at rest as that source is")
    shown = "not set" if raw is None else f"= {tf_literal(raw)}"
    return failed(resource, f"{name} is not encrypted at rest ({row['attribute']} {shown})")


def separate_key(resource: Resource, ctx: Context, row: Row, name: str) -> Verdict | None:
    """The key set by a separate resource of a `set_by` type; `set_by_key` names its attributes that
    hold the key (unset there: that resource keeps the provider's key), else its presence is the key."""
    if not row.get("set_by"):
        return None
    for other in ctx.graph.referrers(resource, *row["set_by"]):
        if not row.get("set_by_key"):
            return passed(resource, f"{name} encrypted with the customer-managed key set by {other.address}")
        key, path = first_set(other, row["set_by_key"])
        if is_unknown(key) and not ctx.graph.referenced(other, *CUSTOMER_KEY_TYPES):
            return unknown(resource, f"{name}: the key set by {other.address} is unknown until apply ({path} = {key})")
        if key:
            return passed(resource, f"{name} encrypted with the customer-managed key set by {other.address}")
    return None


def parent_key(resource: Resource, ctx: Context, row: Row, name: str, path: str) -> Verdict | None:
    """A store that names no key of its own uses its `parent`'s (an Azure SQL database its server's TDE
    protector, a BigQuery table its dataset's default key, a VM its boot disk's): the verdict of the
    parent `attribute` names, or unknown when that parent is not created in this configuration."""
    spec = row["parent"]
    where = attr(resource, spec["attribute"])
    if where is None:
        return None
    parents = ctx.graph.referenced(resource, spec["type"])
    if is_unknown(where):  # the expression names the parent: not another resource of its type
        parents = [p for p in parents if p.module == resource.module and names(where, p)]
    for parent in parents:
        got = told_about(resource, ctx, row["rule"], parent,
                         f"{name} names no key of its own ({path} not set) and uses {parent.address}'s")
        if got is not None:
            return got
    return unknown(resource, f"{name} names no key of its own ({path} not set) and uses that of "
                             f"{spec['attribute']} {show(where)}, not created in this configuration")


@shape("customer_key")
def customer_key(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """A customer-managed key named by `attribute` (or the first set of `attributes`), set by a separate
    resource of a `set_by` type, or, when the store names none, its `parent`'s; none named on a store
    made from an `inherit` source (a snapshot, a replica's source) is unknown: it keeps the source's key."""
    name = label(ctx, resource, row)
    separate = separate_key(resource, ctx, row, name)
    if separate is not None:
        return separate
    key, path = first_set(resource, _paths(row))
    if is_unknown(key):
        return referenced_key_verdict(ctx, resource, name) or unknown(resource, f"{name}: key unknown until "
                                                                                  f"apply ({key})")
    managed = row.get("provider_managed")
    if key and managed and any(as_text(key).find(m) >= 0 for m in managed):
        return failed(resource, f"{name} uses the AWS-managed key {key}, not a customer-managed key")
    aws_key = looked_up_aws_key(ctx, resource, key) if key else None
    if aws_key:
        return failed(resource, f"{name} uses the AWS-managed key {aws_key} (looked up while planning), not a "
                                "customer-managed key")
    if key:
        return passed(resource, f"{name} encrypted with a customer-managed key")
    inherited = parent_key(resource, ctx, row, name, path) if row.get("parent") else None
    if inherited is not None:
        return inherited
    source = inherited_source(resource, row)
    if source is not None:
        return from_source(resource, ctx, row, name, source) or unknown(
            resource, f"{name} is made from {source[0]} {show(source[1])}: with {path} not set, it keeps that "
                      "source's key")
    return failed(resource, f"{name} does not name a customer-managed key ({path} not set)")


@shape("every_block")
def every_block(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Every element of the block lists `blocks` must have `attribute` true (or match `good`, and name
    no `provider_managed` key; unset: `default`, unless the element names an `inherit` source such as a
    snapshot: unknown); with no element at all, or without the `required` block (a root volume that
    the other volumes do not speak for), the verdict is `none` (`unknown` unless the row says
    otherwise; "none": no verdict)."""
    name = label(ctx, resource, row)
    managed = row.get("provider_managed", ())
    verdicts = []
    for path in row["blocks"]:
        for i, block in enumerate(blocks(resource, path)):
            where = f"{path}[{i}]" if len(blocks(resource, path)) > 1 else path
            value = attr(block, row["attribute"])
            by_reference = None
            if is_unknown(value) and row.get("good") == "*":  # a key attribute: the keys referenced decide
                by_reference = referenced_key_verdict(ctx, resource, f"{name}: {where}")
            if by_reference is not None:
                verdicts.append(by_reference)
                continue
            if is_unknown(value):
                verdicts.append(unknown(resource, f"{name}: {where}.{row['attribute']} unknown ({value})"))
                continue
            source = inherited_source(block, row)
            if value is None and source is not None:
                verdicts.append(unknown(resource, f"{name}: {where} is made from {source[0]} {source[1]}: "
                                                  f"{row['attribute']} follows it"))
                continue
            if isinstance(value, str) and any(m in value for m in managed):
                verdicts.append(failed(resource, f"{name}: {where} uses the AWS-managed key {value}, not a "
                                                 "customer-managed key"))
                continue
            on = row["default"] if value is None else matches(value, row.get("good", True))
            shown = "not set" if value is None else f"= {show(value)}"
            if on:
                verdicts.append(passed(resource, f"{name}: {where}.{row['attribute']} {shown}"))
            else:
                verdicts.append(failed(resource, f"{name}: {where} {row['what']} ({row['attribute']} {shown})"))
    if verdicts and not (row.get("required") and not blocks(resource, row["required"])):
        return worst(verdicts)  # type: ignore[return-value]
    status = row.get("none", "unknown")
    if status == "none":  # nothing of the kind (a task with no EFS volume): no verdict
        return None
    message = f"{name}: {row['none_message']}"
    verdicts.append({"passed": passed, "failed": failed}.get(status, unknown)(resource, message))
    return worst(verdicts)  # type: ignore[return-value]


# --- settings: flags, values, minimum TLS ------------------------------------------------------


@shape("flag")
def flag(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """A boolean that must equal `good` (default true); unset means `default`. A row with `setting`
    speaks of the setting being on or off; a row with `what` says what the bad value allows."""
    name = label(ctx, resource, row)
    value, path = first_set(resource, _paths(row))
    good = row.get("good", True)
    if "setting" in row:
        what = row["setting"]
        if is_unknown(value):
            return unknown(resource, f"{name}: {what} unknown ({value})")
        on = truthy(value) if value is not None else row["default"]
        if on == good:
            return passed(resource, f"{name}: {what} on")
        return failed(resource, f"{name}: {what} off ({path} {show(value)})")
    if is_unknown(value):
        return unknown(resource, f"{name}: {path} unknown ({value})")
    on = row["default"] if value is None else truthy(value)
    shown = f"not set, default {show(row['default'])}" if value is None else f"= {show(value)}"
    if on == good:
        return passed(resource, f"{name}: {path} {shown}")
    return failed(resource, f"{name} {row['what']} ({path} {shown})")


@shape("value")
def value_in(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """A setting whose value must be one of `good` (case-insensitive); unset means `default`."""
    name = label(ctx, resource, row)
    value, path = first_set(resource, _paths(row))
    if is_unknown(value):
        return unknown(resource, f"{name}: {path} unknown ({value})")
    effective = row["default"] if value is None else value
    shown = f"not set, default {show(row['default'])}" if value is None else f"= {show(value)}"
    if any(matches(effective, g) for g in row["good"]):
        return passed(resource, f"{name}: {path} {shown}")
    return failed(resource, f"{name} {row['what']} ({path} {shown})")


@shape("min_tls")
def min_tls(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """A minimum TLS version: failed when set to one of `weak`; unset means `default` (judged the same)."""
    name = label(ctx, resource, row)
    value, path = first_set(resource, _paths(row))
    if is_unknown(value):
        return unknown(resource, f"{name}: {path} unknown ({value})")
    effective = row["default"] if value is None else value
    if as_text(effective) in row["weak"]:
        shown = f"= {value}" if value is not None else f"not set, so the default {effective}"
        return failed(resource, f"{name}: {path} {shown} admits TLS versions older than 1.2")
    shown = value if value is not None else f"{row['default']} (default)"
    return passed(resource, f"{name}: minimum TLS version {shown}")


@shape("parameter")
def parameter(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """A named entry of a parameter block list (`blocks`, `name`) whose value must be one of `good`;
    absent means `default`."""
    name = label(ctx, resource, row)
    value = None
    for p in blocks(resource, row["blocks"]):
        if as_text(p.get("name", "")).lower() == row["name"].lower():
            value = p.get("value")
    if is_unknown(value):
        return unknown(resource, f"{name}: {row['name']} unknown ({value})")
    effective = row["default"] if value is None else value
    shown = f"not set, default {show(row['default'])}" if value is None else f"= {show(value)}"
    if any(matches(effective, g) for g in row["good"]):
        return passed(resource, f"{name}: {row['name']} {shown}")
    return failed(resource, f"{name} {row['what']} ({row['name']} {shown})")


@shape("all_of")
def all_of(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Every sub-row of `all` must hold: the worst of their verdicts."""
    verdicts = []
    for sub in row["all"]:
        result = run_shape(sub["shape"], resource, ctx, {**row, **sub})
        if isinstance(result, Verdict):
            verdicts.append(result)
        elif result is not None:
            verdicts.extend(result)
    return worst(verdicts)


# --- listeners ----------------------------------------------------------------------------------


def listener_class(protocol: Any, row: Row) -> str:
    """`unknown`, `tls`, `plain`, `raw` (TCP/UDP: whatever the application sends) or `other`, from the
    row's `tls`, `plain` and `raw` lists (compared in any case)."""
    if is_unknown(protocol) or protocol is None:
        return "unknown"
    proto = as_text(protocol).lower()
    for kind in ("tls", "plain", "raw"):
        if proto in (p.lower() for p in row.get(kind, ())):
            return kind
    return row.get("other", "raw")


@shape("listener_protocol")
def listener_protocol(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Each listener block (`blocks`) by its protocol (`protocol` key, `port` key): TLS passes, plain
    HTTP fails, raw TCP/UDP is unknown (the application may or may not use TLS)."""
    name = label(ctx, resource, row)
    verdicts = []
    for lst in blocks(resource, row["blocks"]):
        proto, port = lst.get(row["protocol"]), lst.get(row["port"], "?")
        where = f"{name}: listener on port {port}"
        kind = listener_class(proto, row)
        if kind == "unknown":
            verdicts.append(unknown(resource, f"{where}: protocol unknown ({show(proto)})"))
        elif kind == "tls":
            verdicts.append(passed(resource, f"{where} uses {proto}"))
        elif kind == "plain":
            verdicts.append(failed(resource, f"{where} serves plain HTTP{row.get('plain_hint', '')}"))
        elif kind == "raw":
            verdicts.append(unknown(resource, f"{where} forwards {as_text(proto).upper()}: whether the application "
                                              "itself uses TLS cannot be seen from the load balancer"))
        else:
            verdicts.append(passed(resource, f"{where} ({proto}) carries no application data"))
    return worst(verdicts)


# --- copies in the paired region -----------------------------------------------------------------


@shape("geo_redundancy")
def geo_redundancy(resource: Resource, ctx: Context, row: Row) -> Verdict | None:
    """A redundancy setting whose value is one of `geo` keeps a copy in the Azure paired region of the
    resource's location (judged there); other values keep the data in its region (no verdict)."""
    name = label(ctx, resource, row)
    path = row["attribute"]
    value = attr(resource, path)
    value = row["default"] if value is None else value
    if is_unknown(value):
        return unknown(resource, f"{name}: {path} unknown ({value})")
    geo = row["geo"]
    hit = truthy(value) in geo if all(isinstance(g, bool) for g in geo) else str(value) in geo
    if not hit:
        return None
    what = f"{name} ({path} {value}) {row['what']}" if row.get("show_value", True) else f"{name} {row['what']}"
    return paired_region_copy(ctx, resource, attr(resource, row.get("location", "location")), what)


# --- object lock --------------------------------------------------------------------------------


@shape("object_lock")
def object_lock(resource: Resource, ctx: Context, row: Row) -> Verdict:
    """Object lock on (`enabled` path equal to `enabled_value`) with a COMPLIANCE default retention
    (`mode` path)."""
    status = attr(resource, row["enabled"])
    enabled = status if is_unknown(status) else matches(status, row.get("enabled_value", True))
    return object_lock_verdict(resource, label(ctx, resource, row), enabled, attr(resource, row["mode"]),
                               row["mode"].rsplit(".", 1)[0])


def object_lock_verdict(target: Resource, name: str, enabled: Any, mode: Any, where: str,
                        setting: str = "") -> Verdict:
    """The one judgement of a backup store's object lock: enabled, with a default retention in
    COMPLIANCE mode (GOVERNANCE can be bypassed by privileged users)."""
    if is_unknown(enabled):
        return unknown(target, f"{name}: object lock setting unknown ({enabled})")
    if is_unknown(mode):
        return unknown(target, f"{name}: object lock retention mode unknown ({mode})")
    if mode is not None and as_text(mode).upper() != "COMPLIANCE":
        return failed(target, f"{name}: default retention in {mode} mode ({where}), which privileged users "
                              "can bypass")
    if not enabled:
        return failed(target, f"{name} is a backup store without object lock{setting}: backups can be deleted "
                              "or overwritten")
    if mode is None:
        return failed(target, f"{name}: object lock enabled but no default retention: new backups are not "
                              "locked")
    return passed(target, f"{name}: object lock in compliance mode")
