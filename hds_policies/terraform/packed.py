"""Resource and data blocks kept packed between parsing and resolution (issue 13: bounded memory).

A parsed block (a dict per label, a one-element list per attribute: the reference parser's shape)
costs about ten times its text in Python objects; the loader needs a body whole only while it resolves
that block, or a reference into it. So each well-formed `resource`/`data` entry of a parsed document,
`{type: {name: body}}`, is replaced by a `Packed` block (its labels and the body's `marshal` bytes) as
soon as its top-level item is parsed; `body()` unpacks an equal, fresh copy when it is used. While the
loader resolves a folder, the bytes themselves wait in an unlinked temporary file (`Spill`), not in
memory: a block then costs its labels and a file position.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from typing import IO, Any

PACKED_KINDS = ("resource", "data")


class Packed:
    """One `resource`/`data` block: its two labels and its body as marshal bytes, or where a `Spill`
    holds them (an int: offset << SIZE_BITS | size)."""

    __slots__ = ("data", "name", "type")

    def __init__(self, rtype: str, name: str, data: bytes | int):
        self.type = rtype
        self.name = name
        self.data = data

    def body(self, spill: Spill | None = None) -> dict[str, Any]:
        """An equal copy of the block's body (attributes in lists, __start_line__/__end_line__)."""
        data = self.data if isinstance(self.data, bytes) else spill.read(self.data)  # type: ignore[union-attr]
        return marshal.loads(data)  # noqa: S302 (bytes this process wrote, never read from outside)


def body(value: Any, spill: Spill | None = None) -> Any:
    """A block body, unpacked when it is packed."""
    return value.body(spill) if isinstance(value, Packed) else value


SIZE_BITS = 24  # a body up to 16 MB is spilled (a larger one stays in memory)


class Spill:
    """The packed bodies of a load, in an unlinked temporary file. Where the file cannot be written
    (no temporary folder, a full disk), the bodies simply stay in memory."""

    def __init__(self) -> None:
        self._fh: IO[bytes] | None = None
        self._end = 0
        self._failed = False

    def keep(self, doc: Any) -> None:
        """Move the bytes of the document's packed blocks into the file."""
        if self._failed or not isinstance(doc, dict):
            return
        try:
            if self._fh is None:
                self._fh = tempfile.TemporaryFile()
            for kind in PACKED_KINDS:
                for entry in doc.get(kind) or ():
                    if isinstance(entry, Packed) and isinstance(entry.data, bytes) and \
                            len(entry.data) < 1 << SIZE_BITS:
                        self._fh.write(entry.data)
                        entry.data, self._end = self._end << SIZE_BITS | len(entry.data), self._end + len(entry.data)
            self._fh.flush()
        except OSError:
            self._failed = True  # what was written stays readable; the rest stays in memory

    def read(self, where: int) -> bytes:
        assert self._fh is not None
        return os.pread(self._fh.fileno(), where & ((1 << SIZE_BITS) - 1), where >> SIZE_BITS)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


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
