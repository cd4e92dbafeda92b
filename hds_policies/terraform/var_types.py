"""A variable's value converted to its declared type, as Terraform does before the module sees it:
attributes declared `optional(...)` that the value leaves out are null, or the optional default
(nested objects included). Real modules (Azure Verified Modules, terraform-google-modules) read
such attributes everywhere (`each.value.location != null ? … : var.location`)."""

from __future__ import annotations

from typing import Any

from ..model import Unknown
from .hcl_eval import EvalError, Evaluator, parse, parse_template


def type_tree(raw: Any) -> tuple | None:
    """The parsed type constraint of a `variable` block's `type`, or None."""
    if not isinstance(raw, str):
        return None
    try:
        parts = parse_template(raw)
    except EvalError:
        return None
    if len(parts) == 1 and not isinstance(parts[0], str):
        return _inner(parts[0][1])
    try:
        return _inner(parse(raw))
    except EvalError:
        return None


def _inner(tree: tuple) -> tuple:
    """A nested type rendered as a template ('${optional(string)}') is the expression inside it."""
    if tree[0] == "tpl" and len(tree[1]) == 1 and not isinstance(tree[1][0], str):
        return _inner(tree[1][0][1])
    return tree


_LITERALS = Evaluator(lambda root, rest: Unknown(root))


def convert(value: Any, tree: tuple | None) -> Any:
    """`value` with the optional attributes of object types filled in (other types unchanged)."""
    if tree is None or value is None or isinstance(value, Unknown):
        return value
    if tree[0] != "call":
        return value
    name, args = tree[1], tree[2]
    if name == "optional" and args:
        return convert(value, _inner(args[0]))
    if name in ("map", "list", "set") and args:
        element = _inner(args[0])
        if isinstance(value, dict) and name == "map":
            return {k: convert(v, element) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, element) for v in value]
        return value
    if name == "object" and args and _inner(args[0])[0] == "obj" and isinstance(value, dict):
        out = dict(value)
        for key_tree, attr_tree in _inner(args[0])[1]:
            key = key_tree[1] if key_tree[0] in ("name", "lit") else None
            if not isinstance(key, str):
                continue
            attr_type = _inner(attr_tree)
            if key in out:
                out[key] = convert(out[key], attr_type)
            elif attr_type[0] == "call" and attr_type[1] == "optional":
                default = None
                if len(attr_type[2]) > 1:
                    try:
                        default = _LITERALS.eval(attr_type[2][1])
                    except EvalError:
                        default = Unknown("optional default")
                out[key] = convert(default, _inner(attr_type[2][0]))
        return out
    return value
