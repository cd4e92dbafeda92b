"""Terraform inputs: HCL folders and plan JSON files, auto-detected."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog, DataError
from ..model import Graph
from .hcl_loader import load_hcl
from .plan_loader import load_plan


def load_path(path: Path, catalog: Catalog, var_files: list[Path] | None = None) -> Graph:
    """A folder is a Terraform configuration, a .json file is a plan; anything else is an error."""
    if not path.exists():
        raise DataError(f"{path}: no such file or folder")
    if path.is_dir():
        return load_hcl(path, catalog, var_files)
    if path.suffix.lower() == ".json":
        return load_plan(path, catalog)
    if path.suffix.lower() in (".tf", ".tfvars"):
        raise DataError(f"{path}: pass the folder that holds it (Terraform reads a whole module folder)")
    raise DataError(f"{path}: not a Terraform folder or a plan JSON file (.json)")
