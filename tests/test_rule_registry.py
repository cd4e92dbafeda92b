"""The rules registry and the evidence rows: every row has its shape or its @check, every @check its
row, every shape is exercised (passed, failed, unknown) by the fixtures, and the rules package has
no import circle, no late import and no private name taken from another module."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from provider_cases import HCL, make_settings

from hds_policies.catalog import DataError, load_catalog, schema
from hds_policies.engine import evaluate
from hds_policies.rules import RULES
from hds_policies.rules.registry import CHECKS, SHAPES, type_key
from hds_policies.terraform.hcl_loader import load_hcl

RULES_DIR = Path(__file__).resolve().parent.parent / "hds_policies" / "rules"


def test_every_row_names_a_registered_shape_or_has_its_check():
    catalog = load_catalog()
    checked_rules = {rule_id for rule_id, _ in CHECKS}
    for rule_id, rows in catalog.evidence.items():
        assert rule_id in RULES, rule_id
        for key, row in rows.items():
            if row["shape"] == "python":
                # a rule with per-type checks needs one for this type; the others judge every type themselves
                assert rule_id not in checked_rules or (rule_id, key) in CHECKS, (rule_id, key)
            else:
                assert row["shape"] in SHAPES, (rule_id, key, row["shape"])


def test_every_check_has_its_row():
    catalog = load_catalog()
    for rule_id, key in CHECKS:
        assert key in catalog.evidence.get(rule_id, {}), (rule_id, key)


def test_every_row_type_is_a_catalog_type_with_a_source():
    catalog = load_catalog()
    for rows in catalog.evidence.values():
        for key, row in rows.items():
            assert row["type"] in catalog.resource_types, key
            assert row["source"], key


def test_catalog_rules_list_the_types_of_their_rows():
    catalog = load_catalog()
    for rule_id, rows in catalog.evidence.items():
        assert {row["type"] for row in rows.values()} <= set(catalog.rules[rule_id].resource_types)
    assert "azapi_resource" in catalog.rules["HDS_TLS_002"].resource_types
    assert "aws_instance" in catalog.rules["HDS_ENC_001"].resource_types


def test_a_row_missing_its_shape_parameter_is_named():
    row = {"rule": "HDS_TLS_002", "type": "x_db", "shape": "min_tls", "attribute": "tls", "source": "s"}
    try:
        schema.validate_row(row, "catalog/data/evidence/encryption_in_transit.json", "rows[3]")
    except DataError as exc:
        assert str(exc) == ("catalog/data/evidence/encryption_in_transit.json: rows[3].weak: "
                            "is required by shape min_tls")
    else:
        raise AssertionError("a min_tls row without weak was accepted")


def test_every_shape_gives_passed_failed_and_unknown_on_the_fixtures():
    seen: dict[str, set[str]] = defaultdict(set)
    for cmk in (False, True):
        settings = make_settings(require_customer_managed_keys=cmk)
        evidence = settings.catalog.evidence
        roots = sorted(p for p in HCL.iterdir() if p.is_dir() and any(p.glob("*.tf")))  # not repo_roots
        for folder in roots:
            graph = load_hcl(folder, settings.catalog)
            by_address = {r.address: r for r in graph.resources}
            for f in evaluate(graph, settings, include_passed=True):
                resource = by_address.get(f.resource.address)
                row = evidence.get(f.rule_id, {}).get(type_key(resource)) if resource else None
                if row is not None:
                    seen[row["shape"]].add(f.status)
    for name in SHAPES:
        if name == "all_of":
            assert {"passed", "failed", "unknown"} <= seen[name], name
        else:
            assert seen[name] >= {"passed", "failed", "unknown"}, (name, seen[name])


def _imports(path: Path) -> list[ast.ImportFrom]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.ImportFrom)]


def test_rules_package_has_no_private_cross_module_names_and_no_late_imports():
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                late = [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
                assert not late, f"{path.name}: import inside {node.name}"
        for imp in _imports(path):
            if imp.level >= 1:
                private = [a.name for a in imp.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports {private} from {imp.module}"


def test_rules_modules_import_no_circle():
    graph: dict[str, set[str]] = {}
    for path in RULES_DIR.glob("*.py"):
        deps = set()
        for imp in _imports(path):
            if imp.level == 1 and imp.module:
                deps.add(imp.module)
            elif imp.level == 1:
                deps |= {a.name for a in imp.names}
        graph[path.stem] = deps - {"__init__"}
    graph.pop("__init__", None)

    def visit(node: str, stack: tuple[str, ...]) -> None:
        assert node not in stack, " -> ".join((*stack, node))
        for nxt in graph.get(node, ()):
            visit(nxt, (*stack, node))

    for module in graph:
        visit(module, ())
