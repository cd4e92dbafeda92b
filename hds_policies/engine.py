"""`evaluate(graph, settings) -> findings`: the one entry every frontend calls. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog
from .model import SEVERITIES, Finding, Graph, ProviderConfig, Resource, ResourceRef
from .rules import RULES
from .rules.base import STATUS_RANK, Context, Target, Verdict
from .settings import Settings


def _ref(target: Target) -> ResourceRef:
    if isinstance(target, ProviderConfig):
        return ResourceRef(target.address, "provider", target.alias or target.name, target.provider,
                           target.file, target.line)
    return ResourceRef(target.address, target.type, target.name, target.provider, target.file, target.line)


def _verdicts(result: Verdict | Iterable[Verdict] | None) -> list[Verdict]:
    if result is None:
        return []
    if isinstance(result, Verdict):
        return [result]
    return list(result)




def scrub(text: str, secrets: frozenset[str]) -> str:
    """Replace every sensitive value in `text` by a placeholder, also as a message's {value!r} shows it.

    Not for findings: every loader marks sensitive values (model.mark_sensitive), which print as
    (sensitive) exactly where they stand. Only for text no rule formats (an exception's message)."""
    forms = set(secrets) | {repr(v)[1:-1] for v in secrets if isinstance(v, str)}
    for value in sorted(forms, key=len, reverse=True):  # longest first: no secret's tail survives
        if value and value in text:
            text = text.replace(value, "(sensitive)")
    return text


def _remedy(remedies: dict[tuple[str, str], str], catalog: Catalog, rule_id: str, rtype: str) -> str:
    """The catalog's remediation for (rule, type), one string per pair."""
    key = (rule_id, rtype)
    text = remedies.get(key)
    if text is None:
        text = remedies[key] = catalog.remediation_for(rule_id, rtype)
    return text


def evaluate(graph: Graph, settings: Settings, include_passed: bool = False) -> list[Finding]:
    """Run every enabled rule over the graph; failed and unknown findings (and skipped ones),
    plus passed ones when asked. Deterministic order: rule id, then resource address."""
    ctx = Context(graph, settings)
    catalog = settings.catalog
    findings: list[Finding] = []
    managed = [r for r in graph.resources if r.mode == "managed" and not ctx.out_of_scope(r)]
    # Shared by the findings that are equal in them (a scan may hold hundreds of thousands: issue 13).
    refs: dict[str, ResourceRef] = {}  # by address (the target's own string: no key object per finding)
    remedies: dict[tuple[str, str], str] = {}
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    for rule_id, impl in sorted(RULES.items()):
        if not settings.rule_enabled(rule_id):
            continue
        meta = catalog.rules[rule_id]
        targets: list[Target]
        if impl.target == "provider":
            targets = list(graph.providers.values())
        elif impl.target == "module_call":
            targets = list(graph.module_calls)
        elif "*" in meta.resource_types:
            targets = managed  # read only
        else:
            wanted = set(meta.resource_types)
            targets = [r for r in managed if r.type in wanted]
        found: dict[str, Finding] = {}  # this rule's finding per resource address
        worst: dict[str, int] = {}  # rank of the verdict behind each finding
        for target in targets:
            for v in _verdicts(impl.func(target, ctx)):
                if v.status == "passed" and not include_passed:
                    continue
                res = v.target
                if isinstance(res, Resource) and ctx.out_of_scope(res):
                    continue
                key = res.address
                if key in worst and worst[key] <= STATUS_RANK[v.status]:
                    continue  # one finding per (rule, resource): the worst verdict (then the first) wins
                worst[key] = STATUS_RANK[v.status]
                if v.activities is not None:
                    acts = v.activities
                elif isinstance(res, Resource):
                    acts = tuple(sorted(set(meta.activities) | set(ctx.activities(res))))
                else:
                    acts = meta.activities
                acts = shared.setdefault(acts, acts)
                status, reason = v.status, None
                skips = res.skips if isinstance(res, Resource) else {}
                if rule_id in skips and v.status != "passed":
                    status, reason = "skipped", skips[rule_id]
                severity = settings.severity_overrides.get(rule_id) or v.severity or meta.severity
                ref = _ref(res)
                shared_ref = refs.get(res.address)
                if shared_ref == ref:
                    ref = shared_ref
                else:
                    refs[res.address] = ref
                found[key] = Finding(
                    rule_id=rule_id,
                    family=meta.family,
                    severity=severity,
                    status=status,
                    resource=ref,
                    activities=acts,
                    basis=meta.basis,
                    message=v.message,
                    remediation=_remedy(remedies, catalog, rule_id, res.type) if isinstance(res, Resource)
                    else meta.remediation,
                    skip_reason=reason,
                )
        findings.extend(found.values())
    # Rules ran in rule id order, so a stable sort by address gives (address, rule id) order without
    # a key tuple per finding.
    findings.sort(key=lambda f: f.resource.address)
    return findings


def summary(graph: Graph, findings: list[Finding]) -> dict[str, int]:
    count = {s: 0 for s in ("failed", "unknown", "skipped")}
    for f in findings:
        if f.status in count:
            count[f.status] += 1
    resources = sum(1 for r in graph.resources if r.mode == "managed")
    not_followed = sum(1 for f in findings if f.family == "coverage")
    return {"resources": resources, **count, "modules_not_followed": not_followed}


def fails_at(findings: list[Finding], threshold: str) -> bool:
    """True when a failed finding is at or above `threshold` severity."""
    limit = SEVERITIES.index(threshold)
    return any(f.status == "failed" and SEVERITIES.index(f.severity) <= limit for f in findings)
