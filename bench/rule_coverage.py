"""Resource types each rule family covers per provider, from the catalog's evidence rows, beside
the resource types Checkov's built-in encryption checks cover (when a Checkov checkout is given).

    python bench/rule_coverage.py [CHECKOV_CHECKOUT]

Prints a markdown table (docs/rules.md holds its output). Checkov's count: the distinct
`supported_resources` of the checks under checkov/terraform/checks/resource/<provider>/ whose
categories include CheckCategories.ENCRYPTION (at rest and in transit together: Checkov does not
separate them), read from the source as text, nothing imported or copied.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

from hds_policies.catalog import load_catalog

PROVIDERS = {"aws": "aws", "azure": "azure", "gcp": "gcp"}
FAMILIES = ("location", "encryption_at_rest", "encryption_in_transit", "backup_immutability")


def ours() -> dict[str, dict[str, set[str]]]:
    """provider -> family -> resource type keys (azapi rows count per Azure resource type)."""
    catalog = load_catalog()
    table: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rule_id, rows in catalog.evidence.items():
        family = catalog.rules[rule_id].family
        for key, row in rows.items():
            provider = catalog.provider_for_type(row["type"]) or "?"
            table[provider][family].add(key)
    for t, entry in catalog.resource_types.items():  # location: every catalog type is placed
        table[entry["provider"]]["location"].add(t)
    return table


def checkov_types(checkout: Path, provider: str) -> set[str]:
    folder = checkout / "checkov" / "terraform" / "checks" / "resource" / provider
    found: set[str] = set()
    for path in folder.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "CheckCategories.ENCRYPTION" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assign) and isinstance(node.value, (ast.List, ast.Tuple)):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(n.startswith("supported_resource") for n in names):
                    found |= {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
    return found


def main(argv: list[str]) -> int:
    checkout = Path(argv[0]) if argv else None
    table = ours()
    head = "| provider | " + " | ".join(FAMILIES) + " | at rest + in transit |"
    if checkout:
        head += " Checkov encryption checks |"
    print(head)
    print("|---" * (len(FAMILIES) + 2 + bool(checkout)) + "|")
    for provider in sorted(table):
        fams = table[provider]
        enc = fams["encryption_at_rest"] | fams["encryption_in_transit"]
        line = f"| {provider} | " + " | ".join(str(len(fams[f])) for f in FAMILIES) + f" | {len(enc)} |"
        if checkout:
            line += f" {len(checkov_types(checkout, PROVIDERS[provider]))} |" if provider in PROVIDERS else " — |"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
