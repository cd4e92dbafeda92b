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


def config_folders(top: Path | str) -> list[tuple[Path, list[str]]]:
    """Every folder below `top` holding configuration files, with their names, sorted by path
    (`.terraform/`, `.git/` and hidden folders skipped)."""
    found: list[tuple[Path, list[str]]] = []
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
        names = sorted(f for f in files if f.endswith((".tf", ".tf.json")))
        if names:
            found.append((Path(current), names))
    return found


class ModuleCalls:
    """Which folder below `top` calls which as a local module (read once: the folders and their files)."""

    def __init__(self, top: Path):
        self.folders = [folder for folder, _ in config_folders(top)]
        self.calls = {folder.resolve(): _local_calls(folder) for folder in self.folders}
        self.called = {c for targets in self.calls.values() for c in targets}

    def roots(self) -> list[Path]:
        """The root modules: folders no other folder calls."""
        return [f for f in self.folders if f.resolve() not in self.called]

    def roots_calling(self, folder: Path) -> list[Path]:
        """The roots that call `folder`, directly or through other modules; [] when none does."""
        target = folder.resolve()
        out = []
        for root in self.roots():
            seen, stack = set(), [root.resolve()]
            while stack:
                current = stack.pop()
                if current not in seen:
                    seen.add(current)
                    stack.extend(self.calls.get(current, ()))
            if target in seen and target != root.resolve():
                out.append(root)
        return out


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
    return ModuleCalls(top).roots()
