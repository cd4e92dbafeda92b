"""What every rule module uses: `Verdict`, attribute access, the one label helper, and `Context`
(graph look-ups). The registry of rules and checks is in registry.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..catalog import Location
from ..model import Graph, ModuleCall, ProviderConfig, Resource, Unknown, is_sensitive, is_unknown, mark_sensitive
from ..settings import Settings

Target = Resource | ProviderConfig | ModuleCall


@dataclass(frozen=True)
class Verdict:
    """A rule's judgement on one resource (or provider block)."""

    status: str  # passed, failed, unknown
    target: Target
    message: str
    activities: tuple[int, ...] | None = None  # overrides rule + type activities when set
    severity: str | None = None  # overrides the rule's severity when set


STATUS_RANK = {"failed": 0, "unknown": 1, "passed": 2}  # worst first


def worst(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The most severe verdict (failed, then unknown, then passed); None when there is none."""
    return min(verdicts, key=lambda v: STATUS_RANK[v.status], default=None)


def passed(target: Target, message: str = "") -> Verdict:
    return Verdict("passed", target, message)


def failed(target: Target, message: str, **kw: Any) -> Verdict:
    return Verdict("failed", target, message, **kw)


def unknown(target: Target, message: str, **kw: Any) -> Verdict:
    return Verdict("unknown", target, message, **kw)


# --- attribute access -----------------------------------------------------------------------


def attr(resource: Resource | ProviderConfig | dict, path: str, default: Any = None) -> Any:
    """Value at a dotted path; blocks (lists of dicts) are entered at their first element
    unless the path gives an index. `attr(r, "rule.apply_server_side_encryption_by_default.sse_algorithm")`."""
    node: Any = resource if isinstance(resource, dict) else resource.attrs
    for part in path.split("."):
        if isinstance(node, Unknown):
            return node
        if isinstance(node, list):
            if part.isdigit():
                idx = int(part)
                if idx >= len(node):
                    return default
                node = node[idx]
                continue
            if not node:
                return default
            node = node[0]
        if not isinstance(node, dict):
            return default
        if part not in node:
            return default
        node = node[part]
    return default if node is None else node


def blocks(resource: Resource | dict, path: str) -> list[dict[str, Any]]:
    """Every block at `path` (a list of dicts), flattening nested block lists."""
    parts = path.split(".")
    nodes: list[Any] = [resource if isinstance(resource, dict) else resource.attrs]
    for part in parts:
        nxt: list[Any] = []
        for n in nodes:
            if isinstance(n, dict) and part in n and n[part] is not None:
                v = n[part]
                nxt.extend(v if isinstance(v, list) else [v])
        nodes = nxt
    return [n for n in nodes if isinstance(n, dict)]


def label(ctx: Context, resource: Resource, row: dict[str, Any] | None = None) -> str:
    """How messages name a resource: the catalog label of its type (or of its evidence row) and its name."""
    shown = (row or {}).get("label") or ctx.type_info(resource).get("label", resource.type)
    return f"{shown} {resource.name}"


def show(value: Any) -> str:
    """A value as a message shows it: true/false, lists comma-separated, `not set` for None; never a
    Python repr (`None`, `False`, `['a']`)."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    return str(value)


def as_text(value: Any) -> str:
    """`str(value)` for comparisons: a marked (sensitive) value keeps its text and its mark, where
    `str()` gives its printed form "(sensitive)" (so `as_text(proto).upper() == "HTTP"` holds)."""
    if isinstance(value, str):
        return value
    if is_sensitive(value) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return mark_sensitive(repr(int.__int__(value) if isinstance(value, int) else float.__float__(value)))
    return str(value)


def not_scalar(value: Any) -> bool:
    """A list or map where a single name or number is expected (code Terraform would reject): rules
    judge it `unknown`, never look it up in a set of names."""
    return isinstance(value, (list, dict))


def weak(ctx: Context, key: str) -> frozenset[str]:
    """The TLS policies or versions catalog/data/tls.json lists as weak for `key`."""
    return frozenset(ctx.catalog.tls["weak_policies"].get(key, ()))


def leaves(node: Any, parts: list[str]) -> list[Any]:
    """Values at a dotted path, through every block and list on the way (nodes[].region, regions[])."""
    if not parts:
        return [v for item in node for v in leaves(item, [])] if isinstance(node, list) else [node]
    if isinstance(node, list):
        return [v for item in node for v in leaves(item, parts)]
    if is_unknown(node):
        return [node]
    if not isinstance(node, dict) or node.get(parts[0]) is None:
        return []
    return leaves(node[parts[0]], parts[1:])


def truthy(value: Any) -> bool | None:
    """True/False for Terraform booleans (also "true"/"false" strings); None when unknown or unset."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


# --- context --------------------------------------------------------------------------------


class Context:
    """Look-ups shared by rules: regions, tags, the catalog and the settings."""

    def __init__(self, graph: Graph, settings: Settings):
        self.graph = graph
        self.settings = settings
        self.catalog = settings.catalog
        self._tags: dict[int, dict[str, Any]] = {}
        self._defaults: dict[tuple[str | None, str | None], dict[str, Any]] = {}  # by provider configuration
        self.memo: dict[tuple[Any, ...], Any] = {}  # results several rules ask for

    def type_info(self, resource: Resource) -> dict[str, Any]:
        """The resource type's catalog entry; {} for a type the catalog does not list."""
        return self.catalog.resource_types.get(resource.type, {})

    def type_or_default(self, resource: Resource) -> dict[str, Any]:
        """The type's entry, or the catalog's default for unlisted types (activities, data)."""
        return self.catalog.resource_types.get(resource.type) or self.catalog.default_type

    def provider_entry(self, provider: str | None) -> dict[str, Any]:
        return self.catalog.providers.get(provider or "", {})

    def tags(self, resource: Resource) -> dict[str, Any]:
        """Tags (AWS, Azure) or labels (GCP) as one mapping (computed once per resource)."""
        cached = self._tags.get(id(resource))
        if cached is None:
            cached = self._collect_tags(resource)
            defaults = self._defaults.get((resource.provider, resource.provider_key))
            if defaults is None:
                defaults = self._defaults[(resource.provider, resource.provider_key)] = self._default_tags(resource)
            if defaults:
                cached = dict(cached)  # never the resource's own mapping
                for key, value in defaults.items():
                    cached.setdefault(key, value)
            if cached:  # only tagged resources are remembered: a scan may hold hundreds of thousands
                self._tags[id(resource)] = cached
        return cached

    def _default_tags(self, resource: Resource) -> dict[str, Any]:
        """Tags its provider configuration gives every resource (AWS `default_tags`, Google
        `default_labels`: catalog `provider_default_tags`); the resource's own tags override them."""
        config = self.graph.provider_of(resource)
        out: dict[str, Any] = {}
        for path in self.provider_entry(resource.provider).get("provider_default_tags", []) if config else []:
            value = attr(config, path)
            if isinstance(value, dict):
                for key, tag in value.items():
                    out.setdefault(key, tag)
        return out

    @staticmethod
    def _collect_tags(resource: Resource) -> dict[str, Any]:
        found: list[dict[str, Any]] = []
        for key in ("tags", "labels", "tags_all"):
            value = resource.attrs.get(key)
            if isinstance(value, list) and value and isinstance(value[0], dict):
                value = value[0]
            if isinstance(value, dict):
                found.append(value)
        if len(found) == 1:
            return found[0]  # read only: the resource's own mapping, not a copy
        out: dict[str, Any] = {}
        for value in found:
            for k, v in value.items():
                out.setdefault(k, v)
        return out

    def attached(self, store: Resource, kind: str, link: str, name_attr: str) -> list[Resource]:
        """Resources of `kind` that configure `store`: those referencing it, else those of its module and
        region whose `link` argument is the store's literal name (a lock or a policy written with the
        vault's or the bucket's name instead of a reference configures the same store)."""
        found = self.graph.referrers(store, kind)
        name = store.attrs.get(name_attr)
        if found or not isinstance(name, str) or not name:
            return found
        region = self.region_of(store)[0]
        return [r for r in self.graph.of_type(kind)
                if r.module == store.module and r.attrs.get(link) == name
                and _same_region(region, self.region_of(r)[0])]

    def is_backup_store(self, resource: Resource) -> bool:
        s = self.settings
        return as_text(self.tags(resource).get(s.backup_tag_key, "")).lower() == s.backup_tag_value.lower()

    def out_of_scope(self, resource: Resource) -> bool:
        s = self.settings
        return as_text(self.tags(resource).get(s.scope_tag_key, "")).lower() == s.scope_out_value.lower()

    def provider_region(self, resource: Resource) -> tuple[Any, str]:
        """The region value of the resource's provider configuration, and where it came from."""
        config = self.graph.provider_of(resource)
        entry = self.provider_entry(resource.provider)
        if config is None:
            return Unknown("no provider configuration"), "provider"
        for key in entry.get("provider_region_attributes", []):
            value = attr(config, key)  # dotted for nested blocks: Outscale's api.region
            if value is not None:
                return value, config.address
        if not entry.get("provider_region_attributes"):
            if entry.get("default_region"):
                return entry["default_region"], f"{config.address} (provider default)"
            attrs = " / ".join(entry.get("resource_region_attributes", [])) or "region"
            return Unknown(f"{resource.type} {resource.name} sets no {attrs}"), resource.address
        return Unknown(f"{config.address} sets no region: the environment decides at run time"), \
            config.address

    def own_regions(self, resource: Resource) -> tuple[list[Any], str]:
        """Every region value the resource itself names, from the first of its provider's region
        attributes that is set (one for most resources, several for OVH `nodes[].region` or
        `regions`), and that attribute."""
        for key in self.provider_entry(resource.provider).get("resource_region_attributes", []):
            values = [v for v in leaves(resource.attrs, key.split(".")) if v is not None and v != ""]
            if values:
                return values, key
        return [], ""

    def region_of(self, resource: Resource) -> tuple[Any, str]:
        """The effective region value: the resource's own region argument, else its provider's.

        Returns (value, origin) where value may be a string, `Unknown`, or None (not regional).
        """
        values, key = self.own_regions(resource)
        if values:
            return values[0], key
        if self.type_info(resource).get("regional", True) is False:
            return None, ""
        parent = self.parent_region(resource)
        if parent is not None:
            return parent
        return self.provider_region(resource)

    def parent_region(self, resource: Resource, depth: int = 0) -> tuple[Any, str] | None:
        """A resource that sets no region of its own but names its parent (azapi `parent_id`) is where
        the parent is; None when the provider has no parent attribute or the resource sets none."""
        for key in self.provider_entry(resource.provider).get("parent_attributes", []):
            ref = attr(resource, key)
            if ref is None or ref == "":
                continue
            named = ref.raw if is_unknown(ref) else as_text(ref)
            referenced = [r for r in self.graph.referenced(resource) if r.address != resource.address]
            for parent in referenced:
                if f"{parent.type}.{parent.name}" in named and depth < 16:
                    values, origin = self.own_regions(parent)
                    if values:
                        return values[0], f"{parent.address} ({origin}, its parent)"
                    return self.parent_region(parent, depth + 1)
            if is_unknown(ref):
                # The parent's id comes through module inputs (`${var.storage_account_id}/blobServices/…`):
                # the parent is one of the resources the child references; when every one of those that
                # names a region names the same, the child is there.
                regions = {as_text(v[0]): (v[0], r.address) for r in referenced for v in [self.own_regions(r)[0]] if v}
                if len(regions) == 1:
                    value, where = next(iter(regions.values()))
                    return value, f"{where} (its parent, through module inputs)"
            return Unknown(f"the parent {ref} of {resource.type} {resource.name}, which the code does not "
                           "create"), resource.address
        return None

    def locate(self, provider: str | None, raw: Any) -> Location | None:
        if raw is None or is_unknown(raw) or not isinstance(raw, str) or provider is None:
            return None
        loc = self.catalog.locate(provider, raw)
        if loc is not None and is_sensitive(raw):
            # What a secret region resolves to (its name, its country) would reveal it: marked too.
            loc = dataclasses.replace(loc, input=mark_sensitive(loc.input), region=mark_sensitive(loc.region),
                                      country=mark_sensitive(loc.country), label=mark_sensitive(loc.label),
                                      country_name=mark_sensitive(loc.country_name))
        return loc

    def region_allowed(self, provider: str | None, loc: Location) -> bool | None:
        """True when in the EEA or allowed by the settings; None when unknown."""
        allowed = self.settings.allowed_regions.get(provider or "", frozenset())
        if loc.input in allowed or (loc.region and loc.region in allowed):
            return True
        return loc.eea

    def activities(self, resource: Resource) -> tuple[int, ...]:
        """The type's activities, plus 6 (backup) for a store tagged as holding backups."""
        acts = set(self.type_or_default(resource).get("activities", ()))
        if self.is_backup_store(resource):
            acts.add(6)
        return tuple(sorted(acts))


def _same_region(a: Any, b: Any) -> bool:
    """False only when both regions are known and differ (a store name is unique per region)."""
    return not (isinstance(a, str) and isinstance(b, str) and a != b)
