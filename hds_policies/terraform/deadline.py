"""A time limit on a pure-Python step (the reference HCL parser), where a signal can stop it.

The reference parser's lexer can take minutes on some malformed text (a string whose `${` is never
closed, among others); the scan gives it a budget in proportion to the text and calls the file
unreadable past it. Only in the main thread of a process with SIGALRM (elsewhere: no limit).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DeadlineExceeded(BaseException):  # noqa: N818 - BaseException: no `except Exception` swallows it
    """The step ran past its budget."""


def budget(text: str) -> float:
    """Seconds for the reference parser on `text`: 5 s, plus 1 s per 50,000 characters."""
    return 5.0 + len(text) / 50_000


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DeadlineExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
