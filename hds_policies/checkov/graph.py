"""Checkov's resource graph -> the engine's Graph, evaluated once; verdicts looked up per Checkov entity.

HCL (`checkov -d`): the graph Checkov built (rendered `config_`, `__address__`, `file_path_`, edges) is
translated: list-wrapping removed as `hcl_loader.unwrap` does, expressions Checkov left unrendered
become `Unknown`, references come from the edges, provider configurations from provider nodes.
One engine Graph per Terraform root folder found in the Checkov graph (Checkov puts every root
under `-d` in one graph, and addresses repeat across roots).

Plan (`checkov -f plan.json`): the plan file Checkov read (`conf["__file__"]`) is read with our
plan loader: Checkov's plan view drops what the rules need (unknown values are replaced by
configuration references, provider arguments set from variables are dropped, sensitive marks are lost).

No Checkov import here: the graph is used through the rustworkx / networkx duck type.
"""

from __future__ import annotations

import ast
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..engine import evaluate
from ..model import Finding, Graph, ProviderConfig, Resource, Unknown
from ..settings import Settings
from ..terraform.expressions import split_traversal
from ..terraform.hcl_loader import META_ARGS, unwrap
from ..terraform.plan_loader import load_plan
from .redact import mark, note_plan, sensitive_variables

LOG = logging.getLogger(__name__)
_INDEX = re.compile(r"\[[^\]]*\]$")
_INSTANCE_KEYS = re.compile(r"\[[^\]]*\]")
_MODULE_SEGMENT = re.compile(r'module\.[^.\[]+(?:\[[^\]]*\])?')
_CALL = re.compile(r"^[a-z_][a-z0-9_]*\(.*\)$", re.DOTALL)
_HEADS = ("var", "local", "module", "data", "each", "count", "path", "self", "terraform")
_EMBEDDED_REF = re.compile(r"(?<![\w.])(?:var|local|module|each|count)\.[A-Za-z_]|\[for |\{for ")
# Checkov renders "${ref}/*" inside jsonencode() as ''ref'/*' in its Python-literal text.
_BROKEN_INTERP = re.compile(r"''([A-Za-z_][\w.\-\[\]\"]*)'([^']*)'")


# --- graph access (rustworkx or networkx) --------------------------------------------------------


def graph_nodes(graph: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, attributes) of every node."""
    if hasattr(graph, "weighted_edge_list"):  # rustworkx.PyDiGraph: payload is (index, attrs)
        out = []
        for idx in graph.node_indices():
            payload = graph[idx]
            attrs = payload[1] if isinstance(payload, tuple) else payload
            out.append((idx, attrs))
        return out
    return [(idx, attrs) for idx, attrs in graph.nodes(data=True)]


def graph_edges(graph: Any) -> list[tuple[int, int, str]]:
    """(source, target, label) of every edge; source references target."""
    if hasattr(graph, "weighted_edge_list"):
        items = graph.weighted_edge_list()
    else:
        items = graph.edges(data=True)
    out = []
    for src, dst, data in items:
        label = data.get("label", "") if isinstance(data, dict) else getattr(data, "label", "")
        out.append((src, dst, str(label or "")))
    return out


# --- values ------------------------------------------------------------------------------------


def _unrendered(text: str, blocks: frozenset[str]) -> bool:
    """True when Checkov left `text` as an expression it could not evaluate."""
    if "${" in text or _CALL.match(text) or _EMBEDDED_REF.search(text):
        return True
    trav = split_traversal(text)
    if trav is None or "." not in text:
        return False
    root = trav[0]
    return root.split(".")[0] in _HEADS or _INDEX.sub("", root) in blocks


def _jsonencode(text: str, blocks: frozenset[str]) -> Any:
    """Checkov's `jsonencode({...python literal...})` text -> JSON text, unrendered parts as "${...}"
    (an Unknown holding that JSON when some are), as hcl_loader's resolver gives it."""
    inner = _BROKEN_INTERP.sub(lambda m: "'${" + m.group(1) + "}" + m.group(2) + "'", text[11:-1])
    try:
        doc = ast.literal_eval(inner)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return Unknown(text)
    unknown = False

    def walk(v: Any) -> Any:
        nonlocal unknown
        if isinstance(v, str):
            if _unrendered(v, blocks):
                unknown = True
                return v if "${" in v else "${" + v + "}"
            return v
        if isinstance(v, dict):
            return {str(k): walk(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x) for x in v]
        return v

    try:
        out = json.dumps(walk(doc))
    except (TypeError, ValueError):
        return Unknown(text)
    return Unknown(out) if unknown else out


