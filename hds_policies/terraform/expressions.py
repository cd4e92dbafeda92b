"""Resolve the HCL tree's attribute values ("${var.x}", "a-${local.b}") to literal values.

The evaluation itself (operators, conditionals, for expressions, splats, functions) is in
hcl_eval.py; this module holds the tree-level helpers: resolving whole value trees, reference
roots for the graph's edges, and traversal of resolved values. What the code does not determine
becomes `Unknown(raw)`, the expression's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import Unknown
from .hcl_eval import EvalError, Evaluator, parse_template

_WHOLE = re.compile(r"^\$\{(.*)\}$", re.DOTALL)
_INTERP = re.compile(r"\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_TRAVERSAL = re.compile(r"^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\[\]]*\])*$")
_CONVERSION = re.compile(r"(toset|tolist|tomap)\((.*)\)", re.DOTALL)
_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[([^\[\]]*)\]")
# Candidate references inside any expression (for the graph's edges).
REF_PATTERN = re.compile(
    r"(?<![\w.\"'])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*|module\.[A-Za-z_][\w-]*|var\.[\w-]+|local\.[\w-]+)"
)

_REFERENCE = re.compile(r"[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\[\]\s]*\])+")
Lookup = Callable[[str, list[str]], Any]  # (root "var.x" / "aws_s3_bucket.b" / ..., rest path) -> value


def split_traversal(expr: str) -> tuple[str, list[str]] | None:
    """'aws_s3_bucket.b[0].id' -> ('aws_s3_bucket.b', ['0', 'id']); None if not a traversal."""
    expr = expr.strip()
    if not _TRAVERSAL.match(expr):
        return None
    first = re.match(r"[A-Za-z_][\w-]*", expr)
    assert first
    head, pos, steps = first.group(0), first.end(), []
    for m in _STEP.finditer(expr, pos):
        steps.append(m.group(1) if m.group(1) is not None else m.group(2).strip().strip('"'))
    if head in ("var", "local", "module", "data") or head.startswith(("count", "each", "path", "self")):
        n = 2 if head == "data" else 1
        if len(steps) < n:
            return None
        return ".".join([head, *steps[:n]]), steps[n:]
    if not steps:
        return head, []  # a provider reference like "aws" / keyword
    return f"{head}.{steps[0]}", steps[1:]


def traverse(value: Any, path: list[str]) -> Any:
    """Follow attribute / index steps into a resolved value; Unknown when it cannot."""
    for step in path:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, list):
            if step.isdigit() and int(step) < len(value):
                value = value[int(step)]
                continue
            if step == "*" or not value:
                return Unknown(f"[{step}]")
            value = value[0]  # blocks: count.index / splat -> first instance
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif step.isdigit():
            continue  # count-indexed resource evaluated once with its block address
        else:
            return Unknown(step)
    return value


class Resolver:
    """Evaluates the tree's expression strings against a lookup of roots (var., local., resources…);
    `scope` binds names (a dynamic block's iterator) for every expression it evaluates."""

    def __init__(self, lookup: Lookup, scope: dict[str, Any] | None = None):
        self.lookup = lookup
        self.scope = scope or {}

    def value(self, raw: Any) -> Any:
        """Resolve a value tree: strings with ${...} become literals or Unknown."""
        if isinstance(raw, str):
            return self.string(raw) if "${" in raw else raw
        if isinstance(raw, list):
            return [self.value(v) for v in raw]
        if isinstance(raw, dict):
            return {k: self.value(v) for k, v in raw.items() if not k.startswith("__")}
        return raw

    def string(self, raw: str) -> Any:
        """One attribute string of the tree: a literal, a template, or a whole ${expression}."""
        try:
            parts = parse_template(raw)
            value = Evaluator(self.lookup).template(parts, self.scope)
        except (EvalError, RecursionError):
            return Unknown(raw)
        if isinstance(value, Unknown) and not value.raw.startswith(("{", "[")):
            if len(parts) == 1 and not isinstance(parts[0], str) and _REFERENCE.fullmatch(value.raw):
                # A reference, chosen by a conditional or not: the unknown it leads to
                # (aws_s3_bucket.b.arn), which names the resource it designates.
                return value
            return Unknown(raw, value.options)  # the expression's own text says what was not determined
        return value


def references(raw: Any, out: set[str]) -> None:
    """Collect every reference root ('aws_s3_bucket.b', 'data.x.y', 'var.v', 'module.m') in a raw tree."""
    if isinstance(raw, str):
        if "${" in raw:
            for m in REF_PATTERN.finditer(raw):
                out.add(m.group(1))
    elif isinstance(raw, list):
        for v in raw:
            references(v, out)
    elif isinstance(raw, dict):
        for k, v in raw.items():
            if not k.startswith("__"):
                references(v, out)
