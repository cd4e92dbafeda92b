"""Azure copies outside a resource's own region (EXI 28), for HDS_LOC_003: what needs Python.

Geo-redundant storage and geo-redundant backups go to the region's *paired* region, which the
azure region table records (`pair`): most types are `geo_redundancy` rows of
catalog/data/evidence/location.json; here SQL databases (their server's pair) and Cosmos DB (each
`geo_location` too, also through azapi: `properties.locations`).
"""

from __future__ import annotations

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


@check("HDS_LOC_003", "azurerm_cosmosdb_account")
def cosmosdb(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Cosmos DB: every geo_location holds a replica; periodic backups default to Geo redundancy."""
    name = label(ctx, r)
    verdicts = [judge_region(ctx, r, r.provider, geo.get("location"), f"{name} replica")
                for geo in blocks(r, "geo_location")]
    kind = attr(r, "backup.type") or "Periodic"
    redundancy = attr(r, "backup.storage_redundancy") or "Geo"
    if is_unknown(kind) or is_unknown(redundancy):
        verdicts.append(unknown(r, f"{name}: backup settings unknown"))
    elif kind == "Periodic" and redundancy == "Geo":
        verdicts.append(paired_region_copy(ctx, r, r.attrs.get("location"),
                                           f"{name} (periodic backups, Geo redundancy) copies its backups"))
    return worst(verdicts) if verdicts else None


@check("HDS_LOC_003", f"{AZAPI}:microsoft.documentdb/databaseaccounts")
def cosmosdb_azapi(r: Resource, ctx: Context, row: Row) -> Verdict | None:
    """Cosmos DB through azapi: every `properties.locations` entry holds a replica; periodic backups
    (the default policy) default to Geo redundancy."""
    name = label(ctx, r, row)
    locations = attr(r, "body.properties.locations")
    if is_unknown(locations):
        verdicts = [unknown(r, f"{name}: replica locations unknown ({locations})")]
    else:
        verdicts = [judge_region(ctx, r, r.provider, loc.get("locationName"), f"{name} replica")
                    for loc in blocks(r, "body.properties.locations")]
    kind = attr(r, "body.properties.backupPolicy.type") or "Periodic"
    redundancy = attr(r, "body.properties.backupPolicy.periodicModeProperties.backupStorageRedundancy") or "Geo"
    if is_unknown(kind) or is_unknown(redundancy):
        verdicts.append(unknown(r, f"{name}: backup settings unknown ({kind if is_unknown(kind) else redundancy})"))
    elif kind == "Periodic" and redundancy == "Geo":
        verdicts.append(paired_region_copy(ctx, r, r.attrs.get("location"),
                                           f"{name} (periodic backups, Geo redundancy) copies its backups"))
    return worst(verdicts) if verdicts else None