def literal(value: Any, blocks: frozenset[str]) -> Any:
    """A Checkov-rendered value with what it could not render turned into `Unknown`."""
    if isinstance(value, str):
        if value.startswith("jsonencode(") and value.endswith(")"):
            return _jsonencode(value, blocks)
        return Unknown(value) if _unrendered(value, blocks) else value
    if isinstance(value, list):
        return [literal(v, blocks) for v in value]
    if isinstance(value, dict):
        return {k: literal(v, blocks) for k, v in value.items()}
    return value


def _body(config: Any) -> dict[str, Any]:
    """The block body inside Checkov's `config_` ({type: {name: body}} or {name: body})."""
    node = config
    for _ in range(2):
        if isinstance(node, dict) and len(node) == 1:
            (only,) = node.values()
            if isinstance(only, dict):
                node = only
                continue
        break
    return node if isinstance(node, dict) else {}


# --- HCL graph -> engine graphs ----------------------------------------------------------------


def _root_dir(attrs: dict[str, Any]) -> str:
    """The Terraform root folder a node belongs to (the outermost module call's folder)."""
    mod = attrs.get("source_module_object_")
    top = None
    while mod:
        top = mod
        mod = mod.get("nested_tf_module") if isinstance(mod, dict) else getattr(mod, "nested_tf_module", None)
    if top is not None:
        path = top.get("path") if isinstance(top, dict) else getattr(top, "path", None)
        if path:
            return os.path.dirname(str(path))
    return os.path.dirname(str(attrs.get("file_path_", "")))


def _module_prefix(attrs: dict[str, Any]) -> str:
    address, block = str(attrs.get("__address__", "")), str(attrs.get("block_name_", ""))
    if block and address.endswith(block) and len(address) > len(block):
        return address[: -len(block)].rstrip(".")
    return ""


@dataclass
class _Root:
    folder: str
    resources: list[Resource] = field(default_factory=list)
    providers: dict[str, ProviderConfig] = field(default_factory=dict)
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # engine address -> (file, checkov addr)


