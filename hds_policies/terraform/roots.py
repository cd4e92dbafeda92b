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


def find_roots(top: Path) -> list[Path]:
    """The root modules below `top`, sorted by path."""
    candidates: list[Path] = []
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
        if any(f.endswith((".tf", ".tf.json")) for f in files):
            candidates.append(Path(current))
    called: set[Path] = set()
    for folder in candidates:
        for name in os.listdir(folder):
            if not name.endswith((".tf", ".tf.json")):
                continue
            try:
                text = (folder / name).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            for m in LOCAL_SOURCE.finditer(text):
                called.add((folder / m.group(1)).resolve())
    return [c for c in candidates if c.resolve() not in called]
