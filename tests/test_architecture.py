"""The arrows of docs/design (shared/design.md) on the real import graph: every module of the package read
with `ast`, every import counted (top-level, inside functions, under TYPE_CHECKING alike).

engine -> rules -> catalog, model; terraform, checkov, pulumi -> engine; cli -> frontends, report.
Never: rules or engine -> a frontend, cli or report; catalog -> rules; a frontend -> cli; one frontend ->
another, except checkov -> terraform: the Checkov frontend reads what Checkov's graph lacks through the
Terraform loaders (plan files, HCL unwrapping, traversals) rather than a second copy of them.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hds_policies"
FRONTENDS = ("terraform", "checkov", "pulumi", "audit")
ALLOWED_BETWEEN_FRONTENDS = {("checkov", "terraform")}
CORE = ("rules", "engine", "catalog")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The package module `name` is or lies in (the longest known prefix); None outside the package."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # `from pkg import sub` imports the submodule when there is one, else a name of pkg.
            names = [f"{origin}.{a.name}" if f"{origin}.{a.name}" in MODULES else origin for a in node.names]
        else:
            continue
        found |= {r for n in names if n.startswith("hds_policies") and (r := _resolve(n)) and r != module}
    return found


GRAPH = {m: _imports(m) for m in MODULES}


def _unit(module: str) -> str:
    """The part of the house a module belongs to: its sub-package or top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _unit_edges() -> dict[str, dict[str, list[str]]]:
    """unit -> unit it imports -> the module-level imports that make the arrow (for the messages)."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for module, targets in GRAPH.items():
        for target in targets:
            if _unit(module) != _unit(target):
                edges[_unit(module)][_unit(target)].append(f"{module} -> {target}")
    return edges


def test_the_graph_is_read():
    """The reader sees the arrows it is meant to check (else every test below would pass on nothing)."""
    assert "hds_policies.engine" in GRAPH["hds_policies.cli.scan"]
    assert "hds_policies.terraform.plan_loader" in GRAPH["hds_policies.checkov.graph"]
    assert "hds_policies.rules" in GRAPH["hds_policies.engine"]
    assert "hds_policies.baseline" in GRAPH["hds_policies.triage"]  # `from . import baseline`
    assert {"scan", "scan_changed", "checkov", "pulumi_test", "audit", "report", "catalog", "app"} <= {
        m.rsplit(".", 1)[1] for m in MODULES if m.startswith("hds_policies.cli.")}


def test_nothing_outside_cli_imports_cli():
    bad = [f"{m} -> {t}" for m, ts in GRAPH.items() for t in ts
           if _unit(t) == "cli" and _unit(m) != "cli"]
    assert bad == []


@pytest.mark.parametrize("frontend", FRONTENDS)
def test_a_frontend_imports_no_other_frontend(frontend: str):
    edges = _unit_edges()[frontend]
    bad = [arrow for other in FRONTENDS if other != frontend and (frontend, other) not in ALLOWED_BETWEEN_FRONTENDS
           for arrow in edges.get(other, [])]
    assert bad == []


def test_checkov_reads_terraform_through_its_loaders():
    """The one arrow between frontends, and only to the loaders' modules."""
    used = {t for m, ts in GRAPH.items() if _unit(m) == "checkov" for t in ts if _unit(t) == "terraform"}
    assert used and all(t.rsplit(".", 1)[1] in ("plan_loader", "hcl_loader", "expressions", "roots")
                        for t in used), used


@pytest.mark.parametrize("core", CORE)
def test_the_core_imports_no_frontend_cli_or_report(core: str):
    edges = _unit_edges()[core]
    bad = [arrow for other in (*FRONTENDS, "cli", "report") for arrow in edges.get(other, [])]
    assert bad == []


def test_the_catalog_imports_no_rule():
    assert _unit_edges()["catalog"].get("rules", []) == []


def test_no_import_circle_between_parts():
    edges = _unit_edges()
    circles: list[str] = []

    def visit(unit: str, stack: tuple[str, ...]) -> None:
        if unit in stack:
            loop = (*stack[stack.index(unit):], unit)
            circles.append(" -> ".join(loop) + ": " + "; ".join(
                edges[a][b][0] for a, b in zip(loop, loop[1:], strict=False)))
            return
        for nxt in edges.get(unit, {}):
            visit(nxt, (*stack, unit))

    for unit in list(edges):
        visit(unit, ())
    assert circles == []


def test_every_folder_of_the_package_is_a_regular_package():
    """A folder without __init__.py imports from a checkout (namespace package) but is left out of the wheel."""
    folders = {p.parent for p in PACKAGE.rglob("*.py")}
    assert sorted(str(f.relative_to(PACKAGE)) for f in folders if not (f / "__init__.py").is_file()) == []
