"""Progress on stderr for runs longer than about a second (per root module, program or Checkov run).

Drawn by tqdm (small, pure Python, well kept; already pulled in by Checkov), imported only when a bar is
actually shown, so short runs pay nothing for it. Off when stderr is not a terminal.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

T = TypeVar("T")
DELAY = 1.0  # seconds before anything is drawn
PROGRESS_ENV = "HDS_POLICIES_PROGRESS"  # "0" turns it off, "1" forces it (tests, or a log that wants it)


def _wanted(stream: TextIO) -> bool:
    env = os.environ.get(PROGRESS_ENV, "").strip()
    if env in ("0", "1"):
        return env == "1"
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class Progress:
    """`for item in progress.over(items, label): …` draws "hds-policies scan: 2/5 infra/prod [00:03]" on
    stderr once `delay` has passed, and clears it at the end.

    A thread redraws the elapsed time while one long item runs (a Checkov run, a Pulumi program).
    """

    def __init__(self, what: str, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.what, self.stream, self.delay = what, stream or sys.stderr, delay
        self.enabled = _wanted(self.stream)
        self._bar: Any = None
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pending: tuple[int, int, str] | None = None

    def over(self, items: Iterable[T], label: Any = str) -> Iterator[T]:
        items = list(items)
        try:
            for n, item in enumerate(items):
                self._show(n, len(items), label(item))
                yield item
            self._show(len(items), len(items), "")
        finally:
            self.close()

    def _show(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        with self._lock:
            self._pending = (done, total, label)
            self._draw_if_due()

    def _draw_if_due(self) -> None:
        if self._pending is None or (self._bar is None and time.monotonic() - self._start < self.delay):
            return
        done, total, label = self._pending
        if self._bar is None:
            from tqdm import tqdm  # here, not at import: start-up stays fast

            self._bar = tqdm(total=total, file=self.stream, leave=False, bar_format="{desc} [{elapsed}]",
                             dynamic_ncols=True)
            self._bar.start_t -= time.monotonic() - self._start  # count from the start of the run
        self._bar.n = done
        self._bar.set_description_str(f"hds-policies {self.what}: {done}/{total} {label}".rstrip(), refresh=False)
        self._bar.refresh()

    def _tick(self) -> None:
        while not self._stop.wait(0.25):
            with self._lock:
                self._draw_if_due()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
