"""Which settings file applies: the one order every command and the Pulumi pack follow."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SETTINGS_ENV = "HDS_POLICIES_CONFIG"
SETTINGS_FILE = ".hds-policies.yaml"

DISCOVERY_HELP = (f"settings file: --config FILE, else ${SETTINGS_ENV}, else {SETTINGS_FILE} in the current\n"
                  "folder or the nearest parent up to the repository root (the folder holding .git);\n"
                  "none found: the defaults")


def repository_root(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds `.git` (a folder, or a file in a worktree)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_settings(explicit: str | os.PathLike[str] | None = None, start: Path | None = None,
                  environ: Mapping[str, str] | None = None) -> Path | None:
    """The settings file to use, or None for the defaults.

    Outside a git repository only `start` itself is looked at, so a stray file higher up (in /tmp, say)
    never applies by surprise.
    """
    if explicit:
        return Path(explicit)
    env = (os.environ if environ is None else environ).get(SETTINGS_ENV, "").strip()
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    root = repository_root(here)
    folders = [here] if root is None else [here, *here.parents[: len(here.parts) - len(root.parts)]]
    for folder in folders:
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    return None
