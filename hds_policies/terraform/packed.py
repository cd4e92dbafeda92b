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
from operator import itemgetter
from typing import IO, Any

PACKED_KINDS = ("resource", "data")


class Packed(tuple):
    """One `resource`/`data` block as the loader's table of blocks holds it: (kind, type, name, data,
    path), where data is the body's marshal bytes, or where a `Spill` holds them (an int:
    offset << SIZE_BITS | size). A tuple: one small object per block."""

    __slots__ = ()

    kind = property(itemgetter(0))
    type = property(itemgetter(1))
    name = property(itemgetter(2))
    data = property(itemgetter(3))
    path = property(itemgetter(4))

    def body(self, spill: Spill | None = None) -> dict[str, Any]:
        """An equal copy of the block's body (attributes in lists, __start_line__/__end_line__)."""
        return unpack(self[3], spill)


def unpack(data: bytes | int, spill: Spill | None = None) -> dict[str, Any]:
    """A packed body (its bytes, or its place in `spill`) as an equal, fresh copy."""
    raw = data if isinstance(data, bytes) else spill.read(data)  # type: ignore[union-attr]
    return marshal.loads(raw)  # noqa: S302 (bytes this process wrote, never read from outside)


SIZE_BITS = 24  # a body up to 16 MB is spilled (a larger one stays in memory)


class Spill:
    """The packed bodies of a load, in an unlinked temporary file. Where the file cannot be written
    (no temporary folder, a full disk), the bodies simply stay in memory."""

    def __init__(self) -> None:
        self._fh: IO[bytes] | None = None
        self._end = 0
        self._failed = False

    def keep(self, doc: Any) -> None:
        """Move the bytes of the document's packed blocks into the file. The document's entries point
        into the file only once their bytes are written and flushed; until then, and for good when
        the file fails, they keep their bytes."""
        if self._failed or not isinstance(doc, dict):
            return
        moved: list[tuple[list[Any], int, Packed]] = []
        end = self._end
        try:
            if self._fh is None:
                self._fh = tempfile.TemporaryFile()
            for kind in PACKED_KINDS:
                entries = doc.get(kind)
                if not isinstance(entries, list):
                    continue
                for i, entry in enumerate(entries):
                    if isinstance(entry, Packed) and isinstance(entry[3], bytes) and len(entry[3]) < 1 << SIZE_BITS:
                        data = entry[3]
                        self._fh.write(data)
                        moved.append((entries, i, Packed((*entry[:3], end << SIZE_BITS | len(data), entry[4]))))
                        end += len(data)
            self._fh.flush()
        except OSError:
            self._failed = True  # what was flushed before stays readable; the rest stays in memory
            return
        self._end = end
        for entries, i, entry in moved:
            entries[i] = entry

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


def _pack(kind: str, entry: Any, path: Any) -> Any:
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
    return Packed((kind, sys.intern(rtype), name, data, path))


def pack_bodies(doc: Any, path: Any = None) -> Any:
    """Pack, in place, the `resource` and `data` entries of a parsed document (or of one top-level
    item) of the file `path`; anything else, or shaped otherwise (hcl_shape reports it), is left as
    it is."""
    if isinstance(doc, dict):
        for kind in PACKED_KINDS:
            entries = doc.get(kind)
            if isinstance(entries, list):
                entries[:] = [_pack(kind, e, path) for e in entries]
    return doc
