"""Load `terraform show -json` plan output (format_version 1.x) into the engine's Graph."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..catalog import Catalog, DataError
from ..model import Graph, ProviderConfig, Resource, Unknown

AFTER_APPLY = "(known after apply)"
_INDEX = re.compile(r"\[[^\]]*\]$")


def read_plan(path: Path) -> dict[str, Any]:
    """The plan document; DataError when the file is not JSON or not a Terraform plan."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataError(f"{path}: {'line ' + str(line) + ': ' if line else ''}not valid JSON") from None
    if not isinstance(data, dict) or "format_version" not in data or not (
        "planned_values" in data or "resource_changes" in data or "configuration" in data
    ):
        raise DataError(f"{path}: not a Terraform plan (expected the output of `terraform show -json PLANFILE`)")
    major = str(data["format_version"]).split(".")[0]
    if major != "1":
        raise DataError(f"{path}: unsupported plan format_version {data['format_version']} (1.x expected)")
    return data


def _mark_unknown(value: Any, unknown: Any) -> Any:
    """Overlay after_unknown (true at unknown leaves) on the after values."""
    if unknown is True:
        return Unknown(AFTER_APPLY)
    if isinstance(unknown, dict):
        base = dict(value) if isinstance(value, dict) else {}
        for k, u in unknown.items():
            base[k] = _mark_unknown(base.get(k), u)
        return base
    if isinstance(unknown, list):
        base = list(value) if isinstance(value, list) else []
        for i, u in enumerate(unknown):
            if i < len(base):
                base[i] = _mark_unknown(base[i], u)
            elif u is True:
                base.append(Unknown(AFTER_APPLY))
        return base
    return value


def _sensitive_leaves(value: Any, marks: Any, out: set[str]) -> None:
    """Collect string values marked sensitive (after_sensitive / sensitive_values)."""
    if marks is True:
        _all_strings(value, out)
    elif isinstance(marks, dict) and isinstance(value, dict):
        for k, m in marks.items():
            _sensitive_leaves(value.get(k), m, out)
    elif isinstance(marks, list) and isinstance(value, list):
        for v, m in zip(value, marks):
            _sensitive_leaves(v, m, out)


