"""Regenerate hds_policies/catalog/data/pulumi_types.json (maintainers; not run by the tests).

    python tools/gen_pulumi_types.py METADATA_JSON=LABEL [METADATA_JSON=LABEL ...]

METADATA_JSON: provider/cmd/pulumi-resource-<pkg>/bridge-metadata.json of a bridged provider's
checkout (pulumi-azure, pulumi-gcp): its `auto-aliasing.resources` maps each Terraform name to the
Pulumi token. LABEL names the checkout (version and commit) in the file's `source`.
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

OUT = Path(__file__).resolve().parents[1] / "hds_policies" / "catalog" / "data" / "pulumi_types.json"
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


def main(pairs: list[str]) -> None:
    bridged: dict[str, str] = {}
    labels = []
    for pair in pairs:
        path, _, label = pair.partition("=")
        aliasing = json.loads(Path(path).read_text(encoding="utf-8"))["auto-aliasing"]["resources"]
        found = {v["current"]: tf for tf, v in sorted(aliasing.items()) if v.get("current")}
        labels.append(f"{next(iter(found)).split(':')[0]} {label} ({len(found)} types)")
        bridged.update(found)
    data = {
        "source": "Terraform names: provider/cmd/pulumi-resource-<pkg>/bridge-metadata.json (auto-aliasing) of "
                  + "; ".join(labels) + ". Types with a location argument: the Python SDKs pulumi-azure "
                  f"{md.version('pulumi-azure')} and pulumi-azure-native {md.version('pulumi-azure-native')}.",
        "as_of": _dt.date.today().isoformat(),
        "bridged_types": dict(sorted(bridged.items())),
        "location_types": {"azure": location_tokens("pulumi_azure"),
                           "azure-native": location_tokens("pulumi_azure_native")},
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(bridged)} bridged types, "
          f"{len(data['location_types']['azure'])} + {len(data['location_types']['azure-native'])} with location")


if __name__ == "__main__":
    main(sys.argv[1:])
