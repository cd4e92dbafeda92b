"""Terraform expressions as Terraform evaluates them, over the text the HCL tree holds.

The HCL reader renders every expression as text ("${var.a && var.b}"); the loader reads the tree
with parentheses kept (`hcl_parser.loads(..., keep_parens=True)`), so operator precedence is the
source's. Inside function calls and conditionals the tree renders nested literals as Python reprs
(`['a', '${var.x}']`, `None`, `True`); both spellings are read here.

`parse(text)` gives a small tuple tree (cached); `Evaluator(lookup).eval(tree, scope)` computes its
value: literals, Unknown where the code does not determine it, and sensitive marks carried through
every operator and function (model.mark_sensitive). An expression that would be an error in
Terraform raises EvalError, which `try` and `can` catch and the caller turns into Unknown.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..model import Unknown, is_sensitive, mark_sensitive

Lookup = Callable[[str, list[str]], Any]  # (root "var.x" / "aws_s3_bucket.b" / ..., path) -> value


class EvalError(Exception):
    """The expression is an error in Terraform (missing key, wrong type), or outside what we read."""


class ParseError(EvalError):
    """The text is not an expression this reader understands."""


# --- tokens --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<id>[A-Za-z_][A-Za-z0-9_-]*(?:::[A-Za-z_][A-Za-z0-9_-]*)*)
  | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|\.\*|\[\*\]|[=\{\}\[\]\(\),.?:+\-*/%<>!])
  | (?P<dq>")
  | (?P<sq>')
  | (?P<end>$)
)""", re.VERBOSE | re.DOTALL)

_PY_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0"}
_HCL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos, n = 0, len(text)
    while True:
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ParseError(f"unexpected {text[pos:pos + 10]!r}")
        kind = m.lastgroup
        if kind == "end":
            out.append(("end", None))
            return out
        if kind == "dq":  # an HCL template: up to the matching quote, interpolations included
            end = _template_end(text, m.end() - 1)
            out.append(("tpl", (_template(text[m.end():end], hcl=True), text[m.end():end])))
            pos = end + 1
            continue
        if kind == "sq":  # a Python repr string (nested literal): escapes, content is a template
            i, buf = m.end(), []
            while i < n and text[i] != "'":
                if text[i] == "\\" and i + 1 < n:
                    buf.append(_PY_ESCAPES.get(text[i + 1], "\\" + text[i + 1]))
                    i += 2
                else:
                    buf.append(text[i])
                    i += 1
            if i >= n:
                raise ParseError("unterminated string")
            out.append(("tpl", (_template("".join(buf), hcl=False), "".join(buf))))
            pos = i + 1
            continue
        value = m.group(kind)
        out.append((kind, value))
        pos = m.end()


def _template_end(text: str, start: int) -> int:
    """Offset of the quote closing the HCL template opened at `start`."""
    i, n = start + 1, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i
        if c in "$%" and text.startswith("{", i + 1):
            if text.startswith(c + c + "{", i - 1):  # $${ is a literal
                i += 2
                continue
            i = _interp_end(text, i + 1) + 1
            continue
        i += 1
    raise ParseError("unterminated template")


def _interp_end(text: str, start: int) -> int:
    """Offset of the `}` closing the `{` at `start`, skipping nested braces and strings."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == '"':
            i = _template_end(text, i)
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j
        i += 1
    raise ParseError("unterminated interpolation")


def _template(content: str, hcl: bool) -> tuple:
    """A template's parts: literal text and ("expr", tree) interpolations."""
    parts: list[Any] = []
    buf: list[str] = []
    i, n = 0, len(content)
    while i < n:
        c = content[i]
        if c == "\\" and hcl and i + 1 < n:
            buf.append(_HCL_ESCAPES.get(content[i + 1], "\\" + content[i + 1]))
            i += 2
            continue
        if c in "$%" and content.startswith(c + c + "{", i):
            buf.append(c + "{")
            i += 3
            continue
        if c in "$%" and content.startswith("{", i + 1):
            end = _interp_end(content, i + 1)
            if c == "%":
                raise ParseError("template directive")
            if buf:
                parts.append("".join(buf))
                buf = []
            inner = content[i + 2:end].strip().lstrip("~").rstrip("~")
            parts.append(("expr", _parse(inner)))
            i = end + 1
            continue
        buf.append(c)
        i += 1
    if buf:
        parts.append("".join(buf))
    return tuple(parts)


