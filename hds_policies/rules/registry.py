"""The one registry: rules, per-type checks and evidence shapes, each registered where it is written.

- `@rule("HDS_LOC_001")` — a handler for the whole rule (every targeted resource comes to it).
- `@check("HDS_TLS_002", "aws_lb_listener")` — the Python evidence of one resource type for one rule,
  for what spans resources or needs more than a shape.
- `@shape("min_tls")` — an evidence shape: a small function driven by a catalog row
  (catalog/data/evidence/<family>.json) that names it, with the row's parameters.

Which resource types a rule covers comes from the catalog rows (plus `*` / `provider` in rules.json),
so "where is the rule for (type, family)?" is answered by one row: its `shape`, or `python` when a
`@check` holds the evidence. A rule without a `@rule` handler dispatches each resource to its
`@check`, else to its row's shape (`dispatch`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Target, Verdict

Row = dict[str, Any]
RuleFunc = Callable[[Target, Context], "Verdict | Iterable[Verdict] | None"]
CheckFunc = Callable[[Resource, Context, Row], "Verdict | Iterable[Verdict] | None"]

AZAPI = "azapi_resource"  # one Terraform type for every Azure resource type: rows also name api_type


@dataclass(frozen=True)
class RuleImpl:
    rule_id: str
    func: RuleFunc
    target: str  # "resource" or "provider"; resource types come from the catalog
    alone: bool = False  # judged from the resource and its provider configuration alone (no other resource)


RULES: dict[str, RuleImpl] = {}
CHECKS: dict[tuple[str, str], CheckFunc] = {}
SHAPES: dict[str, CheckFunc] = {}


def rule(rule_id: str, target: str = "resource", alone: bool = False) -> Callable:
    """Register the handler of a whole rule; its description lives in catalog/data/rules.json.
    `alone`: its verdict needs no resource but the one judged and its provider configuration (the
    Pulumi pack runs such rules as resource policies, the others as stack policies)."""

    def deco(func: RuleFunc) -> RuleFunc:
        existing = RULES.get(rule_id)
        if existing is not None and existing.func is not _dispatcher(rule_id):
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = RuleImpl(rule_id, func, target, alone)
        return func

    return deco


_DISPATCHERS: dict[str, RuleFunc] = {}


def _dispatcher(rule_id: str) -> RuleFunc:
    if rule_id not in _DISPATCHERS:
        _DISPATCHERS[rule_id] = lambda target, ctx: dispatch(rule_id, target, ctx)  # type: ignore[arg-type]
    return _DISPATCHERS[rule_id]


def table_rule(rule_id: str) -> None:
    """Declare a rule judged row by row (a `@check` or the row's shape for each resource)."""
    RULES.setdefault(rule_id, RuleImpl(rule_id, _dispatcher(rule_id), "resource"))


def check(rule_id: str, *resource_types: str) -> Callable:
    """Register the Python evidence of `resource_types` (or `azapi_resource:<api type>`) for `rule_id`."""

    def deco(func: CheckFunc) -> CheckFunc:
        for t in resource_types:
            if (rule_id, t) in CHECKS:
                raise ValueError(f"check {rule_id} {t} registered twice")
            CHECKS[(rule_id, t)] = func
        table_rule(rule_id)
        return func

    return deco


def shape(name: str) -> Callable:
    """Register an evidence shape under the name catalog rows give in `shape`."""

    def deco(func: CheckFunc) -> CheckFunc:
        if name in SHAPES:
            raise ValueError(f"shape {name} registered twice")
        SHAPES[name] = func
        return func

    return deco


# --- dispatch ---------------------------------------------------------------------------------


def type_key(resource: Resource) -> str:
    """The key of a resource's evidence rows: its type, or `azapi_resource:<api type>` (lower case)."""
    if resource.type != AZAPI:
        return resource.type
    api = resource.attrs.get("type")
    if not isinstance(api, str):
        return AZAPI
    return f"{AZAPI}:{api.split('@', 1)[0].lower()}"


def with_body(resource: Resource, keys: Iterable[str] = ("body",)) -> Resource:
    """The resource with the JSON text of `keys` parsed: an azapi `body` (azapi 1.x jsonencode), or
    the attributes a row lists under `json` (an EMR security configuration's `configuration`)."""
    attrs = dict(resource.attrs)
    for key in keys:
        value = attrs.get(key)
        if not (isinstance(value, str) or is_unknown(value)):
            continue
        try:
            attrs[key] = json.loads(value.raw if is_unknown(value) else value)
        except (TypeError, ValueError):
            continue
    return resource if attrs == resource.attrs else replace(resource, attrs=attrs)


def dispatch(rule_id: str, resource: Target, ctx: Context) -> Verdict | Iterable[Verdict] | None:
    """Judge one resource for `rule_id`: its type's `@check`, else its row's shape."""
    if not isinstance(resource, Resource):
        return None
    key = type_key(resource)
    row = ctx.catalog.evidence.get(rule_id, {}).get(key)
    if row is None:
        return None
    keys = (["body"] if resource.type == AZAPI else []) + list(row.get("json", ()))
    subject = with_body(resource, keys) if keys else resource
    func = CHECKS.get((rule_id, key))
    if func is None:
        func = SHAPES.get(row["shape"])
    if func is None:
        raise LookupError(f"{rule_id} {key}: no @check and no shape {row['shape']!r} registered")
    result = func(subject, ctx, row)
    if subject is resource:
        return result
    return _retarget(result, subject, resource)


def _retarget(result: Verdict | Iterable[Verdict] | None, parsed: Resource,
              resource: Resource) -> Verdict | list[Verdict] | None:
    """Verdicts about the parsed-body copy of an azapi resource land on the resource itself."""
    if result is None:
        return None
    verdicts = [result] if isinstance(result, Verdict) else list(result)
    return [replace(v, target=resource) if v.target is parsed else v for v in verdicts]


def run_shape(name: str, resource: Resource, ctx: Context, row: Row) -> Verdict | Iterable[Verdict] | None:
    """Call a shape by name (a `@check` that starts from its row's shape, or `all_of`)."""
    return SHAPES[name](resource, ctx, row)
