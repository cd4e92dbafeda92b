"""Azure immutable backups (EXI 01, EXI 04, ISO/IEC 27001:2022 A.8.13), for HDS_BKP_001/002.

Recovery Services and Data Protection backup vaults: `immutability = "Locked"` (an Unlocked
policy can still be disabled). Storage accounts tagged as backup stores: a Locked account-level
`immutability_policy`, or a locked `azurerm_storage_container_immutability_policy` on each container.
"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, attr, failed, label, passed, truthy, unknown
from .registry import Row, check

CONTAINER_POLICY = "azurerm_storage_container_immutability_policy"


@check("HDS_BKP_001", "azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault")
def vault_immutability(vault: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, vault, row)
    state = vault.attrs.get("immutability")
    if is_unknown(state):
        return unknown(vault, f"{name}: immutability unknown ({state})")
    if state == "Locked":
        return passed(vault, f"{name}: immutability Locked")
    if state == "Unlocked":
        return failed(vault, f"{name}: immutability is Unlocked, so it can still be disabled and recovery "
                             "points deleted; lock it")
    shown = state or "not set (Disabled)"
    return failed(vault, f"{name}: immutability {shown}: recovery points can be deleted")


def _container_locked(ctx: Context, container: Resource) -> bool | None:
    policies = ctx.graph.referrers(container, CONTAINER_POLICY)
    if not policies:
        return False
    locked = policies[0].attrs.get("locked")
    return None if is_unknown(locked) else bool(truthy(locked))


@check("HDS_BKP_002", "azurerm_storage_account")
def storage_account_locked(account: Resource, ctx: Context, row: Row) -> Verdict:
    name = label(ctx, account, row)
    state = attr(account, "immutability_policy.state")
    if is_unknown(state):
        return unknown(account, f"{name}: immutability policy state unknown ({state})")
    if state == "Locked":
        return passed(account, f"{name}: account-level immutability policy Locked")
    containers = ctx.graph.referrers(account, "azurerm_storage_container")
    results = {c.name: _container_locked(ctx, c) for c in containers}
    if containers and all(results.values()):
        return passed(account, f"{name}: every container has a locked immutability policy")
    if None in results.values():
        return unknown(account, f"{name}: container immutability policy lock unknown until apply")
    open_ = sorted(name for name, ok in results.items() if not ok)
    where = f"; containers without a locked policy: {', '.join(map(format, open_))}" if open_ else ""
    shown = f"immutability_policy.state {state}" if state else "no locked immutability policy"
    return failed(account, f"{name} is a backup store with {shown}: backups can be deleted or "
                           f"overwritten{where}")
