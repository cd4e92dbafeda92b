"""Provider defaults a Pulumi provider fills in at Check (catalog data: catalog/data/pulumi_defaults.json).

`pulumi preview` sends the policy pack each resource's *checked* inputs, defaults included; the
mock runner sees only what the program set. This table adds, for the provider versions it names, the
defaults that decide verdicts (pulumi-aws 7 encrypts Redshift clusters unless told otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..catalog import DATA_DIR, read_data_file, schema
from .data_schemas import DEFAULTS_FILE

FILE = DATA_DIR / "pulumi_defaults.json"


@lru_cache(maxsize=1)
def table() -> dict[str, list[dict[str, Any]]]:
    """Type token -> its default entries."""
    data = read_data_file(FILE)
    schema.validate(data, DEFAULTS_FILE, str(FILE))
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in data["defaults"]:
        out.setdefault(entry["token"], []).append(entry)
    return out


def version_tuple(text: str) -> tuple[int, ...] | None:
    """`7.29.0` (or a default provider's name `default_7_29_0`) -> (7, 29, 0)."""
    found = re.search(r"(\d+)[._](\d+)[._](\d+)", text or "")
    return tuple(int(x) for x in found.groups()) if found else None


def apply(token: str, version: str, attrs: dict[str, Any], snake: Any) -> None:
    """Set the defaults of `token` that hold at provider `version` and that `attrs` leaves unset."""
    entries = table().get(token)
    if not entries:
        return
    have = version_tuple(version)
    for entry in entries:
        since = version_tuple(entry["since"])
        name = snake(entry["attribute"])
        if have is None or since is None or have < since or attrs.get(name) is not None:
            continue  # an unknown provider version gets no default: the rule judges what is written
        attrs[name] = entry["value"]


def provider_version(props: Mapping[str, Any], name: str) -> str:
    """The provider's version: its `version` input, else a default provider's name."""
    version = props.get("version")
    return version if isinstance(version, str) and version else name
