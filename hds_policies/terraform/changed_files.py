"""Changed files -> what to scan: the Terraform root folders they belong to (each with the var files to
scan it with) and the plan files among them. Used by `hds-policies scan-changed` (the hds-scan pre-commit
hook), which then runs exactly `scan` over these.

A .tf / .tf.json file stands for its folder; a .tfvars file Terraform does not load by itself is a var
file of its folder; a changed module folder stands for the root modules that call it (with their
inputs), never for itself with its defaults; a .json file counts when it is a Terraform plan.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .hcl_loader import config_files
from .roots import ModuleCalls


@dataclass
class ChangedInputs:
    """Folders (with their var files; None: Terraform's own), plan files, and notes on what was skipped."""

    folders: dict[Path, set[Path | None]]
    plans: list[Path]
    notes: list[str]

    def folder_runs(self) -> list[tuple[Path, Path | None]]:
        """(folder, var file) pairs in scan order: folders sorted, Terraform's own var files first."""
        return [(folder, var_file) for folder in sorted(self.folders)
                for var_file in sorted(self.folders[folder], key=lambda v: (v is not None, str(v)))]


def changed_inputs(files: list[str]) -> ChangedInputs:
    """What the changed `files` (paths relative to the current folder, the repository root) stand for."""
    folders, plans, notes = plan_inputs(files)
    return ChangedInputs(through_callers(folders, notes), plans, notes)


def is_plan(path: Path) -> bool | None:
    """True for a Terraform plan JSON, False for other JSON, None when it is not JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return isinstance(data, dict) and "format_version" in data and any(
        k in data for k in ("planned_values", "resource_changes", "configuration"))


def plan_inputs(files: list[str]) -> tuple[dict[Path, set[Path | None]], list[Path], list[str]]:
    """Folders (with the var files to scan them with; None = Terraform's own), plan files, notes."""
    folders: dict[Path, set[Path | None]] = {}
    plans: list[Path] = []
    notes: list[str] = []
    for raw in files:
        path = Path(raw)
        name = path.name.lower()
        if not path.is_file():
            notes.append(f"{raw}: skipped (not a file)")
        elif name.endswith((".tf", ".tf.json")):
            folders.setdefault(path.parent, set()).add(None)
        elif name.endswith((".tfvars", ".tfvars.json")):
            auto = name in ("terraform.tfvars", "terraform.tfvars.json") or ".auto.tfvars" in name
            folders.setdefault(path.parent, set()).add(None if auto else path)
        elif name.endswith(".json"):
            kind = is_plan(path)
            if kind:
                plans.append(path)
            else:
                why = "JSON but not a Terraform plan" if kind is False else "not valid JSON"
                notes.append(f"{raw}: skipped ({why})")
        else:
            notes.append(f"{raw}: skipped (not .tf, .tfvars or .json)")
    for folder in list(folders):
        if not config_files(folder):
            notes.append(f"{folder}: skipped (no .tf files beside the changed .tfvars)")
            del folders[folder]
    return folders, plans, notes


def through_callers(folders: dict[Path, set[Path | None]], notes: list[str]) -> dict[Path, set[Path | None]]:
    """A changed module folder is scanned through the root modules that call it (with their inputs),
    never on its own with its defaults; a folder no root calls is scanned as it is."""
    calls = ModuleCalls(Path.cwd()) if folders else None
    out: dict[Path, set[Path | None]] = {}
    for folder, var_files in folders.items():
        callers = calls.roots_calling(folder) if calls else []
        if not callers:
            out.setdefault(folder, set()).update(var_files)
            continue
        rel = [os.path.relpath(c) for c in callers]
        notes.append(f"{folder}: a module, scanned through the root modules that call it: {', '.join(rel)}")
        for caller in callers:
            out.setdefault(Path(os.path.relpath(caller)), set()).add(None)
    return out

