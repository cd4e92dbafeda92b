"""Options several commands share, declared once: settings, failing, check selection, debug, help text."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
from pathlib import Path

from ..catalog import DataError
from ..catalog.schema import parse_date
from ..model import SEVERITIES
from ..settings_discovery import DISCOVERY_HELP, SETTINGS_ENV, SETTINGS_FILE, find_settings
from ..waivers import WAIVERS_FILE
from .exits import EXIT_CODES_HELP

FAIL_ON = (*SEVERITIES, "none")


def as_of_date(value: str) -> _dt.date:
    """argparse type of --as-of."""
    try:
        return parse_date(value, "--as-of", "value")
    except DataError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def epilog(*examples: str, settings: bool = True, exit_codes: bool = True) -> str:
    """The end of a command's --help: examples, where settings come from, what the exit codes mean."""
    parts = ["examples:\n" + "\n".join(f"  {e}" for e in examples)] if examples else []
    if settings:
        parts.append(DISCOVERY_HELP)
    if exit_codes:
        parts.append(EXIT_CODES_HELP)
    return "\n\n".join(parts)


def add_debug(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: `hds-policies --debug scan …` and `hds-policies scan --debug …` both work.
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="on an internal error, print the traceback (also HDS_POLICIES_DEBUG=1)")


def add_settings(p: argparse.ArgumentParser, *flags: str) -> None:
    p.add_argument(*(flags or ("--config", "--settings")), dest="settings", metavar="FILE",
                   help=f"settings file (hds-policies.yaml). Default: ${SETTINGS_ENV}, else {SETTINGS_FILE} in "
                        "this folder or the nearest parent up to the repository root")


def add_fail(p: argparse.ArgumentParser, default_help: str = "the settings file's fail_on, else low") -> None:
    p.add_argument("--fail-on", choices=FAIL_ON,
                   help=f"lowest severity of a failed finding that exits 1; none: never ({default_help})")
    p.add_argument("--soft-fail", action="store_true", help="report findings but exit 0 (errors still exit 2 or 3)")


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="append", default=[], metavar="ID[,ID…]",
                   help="run only these rules: ids or families, * globs (HDS_LOC_*, encryption_at_rest); repeatable")
    p.add_argument("--skip-check", action="append", default=[], metavar="ID[,ID…]",
                   help="do not run these rules (same forms as --check); repeatable")


def settings_path(args: argparse.Namespace) -> Path | None:
    """The settings file of this run, found in the documented order (see DISCOVERY_HELP)."""
    return find_settings(getattr(args, "settings", None))


def fails(findings: list, threshold: str) -> bool:
    """True when a failed finding is at or above `threshold` ("none": never)."""
    from ..engine import fails_at

    return threshold != "none" and fails_at(findings, threshold)


def threshold(args: argparse.Namespace, settings_fail_on: str) -> str:
    return args.fail_on or settings_fail_on


def env_as_of() -> _dt.date | None:
    """HDS_POLICIES_AS_OF (set by the Checkov wrapper and pre-commit users), when --as-of is absent."""
    raw = os.environ.get("HDS_POLICIES_AS_OF")
    return parse_date(raw, "HDS_POLICIES_AS_OF", "value") if raw else None


def add_triage(p: argparse.ArgumentParser) -> None:
    """The --waivers / --baseline / --create-baseline options of a command that triages (hds_policies.triage)."""
    p.add_argument("--waivers", metavar="FILE",
                   help=f"accepted risks (YAML; default: {WAIVERS_FILE} at the scanned root): matching findings "
                        "get status waived until their expiry date")
    p.add_argument("--baseline", metavar="FILE",
                   help="only findings absent from this baseline make the exit code non-zero")
    p.add_argument("--create-baseline", metavar="FILE",
                   help="write today's failed/unknown/waived findings to FILE as the baseline")
