"""The engine's data model: resources, provider configurations, the graph and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("critical", "high", "medium", "low", "info")
FAMILIES = (
    "location",
    "encryption_at_rest",
    "encryption_in_transit",
    "backup_immutability",
    "provider_certification",
    "coverage",  # what the scan could not read (module calls not followed)
)


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value the code does not hold: unresolvable expression, known only after apply/preview."""

    raw: str = "(known after apply)"
    # When the code limits the value to a few known candidates (element(var.regions, random_…),
    # a conditional over an unknown flag): a rule may decide when every candidate gives one verdict.
    options: tuple[Any, ...] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.raw

    def __repr__(self) -> str:  # inside a list or a dict in a message: the expression, never a Python repr
        return self.raw


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


# --- sensitive marks -----------------------------------------------------------------------------
# A value from a sensitive variable or output, a plan's after_sensitive, a Pulumi secret or
# `sensitive()` is *marked*: it compares and hashes as the plain value (rules decide on it), but
# prints as "(sensitive)" wherever it is formatted, and the string methods rules use keep the mark.
SENSITIVE_TEXT = "(sensitive)"


class SensitiveStr(str):
    """A marked string: equal to its value, shown as (sensitive)."""

    __slots__ = ()

    def __str__(self) -> str:
        return SENSITIVE_TEXT

    def __repr__(self) -> str:
        return SENSITIVE_TEXT

    def __format__(self, spec: str) -> str:
        return format(SENSITIVE_TEXT, spec)

    @property
    def plain(self) -> str:
        """The value without its mark (never print it)."""
        return str.__str__(self)


