"""The `hds-policies` program: the parser (one module per command registers its own), `main` and dispatch."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import audit, catalog, checkov, pulumi_test, report, scan, scan_changed
from .exits import EXIT_CODES_HELP, EXIT_USAGE, guarded

# The commands, in the order they are added; each module registers its own.
COMMANDS = (scan, scan_changed, checkov, pulumi_test, audit, report, catalog)

# `hds-policies --help` lists the commands in these groups, in this order; a command not listed here
# comes last under "other". A new command adds its name to one group.
COMMAND_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("scan", ("scan", "scan-changed")),
    ("frontends", ("checkov", "checkov-dir", "pulumi-test")),
    ("live accounts", ("audit",)),
    ("reports", ("report",)),
    ("catalog", ("catalog",)),
)
# Commands whose positional inputs may also follow options: `scan A --format json B`.
TRAILING_INPUTS = {"scan": "paths", "scan-changed": "files"}


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
    for command in COMMANDS:
        command.register(sub)
    p.epilog = _grouped_commands(sub) + "\n\n" + EXIT_CODES_HELP
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    trailing = TRAILING_INPUTS.get(getattr(args, "command", None) or "")
    if trailing and extra and not any(e.startswith("-") for e in extra):
        setattr(args, trailing, [*getattr(args, trailing), *extra])
        extra = []
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra  # commands with passthrough=True hand these on (hds-policies checkov …)
    return guarded(lambda: _dispatch(parser, args), debug=bool(getattr(args, "debug", False)))


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if hasattr(args, "handler"):
        return int(args.handler(args))
    parser.print_help(sys.stderr)
    return EXIT_USAGE
