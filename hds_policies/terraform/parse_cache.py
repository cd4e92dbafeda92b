"""An on-disk cache of the reference parser's trees, keyed by the file's content: the files the fast
reader declines are parsed by the slow Lark grammar once, and repeated scans (pre-commit, CI re-runs)
reuse the tree while the file does not change.

Location: $HDS_POLICIES_CACHE_DIR, else $XDG_CACHE_HOME/hds-policies, else ~/.cache/hds-policies.
HDS_POLICIES_CACHE=off disables it. Entries are JSON; a broken entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = "hcl-v2"  # bump when the parser or the cached shape changes


def _folder() -> Path | None:
    if os.environ.get("HDS_POLICIES_CACHE", "").lower() in ("off", "0", "false", "no"):
        return None
    base = os.environ.get("HDS_POLICIES_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "hds-policies"


@lru_cache(maxsize=1)
def _parser_version() -> str:
    """The reference HCL parser's version, without importing it (its import builds the grammar: slow)."""
    from importlib import metadata

    try:
        return metadata.version("bc-python-hcl2")
    except metadata.PackageNotFoundError:
        return "unknown"


def key(text: str) -> str:
    return hashlib.sha256(f"{FORMAT}\0{_parser_version()}\0{text}".encode()).hexdigest()


def get(text: str) -> dict[str, Any] | None:
    """The cached tree of this text, or None (cache off, missing or broken entry)."""
    folder = _folder()
    if folder is None:
        return None
    digest = key(text)
    try:
        tree = json.loads((folder / digest[:2] / f"{digest}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return tree if isinstance(tree, dict) else None  # an entry of another shape is a miss


def put(text: str, parsed: dict[str, Any]) -> None:
    """Store atomically; a cache that cannot be written is simply not used."""
    folder = _folder()
    if folder is None:
        return
    digest = key(text)
    target = folder / digest[:2] / f"{digest}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(parsed, fh)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        return
