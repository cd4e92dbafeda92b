"""Load `terraform show -json` plan output (format_version 1.x, and 0.x from Terraform 0.12-1.0)
into the engine's Graph."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..catalog import Catalog, DataError
from ..model import Graph, ProviderConfig, Resource, Unknown, mark_sensitive

AFTER_APPLY = "(known after apply)"
_INDEX = re.compile(r"\[[^\]]*\]$")
# Values nested deeper than this are refused: real plans nest a few dozen levels, and the loader and the
# rules walk values recursively.
MAX_JSON_DEPTH = 200


def read_plan(path: Path) -> dict[str, Any]:
    """The plan document; DataError when the file is not JSON or not a Terraform plan."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise DataError(f"{path}: JSON nested more than {MAX_JSON_DEPTH} levels deep "
                        "(the limit of hds-policies)") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or "format_version" not in data or not (
        "planned_values" in data or "resource_changes" in data or "configuration" in data
    ):
        raise DataError(f"{path}: not a Terraform plan "
                        "(expected the output of `terraform show -json PLANFILE`)")
    _check_depth(path, data)
    # 0.x (Terraform 0.12-1.0) and 1.x (1.1+) share every key read here; a new major is incompatible.
    major = str(data["format_version"]).split(".")[0]
    if major not in ("0", "1"):
        raise DataError(f"{path}: unsupported plan format_version {data['format_version']} "
                        "(0.x or 1.x expected)")
    return data


