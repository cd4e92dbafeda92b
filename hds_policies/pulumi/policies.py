"""The HDS CrossGuard policy pack: one Pulumi policy per engine rule, the rule id as its name.

- **Which kind.** A rule whose verdict needs only the resource and its provider is a
  `ResourceValidationPolicy`, run as each resource is previewed: the rules that judge a provider
  configuration (a provider is analysed as a resource of its own), and the rules the registry marks
  `alone` (certification: by type and provider alone). Every other rule may follow
  references (a bucket and its encryption or object-lock configuration, a vault and its lock, a
  database and its parameter group, an Azure resource and its resource group, an OVHcloud resource
  and its project), so it is a `StackValidationPolicy` that sees the whole stack with dependencies
  and property dependencies. A rule added later is a stack policy until listed here: slower to
  report, never wrong for lack of context.
- **Verdicts.** `failed` findings are reported at the policy's enforcement level (mandatory by
  default); `unknown` ones always as advisory (or mandatory with `unknownEnforcementLevel`), so an
  unknown preview value neither blocks nor passes silently. pulumi_policy's `report_violation` has
  no per-violation level, so the pack serves the Analyzer through a thin subclass of the SDK's
  servicer (`_HdsServicer`) that converts each request once, runs the engine once per settings, and
  sets each diagnostic's level. That subclass is the pack's one private SDK detail, isolated in
  `_servicer_class` and used only on the tested pulumi-policy versions; elsewhere (or with
  HDS_POLICIES_STOCK_SERVICER=1) the policies' own `validate` callbacks run under the stock, public
  `PolicyPack`: unknowns then surface as the SDK's advisory "can't run during preview" diagnostics.
- **Fail closed.** An exception while judging is a violation of the policy that raised it, at the
  policy's level, naming the policy and the exception.
- **Settings.** Per policy through `--policy-pack-config` (`config_schema`), on top of an optional
  hds-policies settings file named by `HDS_POLICIES_CONFIG` (else `.hds-policies.yaml` found from the
  pack's working folder up to the repository root). Findings can also be appended as JSON
  lines to the file named by `findingsFile` or `HDS_POLICIES_FINDINGS_FILE`.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalog import Catalog, load_catalog, read_data_file
from ..engine import evaluate, scrub
from ..model import Finding, ResourceRef
from ..rules import RULES
from ..settings import Settings, settings_from_dict
from ..settings_discovery import find_settings
from ..waivers import WAIVERS_ENV
from .convert import Converter, PulumiResource, secret_values

PACK_NAME = "hds"
FRAMEWORK_NAME = "HDS"
FRAMEWORK_VERSION = "2 (arrêté 2024-04-26)"
DEFAULT_URL = "https://esante.gouv.fr/labels-certifications/hebergement-des-donnees-de-sante"
FINDINGS_ENV = "HDS_POLICIES_FINDINGS_FILE"
PASSED = "passed"  # the `level` of a Violation that records a passed verdict (findings file only)

# --- configuration ----------------------------------------------------------------------------

_TAG = {"type": "object", "properties": {"key": {"type": "string"}, "value": {"type": "string"}},
        "additionalProperties": False}
COMMON_CONFIG: dict[str, dict[str, Any]] = {
    "asOf": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
             "description": "Judge certificates as of this date (YYYY-MM-DD); default: today."},
    "providers": {"type": "object", "description": "Provider registry overrides (as in the settings file)."},
    "regions": {"type": "object", "description": "Region table overrides (as in the settings file)."},
    "backupTag": {**_TAG, "description": "Tag marking backup stores; default hds-role = backup."},
    "scopeTag": {**_TAG, "description": "Tag taking a resource out of scope; default hds-scope = out."},
    "severity": {"type": "string", "enum": ["critical", "high", "medium", "low", "info"],
                 "description": "Override the rule's severity in findings."},
    "unknownEnforcementLevel": {"type": "string", "enum": ["advisory", "mandatory"],
                                "description": "Level of undetermined findings; default advisory."},
    "findingsFile": {"type": "string", "description": "Append findings as JSON lines to this file."},
    "waiversFile": {"type": "string", "description": "Waiver file (hds-waivers.yaml): matching findings are "
                    "reported as waived (advisory) until their expiry; default: $HDS_POLICIES_WAIVERS."},
}
FAMILY_CONFIG: dict[str, dict[str, dict[str, Any]]] = {
    "location": {"allowedRegions": {
        "type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Extra regions allowed per provider, e.g. {\"aws\": [\"eu-central-2\"]}."}},
    "encryption_at_rest": {"requireCustomerManagedKeys": {
        "type": "boolean", "description": "Require customer-managed keys (default false)."}},
    "provider_certification": {
        "expiryWarningDays": {"type": "integer", "minimum": 0,
                              "description": "Warn this many days before a certificate expires (90)."},
        "ovhHdsProjects": {"type": "array", "items": {"type": "string"},
                           "description": "OVHcloud Public Cloud project ids checked to have the HDS option."}},
}
_TO_SETTINGS = {
    "asOf": "as_of", "providers": "providers", "regions": "regions", "backupTag": "backup_tag",
    "scopeTag": "scope_tag", "allowedRegions": "allowed_regions",
    "requireCustomerManagedKeys": "require_customer_managed_keys", "expiryWarningDays": "expiry_warning_days",
    "ovhHdsProjects": "ovh_hds_projects",
}


def config_properties(family: str) -> dict[str, dict[str, Any]]:
    """The config_schema properties of a rule of `family` (no defaults: the settings file keeps its say)."""
    return {**COMMON_CONFIG, **FAMILY_CONFIG.get(family, {})}


def is_stack_rule(rule_id: str, catalog: Catalog) -> bool:
    """Stack policy unless the rule judges a provider configuration, or a resource with its provider
    alone (`alone` in the rules registry; `catalog` kept for the signature's callers)."""
    impl = RULES.get(rule_id)
    return impl is None or (impl.target != "provider" and not impl.alone)


def activity_tags(rule_id: str, catalog: Catalog) -> list[str]:
    """`hds-activity-N` for the rule's activities, or those of the resource types it covers."""
    meta = catalog.rules[rule_id]
    acts = set(meta.activities)
    if not acts:
        if "*" in meta.resource_types or "provider" in meta.resource_types:
            acts = set(catalog.activities)  # any resource, or everything a provider configuration hosts
        for t in meta.resource_types:
            acts |= set(catalog.resource_types.get(t, {}).get("activities", ()))
    return [f"hds-activity-{n}" for n in sorted(acts)]


# --- judging (no SDK here: plain data in, plain data out) ------------------------------------


@dataclass(frozen=True)
class Violation:
    """One diagnostic to send: a finding (or a policy failure) at an enforcement level."""

    policy: str
    message: str
    urn: str
    level: str
    severity: str
    finding: Finding | None = None


@dataclass(frozen=True)
class PolicyState:
    """A policy's effective enforcement level and config properties, as the engine configured it."""

    level: str
    config: Mapping[str, Any]


class Judge:
    """Turns Pulumi resources into violations for the HDS policies; caches settings per config."""

    def __init__(self, catalog: Catalog | None = None, stack_config: Mapping[str, Any] | None = None,
                 base_settings: Mapping[str, Any] | None = None):
        self.catalog = catalog or load_catalog()
        self.stack_config = dict(stack_config or {})
        self.base = dict(base_settings or {})
        rules = frozenset(r for r in self.catalog.rules if r in RULES)
        self.stack_rules = frozenset(r for r in rules if is_stack_rule(r, self.catalog))
        self.resource_rules = rules - self.stack_rules
        self._settings: dict[str, Settings] = {}
        self._waivers: dict[str, list[Any]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> Judge:
        """The judge of a running pack: stack config from PULUMI_CONFIG; settings from HDS_POLICIES_CONFIG,
        else .hds-policies.yaml found from the pack's working folder (settings_discovery)."""
        from .requests import stack_config_from_env

        base: dict[str, Any] = {}
        found = find_settings()
        if found is not None:
            path = str(found)
            data = read_data_file(Path(path))
            base = data if isinstance(data, dict) else {}
            settings_from_dict(dict(base), path)  # fail now, naming the file, rather than per policy
        return cls(stack_config=stack_config_from_env(), base_settings=base)

    def settings(self, rule_id: str, config: Mapping[str, Any]) -> Settings:
        """Settings of one policy: the settings file, then the policy's config properties."""
        relevant = {k: v for k, v in config.items() if k in _TO_SETTINGS or k == "severity"}
        key = json.dumps(relevant, sort_keys=True, default=str) + (rule_id if "severity" in relevant else "")
        with self._lock:
            found = self._settings.get(key)
        if found is not None:
            return found
        data = dict(self.base)
        for prop, value in config.items():
            if prop in _TO_SETTINGS:
                data[_TO_SETTINGS[prop]] = value
        if config.get("severity"):
            data["severity_overrides"] = {**data.get("severity_overrides", {}), rule_id: config["severity"]}
        found = settings_from_dict(data, f"policy {rule_id} config")
        with self._lock:
            self._settings[key] = found
        return found

    def judge(self, resources: Sequence[PulumiResource], states: Mapping[str, PolicyState],
              only_urn: str | None = None, include_passed: bool = False) -> list[Violation]:
        """Violations of the given policies over these resources (`only_urn`: keep that resource's);
        with `include_passed`, passed verdicts too (level PASSED: for the findings file, never reported)."""
        groups: dict[int, tuple[Settings, list[str]]] = {}
        out: list[Violation] = []
        for rule_id in sorted(states):
            if states[rule_id].level == "disabled":
                continue
            try:
                st = self.settings(rule_id, states[rule_id].config)
            except Exception as exc:  # noqa: BLE001 — a bad config fails the policy, closed
                out.append(self.failure(rule_id, states[rule_id], exc, only_urn, resources))
                continue
            groups.setdefault(id(st), (st, []))[1].append(rule_id)
        for st, rule_ids in groups.values():
            try:
                findings_by_rule = self._evaluate(resources, st, rule_ids, include_passed)
            except Exception:  # noqa: BLE001 — isolate the rule that raised, below
                findings_by_rule = {}
                for rid in rule_ids:
                    try:
                        findings_by_rule.update(self._evaluate(resources, st, [rid], include_passed))
                    except Exception as exc:  # noqa: BLE001 — fail closed: a violation naming the policy
                        out.append(self.failure(rid, states[rid], exc, only_urn, resources))
            for rid, findings in findings_by_rule.items():
                try:
                    findings = self._waive(findings, states[rid].config, st)
                except Exception as exc:  # noqa: BLE001 — a bad waiver file fails the policy, closed
                    out.append(self.failure(rid, states[rid], exc, only_urn, resources))
                    continue
                for f in findings:
                    if only_urn is not None and f.resource.address != only_urn:
                        continue
                    if f.status == "passed" and not include_passed:
                        continue
                    out.append(self._violation(f, states[rid]))
        return out

    def _evaluate(self, resources: Sequence[PulumiResource], st: Settings,
                  rule_ids: list[str], include_passed: bool = False) -> dict[str, list[Finding]]:
        graph = Converter(st.catalog, self.stack_config).graph(resources)
        urns = {cfg.address: cfg.key for cfg in graph.providers.values()}
        run = dataclasses.replace(st, enabled_rules=frozenset(rule_ids))
        out: dict[str, list[Finding]] = {rid: [] for rid in rule_ids}
        for f in evaluate(graph, run, include_passed=include_passed):
            if f.status not in ("failed", "unknown", "passed"):
                continue
            if f.resource.type == "provider" and f.resource.address in urns:
                r = f.resource
                f = dataclasses.replace(f, resource=ResourceRef(urns[r.address], r.type, r.name, r.provider,
                                                                 r.file, r.line))
            out[f.rule_id].append(f)
        return out

    def _waive(self, findings: list[Finding], config: Mapping[str, Any], st: Settings) -> list[Finding]:
        """The findings after the waiver file (policy config `waiversFile`, else $HDS_POLICIES_WAIVERS)."""
        path = config.get("waiversFile") or os.environ.get(WAIVERS_ENV)
        if not path or not findings:
            return findings
        from ..waivers import apply_waivers, load_waivers

        with self._lock:
            waivers = self._waivers.get(path)
            if waivers is None:
                waivers = self._waivers[path] = load_waivers(path, set(self.catalog.rules))
        return apply_waivers(findings, waivers, st.as_of).findings

    def _violation(self, f: Finding, state: PolicyState) -> Violation:
        if f.status == "passed":  # recorded in the findings file only, never a diagnostic
            return Violation(f.rule_id, f.message, f.resource.address, PASSED, f.severity, f)
        level = state.level if state.level != "remediate" else "mandatory"
        if f.status == "waived":
            level = "advisory"  # shown in the preview, never blocking
        if f.status == "unknown":
            level = state.config.get("unknownEnforcementLevel") or "advisory"
        message = violation_message(f, self.catalog)
        return Violation(f.rule_id, message, f.resource.address, level, f.severity, f)

    def failure(self, rule_id: str, state: PolicyState, exc: BaseException, urn: str | None,
                resources: Sequence[PulumiResource] = ()) -> Violation:
        """A policy that raised: a violation naming the policy and the exception (secrets scrubbed)."""
        level = state.level if state.level != "remediate" else "mandatory"
        text = scrub(str(exc), frozenset(secret_values(resources)))
        what = "this resource" if urn else "the stack"
        message = f"policy {rule_id} could not judge {what} and fails closed: {type(exc).__name__}: {text}"
        return Violation(rule_id, message, urn or "", level, self.catalog.rules[rule_id].severity)


def violation_message(f: Finding, catalog: Catalog) -> str:
    """What a reviewer reads under the policy description: resource, verdict, activities, basis."""
    head = {"failed": "", "waived": f"WAIVED until {(f.waiver or {}).get('expires')} "
            f"({(f.waiver or {}).get('id')}): "}.get(f.status, "UNDETERMINED: ")
    acts = catalog.activity_labels(f.activities) or "none specific"
    return (f"{head}{f.resource.name} ({f.resource.type}): {f.message}\n"
            f"HDS activities: {acts}. Basis: {'; '.join(f.basis)}.")


def finding_record(v: Violation, pack_version: str = __version__) -> dict[str, Any]:
    """The JSON-lines record of a violation: the contract's finding plus the Pulumi enforcement level."""
    if v.finding is not None:
        rec = v.finding.as_dict()
    else:
        rec = {"rule_id": v.policy, "family": None, "severity": v.severity, "status": "failed",
               "resource": {"address": v.urn, "type": None, "name": None, "provider": None, "file": None,
                            "line": None},
               "activities": [], "basis": [], "message": v.message, "remediation": ""}
        rec["error"] = True
    rec["enforcement_level"] = v.level
    rec["policy_pack"] = {"name": PACK_NAME, "version": pack_version}
    return rec


_FILE_LOCK = threading.Lock()


def records_passed(states: Mapping[str, PolicyState]) -> bool:
    """Passed verdicts are worth computing only when a findings file will record them."""
    return bool(os.environ.get(FINDINGS_ENV)) or any(s.config.get("findingsFile") for s in states.values())


def append_findings(violations: Iterable[Violation], states: Mapping[str, PolicyState]) -> None:
    """Append records to each policy's findings file (config `findingsFile`, else the env variable)."""
    default = os.environ.get(FINDINGS_ENV)
    by_file: dict[str, list[str]] = {}
    for v in violations:
        state = states.get(v.policy)
        path = (state.config.get("findingsFile") if state else None) or default
        if path:
            by_file.setdefault(path, []).append(json.dumps(finding_record(v), ensure_ascii=False))
    with _FILE_LOCK:
        for path, lines in by_file.items():
            try:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write("".join(line + "\n" for line in lines))
            except OSError as exc:
                sys.stderr.write(f"hds policy pack: cannot append findings to {path}: {exc}\n")


# --- the pulumi_policy objects -----------------------------------------------------------------


def build_policies(judge: Judge | None = None) -> list[Any]:
    """One policy per rule (name = rule id), with the HDS framework metadata and SDK callbacks."""
    from pulumi_policy import (
        PolicyComplianceFramework,
        PolicyConfigSchema,
        ResourceValidationPolicy,
        Severity,
        StackValidationPolicy,
    )

    holder: list[Judge] = [judge] if judge is not None else []

    def get_judge() -> Judge:
        if not holder:
            holder.append(Judge.from_env())
        return holder[0]

    catalog = judge.catalog if judge is not None else load_catalog()
    policies: list[Any] = []
    for rule_id in sorted(r for r in catalog.rules if r in RULES):
        meta = catalog.rules[rule_id]
        common = {
            "name": rule_id,
            "description": f"{meta.title} ({'; '.join(meta.basis)})",
            "severity": Severity(meta.severity if meta.severity != "info" else "low"),
            "framework": PolicyComplianceFramework(name=FRAMEWORK_NAME, version=FRAMEWORK_VERSION,
                                                   reference="; ".join(meta.basis), specification=meta.title),
            "tags": ["hds", meta.family, *activity_tags(rule_id, catalog)],
            "remediation_steps": meta.remediation,
            "url": meta.url or DEFAULT_URL,
            "config_schema": PolicyConfigSchema(properties=config_properties(meta.family)),
        }
        if is_stack_rule(rule_id, catalog):
            policy = StackValidationPolicy(validate=_stack_validate(rule_id, get_judge), **common)
        else:
            policy = ResourceValidationPolicy(validate=_resource_validate(rule_id, get_judge), **common)
        policy.hds_rule_id = rule_id  # type: ignore[attr-defined]
        policies.append(policy)
    return policies


def _unknown_error(message: str) -> Exception:
    """pulumi_policy's UnknownValueError carrying our message (the SDK reports it as advisory)."""
    from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError

    err = UnknownValueError(UNKNOWN_STRING_VALUE, [])
    err.message = message
    err.args = (message,)
    return err


def _sdk_report(rule_id: str, violations: list[Violation], report: Callable[..., None], stack: bool) -> None:
    unknowns = []
    for v in violations:
        if v.level == PASSED:
            continue
        if v.finding is not None and v.finding.status == "waived":
            continue  # the stock SDK would report it at the policy's level: a waived finding never blocks
        if v.level == "advisory" and v.finding is not None and v.finding.status == "unknown":
            unknowns.append(v)
        elif stack:
            report(v.message, v.urn or None)
        else:
            report(v.message)
    if unknowns:
        raise _unknown_error("; ".join(f"{v.finding.resource.name}: {v.finding.message}"  # type: ignore[union-attr]
                                       for v in unknowns))


def _resource_validate(rule_id: str, get_judge: Callable[[], Judge]) -> Callable[[Any, Any], None]:
    def validate(args: Any, report_violation: Callable[..., None]) -> None:
        from .requests import from_policy_args

        res = from_policy_args(args)
        state = PolicyState("mandatory", dict(args.get_config() or {}))
        found = get_judge().judge([res], {rule_id: state}, only_urn=res.urn,
                                  include_passed=records_passed({rule_id: state}))
        append_findings(found, {rule_id: state})
        _sdk_report(rule_id, found, report_violation, stack=False)

    return validate


def _stack_validate(rule_id: str, get_judge: Callable[[], Judge]) -> Callable[[Any, Any], None]:
    def validate(args: Any, report_violation: Callable[..., None]) -> None:
        from .requests import from_policy_resource

        resources = [from_policy_resource(r) for r in args.resources]
        state = PolicyState("mandatory", dict(args.get_config() or {}))
        found = get_judge().judge(resources, {rule_id: state}, include_passed=records_passed({rule_id: state}))
        append_findings(found, {rule_id: state})
        _sdk_report(rule_id, found, report_violation, stack=True)

    return validate


# --- serving -----------------------------------------------------------------------------------


STOCK_ENV = "HDS_POLICIES_STOCK_SERVICER"  # set: serve through the stock PolicyPack (public API only)
SERVICER_TESTED = ((1, 21), (1, 21))  # pulumi-policy minor versions the subclass below is tested with


def policy_sdk_version() -> tuple[int, ...]:
    """The installed pulumi-policy version, e.g. (1, 21, 0)."""
    from importlib.metadata import version

    return tuple(int(p) for p in version("pulumi-policy").split(".")[:3] if p.isdigit())


def _servicer_class() -> type | None:
    """The one private detail of the pack, isolated here: a subclass of pulumi_policy's Analyzer servicer
    that converts each request once and runs the engine once for every policy (the public `PolicyPack`
    deserializes the whole stack once per policy, ~25 times, and has no per-violation enforcement
    level, so an unknown verdict could not be advisory beside a mandatory failure of the same policy).
    Used only on the pulumi-policy versions it was tested with (`SERVICER_TESTED`) and when the SDK
    still has the methods it calls; otherwise, or with HDS_POLICIES_STOCK_SERVICER set, None: `serve`
    falls back to the stock `PolicyPack` (same verdicts, unknowns as the SDK's advisory diagnostics)."""
    if os.environ.get(STOCK_ENV):
        return None
    try:
        from pulumi.runtime import proto
        from pulumi_policy import policy as sdk

        low, high = SERVICER_TESTED
        if not low <= policy_sdk_version()[:2] <= high:
            return None
    except (ImportError, ValueError):  # pragma: no cover
        return None
    base = getattr(sdk, "_PolicyAnalyzerServicer", None)
    needed = ("_get_enforcement_level", "_get_policy_config", "_map_enforcement_level", "_map_severity")
    if base is None or not all(hasattr(base, m) for m in needed):
        return None

    class _HdsServicer(base):  # type: ignore[misc, valid-type]
        """Analyze/AnalyzeStack through one conversion and one engine run; the rest is the SDK's."""

        def __init__(self, judge: Judge, name: str, version: str, policies: list[Any], level: Any,
                     **kwargs: Any) -> None:
            accepted = inspect.signature(base.__init__).parameters
            super().__init__(name, version, policies, level,
                             **{k: v for k, v in kwargs.items() if k in accepted})
            self._judge, self._policies, self._name, self._version = judge, policies, name, version

        def _states(self, stack: bool) -> dict[str, PolicyState]:
            out = {}
            for p in self._policies:
                rule_id = getattr(p, "hds_rule_id", None)
                if rule_id is None or (rule_id in self._judge.stack_rules) != stack:
                    continue
                level = self._get_enforcement_level(p).value
                out[rule_id] = PolicyState(level, self._get_policy_config(p.name) or {})
            return out

        def _respond(self, violations: list[Violation], states: Mapping[str, PolicyState]) -> Any:
            response = proto.AnalyzeResponse()
            sdk_levels = {lv.value: lv for lv in sdk.EnforcementLevel}
            descriptions = {p.name: p.description for p in self._policies}
            for v in violations:
                if v.level == PASSED:
                    continue
                severity = sdk.Severity(v.severity) if v.severity in ("low", "medium", "high", "critical") \
                    else sdk.Severity.LOW
                response.diagnostics.append(proto.AnalyzeDiagnostic(
                    policyName=v.policy, policyPackName=self._name, policyPackVersion=self._version,
                    description=descriptions.get(v.policy, ""),
                    message=f"{descriptions.get(v.policy, '')}\n{v.message}", urn=v.urn,
                    enforcementLevel=self._map_enforcement_level(sdk_levels[v.level]),
                    severity=self._map_severity(severity),
                ))
            append_findings(violations, states)
            return response

        def Analyze(self, request: Any, context: Any) -> Any:  # noqa: N802 (gRPC method name)
            from .requests import from_analyze_request

            states = self._states(stack=False)
            try:
                res = from_analyze_request(request)
            except Exception as exc:  # noqa: BLE001
                return self._respond([self._judge.failure(r, s, exc, request.urn) for r, s in states.items()
                                      if s.level != "disabled"], states)
            return self._respond(self._judge.judge([res], states, only_urn=res.urn,
                                                  include_passed=records_passed(states)), states)

        def AnalyzeStack(self, request: Any, context: Any) -> Any:  # noqa: N802 (gRPC method name)
            from .requests import from_analyzer_resource

            states = self._states(stack=True)
            try:
                resources = [from_analyzer_resource(r) for r in request.resources]
            except Exception as exc:  # noqa: BLE001
                return self._respond([self._judge.failure(r, s, exc, None) for r, s in states.items()
                                      if s.level != "disabled"], states)
            return self._respond(self._judge.judge(resources, states, include_passed=records_passed(states)), states)

    return _HdsServicer


def serve(judge: Judge | None = None, name: str = PACK_NAME, version: str = __version__) -> None:
    """Run the pack: print the Analyzer's port and serve until stopped (what `__main__.py` calls)."""
    judge = judge or Judge.from_env()
    policies = build_policies(judge)
    description = "French HDS (health data hosting) rules: EEA placement, encryption, immutable backups, " \
                  "certified providers."
    servicer_cls = _servicer_class()
    if servicer_cls is None:
        from pulumi_policy import EnforcementLevel, PolicyPack

        PolicyPack(name=name, policies=policies, enforcement_level=EnforcementLevel.MANDATORY,
                   description=description)
        return
    from concurrent import futures

    import grpc
    from pulumi.runtime.proto import analyzer_pb2_grpc
    from pulumi_policy import EnforcementLevel

    servicer = servicer_cls(judge, name, version, policies, EnforcementLevel.MANDATORY,
                            description=description, display_name="HDS (hébergement de données de santé)",
                            provider=None, tags=["hds", "health-data", "eea"], repository=None)
    options = [("grpc.max_receive_message_length", 1024 * 1024 * 400)]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=options)
    analyzer_pb2_grpc.add_AnalyzerServicer_to_server(servicer, server)
    port = server.add_insecure_port(address="127.0.0.1:0")
    server.start()
    sys.stdout.buffer.write(f"{port}\n".encode())
    sys.stdout.flush()
    try:
        while True:
            time.sleep(86400)
    except KeyboardInterrupt:  # pragma: no cover
        server.stop(0)
