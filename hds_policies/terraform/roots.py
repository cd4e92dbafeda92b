"""Root modules below a folder: what `scan REPO` scans when the folder itself holds no Terraform.

A root module is a folder with configuration files (*.tf, *.tf.json) that no other folder found
calls as a local module (`source = "./…"` or `"../…"`): a module is scanned through its callers,
with their inputs, never on its own with its defaults. `.terraform/`, `.git/` and hidden folders
are skipped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

LOCAL_SOURCE = re.compile(r"""\bsource\s*[=:]\s*"(\.\.?/[^"]*)\"""")
SKIPPED = frozenset({".terraform", ".git", "node_modules", "__pycache__"})


def has_config(folder: Path) -> bool:
    try:
        return any(e.is_file() and (e.name.endswith((".tf", ".tf.json"))) for e in os.scandir(folder))
    except OSError:
        return False


def _module_folders(top: Path) -> list[Path]:
    """Every folder below `top` holding configuration files, sorted by path."""
    found: list[Path] = []
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
        if any(f.endswith((".tf", ".tf.json")) for f in files):
            found.append(Path(current))
    return found


def _local_calls(folder: Path) -> set[Path]:
    """The folders a module folder calls as local modules (resolved)."""
    called: set[Path] = set()
    for name in os.listdir(folder):
        if not name.endswith((".tf", ".tf.json")):
            continue
        try:
            text = (folder / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        called |= {(folder / m.group(1)).resolve() for m in LOCAL_SOURCE.finditer(text)}
    return called


def find_roots(top: Path) -> list[Path]:
    """The root modules below `top`, sorted by path."""
    candidates = _module_folders(top)
    called = {c for folder in candidates for c in _local_calls(folder)}
    return [c for c in candidates if c.resolve() not in called]


def roots_calling(folder: Path, top: Path) -> list[Path]:
    """The root modules below `top` that call `folder` as a local module, directly or through other
    modules (what a change in a module folder affects); [] when no root calls it."""
    candidates = _module_folders(top)
    calls = {c.resolve(): _local_calls(c) for c in candidates}
    called = {c for targets in calls.values() for c in targets}
    target = folder.resolve()
    out = []
    for root in candidates:
        if root.resolve() in called:
            continue
        seen, stack = set(), [root.resolve()]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(calls.get(current, ()))
        if target in seen and target != root.resolve():
            out.append(root)
    return out
