"""Resource types covered per provider and rule family, beside the resource types of Checkov's
built-in encryption checks (`hds-policies catalog rules --types`).

Ours: the evidence rows of the catalog (catalog/data/evidence/*.json; an azapi row counts per Azure
resource type) and, for location, every type of resource_types.json (HDS_LOC_001 places each).
Checkov's: catalog/data/checkov_encryption_types.json, generated from a Checkov checkout by
`python bench/rule_coverage.py CHECKOUT --write` (at rest and in transit together, as Checkov does
not separate them).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import Catalog, schema

FAMILIES = ("location", "encryption_at_rest", "encryption_in_transit", "backup_immutability")
ENCRYPTION = ("encryption_at_rest", "encryption_in_transit")
CHECKOV_FILE = Path(__file__).parent / "data" / "checkov_encryption_types.json"
# Checkov's provider folders (checkov/terraform/checks/resource/<folder>) -> our provider ids.
CHECKOV_PROVIDERS = {"aws": "aws", "azure": "azure", "gcp": "gcp"}


def ours(catalog: Catalog) -> dict[str, dict[str, set[str]]]:
    """provider -> family -> the resource type keys covered."""
    table: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rule_id, rows in catalog.evidence.items():
        family = catalog.rules[rule_id].family
        if family not in FAMILIES:
            continue
        for key, row in rows.items():
            table[catalog.provider_for_type(row["type"]) or "?"][family].add(key)
    for t, entry in catalog.resource_types.items():
        table[entry["provider"]]["location"].add(t)
    return table


def load_checkov(path: Path = CHECKOV_FILE) -> dict[str, Any]:
    """The generated list of Checkov's encryption-check resource types, with its source."""
    data = json.loads(path.read_text(encoding="utf-8"))
    schema.validate(data, schema.CHECKOV_TYPES_FILE, f"catalog/data/{path.name}")
    return data


def coverage(catalog: Catalog, checkov: dict[str, Any] | None = None) -> dict[str, Any]:
    """Per provider: the count of each family, at rest + in transit, Checkov's count, and the
    types of Checkov's list we do not cover."""
    checkov = load_checkov() if checkov is None else checkov
    table = ours(catalog)
    out: dict[str, Any] = {}
    for provider in sorted(table):
        fams = table[provider]
        enc = set().union(*(fams[f] for f in ENCRYPTION))
        entry: dict[str, Any] = {f: len(fams[f]) for f in FAMILIES}
        entry["encryption"] = len(enc)
        theirs = checkov["providers"].get(provider)
        if theirs is not None:
            entry["checkov_encryption"] = len(theirs)
            entry["checkov_not_covered"] = sorted(set(theirs) - enc)
        out[provider] = entry
    return out


def render_coverage(catalog: Catalog, fmt: str = "text") -> str:
    """The table as markdown (text) or JSON."""
    checkov = load_checkov()
    table = coverage(catalog, checkov)
    source = {"source": checkov["source"], "as_of": checkov["as_of"]}
    if fmt == "json":
        return json.dumps({"providers": table, "checkov": source}, ensure_ascii=False, indent=2)
    lines = ["| provider | " + " | ".join(FAMILIES) + " | at rest + in transit | Checkov encryption checks |",
             "|---" * (len(FAMILIES) + 3) + "|"]
    for provider, e in table.items():
        theirs = str(e["checkov_encryption"]) if "checkov_encryption" in e else "—"
        lines.append(f"| {provider} | " + " | ".join(str(e[f]) for f in FAMILIES)
                     + f" | {e['encryption']} | {theirs} |")
    lines.append("")
    for provider, e in table.items():
        if e.get("checkov_not_covered"):
            lines.append(f"{provider}: Checkov's types not covered: {', '.join(e['checkov_not_covered'])}")
    lines.append(f"Checkov's list: {checkov['source']} (as of {checkov['as_of']})")
    return "\n".join(lines)
