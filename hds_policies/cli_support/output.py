"""Writing reports: stdout, or files replaced atomically (nothing half-written on failure)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..catalog import DataError


def write_stdout(text: str) -> None:
    sys.stdout.write(text + "\n")


def write_file(text: str, output: str | os.PathLike[str]) -> None:
    """Write `text` to `output` atomically; a device or FIFO (/dev/null, a pipe) is written into, never replaced."""
    target = Path(output)
    if target.is_dir():
        raise DataError(f"{output}: cannot write: is a folder")
    if target.exists() and not target.is_file():
        try:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".hds-")
    except OSError as exc:
        raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        # mkstemp creates the file 0600: give the report the mode a plain open() would (or keep the old one).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None


def write(text: str, output: str | os.PathLike[str] | None) -> None:
    """Print, or write the file."""
    if output is None or str(output) == "":
        write_stdout(text)
    else:
        write_file(text, output)
