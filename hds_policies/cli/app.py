"""`hds-policies` command line: the parser, catalog look-ups and `scan`.

Shared option handling, formats, exit codes and output live in `cli_support`; the frontends' commands
(`pulumi-test`, `checkov`, `scan-changed`) register themselves from beside their frontends.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, triage
from .catalog import Catalog, DataError, load_catalog
from .cli_support import formats
from .cli_support.exits import EXIT_CODES_HELP, EXIT_USAGE, UsageError, findings_exit, guarded, reading
from .cli_support.options import (
    add_debug,
    add_fail,
    add_selection,
    add_settings,
    as_of_date,
    epilog,
    fails,
    settings_path,
)
from .cli_support.output import write_file, write_stdout
from .model import Finding

__all__ = ["UsageError", "build_parser", "main"]

# `hds-policies --help` lists the commands in these groups, in this order; a command not listed here
# comes last under "other". A new command adds its name to one group.
COMMAND_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("scan", ("scan", "scan-changed")),
    ("frontends", ("checkov", "checkov-dir", "pulumi-test")),
    ("live accounts", ("audit",)),
    ("reports", ("report",)),
    ("catalog", ("catalog",)),
)

SCAN_EXAMPLES = (
    "hds-policies scan infra/prod",
    "hds-policies scan infra/prod plan.json --format text --format sarif:results.sarif",
    "hds-policies scan infra --format github --fail-on high --skip-check HDS_PRV_*",
)


def _grouped_commands(sub: argparse._SubParsersAction) -> str:
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    listed = [name for _, names in COMMAND_GROUPS for name in names]
    groups = [*COMMAND_GROUPS, ("other", tuple(n for n in sub.choices if n not in listed))]
    out = []
    for title, names in groups:
        present = [n for n in names if n in sub.choices]
        if present:
            out.append(f"{title}:")
            out.extend(f"  {n:14} {helps.get(n, '')}" for n in present)
    return "\n".join(out)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hds-policies", usage="hds-policies [--version] [--debug] COMMAND [options]",
        description="Check infrastructure code against the French HDS (health data hosting) rules. "
                    "`hds-policies COMMAND --help` for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"hds-policies {__version__}")
    p.add_argument("--debug", action="store_true", help="on an internal error, print the traceback")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", help=argparse.SUPPRESS, prog="hds-policies")
    _register_scan(sub)
    _register_extensions(sub)
    _register_catalog(sub)
    p.epilog = _grouped_commands(sub) + "\n\n" + EXIT_CODES_HELP
    return p


def _register_scan(sub: argparse._SubParsersAction) -> None:
    scan = sub.add_parser("scan", help="scan Terraform folders and plan JSON files",
                          description="Scan Terraform folders (one root module each) and plan JSON files.",
                          epilog=epilog(*SCAN_EXAMPLES), formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="+", metavar="PATH", help="a Terraform folder or a plan .json file")
    scan.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                      help=formats.FORMAT_HELP.format(names=", ".join(formats.names())) + ". markdown: the "
                      "reviewer report (findings by activity, data locations, sub-processors, transfers "
                      "outside the EEA); github: annotations for GitHub Actions")
    scan.add_argument("--output", "-o", help="write the (one) report without a file of its own to this file")
    scan.add_argument("--output-dir", metavar="DIR", help="write each format without a file to DIR/hds-policies.EXT")
    add_settings(scan)
    scan.add_argument("--var-file", action="append", default=[], help="extra .tfvars file (repeatable)")
    scan.add_argument("--as-of", type=as_of_date, help="judge certificates as of this date (default: today)")
    add_fail(scan)
    add_selection(scan)
    scan.add_argument("--show-passed", action="store_true", help="list passing checks too")
    scan.add_argument("--compact", action="store_true", help="text: one line a finding")
    scan.add_argument("--lang", choices=["fr", "en"], help="language of the html and transparency formats")
    triage.add_options(scan)
    add_debug(scan)


def _register_extensions(sub: argparse._SubParsersAction) -> None:
    """Frontend commands live beside their frontends (added as the frontends land)."""
    from .terraform import checkov_cli

    checkov_cli.register(sub)
    from .pulumi import cli as pulumi_cli

    pulumi_cli.register(sub)
    from .audit import cli as audit_cli

    audit_cli.register(sub)
    from .report import command as report_command

    report_command.register(sub)


def _register_catalog(sub: argparse._SubParsersAction) -> None:
    cat = sub.add_parser("catalog", help="show the HDS knowledge catalog (rules, providers, regions, activities)",
                         epilog=epilog("hds-policies catalog rules", "hds-policies catalog rules --types",
                                       "hds-policies catalog locate aws eu-west-3",
                                       "hds-policies catalog providers --format json"),
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    cat.add_argument("what", choices=["activities", "providers", "regions", "rules", "requirements", "locate"])
    cat.add_argument("args", nargs="*", help="for locate: PROVIDER REGION")
    cat.add_argument("--provider", help="only this provider (regions, providers)")
    cat.add_argument("--lang", choices=["fr", "en"], default="en")
    cat.add_argument("--format", choices=["text", "json"], default="text")
    cat.add_argument("--types", action="store_true",
                     help="for rules: resource types covered per provider and family, with Checkov's count beside")
    add_settings(cat)
    add_debug(cat)


# --- catalog ------------------------------------------------------------------------------


def _catalog_cmd(args: argparse.Namespace) -> str:
    path = settings_path(args)
    if path is not None:  # a settings file (hds-policies.yaml) or a bare overrides file: both are settings
        from .settings import load_settings

        catalog = load_settings(path).catalog
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
    if args.types and args.what != "rules":
        raise UsageError("--types applies to `catalog rules` only")
    if args.what == "requirements":
        from .requirements import render_requirements

        return render_requirements(catalog, fmt, args.lang)
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
    if args.types:
        from .catalog.coverage import render_coverage

        return render_coverage(catalog, args.format)
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


def _scan_cmd(args: argparse.Namespace) -> int:
    from .cli_support.progress import Progress
    from .cli_support.selection import Selection
    from .engine import evaluate, summary
    from .inventory import inventory, merge
    from .model import Graph
    from .settings import load_settings
    from .terraform import load_graphs

    targets = formats.parse_targets(args.format, args.output, args.output_dir, formats.names())
    settings = load_settings(settings_path(args), as_of=args.as_of)
    settings = Selection.from_options(args.check, args.skip_check, settings.catalog).narrow(settings)
    var_files = [Path(v) for v in args.var_file]
    for vf in var_files:  # checked up front: a plan input would otherwise ignore a mistyped name
        if not vf.is_file():
            raise DataError(f"{vf}: var file not found")
    wants_inventory = targets.wants(lambda f: f.needs_inventory)
    found: list[tuple[Path, list[Finding]]] = []
    resources, inventories = [], []
    for raw in Progress("scan").over(args.paths):
        with reading(raw):
            for graph in load_graphs(Path(raw), settings.catalog, var_files):
                found.append((Path(raw), evaluate(graph, settings, include_passed=args.show_passed)))
                if wants_inventory:
                    inventories.append(inventory(graph, settings))
                resources.extend(graph.resources)
    summ = summary(Graph(resources, {}), [f for _, fs in found for f in fs])
    # Waivers and the baseline judge the findings as the JSON contract gives them (files from the scanned
    # folder); triage keeps their order and number, so each input gets its own back.
    done = triage.triage([f for _, fs in found for f in fs], summ, settings.catalog, settings.as_of,
                         [Path(p) for p in args.paths], args.waivers, args.baseline, args.create_baseline,
                         write=write_file)
    marked = iter(done.findings)
    found = [(path, [next(marked) for _ in fs]) for path, fs in found]

    def report(repo_paths: bool) -> formats.Report:
        # Sensitive values are marked by every loader and print as (sensitive) where they stand:
        # nothing to scrub here.
        findings = [f for path, fs in found for f in (formats.from_cwd(fs, path) if repo_paths else fs)]
        return formats.Report(findings, done.summary, settings.catalog, settings.as_of.isoformat(),
                              inventory=lambda: merge(inventories), extras=done.extras(), lang=args.lang)

    formats.emit(targets, report, compact=args.compact)
    return findings_exit(fails(done.gating(), args.fail_on or settings.fail_on), args.soft_fail)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "command", None) == "scan" and extra and not any(e.startswith("-") for e in extra):
        args.paths += extra  # paths given after an option: `scan A --format json B`
        extra = []
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra  # commands with passthrough=True hand these on (hds-policies checkov …)
    return guarded(lambda: _dispatch(parser, args), debug=bool(getattr(args, "debug", False)))


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "catalog":
        write_stdout(_catalog_cmd(args))
        return 0
    if args.command == "scan":
        return _scan_cmd(args)
    if hasattr(args, "handler"):
        return int(args.handler(args))
    parser.print_help(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
