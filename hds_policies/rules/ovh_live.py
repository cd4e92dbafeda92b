"""OVHcloud evidence that exists only in the live account (read by `hds-policies audit ovh`): the
options of a Public Cloud project's service, the account's support level and its subsidiary.

Code cannot show these, so the attributes below are set by the audit only; HDS_PRV_004 and HDS_PRV_007
(provider_certification.py) hand over to this module when they are present.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..catalog import DATA_DIR, read_data_file, schema
from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, Verdict, failed, passed, unknown, worst

LIVE_PLAN_CODES = "live_plan_codes"  # ovh_cloud_project: plan codes of /services/{serviceId}/options
LIVE_SUPPORT_LEVEL = "live_support_level"  # ovh_cloud_project: /me/supportLevel level
LIVE_SUBSIDIARY = "live_subsidiary"  # provider configuration: /me subsidiary


@lru_cache(maxsize=1)
def account_facts() -> dict[str, Any]:
    """catalog/data/ovh_account.json, validated."""
    data = read_data_file(DATA_DIR / "ovh_account.json")
    schema.validate(data, schema.OVH_ACCOUNT_FILE, "catalog/data/ovh_account.json")
    return data


def live_project_hds(project: Resource) -> tuple[str, str]:
    """(status, explanation) of a live project: the HDS option among its service's options, and an
    account support level that HDS accepts."""
    facts = account_facts()
    what = f"Public Cloud project {project.name}"
    codes = project.attrs.get(LIVE_PLAN_CODES)
    if is_unknown(codes) or not isinstance(codes, list):
        return "unknown", f"{what}: its service options could not be read ({codes})"
    hds = [c for c in codes if isinstance(c, str) and c.startswith(facts["hds_option_prefix"])]
    if not hds:
        shown = ", ".join(map(str, codes)) or "none"
        return "failed", (f"{what} has no HDS option (options of its service: {shown}; expected a plan code "
                          f"starting with {facts['hds_option_prefix']})")
    level = project.attrs.get(LIVE_SUPPORT_LEVEL)
    needed = " or ".join(lvl.capitalize() for lvl in facts["required_support_levels"])
    if is_unknown(level) or not isinstance(level, str):
        return "unknown", (f"{what} has the HDS option ({hds[0]}), but the account's support level could not "
                           f"be read ({level}); HDS needs {needed}")
    if level.lower() not in facts["required_support_levels"]:
        return "failed", (f"{what} has the HDS option ({hds[0]}), but the account's support level is {level}: "
                          f"HDS needs {needed} support")
    return "passed", f"{what} has the HDS option ({hds[0]}) and {level} support"


def live_account_entity(ctx: Context, config: ProviderConfig, endpoint: Verdict | None) -> Verdict | None:
    """The endpoint's verdict combined with the account's subsidiary: an EEA endpoint does not help an
    account held by a subsidiary outside the EEA."""
    raw = config.attrs.get(LIVE_SUBSIDIARY)
    if is_unknown(raw) or not isinstance(raw, str):
        mine = unknown(config, f"{config.address}: the account's subsidiary could not be read ({raw})")
    else:
        subsidiaries = account_facts()["subsidiaries"]
        country = subsidiaries.get(raw.upper())
        if country is None:
            mine = unknown(config, f"{config.address}: account subsidiary {raw} is not tied to one country in "
                                   "the catalog (catalog/data/ovh_account.json)")
        else:
            name = ctx.catalog.country_names.get(country, country)
            if country in ctx.catalog.eea:
                mine = passed(config, f"{config.address}: account subsidiary {raw} ({name}), in the EEA")
            else:
                mine = failed(config, f"{config.address}: the account is held by OVHcloud's subsidiary {raw} "
                                      f"({name}), outside the EEA and subject to that country's law")
    return worst([v for v in (endpoint, mine) if v is not None])