class HclGraphBuilder:
    """Builds one engine Graph per root folder from a Checkov terraform graph."""

    def __init__(self, graph: Any, catalog: Catalog):
        self.catalog = catalog
        self.nodes = dict(graph_nodes(graph))
        self.edges = graph_edges(graph)
        self.required: dict[str, dict[str, str]] = {}  # folder -> local name -> source
        self.roots: dict[str, _Root] = {}
        self.node_root = {i: _root_dir(a) for i, a in self.nodes.items()}
        self.secret_vars = sensitive_variables(self.nodes)  # values derived from them are marked
        self.blocks: dict[str, frozenset[str]] = {}  # root -> "type.name" of resources and data sources
        self.out_edges: dict[int, list[tuple[int, str]]] = {}
        self.passed: dict[tuple[str, str, str], str] = {}  # (root, module path, local key) -> provider key

    def build(self) -> list[_Root]:
        by_kind: dict[str, list[int]] = {}
        for i, a in self.nodes.items():
            by_kind.setdefault(str(a.get("block_type_", "")), []).append(i)
        for i in by_kind.get("terraform", []):
            self._required(self.nodes[i])
        names: dict[str, set[str]] = {}
        for kind in ("resource", "data"):
            for i in by_kind.get(kind, []):
                names.setdefault(self.node_root[i], set()).add(_INDEX.sub("", str(self.nodes[i].get("block_name_"))))
        self.blocks = {k: frozenset(v) for k, v in names.items()}
        provider_keys: dict[int, str] = {}
        for i in by_kind.get("provider", []):
            provider_keys[i] = self._provider(i)
        for src, dst, label in self.edges:
            self.out_edges.setdefault(src, []).append((dst, label))
        addresses = {i: self._address(i) for kind in ("resource", "data") for i in by_kind.get(kind, [])}
        for i in by_kind.get("module", []):  # `providers = { aws = aws.us }` on module calls
            a = self.nodes[i]
            prefix, name = _module_prefix(a), str(a.get("block_name_", ""))
            path = f"{prefix}.module.{name}" if prefix else f"module.{name}"
            for dst, label in self.out_edges.get(i, ()):
                if dst in provider_keys and label.startswith("providers."):
                    self.passed[(self.node_root[i], path, label[len("providers."):])] = provider_keys[dst]
        for kind in ("resource", "data"):
            for i in by_kind.get(kind, []):
                self._resource(i, kind, addresses, provider_keys, self.out_edges.get(i, []))
        return list(self.roots.values())

    def _root(self, i: int) -> _Root:
        folder = self.node_root[i]
        if folder not in self.roots:
            self.roots[folder] = _Root(folder)
        return self.roots[folder]

    def _rel(self, path: str, folder: str) -> str:
        prefix = folder.rstrip(os.sep) + os.sep
        return path[len(prefix):] if path.startswith(prefix) else path

    def _required(self, attrs: dict[str, Any]) -> None:
        folder = os.path.dirname(str(attrs.get("file_path_", "")))
        config = attrs.get("config_") or {}
        for req in config.get("required_providers", []) if isinstance(config, dict) else []:
            for local, spec in (req.items() if isinstance(req, dict) else ()):
                spec = spec[0] if isinstance(spec, list) and spec else spec
                source = spec.get("source") if isinstance(spec, dict) else None
                source = source[0] if isinstance(source, list) and source else source
                self.required.setdefault(folder, {})[local] = source if isinstance(source, str) \
                    else f"hashicorp/{local}"

    def _address(self, i: int) -> str:
        a = self.nodes[i]
        if a.get("block_type_") == "data":
            prefix = _module_prefix(a)
            return (f"{prefix}." if prefix else "") + "data." + str(a.get("block_name_"))
        return str(a.get("__address__") or a.get("block_name_"))

    def _provider(self, i: int) -> str:
        a = self.nodes[i]
        root = self._root(i)
        config = a.get("config_") or {}
        name = next(iter(config), str(a.get("block_name_", "")).split(".")[0]) if isinstance(config, dict) else ""
        attrs = literal(unwrap(_body(config)), self.blocks.get(root.folder, frozenset()))
        attrs = mark(attrs, a.get("rendering_breadcrumbs_"), self.secret_vars)
        alias = attrs.pop("alias", None)
        alias = alias if isinstance(alias, str) else None
        address, suffix = str(a.get("__address__", "")), f"{name}.{alias or 'default'}"
        module = address[: -len(suffix)].rstrip(".") if address.endswith("." + suffix) else ""
        key = (f"{module}:" if module else "") + name + (f".{alias}" if alias else "")
        source = self.required.get(os.path.dirname(str(a.get("file_path_", ""))), {}).get(name)
        file = str(a.get("file_path_", ""))
        pid = self.catalog.configured_provider(source or name, attrs)
        config_ = ProviderConfig(key=key, name=name, provider=pid, alias=alias, source=source, attrs=attrs,
                                 file=self._rel(file, root.folder), line=a.get("__start_line__"), module=module)
        root.providers[key] = config_
        root.entities[config_.address] = (file, str(a.get("__address__", "")))
        return key

    def _local_name(self, rtype: str, folder: str) -> str:
        required = self.required.get(folder, {})
        for local in sorted(required, key=len, reverse=True):
            if rtype.startswith(local + "_"):
                return local
        return rtype.split("_", 1)[0]

    def _inherited(self, root: _Root, module: str, local_key: str) -> str:
        """The configuration a resource gets without a provider edge: from the innermost module out,
        the module's own provider block or the one its call passes (`providers = {…}`); else the root's."""
        segments = _MODULE_SEGMENT.findall(module)
        for depth in range(len(segments), 0, -1):
            path = ".".join(segments[:depth])
            if f"{path}:{local_key}" in root.providers:
                return f"{path}:{local_key}"
            passed = self.passed.get((root.folder, _INSTANCE_KEYS.sub("", path), local_key))
            if passed is not None:
                return passed
        return local_key

    def _referenced(self, i: int) -> set[int]:
        """Nodes `i` references, directly or through module outputs (`module.x.bucket_id`)."""
        found: set[int] = set()
        todo, seen = [i], {i}
        while todo:
            for dst, _label in self.out_edges.get(todo.pop(), ()):
                if dst in seen:
                    continue
                seen.add(dst)
                found.add(dst)
                if self.nodes.get(dst, {}).get("block_type_") == "output":
                    todo.append(dst)
        return found

    def _resource(self, i: int, kind: str, addresses: dict[int, str], provider_keys: dict[int, str],
                  edges: list[tuple[int, str]]) -> None:
        a = self.nodes[i]
        root = self._root(i)
        rtype = str(a.get("resource_type", ""))
        rtype = rtype[5:] if rtype.startswith("data.") else rtype
        block = str(a.get("block_name_", ""))
        name = _INDEX.sub("", block[len(rtype) + 1:] if block.startswith(rtype + ".") else block)
        raw = unwrap(_body(a.get("config_") or {}))
        explicit = raw.get("provider")
        attrs = literal({k: v for k, v in raw.items() if k not in META_ARGS}, self.blocks.get(root.folder, frozenset()))
        attrs = mark(attrs, a.get("rendering_breadcrumbs_"), self.secret_vars)
        file = str(a.get("file_path_", ""))
        folder = os.path.dirname(file)
        refs, pkey = set(), None
        for dst, label in edges:
            if dst in provider_keys and (label == "provider" or label.startswith("providers.")):
                pkey = provider_keys[dst]
        for dst in self._referenced(i):
            if dst in addresses and dst != i and self.node_root.get(dst) == root.folder:
                refs.add(addresses[dst])
        local = explicit.split(".")[0] if isinstance(explicit, str) and explicit else self._local_name(rtype, folder)
        if pkey is None:
            pkey = self._inherited(root, _module_prefix(a), explicit if isinstance(explicit, str) and explicit
                                   else local)
        if pkey not in root.providers:
            root.providers[pkey] = ProviderConfig(key=pkey, name=local, provider=None, implicit=True)
        source = self.required.get(folder, {}).get(local) or self.required.get(root.folder, {}).get(local)
        pid = self.catalog.provider_id(source) if source else None
        pid = pid or self.catalog.provider_for_type(rtype) or self.catalog.provider_id(local)
        if root.providers[pkey].implicit and root.providers[pkey].provider is None:
            root.providers[pkey].provider = pid
        pid = pid or root.providers[pkey].provider  # openstack at OVHcloud: from its auth_url
        address = addresses[i]
        root.resources.append(Resource(
            address=address, type=rtype, name=name, provider=pid, provider_key=pkey, attrs=attrs,
            file=self._rel(file, root.folder), line=a.get("__start_line__"), module=_module_prefix(a),
            mode="managed" if kind == "resource" else "data", refs=frozenset(refs),
        ))
        root.entities[address] = (file, str(a.get("__address__", "")))


