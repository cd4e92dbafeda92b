"""`hds-policies scan PATH…`: Terraform folders and plan files through the engine to the reports.

`run_scan` is the one scan pipeline: `scan-changed` (hds_policies.cli.scan_changed) calls it too, with
the folders and plans its changed files stand for.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import triage
from ..catalog import DataError
from ..model import Finding
from . import formats
from .exits import findings_exit, reading
from .options import (
    add_debug,
    add_fail,
    add_selection,
    add_settings,
    add_triage,
    as_of_date,
    epilog,
    fails,
    settings_path,
)
from .output import write_file

if TYPE_CHECKING:
    from ..settings import Settings

EXAMPLES = (
    "hds-policies scan infra/prod",
    "hds-policies scan infra/prod plan.json --format text --format sarif:results.sarif",
    "hds-policies scan infra --format github --fail-on high --skip-check HDS_PRV_*",
)
FORMAT_NOTES = (". markdown: the reviewer report (findings by activity, data locations, sub-processors, "
                "transfers outside the EEA); github: annotations for GitHub Actions")


@dataclass(frozen=True)
class ScanInput:
    """One input of a scan: a Terraform folder or plan file, its own var files, and the folder its
    findings' files are relative to (None: the input itself, as the JSON contract says for `scan`)."""

    path: Path
    var_files: tuple[Path, ...] = ()
    base: Path | None = None

    @property
    def scanned(self) -> Path:
        """What the findings' files are relative to (for formats that want them from the current folder)."""
        return self.base or self.path


def register(sub: argparse._SubParsersAction) -> None:
    """Add `scan` to the `hds-policies` parser."""
    scan = sub.add_parser("scan", help="scan Terraform folders and plan JSON files",
                          description="Scan Terraform folders (one root module each) and plan JSON files.",
                          epilog=epilog(*EXAMPLES), formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="+", metavar="PATH", help="a Terraform folder or a plan .json file")
    add_scan_options(scan, as_of_help="judge certificates as of this date (default: today)")
    scan.set_defaults(handler=run)


def add_scan_options(p: argparse.ArgumentParser, as_of_help: str) -> None:
    """The options of the scan pipeline (`scan` and `scan-changed` share them all)."""
    p.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                   help=formats.FORMAT_HELP.format(names=", ".join(formats.names())) + FORMAT_NOTES)
    p.add_argument("--output", "-o", help="write the (one) report without a file of its own to this file")
    p.add_argument("--output-dir", metavar="DIR", help="write each format without a file to DIR/hds-policies.EXT")
    add_settings(p)
    p.add_argument("--var-file", action="append", default=[], help="extra .tfvars file (repeatable)")
    p.add_argument("--as-of", type=as_of_date, help=as_of_help)
    add_fail(p)
    add_selection(p)
    p.add_argument("--show-passed", action="store_true", help="list passing checks too")
    p.add_argument("--compact", action="store_true", help="text: one line a finding")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the html and transparency formats")
    add_triage(p)
    add_debug(p)


def run(args: argparse.Namespace) -> int:
    """Handler of `scan`."""
    scan = Scan.prepare(args, args.as_of)
    return scan.run([ScanInput(Path(raw)) for raw in args.paths], [Path(p) for p in args.paths])


@dataclass
class Scan:
    """A scan whose options are checked (formats, settings, selection, var files) before any input is read."""

    args: argparse.Namespace
    targets: formats.Targets
    settings: Settings
    var_files: tuple[Path, ...]
    progress: str = "scan"

    @classmethod
    def prepare(cls, args: argparse.Namespace, as_of: _dt.date | None, progress: str = "scan") -> Scan:
        """Bad options exit 2 here, before anything is scanned."""
        from ..settings import load_settings
        from .selection import Selection

        targets = formats.parse_targets(args.format, args.output, args.output_dir, formats.names())
        settings = load_settings(settings_path(args), as_of=as_of)
        settings = Selection.from_options(args.check, args.skip_check, settings.catalog).narrow(settings)
        var_files = tuple(Path(v) for v in args.var_file)
        for vf in var_files:  # checked up front: a plan input would otherwise ignore a mistyped name
            if not vf.is_file():
                raise DataError(f"{vf}: var file not found")
        return cls(args, targets, settings, var_files, progress)

    def run(self, inputs: list[ScanInput], roots: list[Path]) -> int:
        """Load, evaluate, triage (waivers: `hds-waivers.yaml` at the first of `roots` that has one) and
        report every input; the exit code per the contract."""
        from ..engine import evaluate, summary
        from ..inventory import inventory, merge
        from ..model import Graph
        from ..terraform import load_graphs
        from .progress import Progress

        args, settings = self.args, self.settings
        wants_inventory = self.targets.wants(lambda f: f.needs_inventory)
        found: list[tuple[Path, list[Finding]]] = []
        resources, inventories = [], []
        for inp in Progress(self.progress).over(inputs, label=lambda i: str(i.path)):
            with reading(inp.path):
                for graph in load_graphs(inp.path, settings.catalog, [*self.var_files, *inp.var_files],
                                         base=inp.base):
                    found.append((inp.scanned, evaluate(graph, settings, include_passed=args.show_passed)))
                    if wants_inventory:
                        inventories.append(inventory(graph, settings))
                    resources.extend(graph.resources)
        summ = summary(Graph(resources, {}), [f for _, fs in found for f in fs])
        # Waivers and the baseline judge the findings as the JSON contract gives them; triage keeps their
        # order and number, so each input gets its own back.
        done = triage.triage([f for _, fs in found for f in fs], summ, settings.catalog, settings.as_of, roots,
                             args.waivers, args.baseline, args.create_baseline, write=write_file)
        marked = iter(done.findings)
        found = [(path, [next(marked) for _ in fs]) for path, fs in found]

        def report(repo_paths: bool) -> formats.Report:
            # Sensitive values are marked by every loader and print as (sensitive) where they stand:
            # nothing to scrub here.
            findings = [f for path, fs in found for f in (formats.from_cwd(fs, path) if repo_paths else fs)]
            return formats.Report(findings, done.summary, settings.catalog, settings.as_of.isoformat(),
                                  inventory=lambda: merge(inventories), extras=done.extras(), lang=args.lang)

        formats.emit(self.targets, report, compact=args.compact)
        return findings_exit(fails(done.gating(), args.fail_on or settings.fail_on), args.soft_fail)
