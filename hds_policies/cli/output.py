"""Writing reports: stdout, or files replaced atomically (nothing half-written on failure)."""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from ..catalog import DataError


class Spool:
    """A rendered text kept in a temporary file (in memory only where none can be written) until every
    format is rendered."""

    def __init__(self, fh: IO[str]):
        self.fh = fh

    def copy_to(self, out: IO[str]) -> None:
        self.fh.seek(0)
        shutil.copyfileobj(self.fh, out, 1 << 20)
        self.fh.close()


def spool(render: Callable[[], Iterable[str]]) -> Spool:
    """The pieces of a text written into a temporary file (removed when closed) as `render()` yields
    them; where no temporary file can be written, rendered again into memory."""
    try:
        fh: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        for chunk in render():
            fh.write(chunk)
        fh.flush()
        return Spool(fh)
    except OSError:
        pass
    fh = io.StringIO(newline="")
    for chunk in render():
        fh.write(chunk)
    return Spool(fh)


def _put(text: str | Spool, fh: IO[str]) -> None:
    if isinstance(text, Spool):
        text.copy_to(fh)
        fh.write("\n")
    else:
        fh.write(text + "\n")


def write_stdout(text: str | Spool) -> None:
    _put(text, sys.stdout)


def write_file(text: str | Spool, output: str | os.PathLike[str]) -> None:
    """Write `text` to `output` atomically; a device or FIFO (/dev/null, a pipe) is written into, never replaced."""
    target = Path(output)
    if target.is_dir():
        raise DataError(f"{output}: cannot write: is a folder")
    if target.exists() and not target.is_file():
        try:
            with open(target, "w", encoding="utf-8") as fh:
                _put(text, fh)
        except OSError as exc:
            raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".hds-")
    except OSError as exc:
        raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            _put(text, fh)
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
