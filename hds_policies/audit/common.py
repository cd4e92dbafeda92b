"""What both live audits share: the record of what could not be checked, progress lines, and the
hand-over to the engine (the same rules as `scan`, the same findings contract)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from ..engine import evaluate
from ..model import Finding, Graph, Unknown
from ..settings import Settings


def not_checked(reason: str) -> Unknown:
    """The value of an attribute the audit could not read: rules judge it `unknown`, naming the reason."""
    return Unknown(f"not checked: {reason}")


@dataclass
class Problems:
    """API errors met during an audit: one stderr line per (resource kind, reason), every scope kept."""

    stream: TextIO | None = None
    scopes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, kind: str, scope: str, reason: str) -> None:
        with self._lock:  # reads of one kind may run in worker threads
            key = (kind, reason)
            if key not in self.scopes:
                self.scopes[key] = []
                if self.stream is not None:
                    self.stream.write(f"hds-policies audit: cannot check {kind}: {reason} (reported as unknown)\n")
            if scope not in self.scopes[key]:
                self.scopes[key].append(scope)

    def __bool__(self) -> bool:
        return bool(self.scopes)


@dataclass
class AuditResult:
    """The graph built from the live account, and what the audit met on the way."""

    graph: Graph
    problems: Problems
    calls: Counter[str]  # API operation (or route) -> number of calls

    def findings(self, settings: Settings, include_passed: bool = False) -> list[Finding]:
        return evaluate(self.graph, settings, include_passed=include_passed)


def progress(stream: TextIO | None, line: str) -> None:
    if stream is not None:
        stream.write(f"hds-policies audit: {line}\n")
        stream.flush()
