"""`hds-policies checkov` and `checkov-dir`: Checkov with the HDS checks (the wrapper: hds_policies.checkov)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from ..catalog import DataError, load_catalog
from ..checkov import wrapper
from .exits import EXIT_INTERNAL
from .options import add_debug, add_settings, as_of_date, epilog, settings_path


def register(sub: argparse._SubParsersAction) -> None:
    """Add `checkov` and `checkov-dir` to the `hds-policies` parser."""
    c = sub.add_parser(
        "checkov", allow_abbrev=False, help="run Checkov with the HDS checks (only them unless --all)",
        description="Run Checkov (from this Python environment) with the HDS checks loaded and "
                    "--skip-download. Every other argument goes to Checkov, e.g. "
                    "`hds-policies checkov -d infra -o sarif` or "
                    "`hds-policies checkov -f plan.json --framework terraform_plan`. "
                    "Several -d folders: one Checkov run each (Checkov scans only the first otherwise). "
                    "Checkov's own --soft-fail, --check and --skip-check apply.",
        epilog=epilog("hds-policies checkov -d infra --compact --quiet",
                      "hds-policies checkov -d infra -o sarif --output-file-path results",
                      "hds-policies checkov -f plan.json --soft-fail"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("--all", action="store_true",
                   help="keep Checkov's own checks and frameworks (default: --check 'HDS_*' "
                        "--framework terraform terraform_plan, unless you pass --check/--framework)")
    add_settings(c)
    c.add_argument("--as-of", type=as_of_date, help="judge certificates as of this date (default: today)")
    c.add_argument("--show-passed", action="store_true",
                   help="report passing HDS checks too (as `scan --show-passed`; slower)")
    c.add_argument("--waivers", metavar="FILE", help="accepted risks (default: hds-waivers.yaml in a -d folder): "
                                                     "waived findings are reported as skipped checks")
    add_debug(c)
    c.set_defaults(handler=run, passthrough=True)

    d = sub.add_parser("checkov-dir", help="print the folder to pass to checkov --external-checks-dir",
                       epilog=epilog("hds-policies checkov-dir   # then: checkov -d infra --external-checks-dir "
                                     "\"$(hds-policies checkov-dir)\" --check 'HDS_*'", settings=False),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_debug(d)
    d.set_defaults(handler=lambda _args: _print(str(wrapper.CHECKS_DIR)))


def _print(text: str) -> int:
    sys.stdout.write(text + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    """Handler of `checkov`: Checkov's exit code when it means what ours do, else 3."""
    from ..waivers import discover, load_waivers
    from .progress import Progress

    if importlib.util.find_spec("checkov") is None:
        raise DataError("checkov is not installed in this Python environment (pip install 'hds-policies[checkov]')")
    extra = list(getattr(args, "extra", []))
    wrapper.check_inputs(extra)
    for note in wrapper.unjudged_json(extra, args.all):
        sys.stderr.write(f"hds-policies: note: {note}\n")
    path = settings_path(args)
    if path is not None:
        from ..settings import load_settings

        load_settings(path)  # bad settings: one line and exit 2 rather than every check failing
    waivers = args.waivers or discover([Path(d) for d in wrapper.split_directories(extra)[0]])
    if waivers:
        load_waivers(waivers, set(load_catalog().rules))  # a bad entry: one line and exit 2, before Checkov runs
    env = wrapper.environment(dict(os.environ), None if path is None else str(path),
                              args.as_of.isoformat() if args.as_of else None, args.show_passed,
                              None if not waivers else str(waivers))
    code = 0
    commands = wrapper.checkov_commands(extra, args.all)
    for cmd in Progress("checkov").over(commands, label=lambda c: " ".join(p for _, p in wrapper.input_paths(c))):
        code = max(code, _checkov_code(subprocess.run(cmd, env=env).returncode))
    return code


def _checkov_code(code: int) -> int:
    """Checkov's 0 (passed or --soft-fail), 1 (failed checks) and 2 (its usage errors) mean what ours do;
    anything else (a crash, a signal) is an internal error, never a pass."""
    if code in (0, 1, 2):
        return code
    sys.stderr.write(f"hds-policies: internal error while running checkov: it exited with code {code}; "
                     "please report it\n")
    return EXIT_INTERNAL