def _check_depth(path: Path, data: Any) -> None:
    """DataError when arrays and objects nest deeper than MAX_JSON_DEPTH (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise DataError(f"{path}: JSON nested more than {MAX_JSON_DEPTH} levels deep "
                            "(the limit of hds-policies)")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def _is_expression(node: Any) -> bool:
    """A configuration expression ({"constant_value": ...} / {"references": [...]}, or {} for a function
    call without references), not a block body. An empty block reads as an expression: fail closed."""
    return isinstance(node, dict) and set(node) <= {"constant_value", "references"}


def _mark_unknown(value: Any, unknown: Any, config: Any = None) -> Any:
    """Overlay after_unknown (true at unknown leaves) on the after values.

    `config` is the matching node of the resource's configuration expressions (a block body), or
    None when not known. An attribute unknown in the plan that the configuration does not set is
    computed by the provider (arn, id, AWS provider v5's read-only aws_s3_bucket.region, or legacy
    Optional+Computed blocks such as aws_s3_bucket.server_side_encryption_configuration): it is
    left out, as it is in the code, so the rules apply the same defaults to a plan as to HCL.
    Whatever the configuration sets, or anything under a node we cannot match, stays unknown; when the
    configuration names what it comes from, the unknown says so (`aws_s3_bucket.b.arn, known after
    apply`), as an unresolved reference does in HCL, so rules can tell which resource it designates."""
    if unknown is True:
        refs = config.get("references") if _is_expression(config) else None
        if refs and isinstance(refs[0], str):
            return Unknown(f"{refs[0]}, known after apply")
        return Unknown(AFTER_APPLY)
    body = config if isinstance(config, dict) and not _is_expression(config) else None
    if isinstance(unknown, dict):
        base = dict(value) if isinstance(value, dict) else {}
        for k, u in unknown.items():
            if body is not None and k not in body:
                if u is True and base.get(k) is None:
                    base.pop(k, None)
                    continue
                sub = None
            else:
                sub = body.get(k) if body is not None else None
            base[k] = _mark_unknown(base.get(k), u, sub)
        return base
    if isinstance(unknown, list):
        base = list(value) if isinstance(value, list) else []
        blocks = config if isinstance(config, list) and len(config) == len(unknown) else None
        for i, u in enumerate(unknown):
            sub = blocks[i] if blocks is not None else None
            if i < len(base):
                base[i] = _mark_unknown(base[i], u, sub)
            elif u is True:
                base.append(Unknown(AFTER_APPLY))
        return base
    return value


def mark_leaves(value: Any, marks: Any) -> Any:
    """The value with what `marks` (after_sensitive / sensitive_values: true at sensitive leaves, or
    true for the whole value) designates marked sensitive (model.mark_sensitive); the rest as it is."""
    if marks is True:
        return mark_sensitive(value)
    if isinstance(marks, dict) and isinstance(value, dict):
        return {k: mark_leaves(v, marks.get(k)) for k, v in value.items()}
    if isinstance(marks, list) and isinstance(value, list):
        return [mark_leaves(v, marks[i]) if i < len(marks) else v for i, v in enumerate(value)]
    return value


class PlanLoader:
    def __init__(self, path: Path, catalog: Catalog, display: str | None = None):
        self.path = path
        self.catalog = catalog
        self.display = display or str(path)
        self._stubs: set[str] = set()
        self._conf: dict[str, dict[str, Any]] = {}

    def load(self) -> Graph:
        plan = read_plan(self.path)
        try:
            return self._load(plan)
        except (AttributeError, KeyError, TypeError, IndexError) as exc:
            # A document shaped like a plan but broken inside: one line, never a traceback.
            raise DataError(f"{self.display}: malformed plan JSON ({type(exc).__name__}: {exc})") from None

    def _load(self, plan: dict[str, Any]) -> Graph:
        config = plan.get("configuration") or {}
        variables = {k: (v or {}).get("value") for k, v in (plan.get("variables") or {}).items()}
        for name, decl in ((config.get("root_module") or {}).get("variables") or {}).items():
            if isinstance(decl, dict) and decl.get("sensitive") and name in variables:
                variables[name] = mark_sensitive(variables[name])
        providers = self._providers(config, variables)
        conf_resources: dict[str, dict[str, Any]] = {}
        self._config_resources(config.get("root_module") or {}, "", conf_resources)
        self._conf = conf_resources
        values = self._values(plan)
        # Instances of each configuration block, per module instance: module.a["x"] and module.a["y"]
        # each have their own aws_s3_bucket.b, and a reference inside one means that one.
        local: dict[tuple[str, str], list[str]] = {}
        for addr, item in values.items():
            module = item.get("module_address") or ""
            rel = addr[len(module) + 1:] if module and addr.startswith(module + ".") else addr
            local.setdefault((module, _INDEX.sub("", rel)), []).append(addr)
        resources = []
        for addr, item in values.items():
            conf = conf_resources.get(_config_address(addr, item), {})
            module = item.get("module_address") or ""
            prefix = f"{module}." if module else ""
            own_index = _INDEX.search(addr)
            refs, iterates = _refs(conf.get("expressions") or {})
            linked: set[str] = set()
            for base, index in refs:
                candidates = local.get((module, base), [])
                if index and prefix + base + index in candidates:
                    linked.add(prefix + base + index)
                elif iterates and own_index and prefix + base + own_index.group(0) in candidates:
                    linked.add(prefix + base + own_index.group(0))  # b[count.index] / b[each.key]
                else:
                    linked.update(candidates)
            pkey = self._provider_key(conf.get("provider_config_key"), _config_address(module, {}), item,
                                      providers)
            pid = (self.catalog.provider_id(item.get("provider_name"))
                   or self.catalog.provider_for_type(item["type"]))
            if pkey not in providers:
                name = (item.get("provider_name") or "").rsplit("/", 1)[-1] or item["type"].split("_")[0]
                providers[pkey] = ProviderConfig(key=pkey, name=name, provider=pid, implicit=True)
            pid = pid or providers[pkey].provider  # openstack at OVHcloud: from its auth_url
            resources.append(Resource(
                address=addr, type=item["type"], name=item["name"], provider=pid, provider_key=pkey,
                attrs=item["attrs"], file=self.display, line=None, module=module,
                mode=item.get("mode") or "managed", refs=frozenset(linked - {addr}),
            ))
        return Graph(resources, providers, source=self.display)

    def _expressions(self, address: str) -> Any:
        """The configuration expressions of an instance's block ({} when it sets nothing), or None
        when the plan carries no configuration for it."""
        conf = self._conf.get(_config_address(address, {}))
        return None if conf is None else conf.get("expressions") or {}

    def _values(self, plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Each resource instance's planned attributes: resource_changes (with unknowns), then
        planned_values for plans without them, then data sources read while planning (prior_state)."""
        out: dict[str, dict[str, Any]] = {}
        for rc in plan.get("resource_changes") or []:
            if not isinstance(rc, dict) or not all(isinstance(rc.get(k), str) for k in ("address", "type", "name")):
                raise DataError(f"{self.display}: resource_changes: an entry has no address, type or name "
                                "(strings)")
            change = rc.get("change") or {}
            if change.get("after") is None:
                continue  # deleted, forgotten, or a data source with nothing planned
            after = change["after"]
            if not isinstance(after, dict):
                raise DataError(f"{self.display}: resource_changes: {rc['address']}: change.after is not "
                                "an object of attributes")
            after = mark_leaves(after, change.get("after_sensitive"))
            expressions = self._expressions(rc["address"])
            unknown = change.get("after_unknown") or {}
            if unknown is True:  # the whole resource unknown: each attribute of its values or code is
                unknown = dict.fromkeys([*after, *(expressions or {})], True)
            if not isinstance(unknown, dict):
                raise DataError(f"{self.display}: resource_changes: {rc['address']}: change.after_unknown is "
                                "not an object")
            attrs = _mark_unknown(after, unknown, expressions)
            out[rc["address"]] = {**rc, "attrs": attrs}
        self._planned((plan.get("planned_values") or {}).get("root_module") or {}, out, managed=True)
        prior = (plan.get("prior_state") or {}).get("values") or {}
        self._planned(prior.get("root_module") or {}, out, managed=False)
        return out

    def _planned(self, module: dict[str, Any], out: dict[str, dict[str, Any]], managed: bool) -> None:
        """Resources of a values representation (planned_values, or prior_state for data sources)."""
        for res in module.get("resources") or []:
            if not isinstance(res, dict) or not all(isinstance(res.get(k), str) for k in ("address", "type", "name")):
                raise DataError(f"{self.display}: malformed plan JSON (planned values: a resource has no "
                                "address, type or name strings)")
            if not managed and res.get("mode") != "data":
                continue  # prior state of managed resources: what exists now, not what is planned
            if res["address"] in out:
                continue
            values = res.get("values") or {}
            if not isinstance(values, dict):
                raise DataError(f"{self.display}: {res['address']}: values is not an object of attributes")
            out[res["address"]] = {**res, "module_address": module.get("address", ""),
                                   "attrs": mark_leaves(values, res.get("sensitive_values"))}
        for child in module.get("child_modules") or []:
            self._planned(child, out, managed)

    def _config_resources(self, module: dict[str, Any], prefix: str, out: dict[str, dict[str, Any]]) -> None:
        for res in module.get("resources") or []:
            addr = f"{prefix}.{res['address']}" if prefix else res["address"]
            out[addr] = res
        for name, call in (module.get("module_calls") or {}).items():
            child_prefix = f"{prefix}.module.{name}" if prefix else f"module.{name}"
            self._config_resources(call.get("module") or {}, child_prefix, out)

    def _providers(self, config: dict[str, Any], variables: dict[str, Any]) -> dict[str, ProviderConfig]:
        out: dict[str, ProviderConfig] = {}
        for key, pc in (config.get("provider_config") or {}).items():
            attrs = {}
            for attr_name, expr in (pc.get("expressions") or {}).items():
                attrs[attr_name] = _expression_value(expr, variables if not pc.get("module_address") else {})
            name = pc.get("name") or key.split(":")[-1].split(".")[0]
            source = pc.get("full_name")
            if pc.get("module_address") and not pc.get("alias") and not pc.get("expressions"):
                # A child module's required_providers entry with no provider block of its own
                # (plans from Terraform before 1.1 list these): it stands for the parent's configuration.
                self._stubs.add(key)
            out[key] = ProviderConfig(
                key=key, name=name, provider=self.catalog.configured_provider(source or name, attrs),
                alias=pc.get("alias"),
                source=source, attrs=attrs, file=self.display, module=pc.get("module_address", ""),
            )
        return out

    def _provider_key(self, key: str | None, module: str, item: dict[str, Any],
                      providers: dict[str, ProviderConfig]) -> str:
        if key is None:
            local = (item.get("provider_name") or "").rsplit("/", 1)[-1] or item["type"].split("_")[0]
            key = f"{module}:{local}" if module else local
        # A module without its own provider block inherits its parent's configuration.
        first_stub = None
        while (key not in providers or key in self._stubs) and ":" in key:
            if key in providers and first_stub is None:
                first_stub = key
            mod, local = key.rsplit(":", 1)
            parent = mod.rsplit(".module.", 1)[0] if ".module." in mod else ""
            key = f"{parent}:{local}" if parent else local
        if key not in providers and first_stub is not None:
            return first_stub
        return key


