"""Regenerate hds_policies/catalog/data/pulumi_azure.json (maintainers; not run by the tests).

    python tools/gen_pulumi_azure_types.py BRIDGE_METADATA_JSON SOURCE_LABEL

BRIDGE_METADATA_JSON: provider/cmd/pulumi-resource-azure/bridge-metadata.json of a pulumi-azure
checkout (its `auto-aliasing.resources` maps each Terraform azurerm name to the Pulumi token).
Which resource types take a `location` argument is read from the installed pulumi-azure and
pulumi-azure-native Python SDKs (the resource's `__init__` sets `__props__.__dict__["location"]`).
"""

from __future__ import annotations

import datetime as _dt
import importlib.metadata as md
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "hds_policies" / "catalog" / "data" / "pulumi_azure.json"
TOKEN = re.compile(r"__init__\(\s*'((?:azure|azure-native):[^']+)'")
LOCATION = '__props__.__dict__["location"] = location'


def location_tokens(package: str) -> list[str]:
    import importlib

    root = Path(importlib.import_module(package).__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        if path.name.startswith("_") or "/v20" in str(path).replace("\\", "/"):
            continue  # explicit API-version modules: the converter drops that segment
        text = path.read_text(encoding="utf-8")
        if LOCATION not in text:
            continue
        found.update(TOKEN.findall(text))
    return sorted(found)


def main(metadata: str, label: str) -> None:
    aliasing = json.loads(Path(metadata).read_text(encoding="utf-8"))["auto-aliasing"]["resources"]
    classic = {v["current"]: tf for tf, v in sorted(aliasing.items()) if v.get("current")}
    data = {
        "source": f"Terraform names: pulumi-azure {label}, provider/cmd/pulumi-resource-azure/bridge-metadata.json "
                  f"(auto-aliasing). Types with a location argument: the Python SDKs pulumi-azure "
                  f"{md.version('pulumi-azure')} and pulumi-azure-native {md.version('pulumi-azure-native')}.",
        "as_of": _dt.date.today().isoformat(),
        "classic_types": dict(sorted(classic.items())),
        "location_types": {"azure": location_tokens("pulumi_azure"),
                           "azure-native": location_tokens("pulumi_azure_native")},
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(classic)} classic types, "
          f"{len(data['location_types']['azure'])} + {len(data['location_types']['azure-native'])} with location")


if __name__ == "__main__":
    main(*sys.argv[1:3])
