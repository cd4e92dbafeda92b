"""Exit codes that mean one thing, and the one place that turns exceptions into them."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..catalog import DataError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `cmd | head` when cmd is killed by SIGPIPE
DEBUG_ENV = "HDS_POLICIES_DEBUG"

EXIT_CODES_HELP = """exit codes:
  0    nothing failed at or above --fail-on (always with --soft-fail or --fail-on none)
  1    a failed finding at or above --fail-on
  2    bad input or usage: one line on stderr naming the file and the reason
  3    internal error: one line (the traceback with --debug or HDS_POLICIES_DEBUG=1)
  141  stdout was closed early (`… | head`), as for any command killed by SIGPIPE"""

_INPUT_ATTR = "hds_policies_input"


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


@contextmanager
def reading(what: str | os.PathLike[str]) -> Iterator[None]:
    """Name the input being processed, so an internal error can say which one."""
    try:
        yield
    except Exception as exc:
        if not hasattr(exc, _INPUT_ATTR):
            try:
                setattr(exc, _INPUT_ATTR, os.fspath(what))
            except AttributeError:  # an exception type without a __dict__
                pass
        raise


def debug_enabled(flag: bool = False) -> bool:
    return flag or os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _error(text: str) -> None:
    try:
        sys.stderr.write("hds-policies: " + " ".join(text.splitlines()) + "\n")
        sys.stderr.flush()
    except OSError:  # stderr closed too: the exit code still says it
        pass


def _silence_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null so the interpreter's final flush cannot
    print "Exception ignored … BrokenPipeError" and change the exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def guarded(command: Callable[[], int], debug: bool = False) -> int:
    """Run `command` and map what it raises onto the exit codes: 2 for the user's mistakes, 141 for a
    closed stdout, 3 (one line, traceback only in debug mode) for everything else."""
    try:
        code = command()
        sys.stdout.flush()  # inside the guard: a full disk or closed pipe shows up here, not at exit
        return code
    except (DataError, UsageError) as exc:
        _error("error: " + str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    except OSError as exc:
        if exc.filename is not None and exc.errno in (errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOTDIR,
                                                      errno.EISDIR, errno.ELOOP):
            # A file or folder of the user's that cannot be read: bad input, named.
            _error(f"error: {exc.filename}: cannot read: {exc.strerror}")
            return EXIT_USAGE
        if exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG):
            _silence_stdout()
            _error(f"error: cannot write the report to stdout: {exc.strerror}")
            return EXIT_INTERNAL
        return _internal(exc, debug)
    except Exception as exc:  # noqa: BLE001 - the one place a crash becomes exit 3
        return _internal(exc, debug)


def _internal(exc: BaseException, debug: bool) -> int:
    if debug_enabled(debug):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    where = getattr(exc, _INPUT_ATTR, None)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    hint = "" if debug_enabled(debug) else f" (traceback: --debug or {DEBUG_ENV}=1)"
    place = f" while reading {where}" if where else ""
    _error(f"internal error{place}: {detail}; please report it{hint}")
    return EXIT_INTERNAL


def findings_exit(fails: bool, soft_fail: bool = False) -> int:
    """0 or 1 from whether something failed at or above the threshold."""
    return EXIT_FINDINGS if fails and not soft_fail else EXIT_CLEAN
