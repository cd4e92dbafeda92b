"""The shape of a parsed .tf file, checked once where files are parsed: blocks the loader walks have the
labels and bodies Terraform requires, so a block with a missing label or an attribute where a block
belongs (`required_providers = 5`) is one clear error naming the file and the block, never a crash.

The tree is the reference parser's (hcl_parser.py): a body maps each name to a list of values;
a labelled block nests one dict per label around its body.
"""

from __future__ import annotations

from typing import Any

from .packed import Packed

# Top-level blocks the loader reads, and how many labels Terraform requires on each.
LABELS = {"resource": 2, "data": 2, "module": 1, "provider": 1, "variable": 1, "output": 1,
          "locals": 0, "terraform": 0}


class ShapeError(ValueError):
    """The tree is not what valid Terraform parses into; the message names the block."""


def _is_body(value: Any) -> bool:
    """A block body: every attribute and nested block is a list (lines are ints under "__" keys)."""
    return isinstance(value, dict) and all(
        isinstance(v, list) for k, v in value.items() if not (isinstance(k, str) and k.startswith("__")))


def check(doc: Any) -> None:
    """ShapeError naming the first block that valid Terraform cannot hold."""
    if not isinstance(doc, dict):
        raise ShapeError("not a Terraform file (no attributes or blocks at the top level)")
    for kind, labels in LABELS.items():
        entries = doc.get(kind)
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ShapeError(f"`{kind}` is not a block")
        for entry in entries:
            _check_block(kind, entry, labels, [])
    for tf in doc.get("terraform") or []:
        for req in tf.get("required_providers", []):
            if not _is_body(req):
                raise ShapeError("terraform: `required_providers` must be a block "
                                 "(required_providers { aws = { source = ... } })")


def _check_block(kind: str, node: Any, labels: int, seen: list[str]) -> None:
    if isinstance(node, Packed):
        return  # packed only when it had its labels and a well-formed body
    where = " ".join([kind, *(f'"{label}"' for label in seen)])
    if labels == 0:
        if not _is_body(node):
            if LABELS[kind]:
                raise ShapeError(f"`{where}` block has more labels than the {_count(LABELS[kind])} it takes")
            raise ShapeError(f"`{kind}` must be a block with no label")
        return
    if not isinstance(node, dict) or not node or not _labelled(node):
        raise ShapeError(f"`{where}` block needs {_count(LABELS[kind])}")
    for label, inner in node.items():
        if label.startswith("__"):
            continue
        _check_block(kind, inner, labels - 1, [*seen, label])


def _labelled(node: dict[str, Any]) -> bool:
    """One more label level: every (non-line) value is a dict, not a list of attribute values."""
    values = [v for k, v in node.items() if not k.startswith("__")]
    return bool(values) and all(isinstance(v, dict) for v in values)


def _count(labels: int) -> str:
    return {0: "no label", 1: "one label", 2: "two labels"}[labels]
