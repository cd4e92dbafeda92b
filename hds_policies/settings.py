"""User settings (`--config hds-policies.yaml`): validated, then frozen into `Settings`."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import Catalog, DataError, load_catalog, read_data_file
from .catalog import schema as s
from .model import SEVERITIES

SETTINGS_SCHEMA = s.obj(
    {
        "allowed_regions": s.mapping(s.listof(s.STR)),
        "providers": s.ANY,  # validated by the catalog's overrides schema
        "regions": s.ANY,
        "rules": s.obj({"enabled": s.listof(s.STR), "disabled": s.listof(s.STR)}),
        "severity_overrides": s.mapping(s.enum(*SEVERITIES)),
        "require_customer_managed_keys": s.BOOL,
        "expiry_warning_days": s.INT,
        "ovh_hds_projects": s.listof(s.STR),
        "backup_tag": s.obj({"key": s.STR, "value": s.STR}),
        "scope_tag": s.obj({"key": s.STR, "value": s.STR}),
        "as_of": s.DATE,
        "fail_on": s.enum(*SEVERITIES, "none"),
    }
)


@dataclass(frozen=True)
class Settings:
    """Everything a verdict depends on besides the code: reproducible for a given `as_of`."""

    as_of: _dt.date
    catalog: Catalog
    allowed_regions: dict[str, frozenset[str]] = field(default_factory=dict)
    enabled_rules: frozenset[str] | None = None
    disabled_rules: frozenset[str] = frozenset()
    severity_overrides: dict[str, str] = field(default_factory=dict)
    require_customer_managed_keys: bool = False
    expiry_warning_days: int = 90
    ovh_hds_projects: frozenset[str] | None = None  # OVH project ids with the HDS option (checked by hand)
    backup_tag_key: str = "hds-role"
    backup_tag_value: str = "backup"
    scope_tag_key: str = "hds-scope"
    scope_out_value: str = "out"
    fail_on: str = "low"

    def rule_enabled(self, rule_id: str) -> bool:
        if rule_id in self.disabled_rules:
            return False
        return self.enabled_rules is None or rule_id in self.enabled_rules


def settings_from_dict(data: dict[str, Any], where: str, as_of: _dt.date | None = None) -> Settings:
    """Build Settings from a parsed settings mapping; DataError names `where` and the key."""
    if not isinstance(data, dict):
        raise DataError(f"{where}: (top level): expected a mapping")
    s.validate(data, SETTINGS_SCHEMA, where)
    overrides = {k: data[k] for k in ("providers", "regions") if k in data}
    catalog = Catalog(overrides, where) if overrides else load_catalog()
    known_rules = set(catalog.rules)
    rules = data.get("rules", {})
    for key in ("enabled", "disabled"):
        for rid in rules.get(key, []):
            if rid not in known_rules:
                raise DataError(f"{where}: rules.{key}: unknown rule id {rid!r}")
    for rid in data.get("severity_overrides", {}):
        if rid not in known_rules:
            raise DataError(f"{where}: severity_overrides.{rid}: unknown rule id")
    allowed: dict[str, frozenset[str]] = {}
    for prov, regions in data.get("allowed_regions", {}).items():
        pid = catalog.provider_id(prov)
        if pid is None:
            raise DataError(f"{where}: allowed_regions.{prov}: unknown provider")
        allowed[pid] = frozenset(regions)
    if as_of is None:
        as_of = s.parse_date(data["as_of"], where, "as_of") if "as_of" in data else _dt.date.today()
    backup = data.get("backup_tag", {})
    scope = data.get("scope_tag", {})
    return Settings(
        as_of=as_of,
        catalog=catalog,
        allowed_regions=allowed,
        enabled_rules=frozenset(rules["enabled"]) if "enabled" in rules else None,
        disabled_rules=frozenset(rules.get("disabled", [])),
        severity_overrides=dict(data.get("severity_overrides", {})),
        require_customer_managed_keys=data.get("require_customer_managed_keys", False),
        expiry_warning_days=data.get("expiry_warning_days", 90),
        ovh_hds_projects=frozenset(data["ovh_hds_projects"]) if "ovh_hds_projects" in data else None,
        backup_tag_key=backup.get("key", "hds-role"),
        backup_tag_value=backup.get("value", "backup"),
        scope_tag_key=scope.get("key", "hds-scope"),
        scope_out_value=scope.get("value", "out"),
        fail_on=data.get("fail_on", "low"),
    )


def load_settings(path: str | Path | None = None, as_of: _dt.date | None = None) -> Settings:
    """Settings from a YAML/JSON file, or the defaults."""
    if path is None:
        return settings_from_dict({}, "settings", as_of)
    data = read_data_file(Path(path))
    return settings_from_dict(data or {}, str(path), as_of)
