"""Terraform's JSON syntax (`*.tf.json`, written by CDK for Terraform and code generators) read
into the same tree shape the HCL reader gives, so the loader treats both alike.

In JSON a nested block and a map argument are both objects; Terraform tells them apart with the
provider schema, which we do not have. An object is read as a nested block unless its name is a
map argument (tags, labels…) or it holds no object at all and has a map-argument-like name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..catalog import DataError

# Arguments that are maps of values, not nested blocks (the common ones across providers).
MAP_ARGUMENTS = frozenset({"tags", "tags_all", "labels", "metadata", "variables", "parameters", "environment",
                           "default_tags", "user_labels", "annotations", "app_settings", "settings",
                           "triggers", "attributes", "properties", "body", "options", "values"})
LABELS = {"resource": 2, "data": 2, "module": 1, "provider": 1, "variable": 1, "output": 1,
          "locals": 0, "terraform": 0}


def json_to_tree(path: Path, text: str) -> dict[str, Any]:
    """The HCL-tree shape of a .tf.json file; DataError naming the file when it is not one."""
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        raise DataError(f"{path}: not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(doc, dict):
        raise DataError(f"{path}: a .tf.json file must hold an object of blocks")
    lines = _Lines(text)
    tree: dict[str, Any] = {}
    for kind, value in doc.items():
        depth = LABELS.get(kind)
        if depth is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                raise DataError(f"{path}: {kind}: expected an object")
            tree.setdefault(kind, []).extend(_labelled(path, kind, item, depth, lines))
    return tree


def _labelled(path: Path, kind: str, item: dict[str, Any], depth: int, lines: _Lines) -> list[dict[str, Any]]:
    if depth == 0:
        return [_body(item, top=kind == "locals")]
    out = []
    for label, inner in item.items():
        if depth == 2:
            if not isinstance(inner, dict):
                raise DataError(f"{path}: {kind}.{label}: expected an object of named blocks")
            named = {}
            for name, body in inner.items():
                for one in body if isinstance(body, list) else [body]:
                    if not isinstance(one, dict):
                        raise DataError(f"{path}: {kind}.{label}.{name}: expected an object")
                    block = _body(one)
                    block["__start_line__"] = lines.find(label, name)
                    block["__end_line__"] = block["__start_line__"]
                    named[name] = block
            out.append({label: named})
        else:
            for one in inner if isinstance(inner, list) else [inner]:
                if not isinstance(one, dict):
                    raise DataError(f"{path}: {kind}.{label}: expected an object")
                block = _body(one, top=kind in ("output", "variable", "module"))
                if kind in ("module", "provider", "variable"):
                    block["__start_line__"] = lines.find(label)
                    block["__end_line__"] = block["__start_line__"]
                out.append({label: block})
    return out


def _body(obj: dict[str, Any], top: bool = False) -> dict[str, Any]:
    """Attributes wrapped in one-element lists, nested blocks as lists of bodies (the tree's shape)."""
    body: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "//":
            continue  # a JSON-syntax comment
        if not top and _is_block(key, value):
            items = value if isinstance(value, list) else [value]
            if key == "dynamic":
                body[key] = [{label: _body(spec)} for item in items for label, spec in item.items()
                             if isinstance(spec, dict)]
            else:
                body[key] = [_body(v) for v in items]
        else:
            body[key] = [value]
    return body


def _is_block(key: str, value: Any) -> bool:
    if key in MAP_ARGUMENTS:
        return False
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class _Lines:
    """Line numbers of named blocks in the JSON text (the first place the names appear in order)."""

    def __init__(self, text: str):
        self.text = text

    def find(self, *names: str) -> int:
        pos = 0
        for name in names:
            m = re.compile(r'"' + re.escape(name) + r'"\s*:').search(self.text, pos)
            if m is None:
                return 1
            pos = m.start()
        return self.text.count("\n", 0, pos) + 1