# --- parser --------------------------------------------------------------------------------------

_BINARY = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]
_LITERALS = {"true": True, "false": False, "null": None, "True": True, "False": False, "None": None}


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, Any]:
        return self.toks[self.i]

    def take(self) -> tuple[str, Any]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, op: str) -> bool:
        kind, value = self.toks[self.i]
        return kind == "op" and value == op

    def expect(self, op: str) -> None:
        if not self.at(op):
            raise ParseError(f"expected {op!r}")
        self.i += 1

    def expression(self) -> tuple:
        cond = self.binary(0)
        if self.at("?"):
            self.i += 1
            then = self.expression()
            self.expect(":")
            other = self.expression()
            return ("cond", cond, then, other)
        return cond

    def binary(self, level: int) -> tuple:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in _BINARY[level]:
            op = self.take()[1]
            right = self.binary(level + 1)
            left = ("bin", op, left, right)
        return left

    def unary(self) -> tuple:
        if self.at("!") or self.at("-"):
            op = self.take()[1]
            return ("un", op, self.unary())
        return self.postfix(self.primary())

    def postfix(self, base: tuple) -> tuple:
        steps: list[tuple] = []
        while True:
            kind, value = self.peek()
            if kind != "op":
                break
            if value == ".":
                self.i += 1
                k, v = self.take()
                if k == "id":
                    steps.append(("attr", v))
                elif k == "num" and v.isdigit():
                    steps.append(("index", ("lit", int(v))))
                else:
                    raise ParseError("attribute access")
            elif value == "[":
                self.i += 1
                steps.append(("index", self.expression()))
                self.expect("]")
            elif value in ("[*]", ".*"):
                self.i += 1
                steps.append(("splat",))
            else:
                break
        if not steps:
            return base
        return ("post", base, tuple(steps))

    def primary(self) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("lit", float(value) if any(c in value for c in ".eE") else int(value))
        if kind == "tpl":
            parts, raw = value
            if all(isinstance(p, str) for p in parts):
                return ("lit", "".join(parts))
            return ("tpl", parts, raw)
        if kind == "id":
            if self.at("("):
                self.i += 1
                args = []
                while not self.at(")"):
                    args.append(self.expression())
                    if self.at(",") or self.at("..."):
                        self.i += 1
                self.i += 1
                return ("call", value.split("::")[-1], tuple(args))
            if value in _LITERALS:
                return ("lit", _LITERALS[value])
            return ("name", value)
        if kind == "op":
            if value == "(":
                inner = self.expression()
                self.expect(")")
                return inner
            if value == "[":
                if self.peek() == ("id", "for"):
                    return self.for_expr("]")
                items = []
                while not self.at("]"):
                    items.append(self.expression())
                    if self.at(","):
                        self.i += 1
                self.i += 1
                return ("list", tuple(items))
            if value == "{":
                if self.peek() == ("id", "for"):
                    return self.for_expr("}")
                pairs = []
                while not self.at("}"):
                    kind2, key = self.peek()
                    if kind2 == "id" and self.toks[self.i + 1] in (("op", "="), ("op", ":")):
                        self.i += 1
                        ktree: tuple = ("lit", key)
                    else:
                        ktree = self.expression()
                    if not (self.at("=") or self.at(":")):
                        raise ParseError("object key")
                    self.i += 1
                    pairs.append((ktree, self.expression()))
                    if self.at(","):
                        self.i += 1
                self.i += 1
                return ("obj", tuple(pairs))
        raise ParseError(f"unexpected {value!r}")

    def for_expr(self, closing: str) -> tuple:
        self.i += 1  # for
        names = []
        while not (self.peek() == ("id", "in")):
            kind, value = self.take()
            if kind == "id":
                names.append(value)
            elif (kind, value) != ("op", ","):
                raise ParseError("for expression")
        self.i += 1  # in
        coll = self.expression()
        self.expect(":")
        key = None
        if closing == "}":
            key = self.expression()
            self.expect("=>")
        value = self.expression()
        group = False
        if self.at("..."):
            self.i += 1
            group = True
        cond = None
        if self.peek() == ("id", "if"):
            self.i += 1
            cond = self.expression()
        self.expect(closing)
        if len(names) not in (1, 2):
            raise ParseError("for expression")
        return ("for", tuple(names), coll, key, value, cond, group)