# --- verdicts ----------------------------------------------------------------------------------


@dataclass
class Verdicts:
    """Engine findings for one Checkov graph (or plan file), looked up by Checkov entity."""

    by_address: dict[str, list[tuple[str, dict[str, Finding]]]] = field(default_factory=dict)
    error: str | None = None
    catalog: Catalog | None = None
    findings: list[Finding] = field(default_factory=list)

    def types(self, with_passed: bool) -> dict[str, set[str]]:
        """Rule id -> resource types with a finding to show (failed/unknown, and passed if asked)."""
        out: dict[str, set[str]] = {}
        for f in self.findings:
            if f.resource.type != "provider" and (with_passed or f.status != "passed"):
                out.setdefault(f.rule_id, set()).add(f.resource.type)
        return out

    def add(self, file: str, checkov_address: str, finding: Finding | None) -> dict[str, Finding]:
        entries = self.by_address.setdefault(checkov_address, [])
        for f, found in entries:
            if f == file:
                if finding is not None:
                    found[finding.rule_id] = finding
                return found
        found = {finding.rule_id: finding} if finding is not None else {}
        entries.append((file, found))
        return found

    def lookup(self, scanned_file: str, checkov_address: str) -> dict[str, Finding] | None:
        """Findings by rule id for an entity; None when the entity is not in the engine's graph."""
        entries = self.by_address.get(checkov_address, [])
        if len(entries) == 1:
            return entries[0][1]
        suffix = scanned_file if scanned_file.startswith("/") else "/" + scanned_file
        for file, found in entries:
            if file == scanned_file or file.endswith(suffix):
                return found
        return None


