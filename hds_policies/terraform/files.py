"""Which files of a folder are read: the Terraform files, inside the boundary of the scan.

Terraform reads the `*.tf` files of a module folder; the scan reads the same, and nothing it was not
asked to: a symbolic link whose target lies outside the boundary (the scanned root, or the folder of a
local module source, which Terraform reads wherever it is) is skipped, as is a link to something
that is not a Terraform file (a device, a folder, `/etc/passwd` renamed `main.tf`). Each skip is one
warning on stderr naming the link by its path relative to the scanned root, never its target's
content or location.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from ..catalog import DataError

SUFFIXES = (".tf",)


def _warn_stderr(message: str) -> None:
    sys.stderr.write(f"hds-policies: warning: {message}\n")


def relative(path: Path, root: Path) -> str:
    """`path` as the reports show it, symbolic links not resolved: relative to the scanned folder
    `root`; a file outside it (a local module beside it), relative to the folder the command runs from."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(absolute, base)).as_posix()
    return Path(os.path.relpath(absolute, os.getcwd())).as_posix()


def _inside(target: str, boundary: Path) -> bool:
    base = os.path.realpath(boundary)
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


def check_readable(folder: Path) -> None:
    """DataError when the folder cannot be listed, or its entries cannot be reached."""
    try:
        os.stat(os.path.join(folder, os.curdir))  # listable but not searchable: its files unreadable
        with os.scandir(folder):
            pass
    except OSError as exc:
        raise DataError(f"{folder}: cannot read the folder ({exc.strerror or type(exc).__name__})") from None


def terraform_files(folder: Path, root: Path, warn: Callable[[str], None] = _warn_stderr,
                    suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """The Terraform files of `folder` to read, sorted. Links must resolve inside the scanned `root`,
    or, for a local module's folder outside it, inside that folder; warnings name paths relative to
    `root`. DataError when the folder cannot be listed."""
    try:
        os.stat(os.path.join(folder, os.curdir))  # listable but not searchable: its files unreadable
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        shown = str(folder) if os.path.abspath(folder) == os.path.abspath(root) else relative(folder, root)
        raise DataError(f"{shown}: cannot read the folder ({exc.strerror or type(exc).__name__})") from None
    boundary = root if _inside(os.path.realpath(folder), root) else folder
    out: list[Path] = []
    for entry in entries:
        if not entry.name.endswith(suffixes):
            continue
        path = Path(folder) / entry.name
        shown = relative(path, root)
        if not entry.is_symlink():
            if entry.is_file(follow_symlinks=False):
                out.append(path)
            continue
        target = os.path.realpath(path)
        try:
            mode = os.stat(target).st_mode
        except OSError:
            warn(f"{shown}: skipped (a symbolic link to nothing readable)")
            continue
        if not stat.S_ISREG(mode) or not target.endswith(suffixes):
            warn(f"{shown}: skipped (a symbolic link to something that is not a Terraform file)")
        elif not _inside(target, boundary):
            warn(f"{shown}: skipped (a symbolic link to a file outside the scanned folder)")
        else:
            out.append(path)
    return out