@lru_cache(maxsize=1024)
def _parse(text: str) -> tuple:
    p = _Parser(text)
    tree = p.expression()
    if p.peek()[0] != "end":
        raise ParseError(f"unexpected {p.peek()[1]!r}")
    return tree


@lru_cache(maxsize=1024)
def parse_template(raw: str) -> tuple:
    """An attribute string of the HCL tree ("a-${var.x}", "${var.x}") as template parts."""
    return _template(raw, hcl=False)


# --- values --------------------------------------------------------------------------------------


def has_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return False


def _marked(result: Any, *inputs: Any) -> Any:
    """The result carries the marks of its inputs (Terraform propagates sensitivity)."""
    return mark_sensitive(result) if any(is_sensitive(i) for i in inputs) else result


def to_str(value: Any) -> str:
    """A primitive as Terraform converts it to a string (without its mark: callers re-mark)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return int.__repr__(int(value)) if value.is_integer() else float.__repr__(value)
    raise EvalError("not a string")


def _num(value: Any) -> float | int:
    if isinstance(value, bool):
        raise EvalError("not a number")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return int(value) if re.fullmatch(r"-?\d+", value) else float(value)
        except ValueError:
            raise EvalError("not a number") from None
    raise EvalError("not a number")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise EvalError("not a bool")


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    return (type(a) is type(b) or (isinstance(a, str) and isinstance(b, str))) and a == b


def _collection(value: Any) -> list[tuple[Any, Any]]:
    """(key, value) pairs of a list (index, element) or map (key, value)."""
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        return list(enumerate(value))
    raise EvalError("not a collection")


def _step(value: Any, key: Any) -> Any:
    """value[key] / value.key with Terraform's errors (a missing key is an error, not unknown)."""
    if isinstance(value, Unknown):
        return value
    if isinstance(key, Unknown):
        candidates = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else []
        return Unknown(f"index {key}", _options(*candidates) if candidates else None)
    if isinstance(value, dict):
        k = key if isinstance(key, str) else to_str(key)
        if k in value:
            return value[k]
        raise EvalError(f"no key {k!r}")
    if isinstance(value, list):
        if isinstance(key, str) and not key.lstrip("-").isdigit():
            if value and isinstance(value[0], dict):  # a nested block list read as one block
                return _step(value[0], key)
            raise EvalError("attribute of a list")
        idx = int(_num(key))
        if 0 <= idx < len(value):
            return value[idx]
        raise EvalError("index out of range")
    if value is None:
        raise EvalError("attribute of null")
    raise EvalError("attribute of a primitive")


# --- evaluator -----------------------------------------------------------------------------------

_LOCAL_ROOTS = ("var", "local", "each", "count")
_TWO_PART = {"data"}
_ONE_PART = {"var", "local", "module", "each", "count", "path", "self", "terraform"}


