"""Load a Terraform folder (root module + local child modules) into the engine's Graph."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog, DataError
from ..model import Graph, ModuleCall, ProviderConfig, Resource, Unknown, mark_sensitive
from . import hcl_parser, hcl_shape, parse_cache
from .deadline import DeadlineExceeded, budget, deadline
from .expressions import Resolver, references, traverse
from .files import relative, terraform_files
from .json_syntax import json_to_tree
from .modules_json import ModuleDirs
from .packed import Packed, Spill, pack_bodies, unpack
from .sharing import Sharer
from .var_types import convert, type_tree

SKIP_COMMENT = re.compile(r"(?:#|//|/\*)\s*checkov:skip=([A-Za-z0-9_,\-]+)(?::([^\n]*?))?\s*(?:\*/)?$",
                          re.MULTILINE)
EACH_REF = re.compile(r"(?<![\w.])each\.(?:key|value)\b")
COUNT_REF = re.compile(r"(?<![\w.])count\.index\b")
MAX_COUNT_INSTANCES = 64  # a larger count is judged once, under the block address
OUTPUT_REF = re.compile(r"module\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*)")
META_ARGS = frozenset({"count", "for_each", "depends_on", "lifecycle", "provider", "provisioner",
                       "connection"})
MAX_MODULE_DEPTH = 20
MODULE_META = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})
NO_REFS: frozenset[str] = frozenset()  # one shared empty set (each new empty frozenset costs 216 bytes)
NO_SKIPS: dict[str, str] = {}  # shared by every resource without skip comments; never written to
_NOT_SET = object()  # a resource attribute the code does not set (HclLoader._lookup)


class _Literal:
    """A resource attribute's value written as a literal (HclLoader._lookup: not remembered)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None


def _parse_text(path: Path, text: str, keep_parens: bool = False, pack: bool = False) -> dict[str, Any]:
    """The parsed tree, its shape checked (hcl_shape); DataError naming the file otherwise.
    `keep_parens`: grouping parentheses kept, for the evaluator (the reference tree drops them).
    `pack`: resource and data bodies packed (packed.py), each as soon as it is read."""
    try:
        tree = _parse_tree(path, text, keep_parens, pack)
        if path.suffix == ".tf":
            hcl_shape.check(tree)
    except (hcl_parser.TooDeep, hcl_shape.ShapeError) as exc:
        raise DataError(f"{path}: {exc}") from None
    return tree


def _parse_tree(path: Path, text: str, keep_parens: bool = False, pack: bool = False) -> dict[str, Any]:
    """The fast reader's tree; for what it declines, the reference parser's (cached by content)."""
    each = functools.partial(pack_bodies, path=path) if pack else None
    try:
        return hcl_parser.loads(text, keep_parens=keep_parens, each=each)
    except (hcl_parser.Unsupported, RecursionError):
        pass  # the reference parser decides, and words the error if the file is malformed
    cached = parse_cache.get(text)
    if cached is not None and _well_shaped(cached):
        return pack_bodies(cached, path) if pack else cached
    import hcl2

    try:
        with deadline(budget(text)):
            tree = hcl2.loads(text)
    except DeadlineExceeded:
        raise DataError(f"{path}: malformed HCL (the reference parser did not finish in "
                        f"{budget(text):.0f} s)") from None
    except Exception as exc:  # lark raises many error types; all mean malformed HCL here
        try:  # what neither reads as the reference does: the fast reader's reading without its quirks
            return hcl_parser.loads(text, lenient=True, keep_parens=keep_parens, each=each)
        except (hcl_parser.Unsupported, RecursionError):
            pass
        line = getattr(exc, "line", None)
        where = f"line {line}: " if isinstance(line, int) and line > 0 else ""
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(f"{path}: {where}malformed HCL ({reason[:120]})") from None
    parse_cache.put(text, tree)
    return pack_bodies(tree, path) if pack else tree


def _well_shaped(tree: Any) -> bool:
    """A cached tree the loader can walk (a stale or tampered entry is parsed again)."""
    try:
        hcl_shape.check(tree)
    except hcl_shape.ShapeError:
        return False
    return True


def _parse_job(job: tuple[Path, str, bool, bool]) -> dict[str, Any]:
    path, text, keep_parens, pack = job
    if path.name.endswith(".tf.json"):
        tree = json_to_tree(path, text)
        return pack_bodies(tree, path) if pack else tree
    return _parse_text(path, text, keep_parens, pack)


