"""Pulumi resources -> the engine's Graph (the one translation the Pulumi frontend needs).

What it does, in order:

- **Type**: the Pulumi type token is mapped to a Terraform type through the catalog's `pulumi`
  lists (resource_types.json), then the azure-native table (pulumi_azure_native.json), then a naming rule
  for bridged providers (`aws:s3/bucketPolicy:BucketPolicy` -> `aws_s3_bucket_policy`; pulumi-aws
  `…V2` names lose their suffix). Tokens of non-bridged packages (aws-native, kubernetes, …) keep the
  token as their type: only the generic rules (location, provider certification) judge them.
- **Properties**: camelCase engine names become snake_case. Nested objects become one-element lists
  (Terraform blocks are lists of dicts; Pulumi flattens `MaxItems = 1` blocks into objects, and the
  engine's `attr`/`blocks` read both shapes, so wrapping is the one rule). A list of objects whose
  name is plural also answers to its singular Terraform name (`rules` -> `rule`, `defaultActions`
  -> `default_action`). Maps are kept verbatim, keys untouched: `tags`, `labels`, … and any object
  whose keys are not camelCase identifiers (tag keys like `hds-role`, IAM documents).
- **Unknowns**: the engine's unknown sentinels become `model.Unknown`, naming the resources the value
  comes from (property dependencies) in Terraform form: "known after apply from aws_s3_bucket.logs".
- **Secrets**: unwrapped for the rules and marked sensitive (`model.mark_sensitive`): rules compare
  them as values, messages print `(sensitive)` where one stands.
- **References**: property dependencies (else plain dependencies) become `Resource.refs`, so split
  resources correlate although ids are unknown at preview.
- **Providers**: each provider resource becomes a `ProviderConfig` keyed by its URN; a default
  provider carries the stack config (`aws:region`, `gcp:region`, …) as the engine sends it. Without
  a provider in the request, the stack config of the package is used.
- **Azure locations**: a resource group without `location` is in the provider's `location`
  (`azure:location` / `azure-native:location`); any other azure or azure-native resource whose type
  takes a location (catalog data, `bridged_types`) and sets none is in its resource group's location,
  as both providers do. pulumi-azure and pulumi-gcp types get their real Terraform names from the
  same data (the providers' bridge metadata).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..catalog import Catalog
from ..model import Graph, ProviderConfig, Resource, Unknown, mark_sensitive
from . import azure_native, bridged_types, provider_defaults
from .lookups import LOOKUP_MARK, parse_marker
from .stack_files import UNSET_MARK, parse_unset

UNKNOWN_SENTINELS = frozenset({
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",  # string (the one the engine sends)
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
    "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
    "e48ece36-62e2-4504-bad9-02848725956a",  # archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
})
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
PROVIDER_PREFIX = "pulumi:providers:"
PROVIDER_META = frozenset({"version", "pluginDownloadURL"})
AFTER_APPLY = "known after apply"  # no parentheses: messages add their own

# Objects under these names are maps (user keys), never blocks.
MAP_KEYS = frozenset({
    "tags", "tagsAll", "defaultTags", "labels", "effectiveLabels", "terraformLabels", "pulumiLabels",
    "userLabels", "resourceLabels", "annotations", "metadata", "variables", "environmentVariables",
    "appSettings",
})
_IDENT = re.compile(r"^[a-z][A-Za-z0-9]*$")
_NATIVE_SEGMENT = re.compile(r"^v\d")


@dataclass(frozen=True)
class PulumiProvider:
    """The provider resource a Pulumi resource is registered with (as the engine sends it)."""

    type: str  # pulumi:providers:aws
    urn: str
    name: str  # logical name: "paris", or "default_7_29_0" for a default provider
    props: Mapping[str, Any]

    @property
    def package(self) -> str:
        return self.type[len(PROVIDER_PREFIX):] if self.type.startswith(PROVIDER_PREFIX) else self.type

    @property
    def is_default(self) -> bool:
        return self.name == "default" or self.name.startswith("default_")


@dataclass(frozen=True)
class PulumiResource:
    """One resource as a policy sees it: token, inputs (engine names, wire values), relations."""

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]
    provider: PulumiProvider | None = None
    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def package(self) -> str:
        if self.type.startswith(PROVIDER_PREFIX):
            return self.type[len(PROVIDER_PREFIX):]
        return self.type.split(":", 1)[0]


# --- names -----------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def snake(name: str) -> str:
    """camelCase -> snake_case: `kmsMasterKeyId` -> `kms_master_key_id`, `ipv6Cidr` -> `ipv6_cidr`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


