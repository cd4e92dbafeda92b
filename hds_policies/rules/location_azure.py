"""Azure copies outside a resource's own region (EXI 28), for HDS_LOC_003.

Geo-redundant storage and geo-redundant backups go to the region's *paired* region, which the
azure region table records (`pair`); Cosmos DB also replicates to each of its `geo_location`s.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, truthy, unknown, worst
from .location import judge_region

GEO_STORAGE = frozenset({"GRS", "RAGRS", "GZRS", "RAGZRS"})


def _label(ctx: Context, r: Resource) -> str:
    return f"{ctx.type_info(r).get('label', r.type)} {r.name}"


def paired_region_copy(ctx: Context, resource: Resource, location: Any, what: str) -> Verdict:
    """Judge the paired region of `location`, where Azure keeps geo-redundant copies."""
    if is_unknown(location) or not isinstance(location, str):
        return unknown(resource, f"{what}: the primary location cannot be determined ({location}), so "
                                 "neither can its paired region")
    family = ctx.catalog.region_family(resource.provider) or "azure"
    entry = ctx.catalog.regions[family].entry(location) if family in ctx.catalog.regions else None
    if entry is None:
        return unknown(resource, f"{what}: location {location!r} is not in the catalog; its paired region "
                                 "is unknown")
    pair = entry.get("pair")
    if not pair:
        return unknown(resource, f"{what}: {entry['name']} has no paired region, so where Azure keeps the "
                                 "geo-redundant copy cannot be determined; use locally or zone-redundant "
                                 "storage")
    return judge_region(ctx, resource, resource.provider, pair,
                        f"{what} to the paired region of {entry['name']}")


def _setting(resource: Resource, path: str, default: Any) -> Any:
    value = attr(resource, path)
    return default if value is None else value


def _geo_when(ctx: Context, resource: Resource, path: str, default: Any, geo: frozenset[str],
              what: str) -> Verdict | None:
    """The pair check when the redundancy setting at `path` is one of `geo`."""
    value = _setting(resource, path, default)
    if is_unknown(value):
        return unknown(resource, f"{_label(ctx, resource)}: {path} unknown ({value})")
    if str(value) not in geo:
        return None
    return paired_region_copy(ctx, resource, resource.attrs.get("location"),
                              f"{_label(ctx, resource)} ({path} {value}) {what}")


def storage_account(r: Resource, ctx: Context) -> Verdict | None:
    return _geo_when(ctx, r, "account_replication_type", "LRS", GEO_STORAGE, "replicates its data")


def recovery_vault(r: Resource, ctx: Context) -> Verdict | None:
    return _geo_when(ctx, r, "storage_mode_type", "GeoRedundant", frozenset({"GeoRedundant"}),
                     "copies backups")


def backup_vault(r: Resource, ctx: Context) -> Verdict | None:
    return _geo_when(ctx, r, "redundancy", "LocallyRedundant", frozenset({"GeoRedundant"}), "copies backups")


def managed_instance(r: Resource, ctx: Context) -> Verdict | None:
    return _geo_when(ctx, r, "storage_account_type", "GRS", frozenset({"GRS", "GZRS"}), "copies backups")


def geo_backup_server(r: Resource, ctx: Context) -> Verdict | None:
    """PostgreSQL / MySQL servers with geo_redundant_backup_enabled."""
    on = r.attrs.get("geo_redundant_backup_enabled")
    if is_unknown(on):
        return unknown(r, f"{_label(ctx, r)}: geo_redundant_backup_enabled unknown ({on})")
    if not truthy(on):
        return None
    return paired_region_copy(ctx, r, r.attrs.get("location"), f"{_label(ctx, r)} copies its backups")


def sql_database(r: Resource, ctx: Context) -> Verdict | None:
    """Azure SQL database backups: storage_account_type Geo (the default) or GeoZone -> the server's pair."""
    value = _setting(r, "storage_account_type", "Geo")
    if is_unknown(value):
        return unknown(r, f"{_label(ctx, r)}: storage_account_type unknown ({value})")
    if value not in ("Geo", "GeoZone"):
        return None
    what = f"{_label(ctx, r)} (backup storage {value}) copies its backups"
    servers = ctx.graph.referenced(r, "azurerm_mssql_server")
    if not servers:
        return unknown(r, f"{what} to the paired region of its server, which is not in this configuration")
    return paired_region_copy(ctx, r, servers[0].attrs.get("location"), what)


def cosmosdb(r: Resource, ctx: Context) -> Verdict | None:
    """Cosmos DB: every geo_location holds a replica; periodic backups default to Geo redundancy."""
    label = _label(ctx, r)
    verdicts = [judge_region(ctx, r, r.provider, geo.get("location"), f"{label} replica")
                for geo in blocks(r, "geo_location")]
    kind = attr(r, "backup.type") or "Periodic"
    redundancy = attr(r, "backup.storage_redundancy") or "Geo"
    if is_unknown(kind) or is_unknown(redundancy):
        verdicts.append(unknown(r, f"{label}: backup settings unknown"))
    elif kind == "Periodic" and redundancy == "Geo":
        verdicts.append(paired_region_copy(ctx, r, r.attrs.get("location"),
                                           f"{label} (periodic backups, Geo redundancy) copies its backups"))
    return worst(verdicts) if verdicts else None


COPIES = {
    "azurerm_storage_account": storage_account,
    "azurerm_recovery_services_vault": recovery_vault,
    "azurerm_data_protection_backup_vault": backup_vault,
    "azurerm_mssql_managed_instance": managed_instance,
    "azurerm_mssql_database": sql_database,
    "azurerm_postgresql_flexible_server": geo_backup_server,
    "azurerm_mysql_flexible_server": geo_backup_server,
    "azurerm_postgresql_server": geo_backup_server,
    "azurerm_mysql_server": geo_backup_server,
    "azurerm_cosmosdb_account": cosmosdb,
}
