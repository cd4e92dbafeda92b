"""`--check` / `--skip-check`: rule ids and families, with `*` globs, checked against the catalog."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable

from ..catalog import Catalog
from ..settings import Settings
from .exits import UsageError


def _patterns(values: Iterable[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _matches(pattern: str, catalog: Catalog) -> set[str]:
    """The rule ids a pattern names: a rule id or a family, either possibly with `*` (case-insensitive)."""
    pat = pattern.lower()
    return {rid for rid, meta in catalog.rules.items()
            if fnmatch.fnmatchcase(rid.lower(), pat) or fnmatch.fnmatchcase(meta.family.lower(), pat)}


def resolve(values: Iterable[str], option: str, catalog: Catalog) -> frozenset[str] | None:
    """The rule ids named by an option's values (None when the option was not given); exit 2 naming
    every pattern that names no rule."""
    patterns = _patterns(values)
    if not patterns:
        return None
    found: set[str] = set()
    unknown = []
    for pattern in patterns:
        hit = _matches(pattern, catalog)
        if not hit:
            unknown.append(pattern)
        found |= hit
    if unknown:
        raise UsageError(f"{option}: unknown rule id or family: {', '.join(unknown)} "
                         "(see `hds-policies catalog rules`)")
    return frozenset(found)


@dataclasses.dataclass(frozen=True)
class Selection:
    """The rules a run keeps: those `--check` names (all when absent) minus those `--skip-check` names."""

    only: frozenset[str] | None = None
    skip: frozenset[str] = frozenset()

    @classmethod
    def from_options(cls, check: Iterable[str], skip_check: Iterable[str], catalog: Catalog) -> Selection:
        return cls(resolve(check, "--check", catalog), resolve(skip_check, "--skip-check", catalog) or frozenset())

    def keeps(self, rule_id: str) -> bool:
        return rule_id not in self.skip and (self.only is None or rule_id in self.only)

    def narrow(self, settings: Settings) -> Settings:
        """Settings whose rule switches also honour this selection (the settings file keeps its say)."""
        if self.only is None and not self.skip:
            return settings
        enabled = settings.enabled_rules
        if self.only is not None:
            enabled = self.only if enabled is None else enabled & self.only
        return dataclasses.replace(settings, enabled_rules=enabled, disabled_rules=settings.disabled_rules | self.skip)
