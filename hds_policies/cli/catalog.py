"""`hds-policies catalog …`: the knowledge catalog (activities, providers, regions, rules, requirements, locate)."""

from __future__ import annotations

import argparse
import json

from ..catalog import Catalog, load_catalog
from .exits import UsageError
from .options import add_debug, add_settings, epilog, settings_path
from .output import write_stdout


def register(sub: argparse._SubParsersAction) -> None:
    """Add `catalog` to the `hds-policies` parser."""
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
    cat.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handler of `catalog`."""
    write_stdout(_render(args))
    return 0


def _render(args: argparse.Namespace) -> str:
    path = settings_path(args)
    if path is not None:  # a settings file (hds-policies.yaml) or a bare overrides file: both are settings
        from ..settings import load_settings

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
        from ..requirements import render_requirements

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
        from ..catalog.coverage import render_coverage

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