def parse_hcl(path: Path) -> dict[str, Any]:
    """Parse one .tf/.tfvars file; DataError names the file and the line on malformed HCL."""
    return parse_many([path])[path]


PARALLEL_MIN_BYTES = 512 * 1024  # below this, starting worker processes costs more than it saves


def parse_many(paths: list[Path], keep_parens: bool = False, pack: bool = False) -> dict[Path, dict[str, Any]]:
    """Parse several files, on every core when there is enough HCL to be worth it; `pack`: resource
    and data bodies packed (configuration files, not var files)."""
    jobs = [(path, _read(path), keep_parens, pack) for path in paths]
    workers = min(len(jobs), os.cpu_count() or 1, 8)
    if workers < 2 or sum(len(j[1]) for j in jobs) < PARALLEL_MIN_BYTES or not hasattr(os, "fork"):
        parsed = [_parse_job(j) for j in jobs]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parsed = list(pool.map(_parse_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    return {job[0]: tree for job, tree in zip(jobs, parsed, strict=True)}


def unwrap(block: dict[str, Any]) -> dict[str, Any]:
    """python-hcl2 wraps every attribute in a list; give attributes their values and keep
    nested blocks as lists of dicts (the plan JSON shape)."""
    out: dict[str, Any] = {}
    for key, value in block.items():
        if key.startswith("__"):
            continue
        if isinstance(value, list):
            if len(value) == 1 and not isinstance(value[0], dict):
                out[key] = value[0]
            elif value and all(isinstance(v, dict) and _block_like(v) for v in value):
                out[key] = [unwrap(v) for v in value]
            elif len(value) == 1:
                out[key] = value[0]
            else:
                out[key] = value
        else:
            out[key] = value
    return out


def _block_like(d: dict[str, Any]) -> bool:
    values = [v for k, v in d.items() if not k.startswith("__")]
    return bool(values) and all(isinstance(v, list) for v in values)


@dataclass
class _Module:
    """One module instance: its folder, address and the declarations of its .tf files."""

    address: str  # "" for root, "module.a.module.b"
    key: str  # modules.json key: "" for root, "a.b"
    folder: Path
    files: list[tuple[Path, dict[str, Any]]]
    var_values: dict[str, Any] = field(default_factory=dict)  # resolved inputs / tfvars
    provider_map: dict[str, str] = field(default_factory=dict)  # local "aws" / "aws.x" -> graph key
    required: dict[str, str] = field(default_factory=dict)  # local name -> source
    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    # key -> (kind, type, name, body, path); a packed block (packed.Packed) holds its body's data instead
    blocks: dict[str, tuple[str, str, str, Any, Path]] = field(default_factory=dict)
    children: dict[str, dict[str, _Module]] = field(default_factory=dict)  # call -> instance key -> module
    input_refs: dict[str, frozenset[str]] = field(default_factory=dict)  # var name -> caller's addresses
    sensitive_outputs: set[str] = field(default_factory=set)
    sensitive_vars: set[str] = field(default_factory=set)
    values: dict[tuple[str, ...], Any] = field(default_factory=dict)  # memoised references


class HclLoader:
    """Builds a Graph from a folder. One loader per scan."""

    def __init__(self, root: Path, catalog: Catalog, var_files: list[Path] | None = None,
                 base: Path | None = None):
        self.root = root
        self.base = base or root  # files are reported relative to this folder
        self.catalog = catalog
        self.var_files = var_files or []
        self.resources: list[Resource] = []
        self.providers: dict[str, ProviderConfig] = {}
        self._lines: dict[Path, tuple[str, Any] | None] = {}
        self._parsed: dict[Path, dict[str, Any]] = {}
        self._rel_paths: dict[Path, str] = {}
        self._instances: dict[str, dict[str, str]] = {}  # expanded block address -> key -> instance address
        self._instance_keys: dict[str, str] = {}  # instance address -> its key ("virginia", "0")
        self.module_calls: list[ModuleCall] = []  # calls whose module could not be read
        self.module_dirs = ModuleDirs.read(root)
        self._spill = Spill()  # packed block bodies, out of memory while the folder is resolved
        self._sharer = Sharer()  # equal attribute values held once

    def load(self) -> Graph:
        if not self.root.is_dir():
            raise DataError(f"{self.root}: not a folder")
        root_files = config_files(self.root, self.base)  # first: DataError if the folder is unreadable
        tfvars = self._root_tfvars()
        try:
            self._parsed = self._parse(root_files)
            has_files = bool(self._module("", "", self.root, tfvars, {}, depth=0).files)
        finally:  # the modules' tables of blocks go before the graph's indexes are built
            self._spill.close()
            self._parsed = {}
        if not has_files:
            raise DataError(f"{self.root}: no .tf files in this folder")
        if self._instances:
            self._link_instances()
        return Graph(self.resources, self.providers, source=str(self.root),
                     module_calls=self.module_calls)

    def _parse(self, paths: list[Path]) -> dict[Path, dict[str, Any]]:
        """Configuration files parsed, their resource and data bodies packed and spilled."""
        parsed = parse_many(paths, keep_parens=True, pack=True)
        for tree in parsed.values():
            self._spill.keep(tree)
        return parsed

    def _body(self, value: Any) -> Any:
        """A block's body: the body itself, or a packed block's data unpacked (packed.py)."""
        return value if isinstance(value, dict) else unpack(value, self._spill)

    # --- inputs -------------------------------------------------------------------------------

    def _root_tfvars(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        files = [self.root / "terraform.tfvars", self.root / "terraform.tfvars.json"]
        files += sorted(self.root.glob("*.auto.tfvars")) + sorted(self.root.glob("*.auto.tfvars.json"))
        for path in [*[f for f in files if f.exists()], *self.var_files]:
            values.update(self._read_tfvars(path))
        return values

    def _read_tfvars(self, path: Path) -> dict[str, Any]:
        if not path.exists():
            raise DataError(f"{path}: var file not found")
        if path.suffix == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise DataError(f"{path}: not valid JSON: {exc}") from None
            if not isinstance(data, dict):
                raise DataError(f"{path}: a var file must hold a mapping of variable values")
            return data
        return unwrap(parse_hcl(path))

    # --- modules ------------------------------------------------------------------------------

    def _module(self, address: str, key: str, folder: Path, inputs: dict[str, Any],
                provider_map: dict[str, str], depth: int,
                input_refs: dict[str, frozenset[str]] | None = None) -> _Module:
        paths = list(self._parsed) if not address else config_files(folder, self.base)
        pending = [p for p in paths if p not in self._parsed]
        if pending:  # a module called several times (or per instance) is parsed once
            self._parsed.update(self._parse(pending))
        files = [(p, self._parsed[p]) for p in paths]
        mod = _Module(address, key, folder, files, provider_map=dict(provider_map),
                      input_refs=dict(input_refs or {}))
        for path, doc in files:
            self._declare(mod, path, doc)
        for name, decl in mod.variables.items():
            if name in inputs:
                mod.var_values[name] = inputs[name]
            elif "default" in decl:
                mod.var_values[name] = decl["default"]
            if decl.get("sensitive") in (True, "true") and name in mod.var_values:
                mod.sensitive_vars.add(name)
        self._providers(mod)
        resolver = Resolver(lambda root, rest: self._lookup(mod, root, rest, set()))
        for kind, _t, name, body, path in list(mod.blocks.values()):
            if kind == "module":
                self._child(mod, resolver, name, body, path, depth)
        for key, (kind, rtype, name, body, path) in mod.blocks.items():
            if kind in ("resource", "data"):
                self._resource(mod, resolver, key, kind, rtype, name, body, path)
        return mod

    def _declare(self, mod: _Module, path: Path, doc: dict[str, Any]) -> None:
        for tf in doc.get("terraform", []):
            for req in tf.get("required_providers", []):
                for local, spec in req.items():
                    spec = spec[0] if isinstance(spec, list) and spec else spec
                    if isinstance(spec, dict) and isinstance(spec.get("source"), str):
                        mod.required[local] = spec["source"]
                    elif isinstance(spec, str):
                        mod.required[local] = f"hashicorp/{local}"
        for var in doc.get("variable", []):
            for name, body in var.items():
                mod.variables[name] = unwrap(body)
        for loc in doc.get("locals", []):
            mod.locals.update(unwrap(loc))
        for out in doc.get("output", []):
            for name, body in out.items():
                out_attrs = unwrap(body)
                mod.outputs[name] = out_attrs.get("value")
                if out_attrs.get("sensitive") in (True, "true"):
                    mod.sensitive_outputs.add(name)
        for kind in ("resource", "data"):
            for entry in doc.get(kind, []):
                if isinstance(entry, Packed):  # its body is unpacked when the block is resolved or looked up
                    key = f"{entry.type}.{entry.name}" if kind == "resource" else f"data.{entry.type}.{entry.name}"
                    mod.blocks[key] = entry if entry.path == path else Packed((*entry[:4], path))
                    continue
                for rtype, named in entry.items():
                    for name, body in named.items():
                        key = f"{rtype}.{name}" if kind == "resource" else f"data.{rtype}.{name}"
                        mod.blocks[key] = (kind, rtype, name, body, path)
        for entry in doc.get("module", []):
            for name, body in entry.items():
                mod.blocks[f"module.{name}"] = ("module", "", name, body, path)
        for entry in doc.get("provider", []):
            for name, body in entry.items():
                key = "provider." + name + (f".{_first(body.get('alias'))}" if body.get("alias") else "")
                mod.blocks[key] = ("provider", name, name, body, path)

    def _providers(self, mod: _Module) -> None:
        resolver = Resolver(lambda root, rest: self._lookup(mod, root, rest, set()))
        prefix = f"{mod.address}:" if mod.address else ""
        for kind, local, _n, body, path in list(mod.blocks.values()):
            if kind != "provider":
                continue
            attrs = resolver.value(unwrap(body))
            alias = attrs.pop("alias", None)
            local_key = local + (f".{alias}" if alias else "")
            key = prefix + local_key
            source = mod.required.get(local)
            self.providers[key] = ProviderConfig(
                key=key, name=local, provider=self.catalog.configured_provider(source or local, attrs), alias=alias,
                source=source, attrs=attrs, file=self._rel(path), line=body.get("__start_line__"),
                module=mod.address,
            )
            mod.provider_map[local_key] = key

    def _provider_key(self, mod: _Module, rtype: str, explicit: Any) -> tuple[str, str | None]:
        """Graph key of the provider configuration a resource uses, and the registry id."""
        if isinstance(explicit, str):
            local_key = explicit.strip("${}")
            local = local_key.split(".")[0]
        else:
            local = self._local_name(mod, rtype)
            local_key = local
        key = mod.provider_map.get(local_key)
        source = mod.required.get(local)
        pid = self.catalog.provider_id(source) if source else None
        pid = pid or self.catalog.provider_for_type(rtype) or self.catalog.provider_id(local)
        if key is None:
            key = local_key  # implicit default configuration of the root module
            if key not in self.providers:
                self.providers[key] = ProviderConfig(key=key, name=local, provider=pid, source=source,
                                                     implicit=True)
        return key, pid or self.providers[key].provider  # openstack at OVHcloud: from its auth_url

    def _local_name(self, mod: _Module, rtype: str) -> str:
        for local in sorted(mod.required, key=len, reverse=True):
            if rtype.startswith(local + "_"):
                return local
        return rtype.split("_", 1)[0]

    def _child(self, mod: _Module, resolver: Resolver, name: str, body: dict[str, Any], path: Path,
               depth: int) -> None:
        attrs = unwrap(body)
        source = attrs.get("source")
        address = f"{mod.address}.module.{name}" if mod.address else f"module.{name}"
        key = f"{mod.key}.{name}" if mod.key else name
        count, for_each = resolver.value(attrs.get("count")), resolver.value(attrs.get("for_each"))
        if _creates_nothing(count, for_each):
            return
        if not isinstance(source, str):
            raise DataError(f"{self._rel(path)}: module.{name}: no source")
        folder, reason = self._module_folder(mod, key, source)
        if folder is None:
            self.module_calls.append(ModuleCall(address=address, name=name, source=source, reason=reason,
                                                file=self._rel(path), line=body.get("__start_line__")))
            return
        if depth >= MAX_MODULE_DEPTH:
            raise DataError(f"{self._rel(path)}: module.{name}: modules nested more than "
                            f"{MAX_MODULE_DEPTH} deep")
        provider_map = {}
        for local_key, pkey in mod.provider_map.items():
            if "." not in local_key:
                provider_map[local_key] = pkey  # default providers are inherited
        passed = attrs.get("providers")
        if isinstance(passed, dict):
            for child_key, parent_ref in passed.items():
                ref = str(parent_ref).strip("${}")
                provider_map[child_key] = mod.provider_map.get(ref, ref)
        raw_inputs = {k: v for k, v in attrs.items() if k not in MODULE_META}
        input_refs = {k: self._ref_addresses(mod, v, set()) for k, v in raw_inputs.items()}
        instances = _instances(count, for_each, limit=MAX_COUNT_INSTANCES)
        mod.children[name] = {}
        for inst in instances or [None]:
            bound = _bind(resolver, inst) if inst else resolver
            inputs = {k: bound.value(v) for k, v in raw_inputs.items()}
            child = self._module(address + (inst.suffix if inst else ""), key, folder, inputs, provider_map,
                                 depth + 1, input_refs)
            mod.children[name][inst.key if inst else ""] = child

    def _module_folder(self, mod: _Module, key: str, source: str) -> tuple[Path | None, str]:
        """The folder of a module call, as Terraform finds it: a local path, else the folder
        `terraform init` recorded in .terraform/modules/modules.json; None and why when neither."""
        if source.startswith(("./", "../")):
            folder = (mod.folder / source).resolve()
            if folder.is_dir():
                return folder, ""
            recorded = self.module_dirs.folder(key)
            if recorded is not None:
                return recorded, ""
            return None, f"local source {source} is not a folder"
        recorded = self.module_dirs.folder(key)
        if recorded is not None:
            return recorded, ""
        if self.module_dirs.found:
            return None, "not in .terraform/modules/modules.json (run `terraform init` again)"
        return None, "not initialised (no .terraform/modules/modules.json: run `terraform init`)"

    # --- resources ----------------------------------------------------------------------------

    def _resource(self, mod: _Module, resolver: Resolver, key: str, kind: str, rtype: str, name: str,
                  stored: Any, path: Path) -> None:
        body = self._body(stored)
        raw = unwrap(body)
        count, for_each = resolver.value(raw.get("count")), resolver.value(raw.get("for_each"))
        if _creates_nothing(count, for_each):
            return
        explicit = raw.get("provider")
        raw_attrs = {k: v for k, v in raw.items() if k not in META_ARGS and k != "dynamic"}
        dynamics = _dynamic_specs(raw.get("dynamic"))
        pkey, pid = self._provider_key(mod, rtype, explicit)
        prefix = f"{mod.address}." if mod.address else ""
        ref_addresses = self._ref_addresses(mod, [raw_attrs, raw.get("for_each"), dynamics], set())
        line = body.get("__start_line__")
        skips = self._skips(path, line, body.get("__end_line__"))
        instances = None
        if count is not None or for_each is not None:
            texts = _strings([raw_attrs, dynamics])
            instances = _instances(count if any(COUNT_REF.search(t) for t in texts) else None,
                                   for_each if any(EACH_REF.search(t) for t in texts) else None)
        if instances:
            self._instances[prefix + key] = {i.key: prefix + key + i.suffix for i in instances}
            self._instance_keys.update({prefix + key + i.suffix: i.key for i in instances})
        for inst in instances or [None]:  # None: one resource under the block address
            bound = _bind(resolver, inst) if inst else resolver
            attrs = self._sharer.attrs(_resolve_block({**raw_attrs, "dynamic": dynamics} if dynamics else raw_attrs,
                                                      bound))
            self.resources.append(Resource(
                address=prefix + key + (inst.suffix if inst else ""), type=rtype, name=name, provider=pid,
                provider_key=pkey, attrs=attrs,
                file=self._rel(path), line=line, module=mod.address,
                mode="managed" if kind == "resource" else "data", refs=ref_addresses, skips=skips,
            ))

    def _ref_addresses(self, mod: _Module, raw: Any, seen: set[str]) -> frozenset[str]:
        """Addresses of the resources an expression tree refers to, directly or through locals, module
        inputs (the caller's expression) and module outputs (the callee's)."""
        refs: set[str] = set()
        references(raw, refs)
        prefix = f"{mod.address}." if mod.address else ""
        out = {prefix + r for r in refs if r in mod.blocks and not r.startswith("module.")}
        for r in refs:
            if r in seen:
                continue
            if r.startswith("local.") and r[6:] in mod.locals:
                out |= self._ref_addresses(mod, mod.locals[r[6:]], seen | {r})
            elif r.startswith("var."):
                out |= mod.input_refs.get(r[4:], frozenset())
        outputs = self._output_refs(mod, raw, set())
        if not out:
            return outputs
        return frozenset(out) | outputs if outputs else frozenset(out)

    def _link_instances(self) -> None:
        """References to a block expanded per for_each key or count index point at its instances: an
        instance at the one with its own key when there is one (aws_x.y[each.key], aws_x.y[count.index]),
        others at all of them."""
        for i, res in enumerate(self.resources):
            if not res.refs & self._instances.keys():
                continue
            own = self._instance_keys.get(res.address)
            refs: set[str] = set()
            for ref in res.refs:
                instances = self._instances.get(ref)
                if instances is None:
                    refs.add(ref)
                elif own is not None and own in instances:
                    refs.add(instances[own])
                else:
                    refs |= set(instances.values())
            self.resources[i] = dataclasses.replace(res, refs=frozenset(refs))

    def _output_refs(self, mod: _Module, raw: Any, seen: set[str]) -> frozenset[str]:
        """Addresses of the child-module resources behind `module.x.output` references in `raw`."""
        out: set[str] = set()
        for text in _strings(raw):
            for m in OUTPUT_REF.finditer(text):
                if m.group(0) in seen:
                    continue
                for child in mod.children.get(m.group(1), {}).values():
                    if m.group(2) not in child.outputs:
                        continue
                    value = child.outputs[m.group(2)]
                    out |= self._ref_addresses(child, value, {m.group(0)})
                    out |= self._output_refs(child, value, seen | {m.group(0)})
        return frozenset(out) if out else NO_REFS

    def _skips(self, path: Path, start: int | None, end: int | None) -> dict[str, str]:
        if start is None:
            return NO_SKIPS
        if path not in self._lines:  # the text and its line offsets, only for files with skip comments
            text = path.read_text(encoding="utf-8")
            self._lines[path] = (text, line_starts(text)) if "checkov:skip" in text else None
        cached = self._lines[path]
        if cached is None:
            return NO_SKIPS
        whole, starts = cached
        text = whole[starts[min(start, len(starts)) - 1]:starts[end] if end is not None and end < len(starts)
                     else len(whole)]
        if "checkov:skip" not in text:
            return NO_SKIPS
        out: dict[str, str] = {}
        for m in SKIP_COMMENT.finditer(text):
            for rid in m.group(1).split(","):
                out[rid] = (m.group(2) or "no reason given").strip()
        return out

    # --- look-ups for expressions -------------------------------------------------------------

    def _lookup(self, mod: _Module, root: str, rest: list[str], seen: set[str]) -> Any:
        """The value of a reference in a module; memoised per module (locals that build on locals
        would otherwise be evaluated again at every use)."""
        key = (root, *rest)
        if key in mod.values:
            return mod.values[key]
        value = self._evaluate_reference(mod, root, rest, seen)
        if value is _NOT_SET:  # the same whatever the path to it: not remembered (one per reference)
            return Unknown(".".join(key))
        if isinstance(value, _Literal):  # likewise
            return value.value
        if root not in seen:
            mod.values[key] = value
        return value

    def _evaluate_reference(self, mod: _Module, root: str, rest: list[str], seen: set[str]) -> Any:
        if root in seen:
            return Unknown(root)
        seen = seen | {root}
        resolver = Resolver(lambda r, p: self._lookup(mod, r, p, seen))
        if root.startswith("var."):
            name = root[4:]
            if name in mod.var_values:
                value = resolver.value(mod.var_values[name]) if not mod.address else mod.var_values[name]
                value = convert(value, type_tree(mod.variables[name].get("type")))
                if name in mod.sensitive_vars:
                    value = mark_sensitive(value)
                return traverse(value, rest)
            return Unknown(".".join([root, *rest]))
        if root.startswith("local."):
            name = root[6:]
            if name in mod.locals:
                return traverse(resolver.value(mod.locals[name]), rest)
            return Unknown(root)
        if root == "terraform.workspace":
            return "default"
        if root.startswith("module.") and rest and root[7:] in mod.children:
            instances = mod.children[root[7:]]
            if rest[0] in instances and rest[0] != "":
                child, rest = instances[rest[0]], rest[1:]
            elif "" in instances:
                child = instances[""]
            else:
                return Unknown(".".join([root, *rest]))
            if rest and rest[0] in child.outputs:
                value = Resolver(lambda r, p: self._lookup(child, r, p, seen)).value(child.outputs[rest[0]])
                if rest[0] in child.sensitive_outputs:
                    value = mark_sensitive(value)
                return traverse(value, rest[1:])
        if root.startswith("random_shuffle.") and root in mod.blocks and rest and rest[0] == "result":
            # A random pick from a list the code holds: one of its elements, which rules can judge.
            pool = resolver.value(unwrap(self._body(mod.blocks[root][3])).get("input"))
            if isinstance(pool, list) and pool and not any(isinstance(p, Unknown) for p in pool):
                what = ".".join([root, *rest])
                return Unknown(what, tuple(dict.fromkeys(pool))) if len(rest) > 1 else Unknown(what)
        if root in mod.blocks and mod.blocks[root][0] in ("resource", "data") and rest:
            body = unwrap(self._body(mod.blocks[root][3]))
            if rest[0] not in body and ("for_each" in body or "count" in body):
                # aws_x.y["key"].attr / aws_x.y[0].attr: the value of that instance when the code holds
                # the collection, else the block's (count-indexed, evaluated once)
                found = {i.key: i for i in _instances(resolver.value(body.get("count")),
                                                      resolver.value(body.get("for_each"))) or ()}
                if rest[0] in found:
                    resolver = _bind(resolver, found[rest[0]])
                    rest = rest[1:]
                elif rest[0].isdigit():
                    rest = rest[1:]
            if rest and rest[0] in body and rest[0] not in META_ARGS:
                value = traverse(resolver.value(body[rest[0]]), rest[1:])
                literal = "for_each" not in body and "count" not in body and not _strings(body[rest[0]])
                return _Literal(value) if literal else value
            if "for_each" not in body and "count" not in body:
                return _NOT_SET  # an attribute the code does not set (an id, an arn): known after apply
        return Unknown(".".join([root, *rest]))

    def _rel(self, path: Path) -> str:
        """The file's path relative to the scanned folder; a module file outside it (a module beside
        the scanned folder), relative to the folder the command runs from (computed once per file)."""
        rel = self._rel_paths.get(path)
        if rel is None:
            rel = self._rel_paths[path] = relative(path, self.base)
        return rel


@dataclass(frozen=True)
class _Instance:
    """One instance of a count / for_each block."""

    key: str  # how references index it: "virginia" (aws_x.y["virginia"]), "0" (aws_x.y[0])
    suffix: str  # of its address: '["virginia"]', "[0]"
    bindings: dict[str, Any]  # each.key / each.value, or count.index


def _instances(count: Any, for_each: Any, limit: int = MAX_COUNT_INSTANCES) -> list[_Instance] | None:
    """The instances of a block whose for_each is a map or set of strings the code holds, or whose
    count is a known number (up to MAX_COUNT_INSTANCES); None otherwise (judged once)."""
    if isinstance(for_each, dict) and all(isinstance(k, str) for k in for_each):
        pairs = list(for_each.items())
    elif isinstance(for_each, list) and all(isinstance(v, str) for v in for_each):
        pairs = [(v, v) for v in dict.fromkeys(for_each)]
    elif isinstance(count, int) and not isinstance(count, bool) and 0 < count <= limit:
        return [_Instance(str(i), f"[{i}]", {"count.index": i}) for i in range(count)]
    else:
        return None
    return [_Instance(k, f'["{k}"]', {"each.key": k, "each.value": v}) for k, v in pairs]


def _bind(resolver: Resolver, instance: _Instance) -> Resolver:
    """A resolver that knows one instance's each.key / each.value or count.index."""
    def lookup(root: str, rest: list[str]) -> Any:
        if root in instance.bindings:
            return traverse(instance.bindings[root], rest)
        return resolver.lookup(root, [instance.key if step in ("each.key", "count.index") else step
                                      for step in rest])

    return Resolver(lookup)


def _creates_nothing(count: Any, for_each: Any) -> bool:
    """True when `count` is 0 or `for_each` an empty collection (known from the code)."""
    if isinstance(count, int) and not isinstance(count, bool) and count == 0:
        return True
    return isinstance(for_each, (dict, list)) and not for_each


def _strings(raw: Any) -> list[str]:
    """Every string holding an expression in a raw value tree."""
    if isinstance(raw, str):
        return [raw] if "${" in raw else []
    if isinstance(raw, list):
        return [s for v in raw for s in _strings(v)]
    if isinstance(raw, dict):
        return [s for k, v in raw.items() if not k.startswith("__") for s in _strings(v)]
    return []


def config_files(folder: Path, base: Path | None = None) -> list[Path]:
    """The configuration files of a module folder, as Terraform reads them: *.tf and *.tf.json, inside
    the boundary of the scan (`base`, the scanned folder: files.terraform_files)."""
    return terraform_files(folder, base or folder, suffixes=(".tf", ".tf.json"))


def _add_dynamic(attrs: dict[str, Any], dynamics: list[Any], resolver: Resolver) -> None:
    """Expand `dynamic "label" { for_each … content { … } }` blocks into `attrs[label]`, one block per
    element of a collection the code holds; over an unknown collection, one block whose every
    attribute is unknown (what it sets is not known, which is not "not set")."""
    for entry in dynamics:
        if not isinstance(entry, dict):
            continue
        for label, spec in entry.items():
            if not isinstance(spec, dict):
                continue
            spec_attrs = unwrap(spec)
            iterator = spec_attrs.get("iterator")
            name = iterator.strip("${}") if isinstance(iterator, str) else label
            content = spec.get("content")
            content = content[0] if isinstance(content, list) and content and isinstance(content[0], dict) else {}
            collection = resolver.value(spec_attrs.get("for_each"))
            blocks = attrs.setdefault(label, [])
            if not isinstance(blocks, list):
                continue
            if isinstance(collection, (list, dict)) and not _unknown_elements(collection):
                pairs = collection.items() if isinstance(collection, dict) else enumerate(collection)
                for key, value in pairs:
                    scoped = Resolver(resolver.lookup, {**resolver.scope, name: {"key": key, "value": value}})
                    blocks.append(_content(content, scoped))
            else:
                expr = spec_attrs.get("for_each")
                blocks.append(_unknown_content(content, f"dynamic \"{label}\" over {str(expr).strip('${}')}"))


def _content(raw: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
    """A dynamic block's content resolved in its iterator's scope, nested dynamics expanded."""
    return _resolve_block(unwrap(raw), resolver)


def _dynamic_specs(value: Any) -> list[dict[str, Any]]:
    """The `dynamic` entries of an unwrapped block: [{label: spec}] (one entry is unwrapped to a dict)."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _resolve_block(raw: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
    """An unwrapped block's attributes resolved, nested blocks recursively, `dynamic` blocks expanded."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "dynamic" or key.startswith("__"):
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out[key] = [_resolve_block(v, resolver) for v in value]
        else:
            out[key] = resolver.value(value)
    dynamics = _dynamic_specs(raw.get("dynamic"))
    if dynamics:
        _add_dynamic(out, dynamics, resolver)
    return out


def _unknown_content(raw: dict[str, Any], why: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in unwrap({k: v for k, v in raw.items() if k != "dynamic"}).items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out[key] = [_unknown_content(v, why) for v in value]
        else:
            out[key] = Unknown(f"{why}: {key}")
    return out


def _unknown_elements(collection: list[Any] | dict[str, Any]) -> bool:
    """True when which elements a collection holds is not known (an unknown element of a list, or an
    unknown value standing for a whole element); unknown leaves inside known elements only make the
    attributes that read them unknown."""
    values = collection.values() if isinstance(collection, dict) else collection
    return any(isinstance(v, Unknown) for v in values)


def line_starts(text: str) -> Any:
    """Offsets where each line of `text` starts (an array: 8 bytes a line)."""
    from array import array

    return array("q", [0, *(m.end() for m in re.finditer("\n", text))])


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def load_hcl(folder: Path, catalog: Catalog, var_files: list[Path] | None = None) -> Graph:
    """The Graph of a Terraform folder (root module and local modules)."""
    return HclLoader(folder, catalog, var_files).load()
