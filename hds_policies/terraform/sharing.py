"""Equal resolved values held once (issue 13, bounded memory).

Resources of one configuration repeat the same small values: engines, algorithms, tag maps, nested
blocks (`rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" } }`). The loader
passes each resource's resolved attributes through one `Sharer`: short strings are interned, and a
map or nested block equal to one seen before, made only of plain leaves, is replaced by that one.
Attributes are read, never written, once a resource is built (the loader already shares a local's
value between every resource that uses it).

Marked (sensitive) values and unknowns are never merged with plain ones: a value holding anything but
plain str/int/float/bool/None leaves is not shared (its strings are still interned when plain).
"""

from __future__ import annotations

import sys
from typing import Any

SHORT = 40  # longer strings are seldom repeated
MAX_LEAVES = 32  # larger values are seldom repeated, and their keys would cost more than they save
MAX_KEPT = 4096  # distinct values remembered per load (the table is freed with the loader)
_PLAIN = (str, int, float, bool, type(None))


class Sharer:
    """One per load: the distinct values seen so far, by a key that tells types apart."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def attrs(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A resource's attributes, their values shared in place."""
        for key, value in attrs.items():
            kind = type(value)
            if kind is str or kind is dict or kind is list:
                attrs[key] = self.value(value)
        return attrs

    def value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return sys.intern(value) if len(value) <= SHORT else value
        if kind is not dict and kind is not list:
            return value
        key = _key(value, [MAX_LEAVES])
        if key is not None:
            found = self._seen.get(key)
            if found is not None:
                return found
        if kind is dict:
            for k, item in value.items():
                if type(item) in (str, dict, list):
                    value[k] = self.value(item)
        else:
            for i, item in enumerate(value):
                if type(item) in (str, dict, list):
                    value[i] = self.value(item)
        if key is not None and len(self._seen) < MAX_KEPT:
            self._seen[key] = value
        return value


def _key(value: Any, budget: list[int]) -> Any:
    """A hashable key equal only for equal values of equal types (True is not 1, "a" is not a marked
    "a"); None when the value holds anything else, or more than MAX_LEAVES leaves."""
    kind = type(value)
    if kind is dict:
        items = []
        for k, item in value.items():
            if type(k) is not str:
                return None
            sub = _key(item, budget)
            if sub is None:
                return None
            items.append((k, sub))
        return (dict, tuple(items))
    if kind is list:
        parts = []
        for item in value:
            sub = _key(item, budget)
            if sub is None:
                return None
            parts.append(sub)
        return (list, tuple(parts))
    if kind in _PLAIN:
        budget[0] -= 1
        return (kind, value) if budget[0] >= 0 else None
    return None
