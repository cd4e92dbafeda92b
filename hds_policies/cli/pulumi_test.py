"""`hds-policies pulumi-test PROGRAM_DIR`: a Pulumi program judged by the HDS policy pack, offline."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from ..catalog import DataError, read_data_file
from ..settings_discovery import SETTINGS_ENV
from . import formats
from .exits import UsageError, findings_exit, reading
from .options import (
    add_debug,
    add_fail,
    add_selection,
    add_settings,
    as_of_date,
    epilog,
    fails,
    settings_path,
)

DESCRIPTION = """Judge a Pulumi Python program with the HDS policy pack, offline.

The program runs under Pulumi mocks in preview mode (no Pulumi CLI, cloud or credentials);
its resources go to the policy pack over the Analyzer gRPC protocol as in `pulumi preview`.
Exit 1 needs a failed finding at a mandatory enforcement level. --config is Pulumi's stack config
(KEY=VALUE, as for `pulumi preview --config`); the hds-policies settings file is --settings FILE."""
FORMATS = ("text", "json", "sarif", "github")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `pulumi-test` to the `hds-policies` command line."""
    p = sub.add_parser("pulumi-test", help="judge a Pulumi Python program with the HDS policy pack (offline)",
                       description=DESCRIPTION,
                       epilog=epilog("hds-policies pulumi-test infra/pulumi -c aws:region=eu-west-3",
                                     "hds-policies pulumi-test infra/pulumi --format text --format sarif:pulumi.sarif")
                       .replace("--config FILE", "--settings FILE"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("program", metavar="PROGRAM_DIR", help="folder holding the program's __main__.py")
    p.add_argument("--config", "-c", action="append", default=[], metavar="KEY=VALUE",
                   help="stack config, e.g. aws:region=eu-west-3 (repeatable; bare keys: project namespace)")
    p.add_argument("--stack", default=None,
                   help="stack name: Pulumi.yaml and Pulumi.<stack>.yaml are read as the Pulumi CLI reads them "
                        "(default: the folder's only stack file, else dev)")
    p.add_argument("--mocks", metavar="FILE",
                   help="fixed look-up answers per function token (JSON or YAML), e.g. "
                        "{\"azure-native:resources:getResourceGroup\": {\"location\": \"francecentral\"}}")
    p.add_argument("--show-passed", action="store_true", help="list passing checks too")
    p.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                   help=formats.FORMAT_HELP.format(names=", ".join(FORMATS)))
    p.add_argument("--output", "-o", help="write the (one) report without a file of its own to this file")
    p.add_argument("--output-dir", metavar="DIR", help="write each format without a file to DIR/hds-policies.EXT")
    add_settings(p, "--settings")
    p.add_argument("--pack", help="policy pack folder (default: policy_packs/hds)")
    p.add_argument("--policy-config", metavar="FILE",
                   help="policy pack config, as for `pulumi preview --policy-pack-config` (JSON or YAML)")
    p.add_argument("--as-of", help="judge certificates as of this date (YYYY-MM-DD; default: today)")
    add_fail(p)
    add_selection(p)
    p.add_argument("--compact", action="store_true", help="text: one line a finding")
    add_debug(p)
    p.set_defaults(handler=run)


def _config(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--config {pair!r}: expected KEY=VALUE (the settings file is --settings FILE)")
        out[key.strip()] = value
    return out


def _policy_config(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    data = read_data_file(Path(path))
    if not isinstance(data, dict):
        raise DataError(f"{path}: a policy pack config is a mapping of policy names")
    return data


def _answers(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    data = read_data_file(Path(path))
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise DataError(f"{path}: look-up answers are a mapping of function tokens to result objects")
    bad = [k for k in data if str(k).count(":") != 2]
    if bad:
        raise DataError(f"{path}: {bad[0]!r} is not a function token (package:module:function)")
    return data


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


def run(args: argparse.Namespace) -> int:
    """Handler of `pulumi-test`: 0, 1 or 2 per the contract (3 comes from the shared guard)."""
    from ..settings import load_settings
    from .progress import Progress
    from .selection import Selection

    try:
        from ..pulumi.analyzer_client import AnalyzerError
        from ..pulumi.mock_runner import ProgramError
        from ..pulumi.testing import check_program
    except ImportError as exc:  # pulumi / pulumi_policy missing
        raise UsageError(f"pulumi-test needs the Pulumi SDKs: pip install 'hds-policies[pulumi]' ({exc})") \
            from None
    try:
        as_of = as_of_date(args.as_of) if args.as_of else None
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--as-of: {exc}") from None
    targets = formats.parse_targets(args.format, args.output, args.output_dir, FORMATS)
    path = settings_path(args)
    settings = load_settings(path, as_of=as_of)  # bad settings: one line here, not a failing pack
    selection = Selection.from_options(args.check, args.skip_check, settings.catalog)
    folder = Path(args.program)
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder")
    if args.pack and not (Path(args.pack) / "PulumiPolicy.yaml").is_file():
        raise DataError(f"{args.pack}: no PulumiPolicy.yaml (not a policy pack folder)")
    env = {SETTINGS_ENV: os.path.abspath(path)} if path is not None else None
    config, policy_config = _config(args.config), _policy_config(args.policy_config)
    answers = _answers(args.mocks)
    try:
        for _ in Progress("pulumi-test").over([folder]):
            with reading(folder):
                result = check_program(folder, config, policy_config=policy_config, as_of=as_of,
                                       pack_dir=args.pack, stack=args.stack, env=env, answers=answers)
    except ProgramError as exc:
        raise DataError(f"{exc.program_dir}: the program failed: {_one_line(exc.message)}") from None
    except AnalyzerError as exc:
        raise DataError(f"policy pack {args.pack or 'policy_packs/hds'}: {_one_line(str(exc))}") from None
    except DataError:
        raise  # a project or stack file: the message names it
    except ValueError as exc:
        raise DataError(f"{args.policy_config or 'policy config'}: {_one_line(str(exc))}") from None
    for key in result.unset_config:
        sys.stderr.write(f"hds-policies: note: config {key} is not set (stack {result.stack}); "
                         "the program ran with a stand-in and what depends on it is unknown\n")
    result = dataclasses.replace(result, findings=[f for f in result.findings if selection.keeps(f.rule_id)],
                                 passed=[f for f in result.passed if selection.keeps(f.rule_id)])
    catalog = result.catalog or settings.catalog
    shown = result.findings + result.passed if args.show_passed else result.findings

    def report(repo_paths: bool) -> formats.Report:
        findings = formats.from_cwd(shown, Path(result.program_dir)) if repo_paths else shown
        return formats.Report(findings, result.summary(), catalog, result.as_of)

    formats.emit(targets, report, compact=args.compact)
    return findings_exit(fails(result.blocking, args.fail_on or settings.fail_on), args.soft_fail)
