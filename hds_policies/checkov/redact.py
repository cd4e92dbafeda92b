"""Sensitive values in Checkov's graph and in Checkov's own report fields.

Inside the Checkov process (the HDS checks are loaded there), two things carry secrets:

- the graph `graph` translates for the engine: Checkov renders `lower(var.tenant)` into its
  value and records, per attribute, the variables it came from (`rendering_breadcrumbs_`);
  `mark(attrs, crumbs, secret_vars)` marks every attribute derived from a `sensitive = true`
  variable, and `sensitive(...)` calls, so engine messages print `(sensitive)` there;
- the records Checkov prints in every output format (code block, evaluated tags, variable
  evaluations, details): `install()` wraps `Report.add_record` so each record is redacted before any
  formatter sees it.

Checkov's own `--mask RESOURCE_TYPE:ATTRIBUTE` does not fit: it censors literal values of the named
attributes in code blocks only, keeps their first characters, and knows nothing of values derived
from sensitive variables or of plan `after_sensitive` marks.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from ..model import SENSITIVE_TEXT, is_sensitive, mark_sensitive

_SENSITIVE_CALL = re.compile(r"^\s*sensitive\((.*)\)\s*$", re.DOTALL)
_CALL_IN_CODE = re.compile(r"\bsensitive\(")


class _Known:
    """Per-process: sensitive variables of the graphs seen, marked plan values per resource."""

    def __init__(self) -> None:
        self.variables: set[tuple[str, str]] = set()  # (folder, variable name)
        self.plan_values: dict[tuple[str, str], set[Any]] = {}  # (plan file, address) -> plain values


KNOWN = _Known()


def _folder(path: Any) -> str:
    return os.path.dirname(os.path.abspath(str(path or "")))


def _true(value: Any) -> bool:
    value = value[0] if isinstance(value, list) and len(value) == 1 else value
    return value is True or (isinstance(value, str) and value.lower() == "true")


def sensitive_variables(nodes: dict[int, dict[str, Any]]) -> set[tuple[str, str]]:
    """(folder, name) of every `sensitive = true` variable block of a Checkov graph (remembered)."""
    found = {(_folder(a.get("file_path_")), str(a.get("block_name_", "")))
             for a in nodes.values() if a.get("block_type_") == "variable" and _true(a.get("sensitive"))}
    KNOWN.variables |= found
    return found


def sensitive_paths(crumbs: Any, secret_vars: set[tuple[str, str]]) -> set[str]:
    """The attribute paths ("bucket", "tags.note") whose value comes from a sensitive variable."""
    out: set[str] = set()
    if not isinstance(crumbs, dict):
        return out
    for key, trail in crumbs.items():
        for step in trail if isinstance(trail, list) else ():
            if isinstance(step, dict) and step.get("type") == "variable" and (
                    _folder(step.get("path")), str(step.get("name"))) in secret_vars:
                out.add(str(key))
    return out


def _mark_path(node: Any, parts: list[str]) -> Any:
    if not parts:
        return mark_sensitive(node)
    if isinstance(node, list):
        return [_mark_path(item, parts) for item in node]
    if isinstance(node, dict) and parts[0] in node:
        return {**node, parts[0]: _mark_path(node[parts[0]], parts[1:])}
    return node


def _sensitive_calls(value: Any) -> Any:
    if isinstance(value, str):
        return mark_sensitive(value) if _SENSITIVE_CALL.match(value) else value
    if isinstance(value, list):
        return [_sensitive_calls(v) for v in value]
    if isinstance(value, dict):
        return {k: _sensitive_calls(v) for k, v in value.items()}
    return value


def mark(attrs: dict[str, Any], crumbs: Any, secret_vars: set[tuple[str, str]]) -> dict[str, Any]:
    """Attributes with what comes from a sensitive variable, or from `sensitive(...)`, marked."""
    out = _sensitive_calls(attrs)
    for path in sorted(sensitive_paths(crumbs, secret_vars)):
        out = _mark_path(out, [p for p in path.split(".") if not p.isdigit()])
    return out


def note_plan(path: str, resources: list[Any]) -> None:
    """Remember the marked values of each resource of a plan file (to redact Checkov's code blocks)."""
    for r in resources:
        leaves: set[Any] = set()
        _leaves(r.attrs, leaves)
        if leaves:
            KNOWN.plan_values[(os.path.abspath(path), r.address)] = leaves


def _leaves(value: Any, out: set[Any]) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _leaves(v, out)
    elif isinstance(value, list):
        for v in value:
            _leaves(v, out)
    elif is_sensitive(value):
        out.add(_plain(value))


def _plain(value: Any) -> Any:
    """A marked leaf's value without its mark."""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int.__int__(value)
    return float.__float__(value)


# --- Checkov's records --------------------------------------------------------------------------


def _code_line(line: str, values: set[Any]) -> str:
    """A code line with `sensitive(...)` arguments and (plan JSON) marked values replaced."""
    if _CALL_IN_CODE.search(line):
        head = line[:_CALL_IN_CODE.search(line).start()]  # type: ignore[union-attr]
        return f"{head}{SENSITIVE_TEXT}\n" if line.endswith("\n") else f"{head}{SENSITIVE_TEXT}"
    for value in values:
        if isinstance(value, str):
            # A whole JSON string token, never a substring of other text; also as Checkov's own secret
            # check censors it (its first characters kept: omit_secret_value_from_line).
            for form in (value, value[:min(len(value) // 4, 6)] + "*" * 10):
                token = json.dumps(form)
                if token in line:
                    line = line.replace(token, json.dumps(SENSITIVE_TEXT))
        elif isinstance(value, (int, float)):
            line = re.sub(rf"(?<=: ){re.escape(json.dumps(value))}(?=,?\s*$)", json.dumps(SENSITIVE_TEXT), line)
    return line


def redact(record: Any) -> Any:
    """The record with every sensitive value Checkov would print replaced by (sensitive)."""
    paths = sensitive_paths(getattr(record, "breadcrumbs", None), KNOWN.variables)
    tags = getattr(record, "entity_tags", None)
    if isinstance(tags, dict):
        record.entity_tags = {
            k: SENSITIVE_TEXT if ("tags" in paths or f"tags.{k}" in paths or f"tags_all.{k}" in paths
                                  or _SENSITIVE_CALL.match(str(v))) else v
            for k, v in tags.items()}
    evaluations = getattr(record, "evaluations", None)
    if isinstance(evaluations, dict):
        folder = _folder(getattr(record, "file_abs_path", None))
        for name, info in evaluations.items():
            if (folder, str(name)) in KNOWN.variables and isinstance(info, dict):
                info["value"] = SENSITIVE_TEXT
                info["definitions"] = []
    values = KNOWN.plan_values.get((os.path.abspath(str(getattr(record, "file_abs_path", "") or "")),
                                    str(getattr(record, "resource", ""))), set())
    code = getattr(record, "code_block", None)
    if isinstance(code, list):
        record.code_block = [(n, _code_line(line, values)) if isinstance(line, str) else (n, line)
                             for n, line in code]
    return record


def install() -> None:
    """Redact every record Checkov's reports receive (once per process)."""
    from checkov.common.output.report import Report

    if getattr(Report.add_record, "_hds_redacts", False):
        return
    original = Report.add_record

    def add_record(self: Any, record: Any) -> None:
        try:
            record = redact(record)
        except Exception:  # never print what could not be checked: drop the fields that show values
            record.code_block, record.entity_tags, record.evaluations = [], None, None
        original(self, record)

    add_record._hds_redacts = True  # type: ignore[attr-defined]
    Report.add_record = add_record  # type: ignore[method-assign]
