"""Region tables: normalise a provider's region string and say where it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where a region string points to. `eea` is None when the string is not known."""

    provider: str
    input: str
    region: str | None
    country: str | None
    eea: bool | None
    source: str | None
    label: str | None = None
    country_name: str | None = None
    kind: str | None = None  # region, multi-region, zone, … or "global" (not a location)

    def as_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "input": self.input,
            "region": self.region,
            "country": self.country,
            "eea": self.eea,
            "source": self.source,
        }

    def describe(self) -> str:
        """'eu-west-3 (France)' style text for messages."""
        where = self.country_name or self.country or ("EEA" if self.eea else "unknown country")
        return f"{self.region or self.input} ({where})"


class RegionTable:
    """One provider family's regions, with the normalisation rules from its data file."""

    def __init__(self, family: str, data: dict[str, Any], eea: frozenset[str],
                 country_names: dict[str, str] | None = None):
        self.family = family
        self._names = country_names or {}
        self.source: str = data["source"]
        self.as_of = data["as_of"]
        norm = data.get("normalise", {})
        self._case = norm.get("case", "lower")
        self._remove_spaces = norm.get("remove_spaces", False)
        self._patterns = [(re.compile(p, re.IGNORECASE), r) for p, r in norm.get("patterns", [])]
        self.regions: dict[str, dict[str, Any]] = {}
        for name, entry in data["regions"].items():
            entry = dict(entry)
            if "eea" not in entry:
                entry["eea"] = entry["country"] in eea if entry["country"] else None
            self.regions[self._key(name)] = {"name": name, **entry}
        self.aliases = {self._key(k): v for k, v in data.get("aliases", {}).items()}
        self._cache: dict[str, dict[str, Any] | None] = {}

    def _key(self, raw: str) -> str:
        key = raw.strip()
        if self._remove_spaces:
            key = re.sub(r"\s+", "", key)
        if self._case == "lower":
            key = key.lower()
        elif self._case == "upper":
            key = key.upper()
        return key

    def entry(self, raw: str) -> dict[str, Any] | None:
        """The table entry a raw region/zone/location string maps to, or None."""
        if raw in self._cache:
            return self._cache[raw]
        found = self._find(raw)
        self._cache[raw] = found
        return found

    def _find(self, raw: str) -> dict[str, Any] | None:
        candidates = [raw.strip()]
        for pattern, repl in self._patterns:
            if pattern.fullmatch(raw.strip()):
                candidates.append(pattern.sub(repl, raw.strip()))
        for cand in candidates:
            key = self._key(cand)
            if key in self.regions:
                return self.regions[key]
            if key in self.aliases:
                target = self._key(self.aliases[key])
                if target in self.regions:
                    return self.regions[target]
        return None

    def locate(self, raw: str, provider: str | None = None) -> Location:
        entry = self.entry(raw) if isinstance(raw, str) else None
        if entry is None:
            return Location(provider or self.family, str(raw), None, None, None, None)
        return Location(
            provider or self.family,
            raw,
            entry["name"],
            entry["country"],
            entry["eea"],
            entry.get("source", self.source),
            entry.get("label"),
            self._names.get(entry["country"] or ""),
            entry.get("kind"),
        )
