"""Checkov checks for every rule in the catalog: thin adapters over the engine.

`register()` (called from `external_checks/hds_checks.py`, the file Checkov loads from `--external-checks-dir`)
creates one Checkov check per catalog rule, with the rule id as check id. When Checkov hands its
resource registry a graph to scan, the engine evaluates the whole input once (`graph`); every
check then answers from that cache.

Verdicts: engine `failed` -> FAILED; engine `unknown` -> FAILED with details starting "unknown:"
(Checkov drops UNKNOWN results silently, and hds-policies fails closed); `passed` -> PASSED when
HDS_POLICIES_SHOW_PASSED is set (as `scan --show-passed`), else no result; no verdict (the rule does
not apply to this resource) -> no result (UNKNOWN). An error in the engine or the settings -> FAILED
with the error in the details.

Speed: Checkov spends about 0.2 ms on every (check, resource) pair, whatever the check does. So,
once a graph is evaluated, each HDS resource check is registered only for the resource types where
the engine has a result to show (`_Pruner`); the full registration comes back for the next graph.

Settings come from the environment: HDS_POLICIES_CONFIG (settings file; else .hds-policies.yaml found from
the current folder up to the repository root) and HDS_POLICIES_AS_OF
(YYYY-MM-DD), which `hds-policies checkov --config/--as-of` set.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from typing import Any

from checkov.common.bridgecrew.severities import BcSeverities, Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.provider.base_check import BaseProviderCheck
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

from ..catalog import Catalog, DataError, RuleMeta, load_catalog
from ..catalog.schema import parse_date
from ..model import Finding
from ..settings import Settings, load_settings
from ..settings_discovery import find_settings
from ..waivers import WAIVED_PREFIX, WAIVERS_ENV, Waiver, apply_waivers, load_waivers
from . import redact
from .graph import Verdicts, hcl_verdicts, plan_files, plan_verdicts
from .wrapper import AS_OF_ENV, SHOW_PASSED_ENV

LOG = logging.getLogger(__name__)
GUIDE_BASE = "https://esante.gouv.fr/produits-services/hds"
CATEGORIES = {
    "location": CheckCategories.GENERAL_SECURITY,
    "encryption_at_rest": CheckCategories.ENCRYPTION,
    "encryption_in_transit": CheckCategories.ENCRYPTION,
    "backup_immutability": CheckCategories.BACKUP_AND_RECOVERY,
    "provider_certification": CheckCategories.GENERAL_SECURITY,
}
SEVERITY = {"critical": BcSeverities.CRITICAL, "high": BcSeverities.HIGH, "medium": BcSeverities.MEDIUM,
            "low": BcSeverities.LOW, "info": BcSeverities.INFO}


# --- settings and the verdict cache ------------------------------------------------------------


class _State:
    """Per-process state: settings (or the error reading them) and verdicts per Checkov graph."""

    def __init__(self) -> None:
        self.settings_key: tuple[str, str] | None = None
        self.settings: Settings | None = None
        self.settings_error: str | None = None
        self.cache: dict[Any, tuple[Any, Verdicts]] = {}  # key -> (graph kept alive, verdicts)
        self.waivers: tuple[str, list[Waiver]] = ("", [])

    def waive(self, finding: Finding, catalog: Catalog) -> Finding:
        """The finding after the waiver file named by HDS_POLICIES_WAIVERS (`hds-policies checkov --waivers`)."""
        path = os.environ.get(WAIVERS_ENV, "")
        if not path or finding.status not in ("failed", "unknown"):
            return finding
        if self.waivers[0] != path:
            self.waivers = (path, load_waivers(path, set(catalog.rules)))
        return apply_waivers([finding], self.waivers[1], self.get_settings().as_of).findings[0]

    def get_settings(self) -> Settings:
        key = (str(find_settings() or ""), os.environ.get(AS_OF_ENV, ""))  # HDS_POLICIES_CONFIG, else discovery
        if key != self.settings_key:
            self.settings_key, self.settings, self.settings_error = key, None, None
            try:
                as_of = parse_date(key[1], AS_OF_ENV, "value") if key[1] else None
                self.settings = load_settings(key[0] or None, as_of=as_of)
            except DataError as exc:
                self.settings_error = str(exc)
        if self.settings is None:
            raise DataError(f"settings: {self.settings_error}")
        return self.settings

    def verdicts(self, graph: Any, plan_file: str | None) -> Verdicts:
        key = (id(graph), plan_file)
        if key not in self.cache:
            try:
                settings = self.get_settings()
                if graph is None and not plan_file:
                    raise DataError("Checkov gave the HDS checks no resource graph (graph building failed?)")
                result = plan_verdicts(plan_file, settings) if plan_file else hcl_verdicts(graph, settings)
            except Exception as exc:  # fail closed: every HDS check on this input fails with the reason
                LOG.error("hds-policies could not evaluate %s: %s", plan_file or "the Terraform graph", exc)
                result = Verdicts(error=f"{type(exc).__name__}: {exc}" if not isinstance(exc, DataError)
                                  else str(exc))
            self.cache[key] = (graph, result)
        return self.cache[key][1]

    def graph_verdicts(self, graph: Any) -> list[Verdicts]:
        """Every input a graph holds, evaluated: its HCL roots, or each plan file of a plan graph."""
        plans = plan_files(graph)
        return [self.verdicts(graph, p) for p in plans] if plans else [self.verdicts(graph, None)]

    def find(self, scanned_file: str, address: str) -> tuple[Verdicts, dict[str, Finding]] | None:
        """An entity looked up in every evaluated input (Checkov's threaded mode may hand a check
        another runner's graph)."""
        for _graph, verdicts in self.cache.values():
            found = verdicts.lookup(scanned_file, address)
            if found is not None:
                return verdicts, found
        return None


STATE = _State()


# --- presentation ------------------------------------------------------------------------------


def _acts(numbers: Any) -> str:
    return ",".join(str(n) for n in numbers)


def rule_activities(meta: RuleMeta, catalog: Catalog) -> tuple[int, ...]:
    """The activities a rule's findings usually carry, as the engine gives them: the rule's own plus
    those of the resource types it checks (for a rule on every type: the default type's, and only when
    the rule has its own). Empty when they depend on the resource alone. Findings carry the exact ones."""
    acts = set(meta.activities)
    if "provider" in meta.resource_types:
        return tuple(sorted(acts))
    if "*" in meta.resource_types:
        if acts:
            acts |= set(catalog.default_type.get("activities", ()))
        return tuple(sorted(acts))
    for rtype in meta.resource_types:
        info = catalog.resource_types.get(rtype) or catalog.default_type
        acts |= set(info.get("activities", ()))
    return tuple(sorted(acts))


def check_name(meta: RuleMeta, catalog: Catalog) -> str:
    acts = rule_activities(meta, catalog)
    return f"[HDS {_acts(acts) if acts else 'per resource'}] {meta.title}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.replace("/", "-").split())


def guideline(meta: RuleMeta, catalog: Catalog) -> str:
    """A URI carrying the rule id, its activities and basis (Checkov prints it; SARIF's helpUri)."""
    base = meta.url or GUIDE_BASE
    acts = rule_activities(meta, catalog)
    basis = ",".join(_slug(b) for b in meta.basis)
    return f"{base}#{meta.rule_id};activities={_acts(acts) if acts else 'per-resource'};basis={basis}"


def details(finding: Finding, catalog: Catalog) -> list[str]:
    labels = ", ".join(f"{a} {catalog.activities[a]['en']}" for a in finding.activities if a in catalog.activities)
    message = finding.message if finding.status != "unknown" else f"unknown: {finding.message}"
    return [f"HDS activities: {labels or 'none'}; basis: {'; '.join(finding.basis)}", message,
            f"fix: {finding.remediation}"]


# --- the checks --------------------------------------------------------------------------------


def _scanned_file(entity_path: str, entity_type: str) -> str:
    marker = f":{entity_type}:"
    return entity_path.split(marker)[0] if marker in entity_path else entity_path.rsplit(":", 2)[0]


class _Adapter:
    """What resource and provider checks share: find the engine's verdict and report it."""

    id: str
    graph: Any
    details: list[str]
    severity: Any
    rule_severity: Any

    def _judge(self, conf: dict[str, Any], scanned_file: str) -> CheckResult:
        self.severity = self.rule_severity
        plan_file = conf.get("__file__")
        plan_file = plan_file[0] if isinstance(plan_file, list) and plan_file else plan_file
        if not plan_file and scanned_file.endswith(".json"):
            plan_file = self._plan_from_graph(scanned_file)
        verdicts = STATE.verdicts(self.graph, plan_file if isinstance(plan_file, str) else None)
        if verdicts.error:
            self.details.append(f"hds-policies could not evaluate this input: {verdicts.error}")
            return CheckResult.FAILED
        address = str(conf.get("__address__", ""))
        found = verdicts.lookup(scanned_file, address)
        if found is None:
            elsewhere = STATE.find(scanned_file, address)
            if elsewhere is None:
                self.details.append(f"hds-policies found no resource {address} in its reading of {scanned_file}")
                return CheckResult.FAILED
            verdicts, found = elsewhere
        finding = found.get(self.id)
        if finding is None or (finding.status == "passed" and not show_passed()):
            return CheckResult.UNKNOWN  # the rule does not apply here, or a pass nobody asked for
        self.details.extend(details(finding, verdicts.catalog))
        if finding.severity.lower() in SEVERITY:
            self.severity = Severities[SEVERITY[finding.severity.lower()]]
        if finding.status == "passed":
            return CheckResult.PASSED
        waived = STATE.waive(finding, verdicts.catalog)
        if waived.status == "waived":  # reported as skipped, the waiver in the details (read back by `report`)
            self.details.append(WAIVED_PREFIX + json.dumps(waived.waiver, ensure_ascii=False))
            return CheckResult.SKIPPED
        return CheckResult.FAILED

    def _plan_from_graph(self, scanned_file: str) -> str | None:
        from .graph import graph_nodes

        if self.graph is None:
            return None
        for _i, attrs in graph_nodes(self.graph):
            path = str(attrs.get("file_path_", ""))
            if path.endswith(scanned_file if scanned_file.startswith("/") else "/" + scanned_file):
                return path
        return None


class HdsResourceCheck(_Adapter, BaseResourceCheck):
    """A resource rule of the catalog."""

    def __init__(self, meta: RuleMeta, catalog: Catalog, severity: str):
        types = ("*",) if "*" in meta.resource_types else tuple(dict.fromkeys(meta.resource_types + meta.reported_on))
        super().__init__(name=check_name(meta, catalog), id=meta.rule_id,
                         categories=(CATEGORIES.get(meta.family, CheckCategories.GENERAL_SECURITY),),
                         supported_resources=types, guideline=guideline(meta, catalog))
        self.rule_severity = Severities[SEVERITY.get(severity, BcSeverities.MEDIUM)]
        self.severity = self.rule_severity

    def scan_entity_conf(self, conf: dict[str, Any], entity_type: str) -> CheckResult:
        """As BaseResourceCheck's, without expanding `dynamic` blocks: the engine reads its own graph."""
        self.entity_type = entity_type
        if conf.get("count") == [0]:
            return CheckResult.UNKNOWN
        return self.scan_resource_conf(conf)

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        return self._judge(conf, _scanned_file(self.entity_path, self.entity_type))


class HdsProviderCheck(_Adapter, BaseProviderCheck):
    """A provider-block rule of the catalog (all providers)."""

    def __init__(self, meta: RuleMeta, catalog: Catalog, severity: str):
        super().__init__(name=check_name(meta, catalog), id=meta.rule_id,
                         categories=(CATEGORIES.get(meta.family, CheckCategories.GENERAL_SECURITY),),
                         supported_provider=("*",), guideline=guideline(meta, catalog))
        self.rule_severity = Severities[SEVERITY.get(severity, BcSeverities.MEDIUM)]
        self.severity = self.rule_severity

    def scan_provider_conf(self, conf: dict[str, Any]) -> CheckResult:
        return self._judge(conf, self.entity_path.rsplit(":", 2)[0])


class _Pruner:
    """Runs the HDS resource checks only where the engine has a result to show.

    Checkov sets `registry.graph` before scanning each resource: the first time it sees a graph, the
    graph is evaluated and each HDS check is registered only on the resource types with a result for
    its rule. Then, for each resource `registry.scan` is given, `get_checks` leaves out the HDS checks
    with nothing to report on that resource.

    It relies on Checkov internals (the `graph` attribute, `scan` / `get_checks`, the `checks` /
    `wildcard_checks` tables); when they are missing the checks keep their full registration, which
    is slower, not wrong. In Checkov's threaded mode (macOS, Windows: runners share the registry) it
    stays off.
    """

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self.current: int | None = None
        self.graph: Any = None
        self.entity: tuple[str, Any] | None = None  # (scanned file, entity) being scanned
        self.checks: dict[str, HdsResourceCheck] = {}  # rule id -> the instance registered

    def entity_checks(self, checks: list[Any], scanned_file: str, entity: Any) -> list[Any]:
        """`checks` without the HDS checks that have nothing to report on this resource."""
        if not any(isinstance(c, HdsResourceCheck) for c in checks) or not isinstance(entity, dict):
            return checks
        named = next(iter(entity.values()), None)
        conf = next(iter(named.values()), None) if isinstance(named, dict) else None
        if not isinstance(conf, dict):
            return checks
        plan = conf.get("__file__")
        plan = plan[0] if isinstance(plan, list) and plan else plan
        verdicts = STATE.verdicts(self.graph, plan if isinstance(plan, str) else None)
        found = None if verdicts.error else verdicts.lookup(scanned_file, str(conf.get("__address__", "")))
        if found is None:
            return checks  # they will fail closed, saying why
        shown = {rule for rule, f in found.items() if f.status != "passed" or show_passed()}
        return [c for c in checks if not isinstance(c, HdsResourceCheck) or c.id in shown]

    def _collect(self) -> None:
        """Checks registered so far (Checkov may load the checks folder once per runner)."""
        for table in (self.registry.checks, self.registry.wildcard_checks):
            for lst in table.values():
                for c in lst:
                    if isinstance(c, HdsResourceCheck):
                        self.checks.setdefault(c.id, c)

    def on_graph(self, graph: Any) -> None:
        if graph is None or id(graph) == self.current:
            return
        self.current, self.graph = id(graph), graph
        self._collect()
        wanted: dict[str, set[str]] | None = {}
        for verdicts in STATE.graph_verdicts(graph):
            if verdicts.error or wanted is None:
                wanted = None  # every check must run, to fail closed on every resource
                continue
            for rule_id, types in verdicts.types(show_passed()).items():
                wanted.setdefault(rule_id, set()).update(types)
        self.apply(wanted)

    def apply(self, wanted: dict[str, set[str]] | None) -> None:
        """Register each HDS check on the wanted types (None: on all the types it supports)."""
        reg = self.registry
        for table in (reg.checks, reg.wildcard_checks):
            for entity in list(table):
                kept = [c for c in table[entity] if not isinstance(c, HdsResourceCheck)]
                if kept:
                    table[entity] = kept
                else:
                    del table[entity]  # an empty wildcard table would cost Checkov its fast path
        for check in self.checks.values():
            supported = set(check.supported_resources)
            if wanted is None:
                types = supported
            else:
                types = {t for t in wanted.get(check.id, ()) if "*" in supported or t in supported}
            for t in sorted(types):
                table = reg.wildcard_checks if reg._is_wildcard(t) else reg.checks
                table.setdefault(t, []).append(check)


def _install_pruner(registry: Any) -> None:
    """Hook the registry's `graph` assignments, `scan` and `get_checks` (once per process)."""
    if getattr(registry, "_hds_pruner", None) is not None:
        return
    try:
        from checkov.common.parallelizer.parallel_runner import ParallelizationType, parallel_runner

        if parallel_runner.type == ParallelizationType.THREAD:
            return
        if not isinstance(registry.checks, dict) or not isinstance(registry.wildcard_checks, dict):
            return
    except (ImportError, AttributeError):
        return
    pruner = _Pruner(registry)
    base = type(registry)

    def get_graph(self: Any) -> Any:
        return self.__dict__.get("_hds_graph")

    def set_graph(self: Any, value: Any) -> None:
        self.__dict__["_hds_graph"] = value
        try:
            pruner.on_graph(value)
        except Exception as exc:  # never break Checkov's scan: keep (or restore) full registrations
            LOG.error("hds-policies: could not narrow the HDS checks to this graph: %s", exc)
            pruner.apply(None)

    def scan(self: Any, scanned_file: str, entity: Any, *args: Any, **kwargs: Any) -> Any:
        pruner.entity = (scanned_file, entity)
        try:
            return base.scan(self, scanned_file, entity, *args, **kwargs)
        finally:
            pruner.entity = None

    def get_checks(self: Any, entity_type: str) -> Any:
        checks = base.get_checks(self, entity_type)
        if pruner.entity is None or pruner.graph is None:
            return checks
        try:
            return pruner.entity_checks(checks, *pruner.entity)
        except Exception as exc:  # never break Checkov's scan
            LOG.error("hds-policies: could not select the HDS checks for a resource: %s", exc)
            return checks

    hooked = type(f"HdsHooked{base.__name__}", (base,),
                  {"graph": property(get_graph, set_graph), "scan": scan, "get_checks": get_checks})
    registry.__dict__["_hds_graph"] = registry.__dict__.pop("graph", None)
    registry.__class__ = hooked
    registry._hds_pruner = pruner


def show_passed() -> bool:
    return os.environ.get(SHOW_PASSED_ENV, "").lower() in ("1", "true", "yes", "on")


def register() -> list[_Adapter]:
    """Create (and so register with Checkov) one check per catalog rule."""
    from checkov.terraform.checks.resource.registry import resource_registry

    try:
        settings: Settings | None = STATE.get_settings()
    except DataError as exc:
        LOG.error("hds-policies: %s; every HDS check will fail", exc)
        settings = None
    catalog = settings.catalog if settings else load_catalog()
    overrides = settings.severity_overrides if settings else {}
    checks: list[_Adapter] = []
    for rule_id, meta in sorted(catalog.rules.items()):
        severity = overrides.get(rule_id, meta.severity)
        if list(meta.resource_types) == ["provider"]:
            checks.append(HdsProviderCheck(meta, catalog, severity))
        else:
            checks.append(HdsResourceCheck(meta, catalog, severity))
    _install_pruner(resource_registry)
    redact.install()  # no sensitive value in any record Checkov prints
    return checks