def _all_strings(value: Any, out: set[str]) -> None:
    if isinstance(value, str) and value:
        out.add(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.add(str(value))
    elif isinstance(value, dict):
        for v in value.values():
            _all_strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _all_strings(v, out)


class PlanLoader:
    def __init__(self, path: Path, catalog: Catalog, display: str | None = None):
        self.path = path
        self.catalog = catalog
        self.display = display or str(path)
        self.sensitive: set[str] = set()

    def load(self) -> Graph:
        plan = read_plan(self.path)
        config = plan.get("configuration") or {}
        variables = {k: (v or {}).get("value") for k, v in (plan.get("variables") or {}).items()}
        for name, decl in ((config.get("root_module") or {}).get("variables") or {}).items():
            if isinstance(decl, dict) and decl.get("sensitive") and name in variables:
                _all_strings(variables[name], self.sensitive)
        providers = self._providers(config, variables)
        conf_resources: dict[str, dict[str, Any]] = {}
        self._config_resources(config.get("root_module") or {}, "", conf_resources)
        values = self._values(plan)
        instances: dict[str, list[str]] = {}
        for addr, item in values.items():
            instances.setdefault(_config_address(addr, item), []).append(addr)
        resources = []
        for addr, item in values.items():
            conf_key = _config_address(addr, item)
            conf = conf_resources.get(conf_key, {})
            module = item.get("module_address") or ""
            refs = set()
            for ref in _refs(conf.get("expressions") or {}):
                target = f"{module}.{ref}" if module else ref
                refs.update(instances.get(target, ()))
            pkey = self._provider_key(conf.get("provider_config_key"), module, item, providers)
            pid = self.catalog.provider_id(item.get("provider_name")) or self.catalog.provider_for_type(item["type"])
            if pkey not in providers:
                name = item.get("provider_name", "").rsplit("/", 1)[-1] or item["type"].split("_")[0]
                providers[pkey] = ProviderConfig(key=pkey, name=name, provider=pid, implicit=True)
            resources.append(Resource(
                address=addr, type=item["type"], name=item["name"], provider=pid, provider_key=pkey,
                attrs=item["attrs"], file=self.display, line=None, module=module,
                mode=item.get("mode", "managed"), refs=frozenset(refs - {addr}),
            ))
        return Graph(resources, providers, frozenset(self.sensitive), source=self.display)

    def _values(self, plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Each resource instance's planned attributes, from resource_changes (with unknowns)
        or, for plans without them, planned_values."""
        out: dict[str, dict[str, Any]] = {}
        for rc in plan.get("resource_changes") or []:
            if not isinstance(rc, dict) or "address" not in rc or "type" not in rc:
                raise DataError(f"{self.display}: resource_changes: an entry has no address or type")
            change = rc.get("change") or {}
            if change.get("actions") == ["delete"] or rc.get("mode") == "data" and change.get("after") is None:
                continue
            after = change.get("after") or {}
            _sensitive_leaves(after, change.get("after_sensitive"), self.sensitive)
            attrs = _mark_unknown(after, change.get("after_unknown") or {})
            out[rc["address"]] = {**rc, "attrs": attrs}
        self._planned(plan.get("planned_values", {}).get("root_module") or {}, out)
        return out

    def _planned(self, module: dict[str, Any], out: dict[str, dict[str, Any]]) -> None:
        for res in module.get("resources") or []:
            _sensitive_leaves(res.get("values"), res.get("sensitive_values"), self.sensitive)
            if res.get("address") in out:
                continue
            out[res["address"]] = {**res, "module_address": module.get("address", ""),
                                   "attrs": res.get("values") or {}}
        for child in module.get("child_modules") or []:
            self._planned(child, out)

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
            out[key] = ProviderConfig(
                key=key, name=name, provider=self.catalog.provider_id(source or name), alias=pc.get("alias"),
                source=source, attrs=attrs, file=self.display, module=pc.get("module_address", ""),
            )
        return out

    def _provider_key(self, key: str | None, module: str, item: dict[str, Any],
                      providers: dict[str, ProviderConfig]) -> str:
        if key is None:
            local = (item.get("provider_name") or "").rsplit("/", 1)[-1] or item["type"].split("_")[0]
            key = f"{module}:{local}" if module else local
        # A module without its own provider block inherits its parent's configuration.
        while key not in providers and ":" in key:
            mod, local = key.rsplit(":", 1)
            parent = mod.rsplit(".module.", 1)[0] if ".module." in mod else ""
            key = f"{parent}:{local}" if parent else local
        return key


def _expression_value(expr: Any, variables: dict[str, Any]) -> Any:
    """A provider/resource configuration expression: constant, root variable, or unknown."""
    if not isinstance(expr, dict):
        return Unknown(str(expr))
    if "constant_value" in expr:
        return expr["constant_value"]
    for ref in expr.get("references") or []:
        if ref.startswith("var.") and ref[4:] in variables:
            return variables[ref[4:]]
    refs = expr.get("references") or []
    return Unknown(refs[0] if refs else AFTER_APPLY)


def _refs(expressions: Any) -> set[str]:
    """Resource addresses referenced anywhere in a configuration expressions tree."""
    out: set[str] = set()
    if isinstance(expressions, dict):
        for k, v in expressions.items():
            if k == "references" and isinstance(v, list):
                for ref in v:
                    parts = ref.split(".")
                    if parts[0] in ("var", "local", "module", "path", "count", "each", "self"):
                        continue
                    n = 3 if parts[0] == "data" else 2
                    if len(parts) >= n:
                        out.add(_INDEX.sub("", ".".join(parts[:n])))
            else:
                out |= _refs(v)
    elif isinstance(expressions, list):
        for v in expressions:
            out |= _refs(v)
    return out


def _config_address(addr: str, item: dict[str, Any]) -> str:
    """'module.a["x"].aws_s3_bucket.b[0]' -> 'module.a.aws_s3_bucket.b' (the configuration block)."""
    return re.sub(r"\[[^\]]*\]", "", addr)


def load_plan(path: Path, catalog: Catalog, display: str | None = None) -> Graph:
    return PlanLoader(path, catalog, display).load()