class Evaluator:
    """Evaluates parsed expressions against a lookup of roots (var., local., resources …)."""

    def __init__(self, lookup: Lookup):
        self.lookup = lookup

    def eval(self, tree: tuple, scope: dict[str, Any] | None = None) -> Any:
        kind = tree[0]
        method = getattr(self, "_" + kind)
        return method(tree, scope or {})

    # literals and templates
    def _lit(self, tree: tuple, scope: dict) -> Any:
        return tree[1]

    def _tpl(self, tree: tuple, scope: dict) -> Any:
        return self.template(tree[1], scope, tree[2])

    def template(self, parts: tuple, scope: dict, raw: str = "template") -> Any:
        if len(parts) == 1 and not isinstance(parts[0], str):
            return self.eval(parts[0][1], scope)
        out, marked = [], False
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = self.eval(part[1], scope)
            if has_unknown(value):
                return Unknown(raw)
            if value is None:
                raise EvalError("null in a template")
            marked = marked or is_sensitive(value)
            out.append(to_str(value))
        text = "".join(out)
        return mark_sensitive(text) if marked else text

    def _list(self, tree: tuple, scope: dict) -> Any:
        return [self.eval(t, scope) for t in tree[1]]

    def _obj(self, tree: tuple, scope: dict) -> Any:
        out = {}
        for ktree, vtree in tree[1]:
            if ktree[0] == "name":  # {a = 1}: a bare name is the key itself
                key: Any = ktree[1]
            else:
                key = self.eval(ktree, scope)
            if isinstance(key, Unknown):
                return Unknown("object")
            out[to_str(key)] = self.eval(vtree, scope)
        return out

    # references
    def _name(self, tree: tuple, scope: dict) -> Any:
        return self._traversal(tree[1], (), scope)

    def _post(self, tree: tuple, scope: dict) -> Any:
        base, steps = tree[1], tree[2]
        if base[0] == "name":
            return self._traversal(base[1], steps, scope)
        return self._apply(self.eval(base, scope), steps, scope)

    def _traversal(self, head: str, steps: tuple, scope: dict) -> Any:
        if head in scope:
            return self._apply(scope[head], steps, scope)
        n = 2 if head in _TWO_PART else 1
        names: list[str] = []
        i = 0
        while i < len(steps) and len(names) < n and steps[i][0] == "attr":
            names.append(steps[i][1])
            i += 1
        if len(names) < n and head in _ONE_PART | _TWO_PART:
            raise EvalError(f"incomplete reference {head}")
        root = ".".join([head, *names])
        if root in scope:  # iterator bindings: ipc.value, each.value
            return self._apply(scope[root], steps[i:], scope)
        rest = steps[i:]
        if head in _LOCAL_ROOTS:
            return self._apply(self.lookup(root, []), rest, scope)
        static: list[str] = []
        for j, step in enumerate(rest):
            if step[0] == "attr":
                static.append(step[1])
                continue
            if step[0] == "index":
                key = self.eval(step[1], scope)  # aws_x.y[each.key]: the instance, by its key
                if isinstance(key, (str, int)) and not isinstance(key, bool):
                    static.append(to_str(key))
                    continue
            return self._apply(self.lookup(root, static), rest[j:], scope)
        return self.lookup(root, static)

    def _apply(self, value: Any, steps: tuple, scope: dict) -> Any:
        for j, step in enumerate(steps):
            if isinstance(value, Unknown):
                return value
            if step[0] == "splat":
                if value is None:
                    return []
                items = value if isinstance(value, list) else [value]
                return [self._apply(item, steps[j + 1:], scope) for item in items]
            key = step[1] if step[0] == "attr" else self.eval(step[1], scope)
            value = _marked(_step(value, key), key) if is_sensitive(key) else _step(value, key)
        return value

    # operators
    def _un(self, tree: tuple, scope: dict) -> Any:
        value = self.eval(tree[2], scope)
        if isinstance(value, Unknown):
            return value
        result = (not _bool(value)) if tree[1] == "!" else -_num(value)
        return _marked(result, value)

    def _bin(self, tree: tuple, scope: dict) -> Any:
        op = tree[1]
        left = self.eval(tree[2], scope)
        if op in ("&&", "||"):
            # A known false (&&) or true (||) on either side decides, whatever the other side is.
            if not isinstance(left, Unknown) and _bool(left) == (op == "||"):
                return left
            right = self.eval(tree[3], scope)
            if not isinstance(right, Unknown) and _bool(right) == (op == "||"):
                return right
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return Unknown(op)
            return _bool(right)
        right = self.eval(tree[3], scope)
        if has_unknown(left) or has_unknown(right):
            return Unknown(op)
        if op == "==":
            return _equal(left, right)
        if op == "!=":
            return not _equal(left, right)
        a, b = _num(left), _num(right)
        if op == "<":
            result: Any = a < b
        elif op == ">":
            result = a > b
        elif op == "<=":
            result = a <= b
        elif op == ">=":
            result = a >= b
        elif op == "+":
            result = a + b
        elif op == "-":
            result = a - b
        elif op == "*":
            result = a * b
        elif op == "/":
            if b == 0:
                raise EvalError("division by zero")
            result = a / b
            if isinstance(result, float) and result.is_integer():
                result = int(result)
        else:
            if b == 0:
                raise EvalError("division by zero")
            result = math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else int(math.fmod(a, b))
        return _marked(result, left, right)

    def _cond(self, tree: tuple, scope: dict) -> Any:
        cond = self.eval(tree[1], scope)
        if isinstance(cond, Unknown):
            then, other = self._quiet(tree[2], scope), self._quiet(tree[3], scope)
            if not has_unknown(then) and not has_unknown(other) and _same(then, other):
                return then  # both branches give the same value: the condition does not matter
            return Unknown("?", _options(then, other))
        chosen = self.eval(tree[2] if _bool(cond) else tree[3], scope)
        return _marked(chosen, cond)

    def _quiet(self, tree: tuple, scope: dict) -> Any:
        try:
            return self.eval(tree, scope)
        except EvalError:
            return Unknown("error")

    def _for(self, tree: tuple, scope: dict) -> Any:
        names, coll_tree, key_tree, value_tree, cond_tree, group = tree[1:]
        coll = self.eval(coll_tree, scope)
        if isinstance(coll, Unknown):
            return coll
        if coll is None:
            raise EvalError("for over null")
        pairs = _collection(coll)
        out_list: list[Any] = []
        out_map: dict[str, Any] = {}
        for k, v in pairs:
            inner = dict(scope)
            if len(names) == 2:
                inner[names[0]], inner[names[1]] = k, v
            else:
                inner[names[0]] = v
            if cond_tree is not None:
                c = self.eval(cond_tree, inner)
                if isinstance(c, Unknown):
                    return Unknown("for")
                if not _bool(c):
                    continue
            value = self.eval(value_tree, inner)
            if key_tree is None:
                out_list.append(value)
                continue
            key = self.eval(key_tree, inner)
            if isinstance(key, Unknown):
                return Unknown("for")
            key = to_str(key)
            if group:
                out_map.setdefault(key, []).append(value)
            elif key in out_map:
                raise EvalError("duplicate key in for")
            else:
                out_map[key] = value
        return out_list if key_tree is None else out_map

    # functions
    def _call(self, tree: tuple, scope: dict) -> Any:
        name, arg_trees = tree[1], tree[2]
        if name == "try":
            for t in arg_trees:
                try:
                    value = self.eval(t, scope)
                except EvalError:
                    continue
                return value
            raise EvalError("try: no argument succeeded")
        if name == "can":
            try:
                value = self.eval(arg_trees[0], scope)
            except EvalError:
                return False
            return Unknown("can") if has_unknown(value) else True
        func = FUNCTIONS.get(name)
        if func is None:
            raise EvalError(f"function {name} not evaluated")
        args = [self.eval(t, scope) for t in arg_trees]
        if name not in STRUCTURAL and any(has_unknown(a) for a in args):
            return Unknown(name)
        try:
            result = func(*args)
        except (TypeError, ValueError, OverflowError, ZeroDivisionError) as exc:
            # Arguments the function does not take (`lower("a", "b")`, `abs("x")`): Terraform rejects the
            # call ("Invalid function argument"); here, like any expression not evaluated.
            raise EvalError(f"{name}: {exc}") from None
        if name == "nonsensitive":
            return result
        return _marked(result, *args)