def unreachable(findings: list[Finding], catalog: Catalog) -> list[Finding]:
    """Failed/unknown findings on a resource type the rule's Checkov check is not registered for
    (neither in its resource_types nor in reported_on): Checkov would never show them."""
    out = []
    for f in findings:
        meta = catalog.rules.get(f.rule_id)
        if meta is None or f.status == "passed" or f.resource.type == "provider" or "*" in meta.resource_types:
            continue
        if f.resource.type not in meta.resource_types and f.resource.type not in meta.reported_on:
            out.append(f)
    return out


def _evaluate(graph: Graph, settings: Settings, out: Verdicts) -> list[Finding]:
    findings = evaluate(graph, settings, include_passed=True)
    out.findings.extend(findings)
    for f in unreachable(findings, settings.catalog):
        LOG.error("hds-policies: %s %s on %s cannot be shown by Checkov: add %s to the rule's reported_on",
                  f.rule_id, f.status, f.resource.address, f.resource.type)
    return findings


def hcl_verdicts(graph: Any, settings: Settings) -> Verdicts:
    """Evaluate every root folder of a Checkov HCL graph."""
    out = Verdicts(catalog=settings.catalog)
    for root in HclGraphBuilder(graph, settings.catalog).build():
        engine_graph = Graph(root.resources, root.providers, source=root.folder)
        for file, checkov_address in root.entities.values():
            out.add(file, checkov_address, None)
        for finding in _evaluate(engine_graph, settings, out):
            entity = root.entities.get(finding.resource.address)
            if entity is not None:
                out.add(entity[0], entity[1], finding)
    return out


def plan_files(graph: Any) -> list[str]:
    """The plan files a Checkov terraform_plan graph was built from."""
    files = {str(a.get("file_path_", "")) for _i, a in graph_nodes(graph)}
    return sorted(f for f in files if f.endswith(".json") and not f.endswith(".tf.json"))


def plan_verdicts(path: str, settings: Settings) -> Verdicts:
    """Evaluate a plan file with the engine's own plan loader."""
    out = Verdicts(catalog=settings.catalog)
    graph = load_plan(Path(path), settings.catalog)
    note_plan(path, graph.resources)
    for r in graph.resources:
        out.add(path, r.address, None)
    entities = {}
    for pc in graph.providers.values():
        if not pc.module and not pc.implicit:
            entities[pc.address] = f"{pc.name}.{pc.alias or 'default'}"
            out.add(path, entities[pc.address], None)
    for finding in _evaluate(graph, settings, out):
        address = entities.get(finding.resource.address, finding.resource.address)
        out.add(path, address, finding)
    return out
