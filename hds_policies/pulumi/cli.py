"""`hds-policies pulumi-test PROGRAM_DIR`: a Pulumi program judged by the HDS policy pack, offline."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..catalog import DataError, read_data_file
from ..model import SEVERITIES

EPILOG = """The program runs under Pulumi mocks in preview mode (no Pulumi CLI, cloud or credentials);
its resources go to the policy pack over the Analyzer gRPC protocol as in `pulumi preview`.
Exit code 0: no mandatory failed finding at or above --fail-on; 1: there is one; 2: bad input,
the program raised, or the pack failed."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add `pulumi-test` to the `hds-policies` command line."""
    p = sub.add_parser("pulumi-test", help="judge a Pulumi Python program with the HDS policy pack (offline)",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("program", metavar="PROGRAM_DIR", help="folder holding the program's __main__.py")
    p.add_argument("--config", "-c", action="append", default=[], metavar="KEY=VALUE",
                   help="stack config, e.g. aws:region=eu-west-3 (repeatable; bare keys: project namespace)")
    p.add_argument("--stack", default="dev",
                   help="stack name (dev); plain values of Pulumi.<stack>.yaml are read")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    p.add_argument("--pack", help="policy pack folder (default: policy_packs/hds)")
    p.add_argument("--policy-config", metavar="FILE",
                   help="policy pack config, as for `pulumi preview --policy-pack-config` (JSON or YAML)")
    p.add_argument("--as-of", help="judge certificates as of this date (YYYY-MM-DD; default: today)")
    p.add_argument("--fail-on", choices=SEVERITIES, default="low", help="lowest severity that fails (low)")
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p.set_defaults(handler=run)


def _config(pairs: list[str]) -> dict[str, str]:
    from ..cli import UsageError

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--config {pair!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def _policy_config(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    data = read_data_file(Path(path))
    if not isinstance(data, dict):
        raise DataError(f"{path}: a policy pack config is a mapping of policy names")
    return data


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


def run(args: argparse.Namespace) -> int:
    """Handler of `pulumi-test`: 0, 1 or 2 per the contract."""
    from ..cli import UsageError, _date, _write

    try:
        from .analyzer_client import AnalyzerError
        from .mock_runner import ProgramError
        from .testing import check_program
    except ImportError as exc:  # pulumi / pulumi_policy missing
        raise UsageError(f"pulumi-test needs the Pulumi SDKs: pip install 'hds-policies[pulumi]' ({exc})") \
            from None
    try:
        as_of = _date(args.as_of) if args.as_of else None
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--as-of: {exc}") from None
    folder = Path(args.program)
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder")
    if args.pack and not (Path(args.pack) / "PulumiPolicy.yaml").is_file():
        raise DataError(f"{args.pack}: no PulumiPolicy.yaml (not a policy pack folder)")
    try:
        result = check_program(folder, _config(args.config), policy_config=_policy_config(args.policy_config),
                               as_of=as_of, pack_dir=args.pack, stack=args.stack)
    except ProgramError as exc:
        raise DataError(f"{exc.program_dir}: the program failed: {_one_line(exc.message)}") from None
    except AnalyzerError as exc:
        raise DataError(f"policy pack {args.pack or 'policy_packs/hds'}: {_one_line(str(exc))}") from None
    except ValueError as exc:
        raise DataError(f"{args.policy_config or 'policy config'}: {_one_line(str(exc))}") from None
    _write(result.report(args.format), args.output)
    return 1 if result.fails_at(args.fail_on) else 0