@lru_cache(maxsize=4096)
def singular(name: str) -> str:
    """The singular of a snake_case plural the bridge made (`default_actions` -> `default_action`)."""
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith(("sses", "shes", "ches", "xes", "zes", "uses")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def split_token(token: str) -> tuple[str, str, str]:
    """`aws:s3/bucketV2:BucketV2` -> ("aws", "s3/bucketV2", "BucketV2")."""
    parts = token.split(":")
    if len(parts) != 3:
        return token, "", ""
    return parts[0], parts[1], parts[2]


def normalize_token(token: str) -> str:
    """Drop an API-version module segment: `azure-native:storage/v20230101:X` -> `azure-native:storage:X`."""
    pkg, mid, name = split_token(token)
    if "/" in mid:
        module, _, sub = mid.partition("/")
        if _NATIVE_SEGMENT.match(sub):
            return f"{pkg}:{module}:{name}"
    return token


def is_bridged(token: str) -> bool:
    """Bridged (Terraform-based) providers name resources `pkg:module/camelName:Name`."""
    _pkg, mid, _name = split_token(token)
    if "/" not in mid:
        return False
    sub = mid.split("/", 1)[1]
    return bool(sub) and sub[0].islower() and not _NATIVE_SEGMENT.match(sub)


class TypeMap:
    """Pulumi type token -> Terraform type, for one catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.index: dict[str, str] = {}
        for tf_type, info in catalog.resource_types.items():
            for token in info.get("pulumi", ()):
                self.index.setdefault(token, tf_type)
        for token, spec in azure_native.types().items():
            self.index.setdefault(token, spec.tf_type)
        for token, tf_type in bridged_types.bridged_types().items():
            self.index.setdefault(token, tf_type)
        self._cache: dict[str, str] = {}

    def terraform_type(self, token: str) -> str:
        """The Terraform type for `token`, or the token itself when there is none."""
        found = self._cache.get(token)
        if found is None:
            found = self._cache[token] = self._lookup(token)
        return found

    def _lookup(self, token: str) -> str:
        norm = normalize_token(token)
        if norm in self.index:
            return self.index[norm]
        if not is_bridged(norm):
            return token
        pkg, mid, _name = split_token(norm)
        module, _, camel = mid.partition("/")
        pid = self.catalog.provider_id(pkg)
        names = self.catalog.providers.get(pid or "", {}).get("terraform_names") or [pkg.replace("-", "_")]
        prefix = names[0]
        if pkg == "aws" and camel.endswith("V2"):
            camel = camel[:-2]  # pulumi-aws BucketV2, BucketServerSideEncryptionConfigurationV2, …
        leaf = snake(camel)
        mod = snake(module)
        if module == "index" or leaf.startswith(mod + "_") or leaf == mod:
            body = leaf
        else:
            body = f"{mod}_{leaf}"
        return body if body.startswith(prefix + "_") else f"{prefix}_{body}"


_TYPE_MAPS: dict[int, TypeMap] = {}


def type_map(catalog: Catalog) -> TypeMap:
    """The (cached) TypeMap of a catalog."""
    tm = _TYPE_MAPS.get(id(catalog))
    if tm is None or tm.catalog is not catalog:
        tm = _TYPE_MAPS[id(catalog)] = TypeMap(catalog)
    return tm


# --- values ----------------------------------------------------------------------------------


class _Values:
    """Converts one resource's wire values; collects secret values on the way."""

    def __init__(self, secrets: set[str], dep_names: Mapping[str, str]):
        self.secrets = secrets
        self.dep_names = dep_names  # URN -> "aws_s3_bucket.logs"

    def unknown(self, deps: Sequence[str]) -> Unknown:
        names = [self.dep_names[u] for u in deps if u in self.dep_names]
        return Unknown(f"known after apply from {', '.join(names)}" if names else AFTER_APPLY)

    def top(self, props: Mapping[str, Any], prop_deps: Mapping[str, Sequence[str]],
            aliases: bool = True) -> dict[str, Any]:
        """Top-level properties; `aliases`: a plural list of objects also answers to its singular
        Terraform block name (bridged providers only: azure-native's `locations` is no `location`)."""
        out: dict[str, Any] = {}
        for key, value in props.items():
            if key.startswith("__"):
                continue
            deps = prop_deps.get(key, ())
            name = snake(key)
            conv = self.value(value, deps, key in MAP_KEYS)
            out[name] = conv
            if aliases and isinstance(value, list) and conv and isinstance(conv[0], dict):
                alias = singular(name)
                if alias != name and alias not in props:
                    out.setdefault(alias, conv)
        return out

    def value(self, value: Any, deps: Sequence[str], verbatim: bool = False, wrap: bool = True) -> Any:
        """One wire value; an object becomes a block (a one-element list) unless it is a list item."""
        if isinstance(value, str):
            if value in UNKNOWN_SENTINELS:
                return self.unknown(deps)
            found = parse_marker(value) if LOOKUP_MARK in value else None
            if found:
                return Unknown(f"answer of look-up {found[0]} ({found[1]}), not known offline")
            key = parse_unset(value) if UNSET_MARK in value else None
            if key:
                return Unknown(f"config {key}, not set")
            return value
        if isinstance(value, float):
            return int(value) if value.is_integer() else value
        if isinstance(value, list):
            return [self.value(v, deps, verbatim, wrap=False) for v in value]
        if isinstance(value, Mapping):
            sig = value.get(SIG_KEY)
            if sig == SECRET_SIG:
                inner = self.value(value.get("value"), deps, verbatim)
                self._remember(inner)
                return mark_sensitive(inner)  # rules compare it; every output prints "(sensitive)"
            if sig == RESOURCE_REF_SIG:
                ref = value.get("id") or value.get("urn")
                return self.unknown(deps) if not ref or ref in UNKNOWN_SENTINELS else ref
            if sig is not None:
                return dict(value)  # assets and archives: kept as they are
            if verbatim or not all(isinstance(k, str) and _IDENT.match(k) for k in value):
                return {k: self.value(v, deps, True) for k, v in value.items()}
            obj: dict[str, Any] = {}
            for k, v in value.items():
                name = snake(k)
                conv = self.value(v, deps, k in MAP_KEYS)
                obj[name] = conv
                if isinstance(v, list) and conv and isinstance(conv[0], dict):
                    alias = singular(name)
                    if alias != name and alias not in value:
                        obj.setdefault(alias, conv)
            return [obj] if wrap else obj
        return value

    def _remember(self, value: Any) -> None:
        if isinstance(value, str) and value:
            self.secrets.add(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and len(str(value)) >= 3:
            self.secrets.add(str(value))
        elif isinstance(value, list):
            for v in value:
                self._remember(v)
        elif isinstance(value, dict):
            for v in value.values():
                self._remember(v)


# --- graph -----------------------------------------------------------------------------------


def is_component(res: PulumiResource, types: TypeMap) -> bool:
    """Stacks, components and the `pulumi` package's own resources are not infrastructure. A resource
    sent without a provider is a component unless its token names a provider's resource type."""
    if res.type.startswith(PROVIDER_PREFIX):
        return False
    if res.package == "pulumi" or res.type.startswith("pulumi:"):
        return True
    if res.provider is not None:
        return False
    return not (is_bridged(res.type) or normalize_token(res.type) in types.index)


class Converter:
    """Builds Graphs from Pulumi resources for one catalog and one stack configuration."""

    def __init__(self, catalog: Catalog, stack_config: Mapping[str, Any] | None = None,
                 source: str = "pulumi"):
        self.catalog = catalog
        self.types = type_map(catalog)
        self.stack_config = dict(stack_config or {})
        self.source = source

    def tf_name(self, res: PulumiResource) -> str:
        return f"{self.types.terraform_type(res.type)}.{res.name}"

    def graph(self, resources: Iterable[PulumiResource]) -> Graph:
        """The engine graph of these resources (providers become provider configurations)."""
        resources = list(resources)
        secrets: set[str] = set()
        dep_names = {r.urn: self.tf_name(r) for r in resources if not r.type.startswith(PROVIDER_PREFIX)}
        values = _Values(secrets, dep_names)
        providers: dict[str, ProviderConfig] = {}
        out: list[Resource] = []
        for res in resources:
            if res.type.startswith(PROVIDER_PREFIX):
                prov = PulumiProvider(res.type, res.urn, res.name, res.props)
                providers[res.urn] = self._provider(prov, values)
                continue
            if is_component(res, self.types):
                continue
            out.append(self._resource(res, values, providers))
        located = bridged_types.location_types()
        group_deps = {r.urn: tuple(r.property_dependencies.get("resourceGroupName", ()))
                      for r in resources
                      if normalize_token(r.type) in located or normalize_token(r.type) in azure_native.types()}
        azure_native.fill_locations(out, providers, group_deps)
        return Graph(out, providers, source=self.source)

    def _provider(self, prov: PulumiProvider, values: _Values) -> ProviderConfig:
        pid = self.catalog.provider_id(prov.package)
        names = self.catalog.providers.get(pid or "", {}).get("terraform_names") or [prov.package]
        props = {k: v for k, v in prov.props.items() if k not in PROVIDER_META}
        attrs = values.top(props, {})
        return ProviderConfig(
            key=prov.urn, name=names[0], provider=pid, alias=None if prov.is_default else prov.name,
            source=f"pulumi:{prov.package}", attrs=attrs, implicit=prov.is_default and not attrs,
        )

    def _stack_provider(self, package: str, values: _Values) -> PulumiProvider:
        """The default provider the engine would create from the stack config."""
        props = {k.split(":", 1)[1]: v for k, v in self.stack_config.items()
                 if k.startswith(package + ":") and ":" in k}
        ptype = PROVIDER_PREFIX + package
        return PulumiProvider(ptype, f"{ptype}::default", "default", props)

    def _resource(self, res: PulumiResource, values: _Values,
                  providers: dict[str, ProviderConfig]) -> Resource:
        prov = res.provider or self._stack_provider(res.package, values)
        if prov.urn not in providers:
            providers[prov.urn] = self._provider(prov, values)
        config = providers[prov.urn]
        tf_type = self.types.terraform_type(res.type)
        prop_deps = {k: tuple(v) for k, v in res.property_dependencies.items()}
        refs = {u for urns in prop_deps.values() for u in urns}
        if not prop_deps:
            refs |= set(res.dependencies)
        attrs = values.top(res.props, prop_deps, aliases=is_bridged(normalize_token(res.type)))
        spec = azure_native.types().get(normalize_token(res.type))
        if spec is not None:
            attrs = spec.translate(attrs)
        provider_defaults.apply(res.type, provider_defaults.provider_version(prov.props, prov.name), attrs, snake)
        pid = config.provider or self.catalog.provider_id(res.package)
        return Resource(
            address=res.urn, type=tf_type, name=res.name, provider=pid, provider_key=config.key, attrs=attrs,
            refs=frozenset(refs - {res.urn}),
        )


def graph_of(resources: Iterable[PulumiResource], catalog: Catalog,
             stack_config: Mapping[str, Any] | None = None) -> Graph:
    """Shortcut: `Converter(catalog, stack_config).graph(resources)`."""
    return Converter(catalog, stack_config).graph(resources)


def secret_values(resources: Iterable[PulumiResource]) -> set[str]:
    """Every secret value in these resources' (and their providers') properties."""
    found: set[str] = set()
    values = _Values(found, {})
    for res in resources:
        for props in (res.props, res.provider.props if res.provider else {}):
            values.top(props, {})
    return found
