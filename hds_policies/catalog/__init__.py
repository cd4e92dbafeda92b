"""The HDS knowledge catalog: data files under data/, validated when loaded.

`load_catalog()` returns a `Catalog`; user overrides (YAML or JSON) merge into the provider
registry and the region tables.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import schema
from .regions import Location, RegionTable
from .schema import DataError

DATA_DIR = Path(__file__).parent / "data"

__all__ = ["Catalog", "DataError", "Location", "RuleMeta", "load_catalog", "read_data_file"]


@dataclass(frozen=True)
class RuleMeta:
    """A rule's description, as in data/rules.json."""

    rule_id: str
    family: str
    title: str
    severity: str
    activities: tuple[int, ...]
    basis: tuple[str, ...]
    resource_types: tuple[str, ...]
    remediation: str
    url: str | None = None
    reported_on: tuple[str, ...] = ()  # other resource types its verdicts may land on

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "family": self.family,
            "title": self.title,
            "severity": self.severity,
            "activities": list(self.activities),
            "basis": list(self.basis),
            "resource_types": list(self.resource_types),
        }


def read_data_file(path: Path) -> Any:
    """Read a JSON or YAML file; DataError names the file on any parse problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: cannot read: not UTF-8 text") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        class _Loader(yaml.SafeLoader):
            """Safe loading, but an impossible date (2026-13-01) stays a string for the schema to name."""

        def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
            try:
                return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
            except ValueError:
                return loader.construct_scalar(node)

        _Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
        try:
            return yaml.load(text, Loader=_Loader) or {}  # noqa: S506 (a SafeLoader subclass)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f"line {mark.line + 1}: " if mark else ""
            raise DataError(f"{path}: {at}not valid YAML: {getattr(exc, 'problem', exc)}") from None
        except ValueError as exc:  # e.g. an impossible date such as 2026-13-01, which YAML parses eagerly
            raise DataError(f"{path}: not valid YAML: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None


def _load(name: str, file_schema: dict) -> Any:
    path = DATA_DIR / name
    data = json.loads(path.read_text(encoding="utf-8"))
    schema.validate(data, file_schema, f"catalog/data/{name}")
    return data


class Catalog:
    """Activities, EEA countries, region tables, provider registry, resource types and rules."""

    def __init__(self, overrides: dict[str, Any] | None = None, overrides_name: str = "overrides"):
        act = _load("activities.json", schema.ACTIVITIES_FILE)
        self.activities_source = {"source": act["source"], "as_of": act["as_of"]}
        self.activities: dict[int, dict[str, Any]] = {a["number"]: a for a in act["activities"]}
        eea = _load("eea.json", schema.EEA_FILE)
        self.eea_source = {"source": eea["source"], "as_of": eea["as_of"]}
        self.eea: frozenset[str] = frozenset(eea["countries"])
        self.country_names: dict[str, str] = _load("countries.json", schema.COUNTRIES_FILE)["names"]

        providers = _load("providers.json", schema.PROVIDERS_FILE)
        self.providers_source = {"source": providers["source"], "as_of": providers["as_of"]}
        self.providers: dict[str, dict[str, Any]] = copy.deepcopy(providers["providers"])

        region_data: dict[str, dict[str, Any]] = {}
        for path in sorted((DATA_DIR / "regions").glob("*.json")):
            region_data[path.stem] = _load(f"regions/{path.name}", schema.REGION_TABLE)

        if overrides:
            self._apply_overrides(overrides, overrides_name, region_data)
        for pid, entry in self.providers.items():
            for key in schema.PROVIDER_REQUIRED:
                if key not in entry:
                    raise DataError(f"{overrides_name}: providers.{pid}.{key}: "
                                    "is required for a new provider")

        self.regions: dict[str, RegionTable] = {
            fam: RegionTable(fam, data, self.eea, self.country_names) for fam, data in region_data.items()
        }
        types = _load("resource_types.json", schema.RESOURCE_TYPES_FILE)
        self.resource_types: dict[str, dict[str, Any]] = types["types"]
        self.default_type: dict[str, Any] = types["default"]
        self.resource_types_source = {"source": types["source"], "as_of": types["as_of"]}
        self.tls: dict[str, Any] = _load("tls.json", schema.TLS_FILE)
        self.endpoints: dict[str, Any] = _load("endpoints.json", schema.ENDPOINTS_FILE)
        rules = _load("rules.json", schema.RULES_FILE)
        self.evidence, self.evidence_sources = _load_evidence({r["rule_id"] for r in rules["rules"]})
        self.rules: dict[str, RuleMeta] = {}
        for r in rules["rules"]:
            rows = self.evidence.get(r["rule_id"], {}).values()
            types = tuple(dict.fromkeys([*r.get("resource_types", ()), *(row["type"] for row in rows)]))
            meta = RuleMeta(
                r["rule_id"], r["family"], r["title"], r["severity"], tuple(r["activities"]),
                tuple(r["basis"]), types, r["remediation"], r.get("url"),
                tuple(r.get("reported_on", ())),
            )
            self.rules[meta.rule_id] = meta
        self._load_requirements_and_remediation()
        self._index_names()

    def _load_requirements_and_remediation(self) -> None:
        """Requirements -> rules and per-type remediation; both must agree with rules.json."""
        req = _load("requirements.json", schema.REQUIREMENTS_FILE)
        self.requirements_source = {"source": req["source"], "as_of": req["as_of"]}
        self.requirements: list[dict[str, Any]] = req["requirements"]
        for i, r in enumerate(self.requirements):
            for rid in r["rules"]:
                if rid not in self.rules:
                    raise DataError(f"catalog/data/requirements.json: requirements[{i}].rules: unknown rule {rid!r}")
                if r["basis"] not in self.rules[rid].basis:
                    raise DataError(f"catalog/data/requirements.json: requirements[{i}].rules: {rid} does not "
                                    f"cite {r['basis']!r} in rules.json")
        # The other direction (every rule listed under the requirements its basis cites) is a test:
        # a rule added without its requirement must not stop the tool.
        rem = _load("remediation.json", schema.REMEDIATION_FILE)
        self.remediation_source = {"source": rem["source"], "as_of": rem["as_of"]}
        self.remediations: dict[tuple[str, str], dict[str, str]] = {}
        for i, e in enumerate(rem["remediations"]):
            meta = self.rules.get(e["rule_id"])
            if meta is None or not ({"*", e["resource_type"]} & set(meta.resource_types)):
                raise DataError(f"catalog/data/remediation.json: remediations[{i}]: {e['rule_id']} does not "
                                f"judge {e['resource_type']}")
            self.remediations[(e["rule_id"], e["resource_type"])] = e

    def _apply_overrides(self, data: Any, name: str, region_data: dict[str, dict[str, Any]]) -> None:
        schema.validate(data, schema.OVERRIDES, name)
        for pid, entry in (data.get("providers") or {}).items():
            entry = dict(entry)
            for key in ("valid_from", "valid_until", "as_of"):
                if isinstance(entry.get(key), _dt.date):
                    entry[key] = entry[key].isoformat()
            if entry.pop("replaces", False) or pid not in self.providers:
                self.providers[pid] = entry
            else:
                self.providers[pid].update(entry)
        for fam, table in (data.get("regions") or {}).items():
            if fam not in region_data:
                raise DataError(f"{name}: regions.{fam}: unknown provider family "
                                f"(known: {', '.join(sorted(region_data))})")
            for rname, entry in (table.get("regions") or {}).items():
                # Whether a region is in the EEA follows from its country; a region outside it that a
                # contract covers belongs under allowed_regions, not in a table saying it is in the EEA.
                country, in_eea = entry.get("country"), entry.get("eea")
                if country and in_eea is not None and in_eea != (country in self.eea):
                    raise DataError(f"{name}: regions.{fam}.regions.{rname}.eea: {str(in_eea).lower()} "
                                    f"contradicts country {country} (use allowed_regions to accept a region)")
            target = region_data[fam] = copy.deepcopy(region_data[fam])
            target["regions"].update(table.get("regions", {}))
            target.setdefault("aliases", {}).update(table.get("aliases", {}))

    def _index_names(self) -> None:
        self._by_name: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        for pid, entry in self.providers.items():
            self._by_name[pid.lower()] = pid
            for key in ("terraform_names", "pulumi_packages"):
                for n in entry.get(key, []):
                    self._by_name.setdefault(n.lower(), pid)
            for src in entry.get("terraform_sources", []):
                self._by_name.setdefault(src.lower(), pid)
                self._by_name.setdefault(("registry.terraform.io/" + src).lower(), pid)
            for prefix in entry.get("resource_prefixes", []):
                self._prefixes.append((prefix, pid))
        self._prefixes.sort(key=lambda p: -len(p[0]))

    # --- look-ups -------------------------------------------------------------------------

    def provider_id(self, name: str | None) -> str | None:
        """Registry id for a Terraform local name, provider source or Pulumi package."""
        if not name:
            return None
        key = name.lower().strip()
        if key in self._by_name:
            return self._by_name[key]
        if key.startswith("registry.opentofu.org/"):
            return self._by_name.get("registry.terraform.io/" + key.split("/", 1)[1])
        tail = key.rsplit("/", 1)[-1]
        return self._by_name.get(tail)

    def configured_provider(self, name: str | None, attrs: Mapping[str, Any]) -> str | None:
        """Registry id of a provider configuration: the cloud its identity URL names (an `openstack`
        provider whose `auth_url` is OVHcloud's, per endpoints.json `identity`), else that of its
        source or local name. An unknown or unrecognised URL leaves the name's id."""
        tail = (name or "").lower().strip().rsplit("/", 1)[-1]
        for row in self.endpoints["identity"]:
            value = attrs.get(row["attribute"]) if row["terraform_provider"] == tail else None
            if isinstance(value, str) and value:
                host = urlsplit(value if "://" in value else f"https://{value}").hostname or ""
                if re.fullmatch(row["pattern"], host.lower()):
                    return row["provider"]
        return self.provider_id(name)

    def provider_for_type(self, resource_type: str) -> str | None:
        """Registry id from a resource type's prefix (aws_, azurerm_, ...)."""
        for prefix, pid in self._prefixes:
            if resource_type.startswith(prefix):
                return pid
        return None

    def region_family(self, provider: str | None) -> str | None:
        pid = self.provider_id(provider) if provider else None
        if pid is None:
            return None
        return self.providers[pid].get("regions") or (pid if pid in self.regions else None)

    def locate(self, provider: str, raw: str) -> Location:
        """Where `raw` (region, zone, location…) of `provider` is; eea None when unknown."""
        family = self.region_family(provider)
        if family is None or family not in self.regions:
            return Location(provider, raw, None, None, None, None)
        return self.regions[family].locate(raw, provider)

    def remediation_for(self, rule_id: str, resource_type: str) -> str:
        """The fix for this rule on this resource type (catalog/data/remediation.json), else the rule's."""
        e = self.remediations.get((rule_id, resource_type))
        if e is None:
            return self.rules[rule_id].remediation
        snippet = "; ".join(" ".join(line.split()) for line in e["terraform"].splitlines() if line.strip())
        return f"Set {e['set']}. Terraform: {snippet}. Pulumi property: {e['pulumi']}."

    def activity_labels(self, numbers: Any, lang: str = "en") -> str:
        return ", ".join(f"{n} {self.activities[n][lang]}" for n in numbers if n in self.activities)


def evidence_key(row: dict[str, Any]) -> str:
    """The key of an evidence row: its type, or `azapi_resource:<api type>` in lower case."""
    return f"{row['type']}:{row['api_type'].lower()}" if "api_type" in row else row["type"]


def _load_evidence(rule_ids: set[str]) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, dict]]:
    """Evidence rows of data/evidence/*.json as rule id -> type key -> row; one row per (rule, type)."""
    evidence: dict[str, dict[str, dict[str, Any]]] = {}
    sources: dict[str, dict[str, Any]] = {}
    for path in sorted((DATA_DIR / "evidence").glob("*.json")):
        name = f"evidence/{path.name}"
        data = _load(name, schema.EVIDENCE_FILE)
        sources[path.stem] = {"source": data["source"], "as_of": data["as_of"]}
        for i, row in enumerate(data["rows"]):
            where = f"rows[{i}]"
            schema.validate_row(row, f"catalog/data/{name}", where)
            if row["rule"] not in rule_ids:
                raise DataError(f"catalog/data/{name}: {where}.rule: {row['rule']} is not in rules.json")
            key = evidence_key(row)
            if key in evidence.setdefault(row["rule"], {}):
                raise DataError(f"catalog/data/{name}: {where}: a second row for {row['rule']} {key}")
            evidence[row["rule"]][key] = row
    return evidence, sources


@lru_cache(maxsize=1)
def _shipped() -> Catalog:
    return Catalog()


def load_catalog(overrides_path: str | Path | None = None, overrides: dict | None = None) -> Catalog:
    """The shipped catalog, or a new one with a user's overrides merged in."""
    if overrides_path is not None:
        path = Path(overrides_path)
        data = read_data_file(path)
        return Catalog(data, str(path))
    if overrides:
        return Catalog(overrides)
    return _shipped()
