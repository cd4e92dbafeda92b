"""`hds-policies scan-changed FILE…` (the hds-scan pre-commit hook): `scan` over what changed files stand for.

The folders, var files and plans come from hds_policies.terraform.changed_files; everything after that is
the scan pipeline of `scan` (same formats, options, waivers, exit codes), with files reported relative
to the current folder (the repository root) rather than to each scanned folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import env_as_of, epilog
from .scan import Scan, ScanInput, add_scan_options


def register(sub: argparse._SubParsersAction) -> None:
    """Add `scan-changed` to the `hds-policies` parser."""
    s = sub.add_parser(
        "scan-changed", help="scan the Terraform folders and plan files that changed files belong to "
                             "(the hds-scan pre-commit hook)",
        description="Each .tf / .tfvars file stands for its folder (scanned once; a .tfvars file that "
                    "Terraform does not load by itself is used as a var file); a changed module stands for "
                    "the root modules that call it; each .json file that is a Terraform plan is scanned; "
                    "other files are skipped with a note. Then exactly `scan` over these, with files "
                    "reported relative to the current folder.",
        epilog=epilog("hds-policies scan-changed infra/main.tf infra/prod.tfvars plan.json",
                      "hds-policies scan-changed $(git diff --name-only main) --format github"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("files", nargs="*", metavar="FILE")
    add_scan_options(s, as_of_help="judge certificates as of this date (default: $HDS_POLICIES_AS_OF, else today)")
    s.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handler of `scan-changed`."""
    from ..terraform.changed_files import changed_inputs

    scan = Scan.prepare(args, args.as_of or env_as_of(), progress="scan-changed")
    changed = changed_inputs(list(args.files))
    for note in changed.notes:
        sys.stderr.write(f"hds-policies: note: {note}\n")
    if not changed.folders and not changed.plans:
        sys.stdout.write("hds-policies: no Terraform folder or plan file to scan\n")
        return 0
    here = Path.cwd()
    inputs = [ScanInput(folder, (var_file,) if var_file else (), base=here)
              for folder, var_file in changed.folder_runs()]
    inputs += [ScanInput(plan) for plan in changed.plans]
    return scan.run(inputs, [Path("."), *sorted(changed.folders), *changed.plans])