def _expression_value(expr: Any, variables: dict[str, Any]) -> Any:
    """A provider configuration expression: a constant, exactly one root variable, or unknown.

    The plan gives an expression's references, not its text: `region = var.region` is the variable,
    but `var.dr ? "us-east-1" : var.region` also references it, so any other shape stays unknown."""
    if not isinstance(expr, dict):
        return Unknown(str(expr))
    if "constant_value" in expr:
        return expr["constant_value"]
    refs = [r for r in expr.get("references") or [] if isinstance(r, str)]
    if len(refs) == 1 and refs[0].startswith("var.") and refs[0][4:] in variables:
        return variables[refs[0][4:]]
    return Unknown(refs[0] if refs else AFTER_APPLY)


_REF = re.compile(r"(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?")
_NOT_RESOURCES = frozenset({"var", "local", "module", "path", "count", "each", "self", "terraform"})


def _refs(expressions: Any) -> tuple[set[tuple[str, str | None]], bool]:
    """Resources referenced anywhere in a configuration expressions tree, as (block address, index
    or None): 'aws_s3_bucket.b[0].id' -> ('aws_s3_bucket.b', '[0]'). The flag says whether the
    block iterates (count.index, each.key), so that b[count.index] can pair with the same index."""
    out: set[tuple[str, str | None]] = set()
    iterates = False
    if isinstance(expressions, dict):
        for k, v in expressions.items():
            if k == "references" and isinstance(v, list):
                for ref in v:
                    if not isinstance(ref, str):
                        continue
                    head = ref.split(".", 1)[0]
                    if head in ("count", "each"):
                        iterates = True
                    m = _REF.match(ref)
                    if head in _NOT_RESOURCES or m is None:
                        continue
                    out.add(((m.group(1) or "") + f"{m.group(2)}.{m.group(3)}", m.group(4)))
            else:
                sub, it = _refs(v)
                out |= sub
                iterates |= it
    elif isinstance(expressions, list):
        for v in expressions:
            sub, it = _refs(v)
            out |= sub
            iterates |= it
    return out, iterates


def _config_address(addr: str, item: dict[str, Any]) -> str:
    """'module.a["x"].aws_s3_bucket.b[0]' -> 'module.a.aws_s3_bucket.b' (the configuration block)."""
    return re.sub(r"\[[^\]]*\]", "", addr)


def load_plan(path: Path, catalog: Catalog, display: str | None = None) -> Graph:
    return PlanLoader(path, catalog, display).load()
