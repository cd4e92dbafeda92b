"""Terraform inputs: HCL folders and plan JSON files, auto-detected."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog, DataError
from ..model import Graph
from .files import check_readable
from .hcl_loader import HclLoader, load_hcl
from .plan_loader import load_plan
from .roots import find_roots, has_config


def load_path(path: Path, catalog: Catalog, var_files: list[Path] | None = None) -> Graph:
    """A folder is a Terraform configuration, a .json file is a plan; anything else is an error."""
    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as exc:  # e.g. a path under a folder we may not enter
        raise DataError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    if not exists:
        raise DataError(f"{path}: no such file or folder")
    if folder:
        return load_hcl(path, catalog, var_files)
    if path.suffix.lower() == ".json":
        return load_plan(path, catalog)
    if path.suffix.lower() in (".tf", ".tfvars"):
        raise DataError(f"{path}: pass the folder that holds it (Terraform reads a whole module folder)")
    raise DataError(f"{path}: not a Terraform folder or a plan JSON file (.json)")


def load_graphs(path: Path, catalog: Catalog, var_files: list[Path] | None = None,
                base: Path | None = None) -> list[Graph]:
    """The graphs of one input: a plan, a root module, or every root module below a folder that
    holds none itself (a whole repository), files reported relative to `path` (or to the folder `base`)."""
    try:
        folder = path.is_dir()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    if folder:
        check_readable(path)  # else an unreadable folder would read as one without Terraform files
    if folder and not has_config(path):
        roots = find_roots(path)
        if not roots:
            raise DataError(f"{path}: no .tf files in this folder or below (nor .tf.json)")
        return [HclLoader(root, catalog, var_files, base=base or path).load() for root in roots]
    if folder and base is not None:
        return [HclLoader(path, catalog, var_files, base=base).load()]
    return [load_path(path, catalog, var_files)]
