"""Azure copies outside a resource's own region (EXI 28), for HDS_LOC_003: what needs Python.

Geo-redundant storage and geo-redundant backups go to the region's *paired* region, which the
azure region table records (`pair`): most types are `geo_redundancy` rows of
catalog/data/evidence/location.json; here SQL databases (their server's pair) and Cosmos DB (each
`geo_location` too, also through azapi: `properties.locations`).
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, blocks, label, unknown, worst
from .placement import judge_region, paired_region_copy
from .registry import AZAPI, Row, check


@check("HDS_LOC_003", "azurerm_mssql_database")
def sql_database(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Azure SQL database backups: storage_account_type Geo (the default) or GeoZone -> the server's pair."""
    value = attr(r, "storage_account_type")
    value = "Geo" if value is None else value
    if is_unknown(value):
        return unknown(r, f"{label(ctx, r)}: storage_account_type unknown ({value})")
    if value not in ("Geo", "GeoZone"):
        return None
    what = f"{label(ctx, r)} (backup storage {value}) copies its backups"
    servers = ctx.graph.referenced(r, "azurerm_mssql_server")
    if not servers:
        return unknown(r, f"{what} to the paired region of its server, which is not in this configuration")
    return paired_region_copy(ctx, r, servers[0].attrs.get("location"), what)


def cosmos_copies(r: Resource, ctx: Context, name: str, locations: list, kind: Any, redundancy: Any) -> Verdict | None:
    """Cosmos DB: each replica location judged; periodic backups (the default policy) with Geo
    redundancy (their default) go to the paired region of the account's location."""
    verdicts = [judge_region(ctx, r, r.provider, loc, f"{name} replica") for loc in locations]
    kind, redundancy = kind or "Periodic", redundancy or "Geo"
    if is_unknown(kind) or is_unknown(redundancy):
        verdicts.append(unknown(r, f"{name}: backup settings unknown ({kind if is_unknown(kind) else redundancy})"))
    elif kind == "Periodic" and redundancy == "Geo":
        verdicts.append(paired_region_copy(ctx, r, r.attrs.get("location"),
                                           f"{name} (periodic backups, Geo redundancy) copies its backups"))
    return worst(verdicts) if verdicts else None


@check("HDS_LOC_003", "azurerm_cosmosdb_account")
def cosmosdb(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Cosmos DB: every geo_location holds a replica, and its periodic backups."""
    return cosmos_copies(r, ctx, label(ctx, r), [geo.get("location") for geo in blocks(r, "geo_location")],
                         attr(r, "backup.type"), attr(r, "backup.storage_redundancy"))


@check("HDS_LOC_003", f"{AZAPI}:microsoft.documentdb/databaseaccounts")
def cosmosdb_azapi(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Cosmos DB through azapi: every `properties.locations` entry holds a replica, and its periodic backups."""
    name = label(ctx, r, row)
    locations = attr(r, "body.properties.locations")
    copies = cosmos_copies(r, ctx, name, [loc.get("locationName") for loc in blocks(r, "body.properties.locations")],
                           attr(r, "body.properties.backupPolicy.type"),
                           attr(r, "body.properties.backupPolicy.periodicModeProperties.backupStorageRedundancy"))
    if is_unknown(locations):
        return worst([v for v in (copies, unknown(r, f"{name}: replica locations unknown ({locations})")) if v])
    return copies
