"""`hds-policies` command line: catalog look-ups and scans."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .catalog import Catalog, DataError, load_catalog
from .catalog.schema import parse_date
from .model import SEVERITIES, Finding


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def _date(value: str) -> _dt.date:
    try:
        return parse_date(value, "--as-of", "value")
    except DataError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hds-policies", description="Check infrastructure code against the "
                                "French HDS (health data hosting) rules.")
    p.add_argument("--version", action="version", version=f"hds-policies {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    cat = sub.add_parser("catalog", help="show the HDS knowledge catalog")
    cat.add_argument("what", choices=["activities", "providers", "regions", "rules", "locate"])
    cat.add_argument("args", nargs="*", help="for locate: PROVIDER REGION")
    cat.add_argument("--provider", help="only this provider (regions, providers)")
    cat.add_argument("--lang", choices=["fr", "en"], default="en")
    cat.add_argument("--format", choices=["text", "json"], default="text")
    cat.add_argument("--config", help="settings or overrides file (YAML/JSON) merged into the registry")

    scan = sub.add_parser("scan", help="scan Terraform folders and plan JSON files")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="a Terraform folder or a plan .json file")
    scan.add_argument("--format", choices=["text", "json", "sarif", "markdown"], default="text",
                      help="markdown: the reviewer report (findings by activity, data locations, "
                      "sub-processors, transfers outside the EEA)")
    scan.add_argument("--config", help="settings file (hds-policies.yaml)")
    scan.add_argument("--var-file", action="append", default=[], help="extra .tfvars file (repeatable)")
    scan.add_argument("--as-of", type=_date, help="judge certificates as of this date (default: today)")
    scan.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails (default: low)")
    scan.add_argument("--show-passed", action="store_true", help="list passing checks too")
    scan.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    _register_extensions(sub)
    return p


def _register_extensions(sub: argparse._SubParsersAction) -> None:
    """Frontend commands live beside their frontends (added as the frontends land)."""
    from .pulumi import cli as pulumi_cli

    pulumi_cli.register(sub)
    from .terraform import checkov_cli

    checkov_cli.register(sub)
    from .audit import cli as audit_cli

    audit_cli.register(sub)


# --- catalog ------------------------------------------------------------------------------


def _catalog_cmd(args: argparse.Namespace) -> str:
    if args.config:  # a settings file (hds-policies.yaml) or a bare overrides file: both are settings
        from .settings import load_settings

        catalog = load_settings(args.config).catalog
    else:
        catalog = load_catalog()
    fmt = args.format
    if args.what == "locate":
        if len(args.args) != 2:
            raise UsageError("catalog locate needs PROVIDER REGION")
        provider, raw = args.args
        if catalog.provider_id(provider) is None:
            raise UsageError(f"unknown provider {provider!r} (see `hds-policies catalog providers`)")
        loc = catalog.locate(provider, raw).as_dict()
        if fmt == "json":
            return json.dumps(loc, ensure_ascii=False)
        eea = {True: "in the EEA", False: "OUTSIDE the EEA", None: "unknown (not in the catalog)"}[loc["eea"]]
        return f"{provider} {raw!r} -> {loc['region'] or '?'} ({loc['country'] or '?'}): {eea}" + (
            f"\n  source: {loc['source']}" if loc["source"] else "")
    if args.args:
        raise UsageError(f"catalog {args.what} takes no positional arguments")
    return {"activities": _activities, "providers": _providers, "regions": _regions,
            "rules": _rules}[args.what](catalog, args)


def _activities(catalog: Catalog, args: argparse.Namespace) -> str:
    items = [{"number": n, "label": a[args.lang], "fr": a["fr"], "en": a["en"]}
             for n, a in sorted(catalog.activities.items())]
    if args.format == "json":
        return json.dumps({"activities": items, **catalog.activities_source}, ensure_ascii=False, indent=2)
    lines = [f"{i['number']}  {i['label']}" for i in items]
    return "\n".join([*lines, "", f"source: {catalog.activities_source['source']} "
                      f"(as of {catalog.activities_source['as_of']})"])


def _providers(catalog: Catalog, args: argparse.Namespace) -> str:
    ids = sorted(catalog.providers)
    if args.provider:
        pid = catalog.provider_id(args.provider)
        if pid is None:
            raise UsageError(f"unknown provider {args.provider!r}")
        ids = [pid]
    if args.format == "json":
        return json.dumps({"providers": {i: catalog.providers[i] for i in ids}}, ensure_ascii=False, indent=2)
    lines = []
    for i in ids:
        e = catalog.providers[i]
        acts = ",".join(map(str, e["activities"])) or "-"
        until = f" until {e['valid_until']}" if e.get("valid_until") else ""
        lines.append(f"{i:14} {e['status']:14} activities {acts:12} {e['name']} ({e['legal_entity']}){until}")
        lines.append(f"{'':14} confidence {e['confidence']}; source {e['source']} (as of {e['as_of']})")
    return "\n".join(lines)


def _regions(catalog: Catalog, args: argparse.Namespace) -> str:
    families = sorted(catalog.regions)
    if args.provider:
        fam = catalog.region_family(args.provider)
        if fam is None:
            raise UsageError(f"no region table for provider {args.provider!r}")
        families = [fam]
    if args.format == "json":
        out = {}
        for fam in families:
            t = catalog.regions[fam]
            out[fam] = {"source": t.source, "as_of": str(t.as_of),
                        "regions": {e["name"]: {"country": e["country"], "eea": e["eea"],
                                                **({"label": e["label"]} if "label" in e else {})}
                                    for e in t.regions.values()}}
        return json.dumps({"regions": out}, ensure_ascii=False, indent=2)
    lines = []
    for fam in families:
        t = catalog.regions[fam]
        lines.append(f"== {fam} (source: {t.source}; as of {t.as_of})")
        for e in t.regions.values():
            eea = {True: "EEA", False: "non-EEA", None: "?"}[e["eea"]]
            lines.append(f"  {e['name']:28} {e['country'] or '--':3} {eea:8} {e.get('label', '')}")
    return "\n".join(lines)


def _rules(catalog: Catalog, args: argparse.Namespace) -> str:
    rules = sorted(catalog.rules.values(), key=lambda m: m.rule_id)
    if args.format == "json":
        return json.dumps({"rules": [m.as_dict() for m in rules]}, ensure_ascii=False, indent=2)
    lines = []
    for m in rules:
        acts = ",".join(map(str, m.activities)) or "per type"
        lines.append(f"{m.rule_id}  {m.severity:8} {m.family:24} {m.title}  "
                     f"[HDS {acts}; {'; '.join(m.basis)}]")
    return "\n".join(lines)


# --- scan ---------------------------------------------------------------------------------


def _scan_cmd(args: argparse.Namespace) -> tuple[str, int]:
    from .engine import evaluate, fails_at, scrub, summary
    from .inventory import inventory, merge
    from .model import Graph
    from .report import RENDERERS
    from .report.markdown import render_markdown
    from .settings import load_settings
    from .terraform import load_graphs

    settings = load_settings(args.config, as_of=args.as_of)
    var_files = [Path(v) for v in args.var_file]
    for vf in var_files:  # checked up front: a plan input would otherwise ignore a mistyped name
        if not vf.is_file():
            raise DataError(f"{vf}: var file not found")
    findings, resources, sensitive, inventories = [], [], set(), []
    for raw in args.paths:
        for graph in load_graphs(Path(raw), settings.catalog, var_files):
            found = evaluate(graph, settings, include_passed=args.show_passed)
            findings.extend(_from_cwd(found, Path(raw)) if args.format == "sarif" else found)
            if args.format == "markdown":
                inventories.append(inventory(graph, settings))
            resources.extend(graph.resources)
            sensitive |= graph.sensitive_values
    combined = Graph(resources, {})
    summ = summary(combined, findings)
    secrets = frozenset(sensitive)
    if secrets:
        # Scrub the findings (every input's secrets from every message), not the rendered text: a
        # short secret such as "1" replaced in JSON or SARIF text would break the document, and a
        # secret holding a quote is escaped there and would not be found.
        findings = [dataclasses.replace(f, message=scrub(f.message, secrets), skip_reason=(
            None if f.skip_reason is None else scrub(f.skip_reason, secrets))) for f in findings]
    if args.format == "markdown":
        out = render_markdown(findings, summ, settings.catalog, settings.as_of.isoformat(), merge(inventories))
        out = scrub(out, frozenset(s for s in secrets if len(s) > 3))  # inventory values too (plain text)
    else:
        out = RENDERERS[args.format](findings, summ, settings.catalog, settings.as_of.isoformat())
    threshold = args.fail_on or settings.fail_on
    return out, 1 if fails_at(findings, threshold) else 0


def _from_cwd(findings: list[Finding], scanned: Path) -> list[Finding]:
    """Findings whose file is relative to the current folder (the repository root in CI), where code
    scanning resolves SARIF locations; the JSON contract keeps paths relative to the scanned folder."""
    cwd = Path.cwd().resolve()

    def rebase(file: str) -> str:
        target = (scanned / file if scanned.is_dir() else scanned).resolve()
        return target.relative_to(cwd).as_posix() if target.is_relative_to(cwd) else file

    paths = {f.resource.file: rebase(f.resource.file) for f in findings if f.resource.file}
    return [dataclasses.replace(f, resource=dataclasses.replace(f.resource, file=paths[f.resource.file]))
            if f.resource.file else f for f in findings]


def _write(text: str, output: str | None) -> None:
    """Print, or write the file atomically (nothing half-written on failure)."""
    if not output:
        sys.stdout.write(text + "\n")
        return
    target = Path(output)
    if target.is_dir():
        raise DataError(f"{output}: cannot write: is a folder")
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): write into it; never replace it.
        try:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".hds-")
    except OSError as exc:
        raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        # mkstemp creates the file 0600: give the report the mode a plain open() would (or keep the old one).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DataError(f"{output}: cannot write: {exc.strerror or exc}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "command", None) == "scan" and extra and not any(e.startswith("-") for e in extra):
        args.paths += extra  # paths given after an option: `scan A --format json B`
        extra = []
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra  # commands with passthrough=True hand these on (hds-policies checkov …)
    try:
        if args.command == "catalog":
            _write(_catalog_cmd(args), None)
            return 0
        if args.command == "scan":
            text, code = _scan_cmd(args)
            _write(text, args.output)
            return code
        if hasattr(args, "handler"):
            return int(args.handler(args))
        parser.print_help()
        return 2
    except (DataError, UsageError) as exc:
        sys.stderr.write("hds-policies: error: " + " ".join(str(exc).splitlines()) + "\n")  # one line
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