def _keep_mark(name: str) -> Any:
    method = getattr(str, name)

    def marked(self: SensitiveStr, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        return mark_sensitive(result)

    marked.__name__ = name
    return marked


for _name in ("lower", "upper", "strip", "lstrip", "rstrip", "replace", "casefold", "title", "capitalize",
              "split", "rsplit", "partition", "rpartition", "removeprefix", "removesuffix", "__getitem__",
              "__add__", "__radd__", "__mod__", "join", "format", "splitlines", "zfill", "swapcase"):
    if hasattr(str, _name):
        setattr(SensitiveStr, _name, _keep_mark(_name))


class _PrintsSensitive:
    """Formatting of a marked number: (sensitive), whatever the format spec."""

    __slots__ = ()

    def __str__(self) -> str:
        return SENSITIVE_TEXT

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return SENSITIVE_TEXT


class SensitiveInt(_PrintsSensitive, int):
    """A marked integer: equal to its value, shown as (sensitive)."""

    __slots__ = ()


class SensitiveFloat(_PrintsSensitive, float):
    """A marked number with a fraction: equal to its value, shown as (sensitive)."""

    __slots__ = ()


def mark_sensitive(value: Any) -> Any:
    """The value with every leaf marked (strings, numbers; lists and maps recursively).

    Booleans and null cannot carry a mark and are returned as they are (Python's bool is final)."""
    if isinstance(value, (SensitiveStr, SensitiveInt, SensitiveFloat)) or value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return SensitiveStr(value)
    if isinstance(value, int):
        return SensitiveInt(value)
    if isinstance(value, float):
        return SensitiveFloat(value)
    if isinstance(value, list):
        return [mark_sensitive(v) for v in value]
    if isinstance(value, tuple):
        return tuple(mark_sensitive(v) for v in value)
    if isinstance(value, dict):
        return {k: mark_sensitive(v) for k, v in value.items()}
    if isinstance(value, Unknown):
        return Unknown(SENSITIVE_TEXT)
    return value


def is_sensitive(value: Any) -> bool:
    """True when the value, or any leaf inside it, is marked."""
    if isinstance(value, (SensitiveStr, SensitiveInt, SensitiveFloat)):
        return True
    if isinstance(value, (list, tuple)):
        return any(is_sensitive(v) for v in value)
    if isinstance(value, dict):
        return any(is_sensitive(v) for v in value.values())
    return False


def tf_literal(value: Any) -> str:
    """A value as Terraform code writes it (true, "AES256", null), for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


@dataclass
class ProviderConfig:
    """A provider configuration (a `provider` block, default or aliased, or an implicit default)."""

    key: str  # "aws", "aws.paris", "module.store:aws" (plan's provider_config_key style)
    name: str  # local name: aws, azurerm, google, ovh
    provider: str | None  # registry id (aws, azure, gcp, ovh, ...) or None when not in the registry
    alias: str | None = None
    source: str | None = None  # registry source, e.g. hashicorp/aws
    attrs: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    module: str = ""
    implicit: bool = False  # no block in the code: the default configuration

    @property
    def address(self) -> str:
        base = f"provider.{self.name}" + (f".{self.alias}" if self.alias else "")
        return f"{self.module}.{base}" if self.module else base


@dataclass(slots=True)  # slots: a scan may hold hundreds of thousands (issue 13, bounded memory)
class Resource:
    """One resource (or data source) with attributes under their Terraform names.

    Blocks are lists of dicts, as in plan JSON; values the code does not hold are `Unknown`.
    """

    address: str
    type: str
    name: str
    provider: str | None  # registry id
    provider_key: str | None  # key into Graph.providers
    attrs: dict[str, Any]
    file: str | None = None
    line: int | None = None
    module: str = ""
    mode: str = "managed"  # or "data"
    refs: frozenset[str] = frozenset()  # addresses of resources this one references
    skips: dict[str, str] = field(default_factory=dict)  # rule id -> reason (#checkov:skip)


@dataclass(frozen=True)
class ModuleCall:
    """A module call whose module could not be read (not initialised, folder missing): what it
    creates is not seen, which every report must say."""

    address: str  # module.a.module.b
    name: str
    source: str
    reason: str
    file: str | None = None
    line: int | None = None
    type: str = "module"
    provider: str | None = None


@dataclass
class Graph:
    """All resources and provider configurations of one scanned input."""

    resources: list[Resource]
    providers: dict[str, ProviderConfig]
    sensitive_values: frozenset[str] = frozenset()  # scrubbed from every message
    source: str = ""
    module_calls: list[ModuleCall] = field(default_factory=list)  # calls not followed

    def __post_init__(self) -> None:
        self._indexed = False  # the look-up tables are built on first use (a summary never needs them)

    def _index(self) -> None:
        self._by_address = {r.address: r for r in self.resources}
        self._by_type: dict[str, list[Resource]] = {}
        # A resource referenced once is held as itself, not in a list of one (a scan may hold
        # hundreds of thousands: issue 13, bounded memory).
        self._referrers: dict[str, Resource | list[Resource]] = {}
        referrers = self._referrers
        for r in self.resources:
            self._by_type.setdefault(r.type, []).append(r)
            for ref in r.refs:
                found = referrers.get(ref)
                if found is None:
                    referrers[ref] = r
                elif isinstance(found, list):
                    found.append(r)
                else:
                    referrers[ref] = [found, r]
        self._indexed = True

    def get(self, address: str) -> Resource | None:
        if not self._indexed:
            self._index()
        return self._by_address.get(address)

    def of_type(self, *types: str) -> list[Resource]:
        if not self._indexed:
            self._index()
        return [r for t in types for r in self._by_type.get(t, ())]

    def referrers(self, resource: Resource, *types: str) -> list[Resource]:
        """Resources that reference `resource`, optionally only of the given types."""
        if not self._indexed:
            self._index()
        found = self._referrers.get(resource.address, [])
        if not isinstance(found, list):
            found = [found]
        return [r for r in found if not types or r.type in types]

    def referenced(self, resource: Resource, *types: str) -> list[Resource]:
        """Resources that `resource` references, optionally only of the given types."""
        if not self._indexed:
            self._index()
        out = [self._by_address[a] for a in sorted(resource.refs) if a in self._by_address]
        return [r for r in out if not types or r.type in types]

    def provider_of(self, resource: Resource) -> ProviderConfig | None:
        return self.providers.get(resource.provider_key or "")


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """Where a finding lands."""

    address: str
    type: str
    name: str
    provider: str | None
    file: str | None
    line: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "type": self.type,
            "name": self.name,
            "provider": self.provider,
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one resource, per the contract in design.md."""

    rule_id: str
    family: str
    severity: str
    status: str  # failed, unknown, passed, skipped, waived
    resource: ResourceRef
    activities: tuple[int, ...]
    basis: tuple[str, ...]
    message: str
    remediation: str
    skip_reason: str | None = None
    waiver: dict[str, Any] | None = None  # the waiver applied, or the expired one (hds_policies.waivers)
    baseline: str | None = None  # "new" or "existing" when compared with a baseline (hds_policies.baseline)

    def as_dict(self) -> dict[str, Any]:
        out = {
            "rule_id": self.rule_id,
            "family": self.family,
            "severity": self.severity,
            "status": self.status,
            "resource": self.resource.as_dict(),
            "activities": list(self.activities),
            "basis": list(self.basis),
            "message": self.message,
            "remediation": self.remediation,
        }
        if self.skip_reason is not None:
            out["skip_reason"] = self.skip_reason
        if self.waiver is not None:
            out["waiver"] = dict(self.waiver)
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out
