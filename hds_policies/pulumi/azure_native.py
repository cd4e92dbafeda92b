"""azure-native: its main resource types under their azurerm names, and Azure location defaults.

azure-native resources follow the Azure REST API, not the azurerm schema. Which native type is which
azurerm type, and which azurerm attribute comes from which native one, is catalog data
(`catalog/data/pulumi_azure_native.json`, with its source and date); here are only the transforms the
rows name (`Standard_GRS` -> `GRS`, …) and the translation itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..catalog import DATA_DIR, read_data_file, schema
from ..model import ProviderConfig, Resource, Unknown, is_unknown
from ..rules.base import attr
from .data_schemas import AZURE_NATIVE_FILE

Transform = Callable[[Any], Any]


def _after_underscore(value: Any) -> Any:
    """`Standard_GRS` -> `GRS` (the replication part of a storage SKU)."""
    return str(value).split("_", 1)[1] if "_" in str(value) else value


def _before_underscore(value: Any) -> Any:
    """`Standard_GRS` -> `Standard` (the tier part of a storage SKU)."""
    return str(value).split("_", 1)[0]


def _enabled(value: Any) -> Any:
    """API `"Enabled"`/`"Disabled"` -> azurerm booleans."""
    return str(value).lower() in ("enabled", "alwayson", "true")


def _geo_locations(value: Any) -> Any:
    """Cosmos DB `locations[]` -> azurerm `geo_location` blocks."""
    items = value if isinstance(value, list) else [value]
    return [{"location": i.get("location_name"), "failover_priority": i.get("failover_priority")}
            for i in items if isinstance(i, dict)]


@dataclass(frozen=True)
class NativeType:
    """An azure-native type: its azurerm name and the azurerm attributes derived from native ones."""

    tf_type: str
    attrs: Mapping[str, tuple[str, Transform | None]] = field(default_factory=dict)

    def translate(self, native: dict[str, Any]) -> dict[str, Any]:
        out = dict(native)
        for tf_name, (path, fn) in self.attrs.items():
            value = attr(native, path)
            if value is None:
                continue
            if isinstance(value, list) and fn is not _geo_locations and value and isinstance(value[0], dict):
                continue  # a block where a value was expected: leave it to the rules to report
            value = value if fn is None or is_unknown(value) else fn(value)
            block, _, leaf = tf_name.rpartition(".")
            if not block:
                out[tf_name] = value
                continue
            if out.get(block) is None:
                out[block] = [{}]
            if isinstance(out[block], list) and out[block] and isinstance(out[block][0], dict):
                out[block][0].setdefault(leaf, value)
        return out


FILE = DATA_DIR / "pulumi_azure_native.json"
TRANSFORM: dict[str, Transform] = {"after_underscore": _after_underscore, "before_underscore": _before_underscore,
                                   "enabled": _enabled, "geo_locations": _geo_locations}


@lru_cache(maxsize=1)
def types() -> dict[str, NativeType]:
    """azure-native type token -> its azurerm type and derived attributes (catalog/data/pulumi_azure_native.json)."""
    data = read_data_file(FILE)
    schema.validate(data, AZURE_NATIVE_FILE, str(FILE))
    out = {row["token"]: NativeType(row["type"], {a["attribute"]: (a["from"], TRANSFORM.get(a.get("transform", "")))
                                                  for a in row["attributes"]})
           for row in data["types"]}
    for alias, token in data["aliases"].items():
        out[alias] = out[token]
    return out


RESOURCE_GROUP = "azurerm_resource_group"


def fill_locations(resources: Iterable[Resource], providers: Mapping[str, ProviderConfig],
                   group_deps: Mapping[str, tuple[str, ...]]) -> None:
    """Azure defaults (azure-native, and pulumi-azure's own default): a resource without `location` is
    in its resource group's location (the group it depends on through `resourceGroupName`, or the group
    of that name in the stack); a resource group without one is in the provider's `location`.

    `group_deps` holds, for each Azure resource whose type takes a location, the URNs its
    `resourceGroupName` depends on.
    A location that is set, even unknown at preview, is kept: an unknown stays unknown.
    """
    resources = list(resources)
    groups = {r.address: r for r in resources if r.type == RESOURCE_GROUP}
    by_name = {g.attrs.get("resource_group_name") or g.attrs.get("name"): g for g in groups.values()}
    for res in resources:
        if res.address not in group_deps or res.attrs.get("location") is not None:
            continue
        if res.type == RESOURCE_GROUP:
            config = providers.get(res.provider_key or "")
            if config is not None and config.attrs.get("location") is not None:
                res.attrs["location"] = config.attrs["location"]
            continue
        rg_name = res.attrs.get("resource_group_name")
        found = [groups[u] for u in group_deps[res.address] if u in groups]
        if not found and isinstance(rg_name, str) and rg_name in by_name:
            found = [by_name[rg_name]]
        if len(found) == 1:
            value = found[0].attrs.get("location")
            res.attrs["location"] = value if value is not None else Unknown(
                f"location of resource group {found[0].name}, not set")
        else:
            res.attrs["location"] = Unknown(f"location of resource group {rg_name}, not in this stack")
