"""Resolve Terraform expressions, as python-hcl2 renders them ("${var.x}"), to literal values.

Only what the code holds is resolved: variables, locals, literal arguments of other blocks,
string interpolation and jsonencode of literals. Anything else becomes `Unknown(raw)`.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from typing import Any

from ..model import Unknown

_WHOLE = re.compile(r"^\$\{(.*)\}$", re.DOTALL)
_INTERP = re.compile(r"\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_TRAVERSAL = re.compile(r"^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\[\]]*\])*$")
_CONVERSION = re.compile(r"(toset|tolist|tomap)\((.*)\)", re.DOTALL)
_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[([^\[\]]*)\]")
# Candidate references inside any expression (for the graph's edges).
REF_PATTERN = re.compile(
    r"(?<![\w.\"'])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*|module\.[A-Za-z_][\w-]*|var\.[\w-]+|local\.[\w-]+)"
)

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
    """Evaluates expression strings against a lookup of roots (var., local., resources…)."""

    def __init__(self, lookup: Lookup):
        self.lookup = lookup

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
        whole = _WHOLE.match(raw)
        if whole and ("${" not in whole.group(1) or whole.group(1).lstrip().startswith("jsonencode(")):
            return self.expression(whole.group(1), raw)
        parts: list[str] = []
        pos = 0
        for m in _INTERP.finditer(raw):
            parts.append(raw[pos:m.start()])
            val = self.expression(m.group(1), raw)
            if isinstance(val, (Unknown, dict, list)) or val is None:
                return Unknown(raw)
            parts.append(_to_str(val))
            pos = m.end()
        parts.append(raw[pos:])
        return "".join(parts)

    def expression(self, expr: str, raw: str) -> Any:
        expr = expr.strip()
        trav = split_traversal(expr)
        if trav is not None:
            root, rest = trav
            return self.lookup(root, rest)
        m = re.fullmatch(r"jsonencode\((.*)\)", expr, re.DOTALL)
        if m:
            try:
                literal = ast.literal_eval(m.group(1))
            except (ValueError, SyntaxError):
                return Unknown(raw)
            resolved = self.value(literal)
            if _has_unknown(resolved):
                # Keep the document's shape, its unresolved parts as "${...}" text, so a rule can
                # still read the literal parts (a policy's Effect) and must not guess the others.
                return Unknown(json.dumps(_placeholders(resolved)))
            return json.dumps(resolved)
        m = _CONVERSION.fullmatch(expr)
        if m:  # toset/tolist/tomap of a literal or of a resolvable expression
            try:
                inner = self.value(ast.literal_eval(m.group(2)))
            except (ValueError, SyntaxError):
                inner = self.expression(m.group(2), raw)
            if m.group(1) == "toset" and isinstance(inner, list) and not _has_unknown(inner):
                return list(dict.fromkeys(inner)) if all(isinstance(v, str) for v in inner) else Unknown(raw)
            return inner if isinstance(inner, (list, dict)) else Unknown(raw)
        if expr in ("true", "false"):
            return expr == "true"
        if "?" in expr or "==" in expr or "!" in expr:
            return _Condition(self, expr, raw).result()
        return Unknown(raw)


_COND_TOKEN = re.compile(r"""\s*(?:
    (?P<str>"[^"\\]*")
  | (?P<num>-?[0-9]+(?:\.[0-9]+)?(?![\w.]))
  | (?P<ref>[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\[\]]*\])*)
  | (?P<op>==|!=|[?:!])
  | (?P<end>$)
  | (?P<other>.)
)""", re.VERBOSE | re.DOTALL)
# Literals as the HCL tree renders them inside expressions (Python's names) and as written.
_COND_LITERALS = {"true": True, "false": False, "null": None, "True": True, "False": False, "None": None}


class _Condition:
    """The subset of conditional expressions resolved from the code: `A ? B : C` (C may chain another
    conditional), `X == Y`, `X != Y`, `!X`, over literals and references. Anything else (function
    calls, arithmetic, && / ||, comparisons of order) stays unknown: the HCL tree drops parentheses,
    so only shapes that read one way are evaluated."""

    def __init__(self, resolver: Resolver, expr: str, raw: str):
        self.resolver, self.raw = resolver, raw
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while True:
            m = _COND_TOKEN.match(expr, pos)
            assert m and m.lastgroup
            if m.lastgroup == "end":
                break
            self.tokens.append((m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
        self.i = 0

    def result(self) -> Any:
        if any(kind == "other" for kind, _ in self.tokens):
            return Unknown(self.raw)
        try:
            value = self.conditional()
        except _NotEvaluated:
            return Unknown(self.raw)
        return value if self.i == len(self.tokens) else Unknown(self.raw)

    def _next_is(self, op: str) -> bool:
        return self.i < len(self.tokens) and self.tokens[self.i] == ("op", op)

    def conditional(self) -> Any:
        cond = self.comparison()
        if not self._next_is("?"):
            return cond
        self.i += 1
        then = self.operand()
        if not self._next_is(":"):
            raise _NotEvaluated
        self.i += 1
        other = self.conditional()
        if not isinstance(cond, bool):
            raise _NotEvaluated
        chosen = then if cond else other
        if isinstance(chosen, Unknown):
            raise _NotEvaluated
        return chosen

    def comparison(self) -> Any:
        left = self.unary()
        for op in ("==", "!="):
            if self._next_is(op):
                self.i += 1
                right = self.unary()
                if _has_unknown(left) or _has_unknown(right):
                    raise _NotEvaluated
                return (left == right and _same_type(left, right)) == (op == "==")
        return left

    def unary(self) -> Any:
        if self._next_is("!"):
            self.i += 1
            value = self.operand()
            if not isinstance(value, bool):
                raise _NotEvaluated
            return not value
        return self.operand()

    def operand(self) -> Any:
        if self.i >= len(self.tokens):
            raise _NotEvaluated
        kind, text = self.tokens[self.i]
        self.i += 1
        if kind == "str":
            return self.resolver.string(text[1:-1]) if "${" in text else text[1:-1]
        if kind == "num":
            return float(text) if "." in text else int(text)
        if kind == "ref":
            if text in _COND_LITERALS:
                return _COND_LITERALS[text]
            trav = split_traversal(text)
            if trav is not None:
                return self.resolver.lookup(*trav)
        raise _NotEvaluated


def _same_type(a: Any, b: Any) -> bool:
    """Terraform compares values of one type: numbers are one type, bools and strings others."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return True
    return type(a) is type(b)


class _NotEvaluated(Exception):
    """The expression is outside the evaluated subset, or depends on an unknown value."""


def _has_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, dict):
        return any(_has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_unknown(v) for v in value)
    return False


def _placeholders(value: Any) -> Any:
    """A resolved tree with each Unknown replaced by its raw text in "${...}"."""
    if isinstance(value, Unknown):
        return value.raw if value.raw.startswith("${") else "${" + value.raw + "}"
    if isinstance(value, dict):
        return {k: _placeholders(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_placeholders(v) for v in value]
    return value


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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
