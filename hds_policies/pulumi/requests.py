"""What the Analyzer receives -> `PulumiResource`: gRPC messages, `pulumi_policy` arguments, and
`mock_runner` registrations. Values stay in wire form (unknown sentinels, secret envelopes)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .convert import PulumiProvider, PulumiResource


def struct_to_dict(struct: Any) -> dict[str, Any]:
    """A protobuf Struct as plain Python (faster than json_format.MessageToDict)."""
    return {k: _value(v) for k, v in struct.fields.items()}


def _value(v: Any) -> Any:
    kind = v.WhichOneof("kind")
    if kind == "string_value":
        return v.string_value
    if kind == "struct_value":
        return {k: _value(x) for k, x in v.struct_value.fields.items()}
    if kind == "list_value":
        return [_value(x) for x in v.list_value.values]
    if kind == "bool_value":
        return v.bool_value
    if kind == "number_value":
        return v.number_value
    return None


def _provider(msg: Any) -> PulumiProvider | None:
    if not msg.HasField("provider"):
        return None
    p = msg.provider
    return PulumiProvider(p.type, p.urn, p.name, struct_to_dict(p.properties))


def from_analyze_request(req: Any) -> PulumiResource:
    """An `AnalyzeRequest` (one resource, no dependencies)."""
    return PulumiResource(req.type, req.urn, req.name, struct_to_dict(req.properties), _provider(req),
                          parent=req.options.parent or None)


def from_analyzer_resource(res: Any) -> PulumiResource:
    """An `AnalyzerResource` of an `AnalyzeStackRequest` (with dependencies)."""
    return PulumiResource(
        res.type, res.urn, res.name, struct_to_dict(res.properties), _provider(res),
        parent=res.parent or None,
        dependencies=tuple(res.dependencies),
        property_dependencies={k: tuple(v.urns) for k, v in res.propertyDependencies.items()},
    )


# --- pulumi_policy arguments (values already deserialised, behind unknown-checking proxies) -----


def unproxy(value: Any) -> Any:
    """Plain data from pulumi_policy's unknown-checking proxies, without tripping on unknowns."""
    if isinstance(value, (dict, list)):
        pass
    elif isinstance(value, Mapping) or type(value).__name__ == "_ListProxy":
        value = value["__target"]
    if isinstance(value, Mapping):
        return {k: unproxy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unproxy(v) for v in value]
    return value


def _policy_provider(p: Any) -> PulumiProvider | None:
    if p is None:
        return None
    return PulumiProvider(p.resource_type, p.urn, p.name, unproxy(p.props))


def from_policy_args(args: Any) -> PulumiResource:
    """`ResourceValidationArgs` of a resource policy."""
    return PulumiResource(args.resource_type, args.urn, args.name, unproxy(args.props),
                          _policy_provider(args.provider), parent=args.opts.parent)


def from_policy_resource(r: Any) -> PulumiResource:
    """A `PolicyResource` of `StackValidationArgs`."""
    return PulumiResource(
        r.resource_type, r.urn, r.name, unproxy(r.props), _policy_provider(r.provider),
        parent=r.parent.urn if r.parent is not None else None,
        dependencies=tuple(d.urn for d in r.dependencies),
        property_dependencies={k: tuple(d.urn for d in v) for k, v in r.property_dependencies.items()},
    )


# --- mock_runner registrations ------------------------------------------------------------------


def from_registrations(pairs: Iterable[tuple[Any, Any]]) -> list[PulumiResource]:
    """`analyzer_client.engine_resources(...)` pairs (registration, provider registration)."""
    from .analyzer_client import provider_inputs, wire_value

    out = []
    for reg, prov in pairs:
        props = wire_value(provider_inputs(reg) if reg.is_provider else reg.inputs)
        provider = None
        if prov is not None:
            provider = PulumiProvider(prov.type, prov.urn, prov.name, wire_value(provider_inputs(prov)))
        deps = {k: tuple(v) for k, v in reg.property_dependencies.items() if v}
        out.append(PulumiResource(reg.type, reg.urn, reg.name, props, provider, parent=reg.parent,
                                  dependencies=tuple(reg.dependencies), property_dependencies=deps))
    return out


def stack_config_from_env() -> dict[str, Any]:
    """The stack configuration the engine gives a policy pack (PULUMI_CONFIG)."""
    try:
        data = json.loads(os.environ.get("PULUMI_CONFIG") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
