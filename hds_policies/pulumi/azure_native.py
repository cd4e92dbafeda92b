"""azure-native: its main resource types under their azurerm names, and Azure location defaults.

azure-native resources follow the Azure REST API, not the azurerm schema: `sku.name = Standard_GRS`
instead of `account_replication_type = GRS`, `minimumTlsVersion` instead of `min_tls_version`,
vault immutability under `properties.securitySettings.immutabilitySettings.state`. Each entry below
adds the azurerm attributes the rules read, computed from the (already snake_cased) native ones;
the native attributes stay too. Source: the azure-native registry docs (pulumi.com/registry/packages/
azure-native, API 2023-2024 versions) and the azurerm provider docs, as of 2026-11.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import ProviderConfig, Resource, Unknown, is_unknown
from ..rules.base import attr

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


_IMMUTABILITY = "properties.security_settings.immutability_settings.state"
_VERSIONED = "immutable_storage_with_versioning.immutability_policy"

TYPES: dict[str, NativeType] = {
    "azure-native:resources:ResourceGroup": NativeType("azurerm_resource_group"),
    "azure-native:storage:StorageAccount": NativeType("azurerm_storage_account", {
        "account_replication_type": ("sku.name", _after_underscore),
        "account_tier": ("sku.name", _before_underscore),
        "account_kind": ("kind", None),
        "min_tls_version": ("minimum_tls_version", None),
        "https_traffic_only_enabled": ("enable_https_traffic_only", None),
        "infrastructure_encryption_enabled": ("encryption.require_infrastructure_encryption", None),
        "public_network_access_enabled": ("public_network_access", _enabled),
        "immutability_policy.state": (f"{_VERSIONED}.state", None),
        "immutability_policy.period_since_creation_in_days": (
            f"{_VERSIONED}.immutability_period_since_creation_in_days", None),
        "immutability_policy.allow_protected_append_writes": (f"{_VERSIONED}.allow_protected_append_writes", None),
    }),
    "azure-native:recoveryservices:Vault": NativeType("azurerm_recovery_services_vault", {
        "immutability": (_IMMUTABILITY, None),
        "storage_mode_type": ("properties.redundancy_settings.standard_tier_storage_redundancy", None),
        "cross_region_restore_enabled": ("properties.redundancy_settings.cross_region_restore", _enabled),
        "sku": ("sku.name", None),
    }),
    "azure-native:dataprotection:BackupVault": NativeType("azurerm_data_protection_backup_vault", {
        "immutability": (_IMMUTABILITY, None),
        "redundancy": ("properties.storage_settings.type", None),
        "datastore_type": ("properties.storage_settings.datastore_type", None),
        "cross_region_restore_enabled": ("properties.feature_settings.cross_region_restore_settings.state",
                                         _enabled),
    }),
    "azure-native:sql:Server": NativeType("azurerm_mssql_server", {
        "minimum_tls_version": ("minimal_tls_version", None),
        "public_network_access_enabled": ("public_network_access", _enabled),
    }),
    "azure-native:sql:Database": NativeType("azurerm_mssql_database", {
        "storage_account_type": ("requested_backup_storage_redundancy", None),
    }),
    "azure-native:dbforpostgresql:Server": NativeType("azurerm_postgresql_flexible_server", {
        "geo_redundant_backup_enabled": ("backup.geo_redundant_backup", _enabled),
    }),
    "azure-native:dbformysql:Server": NativeType("azurerm_mysql_flexible_server", {
        "geo_redundant_backup_enabled": ("backup.geo_redundant_backup", _enabled),
    }),
    "azure-native:cache:Redis": NativeType("azurerm_redis_cache", {
        "minimum_tls_version": ("minimum_tls_version", None),
        "non_ssl_port_enabled": ("enable_non_ssl_port", None),
    }),
    "azure-native:compute:Disk": NativeType("azurerm_managed_disk", {
        "disk_encryption_set_id": ("encryption.disk_encryption_set_id", None),
    }),
    "azure-native:keyvault:Vault": NativeType("azurerm_key_vault", {
        "purge_protection_enabled": ("properties.enable_purge_protection", None),
    }),
    "azure-native:containerservice:ManagedCluster": NativeType("azurerm_kubernetes_cluster"),
    "azure-native:web:WebApp": NativeType("azurerm_linux_web_app", {
        "https_only": ("https_only", None),
        "site_config.minimum_tls_version": ("site_config.min_tls_version", None),
    }),
    "azure-native:documentdb:DatabaseAccount": NativeType("azurerm_cosmosdb_account", {
        "geo_location": ("locations", _geo_locations),
        "minimal_tls_version": ("minimal_tls_version", None),
        "backup.type": ("backup_policy.type", None),
        "backup.storage_redundancy": ("backup_policy.periodic_mode_properties.backup_storage_redundancy", None),
    }),
}

# azure-native 3 renamed these modules (documentdb -> cosmosdb, cache -> redis): both tokens map alike.
TYPES["azure-native:cosmosdb:DatabaseAccount"] = TYPES["azure-native:documentdb:DatabaseAccount"]
TYPES["azure-native:redis:Redis"] = TYPES["azure-native:cache:Redis"]

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
