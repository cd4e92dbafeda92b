"""Resource and data blocks kept packed between parsing and resolution (issue 13: bounded memory).

A parsed block (a dict per label, a one-element list per attribute: the reference parser's shape)
costs about ten times its text in Python objects; the loader needs a body whole only while it resolves
that block, or a reference into it. So each well-formed `resource`/`data` entry of a parsed document,
`{type: {name: body}}`, is replaced by a `Packed` block (its labels and the body's `marshal` bytes) as
soon as its top-level item is parsed; `body()` unpacks an equal, fresh copy when it is used.
"""

from __future__ import annotations

import marshal
import sys
from typing import Any

PACKED_KINDS = ("resource", "data")


class Packed:
    """One `resource`/`data` block: its two labels and its body as marshal bytes."""

    __slots__ = ("data", "name", "type")

    def __init__(self, rtype: str, name: str, data: bytes):
        self.type = rtype
        self.name = name
        self.data = data

    def body(self) -> dict[str, Any]:
        """An equal copy of the block's body (attributes in lists, __start_line__/__end_line__)."""
        return marshal.loads(self.data)  # noqa: S302 (bytes this process wrote, never read from outside)

    def entry(self) -> dict[str, Any]:
        """The entry as the parser gave it: {type: {name: body}}."""
        return {self.type: {self.name: self.body()}}


def body(value: Any) -> Any:
    """A block body, unpacked when it is packed."""
    return value.body() if isinstance(value, Packed) else value


def _is_body(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, list) for k, v in value.items() if not (isinstance(k, str) and k.startswith("__")))


def _pack(entry: Any) -> Any:
    """The entry packed when it is one block `{type: {name: body}}` with a well-formed body, and marshal
    can hold it (not a str subclass, not nested thousands deep); the entry as it is otherwise."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    (rtype, named), = entry.items()
    if not isinstance(rtype, str) or not isinstance(named, dict) or len(named) != 1:
        return entry
    (name, value), = named.items()
    if not isinstance(name, str) or name.startswith("__") or not _is_body(value):
        return entry
    try:
        data = marshal.dumps(value)
    except ValueError:
        return entry
    return Packed(sys.intern(rtype), name, data)


def pack_bodies(doc: Any) -> Any:
    """Pack, in place, the `resource` and `data` entries of a parsed document (or of one top-level
    item); anything else, or shaped otherwise (hcl_shape reports it), is left as it is."""
    if isinstance(doc, dict):
        for kind in PACKED_KINDS:
            entries = doc.get(kind)
            if isinstance(entries, list):
                entries[:] = [_pack(e) for e in entries]
    return doc