def _options(*values: Any) -> tuple[Any, ...] | None:
    """The candidates of a value the code narrows to a few primitives (flattening nested choices)."""
    out: list[Any] = []
    for v in values:
        if isinstance(v, Unknown):
            if v.options is None:
                return None
            out.extend(v.options)
        elif isinstance(v, (str, int, float)) and not isinstance(v, bool) or isinstance(v, bool):
            out.append(v)
        else:
            return None
    return tuple(dict.fromkeys(out)) or None


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


# --- functions -----------------------------------------------------------------------------------


def _length(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    if isinstance(v, str):
        return len(v)
    if isinstance(v, (list, dict)):
        return len(v)
    raise EvalError("length of a primitive")


def _coalesce(*args: Any) -> Any:
    for a in args:
        if isinstance(a, Unknown):
            return a
        if a is not None and a != "":
            return a
    raise EvalError("coalesce: no non-null argument")


def _coalescelist(*args: Any) -> Any:
    for a in args:
        if isinstance(a, Unknown):
            return a
        if not isinstance(a, list):
            raise EvalError("coalescelist of a non-list")
        if a:
            return a
    raise EvalError("coalescelist: all empty")


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    if isinstance(m, Unknown) or isinstance(key, Unknown):
        return Unknown("lookup")
    if not isinstance(m, dict):
        raise EvalError("lookup of a non-map")
    k = to_str(key)
    if k in m:
        return m[k]
    if default:
        return default[0]
    raise EvalError("lookup: no such key")


def _merge(*maps: Any) -> Any:
    out: dict[str, Any] = {}
    for m in maps:
        if isinstance(m, Unknown):
            return m
        if m is None:
            continue
        if not isinstance(m, dict):
            raise EvalError("merge of a non-map")
        out.update(m)
    return out


def _concat(*lists: Any) -> Any:
    out: list[Any] = []
    for v in lists:
        if isinstance(v, Unknown):
            return v
        if not isinstance(v, list):
            raise EvalError("concat of a non-list")
        out.extend(v)
    return out


def _element(v: Any, index: Any) -> Any:
    if isinstance(v, Unknown):
        return Unknown("element")
    if isinstance(index, Unknown):  # an index known only after apply (random_integer): one of them
        return Unknown("element", _options(*v) if isinstance(v, list) else None)
    if not isinstance(v, list) or not v:
        raise EvalError("element of an empty or non-list")
    return v[int(_num(index)) % len(v)]


def _one(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    if not isinstance(v, list) or len(v) > 1:
        raise EvalError("one: more than one element")
    return v[0] if v else None


def _keys(m: Any) -> Any:
    if isinstance(m, Unknown):
        return m
    if not isinstance(m, dict):
        raise EvalError("keys of a non-map")
    return sorted(m)


def _values(m: Any) -> Any:
    if isinstance(m, Unknown):
        return m
    if not isinstance(m, dict):
        raise EvalError("values of a non-map")
    return [m[k] for k in sorted(m)]


def _contains(v: Any, x: Any) -> Any:
    if isinstance(v, Unknown) or has_unknown(x):
        return Unknown("contains")
    if not isinstance(v, list):
        raise EvalError("contains of a non-list")
    if any(not isinstance(e, Unknown) and _equal(e, x) for e in v):
        return True
    return Unknown("contains") if has_unknown(v) else False


def _tolist(v: Any) -> Any:
    if isinstance(v, Unknown) or isinstance(v, list):
        return v
    if v is None:
        return None
    raise EvalError("tolist of a non-list")


def _toset(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    if not isinstance(v, list):
        raise EvalError("toset of a non-list")
    if has_unknown(v):
        return Unknown("toset")
    out: list[Any] = []
    for e in v:
        if isinstance(e, (dict, list)):
            if e not in out:
                out.append(e)
        elif not any(_equal(e, o) for o in out):
            out.append(e)
    return out


def _tomap(v: Any) -> Any:
    if isinstance(v, Unknown) or isinstance(v, dict) or v is None:
        return v
    raise EvalError("tomap of a non-map")


def _flatten(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    if not isinstance(v, list):
        raise EvalError("flatten of a non-list")
    out: list[Any] = []
    for e in v:
        if isinstance(e, Unknown):
            return Unknown("flatten")
        if isinstance(e, list):
            inner = _flatten(e)
            if isinstance(inner, Unknown):
                return inner
            out.extend(inner)
        else:
            out.append(e)
    return out


def _compact(v: Any) -> Any:
    if not isinstance(v, list):
        raise EvalError("compact of a non-list")
    return [e for e in v if e is not None and e != ""]


def _join(sep: Any, *lists: Any) -> Any:
    items: list[str] = []
    for v in lists:
        if not isinstance(v, list):
            raise EvalError("join of a non-list")
        items.extend(to_str(e) for e in v)
    return to_str(sep).join(items)


def _split(sep: Any, s: Any) -> Any:
    return to_str(s).split(to_str(sep))


_FORMAT_VERB = re.compile(r"%(?:%|([-+ #0]*)(\d+)?(?:\.(\d+))?([vsdqtfeg]))")


def _format(fmt: Any, *args: Any) -> Any:
    """Terraform's format(): the verbs real code uses, with flags, width and precision."""
    values = list(args)
    out = []
    pos = 0
    text = to_str(fmt)
    for m in _FORMAT_VERB.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        if m.group(0) == "%%":
            out.append("%")
            continue
        if not values:
            raise EvalError("format: too few arguments")
        v = values.pop(0)
        flags, width, prec, verb = m.group(1) or "", m.group(2) or "", m.group(3), m.group(4)
        align = "<" if "-" in flags else ">"
        if verb == "d":
            zero = "0" if "0" in flags and "-" not in flags else ""
            sign = "+" if "+" in flags else ""
            out.append(format(int(_num(v)), f"{sign}{zero}{width}d"))
            continue
        if verb in ("f", "e", "g"):
            piece = format(float(_num(v)), f".{prec or 6}{verb}")
        elif verb == "q":
            piece = json.dumps(to_str(v))
        elif verb == "t":
            piece = to_str(_bool(v))
        elif isinstance(v, (dict, list)):
            piece = json.dumps(_plain(v))
        else:
            piece = to_str(v)
        out.append(format(piece, f"{align}{width}") if width else piece)
    out.append(text[pos:])
    return "".join(out)


def _replace(s: Any, old: Any, new: Any) -> Any:
    s, old, new = to_str(s), to_str(old), to_str(new)
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        try:
            return re.sub(old[1:-1], re.sub(r"\$\{?(\w+)\}?", r"\\g<\1>", new), s)
        except re.error:
            raise EvalError("replace: regular expression") from None
    return s.replace(old, new)


def _tostring(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        raise EvalError("tostring of a collection")
    return to_str(v)


def _tobool(v: Any) -> Any:
    return None if v is None else _bool(v)


def _tonumber(v: Any) -> Any:
    return None if v is None else _num(v)


def _jsonencode(v: Any) -> Any:
    if has_unknown(v):
        # Keep the document's shape, its unresolved parts as "${...}" text, so a rule can still
        # read the literal parts (a policy's Effect) and must not guess the others.
        return Unknown(json.dumps(_placeholders(v)))
    return json.dumps(_plain(v), separators=(",", ":"))


def _plain(v: Any) -> Any:
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return int.__int__(v)
    if isinstance(v, float):
        return float.__float__(v)
    if isinstance(v, list):
        return [_plain(e) for e in v]
    if isinstance(v, dict):
        return {k: _plain(e) for k, e in v.items()}
    return v


def _placeholders(value: Any) -> Any:
    if isinstance(value, Unknown):
        return value.raw if value.raw.startswith("${") else "${" + value.raw + "}"
    if isinstance(value, dict):
        return {k: _placeholders(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_placeholders(v) for v in value]
    return _plain(value)


def _jsondecode(s: Any) -> Any:
    try:
        return json.loads(to_str(s))
    except ValueError:
        raise EvalError("jsondecode: not JSON") from None


def _slice(v: Any, start: Any, end: Any) -> Any:
    if not isinstance(v, list):
        raise EvalError("slice of a non-list")
    return v[int(_num(start)):int(_num(end))]


def _range(*args: Any) -> Any:
    nums = [int(_num(a)) for a in args]
    if len(nums) > 3 or not nums:
        raise EvalError("range: arguments")
    out = list(range(*nums))
    if len(out) > 1024:
        raise EvalError("range too long")
    return out


def _zipmap(keys: Any, values: Any) -> Any:
    if not isinstance(keys, list) or not isinstance(values, list) or len(keys) != len(values):
        raise EvalError("zipmap: lists of one length")
    return {to_str(k): v for k, v in zip(keys, values, strict=True)}


def _substr(s: Any, offset: Any, length: Any) -> Any:
    text, off, ln = to_str(s), int(_num(offset)), int(_num(length))
    if off < 0:
        off += len(text)
    return text[off:] if ln < 0 else text[off:off + ln]


def _str1(f: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda s: f(to_str(s))


def _sensitive(v: Any) -> Any:
    return mark_sensitive(v)


def _nonsensitive(v: Any) -> Any:
    return _plain(v)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "coalesce": _coalesce, "coalescelist": _coalescelist, "lookup": _lookup, "merge": _merge,
    "concat": _concat, "element": _element, "one": _one, "length": _length, "contains": _contains,
    "keys": _keys, "values": _values, "join": _join, "split": _split, "format": _format,
    "lower": _str1(str.lower), "upper": _str1(str.upper), "title": _str1(str.title),
    "trimspace": _str1(str.strip), "replace": _replace, "tostring": _tostring, "tobool": _tobool,
    "tonumber": _tonumber, "toset": _toset, "tolist": _tolist, "tomap": _tomap, "flatten": _flatten,
    "distinct": _toset, "compact": _compact, "jsonencode": _jsonencode, "jsondecode": _jsondecode,
    "slice": _slice, "range": _range, "zipmap": _zipmap, "substr": _substr,
    "reverse": lambda v: list(reversed(v)) if isinstance(v, list) else _fail("reverse"),
    "sort": lambda v: sorted(to_str(e) for e in v) if isinstance(v, list) else _fail("sort"),
    "min": lambda *a: min(_num(x) for x in a), "max": lambda *a: max(_num(x) for x in a),
    "abs": lambda x: abs(_num(x)), "ceil": lambda x: math.ceil(_num(x)), "floor": lambda x: math.floor(_num(x)),
    "trimprefix": lambda s, p: to_str(s).removeprefix(to_str(p)),
    "trimsuffix": lambda s, p: to_str(s).removesuffix(to_str(p)),
    "trim": lambda s, c: to_str(s).strip(to_str(c)),
    "startswith": lambda s, p: to_str(s).startswith(to_str(p)),
    "endswith": lambda s, p: to_str(s).endswith(to_str(p)),
    "strcontains": lambda s, p: to_str(p) in to_str(s),
    "formatlist": lambda f, *a: _formatlist(f, *a), "setunion": lambda *a: _toset(_concat(*a)),
    "sensitive": _sensitive, "nonsensitive": _nonsensitive, "index": lambda v, x: _index(v, x),
    "alltrue": lambda v: all(_bool(e) for e in v), "anytrue": lambda v: any(_bool(e) for e in v),
    "sum": lambda v: sum(_num(e) for e in v),
}
# Functions that look inside their arguments and can answer with unknown elements present.
STRUCTURAL = frozenset({"length", "concat", "merge", "lookup", "element", "keys", "one", "coalesce",
                        "coalescelist", "tolist", "tomap", "flatten", "contains", "jsonencode", "sensitive",
                        "toset", "distinct", "values"})


def _fail(name: str) -> Any:
    raise EvalError(f"{name}: wrong argument")


def _index(v: Any, x: Any) -> Any:
    if not isinstance(v, list):
        raise EvalError("index of a non-list")
    for i, e in enumerate(v):
        if _equal(e, x):
            return i
    raise EvalError("index: not found")


def _formatlist(fmt: Any, *args: Any) -> Any:
    lengths = {len(a) for a in args if isinstance(a, list)}
    if len(lengths) > 1:
        raise EvalError("formatlist: lists of different lengths")
    n = lengths.pop() if lengths else 1
    return [_format(fmt, *[a[i] if isinstance(a, list) else a for a in args]) for i in range(n)]


def parse(text: str) -> tuple:
    """The tree of one expression (without its ${ }); ParseError when it is not one we read."""
    return _parse(text)
