"""`hds-policies report`: the HDS report from findings computed elsewhere — Checkov's `-o json`
with the HDS checks, our JSON reports (several merged), the Pulumi pack's findings file — to any
format, with the same waivers and baseline as `scan`."""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

EPILOG = """Examples:
  hds-policies checkov -d infra -o json > results.json
  hds-policies report --from-checkov results.json --format html --output report.html
  hds-policies report --from-json a.json --from-json b.json --format markdown
  hds-policies report --from-pulumi findings.jsonl --waivers hds-waivers.yaml --format sarif
The data-location inventory and the transparency page need the code: findings alone do not say where
every resource is, so those sections say the locations are unknown (use `scan` for them).
Exit code 0: nothing failed at or above --fail-on; 1: something did; 2: bad input."""


def register(sub: argparse._SubParsersAction) -> None:
    from ..report.bundle import FORMATS
    from .options import add_debug, add_fail, add_settings, add_triage

    p = sub.add_parser("report", help="turn Checkov JSON, hds-policies JSON or Pulumi pack findings into a report",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--from-checkov", action="append", default=[], metavar="FILE",
                   help="Checkov `-o json` output with the HDS checks (one report or a list; repeatable)")
    p.add_argument("--from-json", action="append", default=[], metavar="FILE",
                   help="hds-policies JSON report (scan/pulumi-test --format json; repeatable, merged)")
    p.add_argument("--from-pulumi", action="append", default=[], metavar="FILE",
                   help="the Pulumi pack's findings file (JSON lines; repeatable)")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the html and transparency reports")
    p.add_argument("--show-passed", action="store_true", help="keep the passed verdicts the inputs hold")
    add_settings(p)
    p.add_argument("--as-of", help="date of the report and of waiver expiry (YYYY-MM-DD; default: the input's, "
                                   "else today)")
    add_fail(p)
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    add_triage(p)
    add_debug(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..catalog import DataError
    from ..catalog.schema import parse_date
    from ..report.bundle import ReportData, render
    from ..report.ingest import Ingested, from_checkov, from_json, from_pulumi
    from ..settings import load_settings
    from ..triage import triage
    from .exits import UsageError, findings_exit
    from .options import fails, settings_path
    from .output import write, write_file

    if not (args.from_checkov or args.from_json or args.from_pulumi):
        raise UsageError("report needs at least one of --from-checkov, --from-json, --from-pulumi")
    settings = load_settings(settings_path(args))
    catalog = settings.catalog
    got = Ingested()
    for readers, files in ((from_checkov, args.from_checkov), (from_json, args.from_json),
                           (from_pulumi, args.from_pulumi)):
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise DataError(f"{path}: file not found")
            readers(path, catalog, got)
    if got.ignored:
        sys.stderr.write(f"hds-policies: note: {got.ignored} Checkov results of checks other than the HDS rules "
                         "left out\n")
    if args.waivers:  # the waiver file given here decides, as of this run's date (recorded verdicts do not)
        got.unwaive()
    as_of = parse_date(args.as_of, "--as-of", "value") if args.as_of else (
        parse_date(got.as_of, "input", "as_of") if got.as_of else _dt.date.today())
    findings = sorted((f for f in got.findings if args.show_passed or f.status != "passed"),
                      key=lambda f: (f.resource.address, f.rule_id))
    # No hds-waivers.yaml discovery here: the inputs' folders are not the scanned root.
    done = triage(findings, got.summary(), catalog, as_of, [], args.waivers, args.baseline,
                  args.create_baseline, write=write_file)
    data = ReportData(done.findings, done.summary, catalog, as_of.isoformat(), None, done.extras(), args.lang)
    write(render(args.format, data), args.output)
    return findings_exit(fails(done.gating(), args.fail_on or settings.fail_on), args.soft_fail)
