"""Commands for Checkov and pre-commit: `checkov-dir`, `checkov`, `scan-changed`."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from ..catalog import DataError, load_catalog
from ..cli_support import formats
from ..cli_support.exits import EXIT_INTERNAL, findings_exit, reading
from ..cli_support.options import (
    add_debug,
    add_fail,
    add_selection,
    add_settings,
    as_of_date,
    env_as_of,
    epilog,
    fails,
    settings_path,
)
from ..model import Finding, Graph

CHECKS_DIR = Path(__file__).resolve().parent / "checks"
PACKAGE_PARENT = Path(__file__).resolve().parents[2]
# Runs Checkov's CLI in this interpreter (`python -m checkov.main` would load checkov.main twice).
CHECKOV_BOOT = "import sys; sys.argv[0] = 'checkov'; from checkov.main import Checkov; sys.exit(Checkov().run())"
DIR_FLAGS = ("-d", "--directory")
FILE_FLAGS = ("-f", "--file")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands to the `hds-policies` parser."""
    s = sub.add_parser(
        "scan-changed", help="scan the Terraform folders and plan files that changed files belong to "
                             "(the hds-scan pre-commit hook)",
        description="Each .tf / .tfvars file stands for its folder (scanned once; a .tfvars file that "
                    "Terraform does not load by itself is used as a var file); each .json file that is a "
                    "Terraform plan is scanned; other files are skipped with a note.",
        epilog=epilog("hds-policies scan-changed infra/main.tf infra/prod.tfvars plan.json",
                      "hds-policies scan-changed $(git diff --name-only main) --format github"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("files", nargs="*", metavar="FILE")
    s.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                   help=formats.FORMAT_HELP.format(names=", ".join(formats.names(with_inventory=False))))
    s.add_argument("--output-dir", metavar="DIR", help="write each format without a file to DIR/hds-policies.EXT")
    add_settings(s)
    s.add_argument("--as-of", type=as_of_date, help="judge certificates as of this date (default: $HDS_POLICIES_AS_OF, "
                                                     "else today)")
    add_fail(s)
    add_selection(s)
    s.add_argument("--compact", action="store_true", help="text: one line a finding")
    s.add_argument("--waivers", metavar="FILE", help="accepted risks (default: hds-waivers.yaml in the current "
                                                     "folder, else beside a scanned input)")
    add_debug(s)
    s.set_defaults(handler=_scan_changed_cmd)

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
    c.set_defaults(handler=_checkov_cmd, passthrough=True)

    d = sub.add_parser("checkov-dir", help="print the folder to pass to checkov --external-checks-dir",
                       epilog=epilog("hds-policies checkov-dir   # then: checkov -d infra --external-checks-dir "
                                     "\"$(hds-policies checkov-dir)\" --check 'HDS_*'", settings=False),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_debug(d)
    d.set_defaults(handler=lambda _args: _print(str(CHECKS_DIR)))


def _print(text: str) -> int:
    sys.stdout.write(text + "\n")
    return 0


# --- checkov -----------------------------------------------------------------------------------


def _has(args: list[str], *flags: str) -> bool:
    return any(a in flags or any(a.startswith(f + "=") for f in flags if f.startswith("--")) for a in args)


def split_directories(args: list[str]) -> tuple[list[str], list[str]]:
    """(the -d/--directory values, the other arguments)."""
    dirs: list[str] = []
    rest: list[str] = []
    it = iter(args)
    for a in it:
        if a in DIR_FLAGS:
            value = next(it, None)
            if value is None:
                rest.append(a)
            else:
                dirs.append(value)
        elif a.startswith("--directory="):
            dirs.append(a.split("=", 1)[1])
        else:
            rest.append(a)
    return dirs, rest


def checkov_commands(extra: list[str], all_checks: bool) -> list[list[str]]:
    """The Checkov command lines (one per -d folder) for `hds-policies checkov`."""
    extra = extra[1:] if extra[:1] == ["--"] else list(extra)
    base = [sys.executable, "-c", CHECKOV_BOOT]
    added = ["--external-checks-dir", str(CHECKS_DIR)]
    if not _has(extra, "--skip-download"):
        added.append("--skip-download")
    if not all_checks:
        if not _has(extra, "-c", "--check"):
            added += ["--check", "HDS_*"]
        if not _has(extra, "--framework"):
            added += ["--framework", "terraform", "terraform_plan"]
    dirs, rest = split_directories(extra)
    if len(dirs) <= 1:
        return [base + extra + added]
    return [base + rest + ["-d", d] + added for d in dirs]


def input_paths(args: list[str]) -> list[tuple[str, str]]:
    """The (flag, path) pairs of -d/--directory and -f/--file (which takes several paths) in Checkov's arguments."""
    out: list[tuple[str, str]] = []
    taking: str | None = None
    for a in args:
        if a.startswith("-"):
            taking = None
            flag, eq, value = a.partition("=")
            if a in DIR_FLAGS or a in FILE_FLAGS:
                taking = a
            elif eq and flag in ("--directory", "--file"):
                out.append((flag, value))
        elif taking:
            out.append((taking, a))
            if taking in DIR_FLAGS:
                taking = None
    return out


def check_inputs(args: list[str]) -> None:
    """A missing or unreadable -d folder or -f file is bad input (exit 2), not a clean Checkov run."""
    for flag, raw in input_paths(args):
        path = Path(raw)
        folder = flag in DIR_FLAGS
        if not path.exists():
            raise DataError(f"{raw}: {'folder' if folder else 'file'} not found ({flag})")
        if folder and not path.is_dir():
            raise DataError(f"{raw}: not a folder ({flag})")
        if not folder and not path.is_file():
            raise DataError(f"{raw}: not a file ({flag})")
        if not os.access(path, os.R_OK | (os.X_OK if folder else 0)):
            raise DataError(f"{raw}: cannot read: permission denied ({flag})")


def unjudged_json(extra: list[str], all_checks: bool) -> list[str]:
    """Notes for the *.tf.json files under the -d folders: Checkov reads them only in its
    terraform_json framework, where the HDS checks get no graph; they must not pass unsaid."""
    if all_checks or _has(extra, "--framework"):
        return []
    from .roots import config_folders

    notes = []
    for flag, raw in input_paths(extra):
        if flag not in DIR_FLAGS:
            continue
        found = sum(1 for _folder, names in config_folders(raw) for n in names if n.endswith(".tf.json"))
        if found:
            notes.append(f"{raw}: {found} *.tf.json file(s) not judged by the Checkov checks "
                         "(Checkov reads them apart, without a graph): run `hds-policies scan " + raw + "`")
    return notes


def _checkov_cmd(args: argparse.Namespace) -> int:
    from ..cli_support.progress import Progress

    if importlib.util.find_spec("checkov") is None:
        raise DataError("checkov is not installed in this Python environment (pip install 'hds-policies[checkov]')")
    extra = list(getattr(args, "extra", []))
    check_inputs(extra)
    for note in unjudged_json(extra, args.all):
        sys.stderr.write(f"hds-policies: note: {note}\n")
    env = dict(os.environ)
    path = settings_path(args)
    if path is not None:
        from ..settings import load_settings

        load_settings(path)  # bad settings: one line and exit 2 rather than every check failing
        env["HDS_POLICIES_CONFIG"] = os.path.abspath(path)
    if args.as_of:
        env["HDS_POLICIES_AS_OF"] = args.as_of.isoformat()
    if args.show_passed:
        env["HDS_POLICIES_SHOW_PASSED"] = "1"
    from ..waivers import WAIVERS_ENV, discover, load_waivers

    waivers = args.waivers or discover([Path(d) for d in split_directories(list(getattr(args, "extra", [])))[0]])
    if waivers:
        load_waivers(waivers, set(load_catalog().rules))  # a bad entry: one line and exit 2, before Checkov runs
        env[WAIVERS_ENV] = os.path.abspath(waivers)
    env.setdefault("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")  # else Checkov asks PyPI for a newer version
    if platform.system() in ("Darwin", "Windows"):
        # Checkov runs frameworks in threads there, sharing one check registry between runners.
        env.setdefault("CHECKOV_PARALLELIZATION_TYPE", "none")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_PARENT), env.get("PYTHONPATH")) if p)
    code = 0
    commands = checkov_commands(extra, args.all)
    for cmd in Progress("checkov").over(commands, label=lambda c: " ".join(p for _, p in input_paths(c))):
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


# --- scan-changed ------------------------------------------------------------------------------


def _is_plan(path: Path) -> bool | None:
    """True for a Terraform plan JSON, False for other JSON, None when it is not JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return isinstance(data, dict) and "format_version" in data and any(
        k in data for k in ("planned_values", "resource_changes", "configuration"))


def plan_inputs(files: list[str]) -> tuple[dict[Path, set[Path | None]], list[Path], list[str]]:
    """Folders (with the var files to scan them with; None = Terraform's own), plan files, notes."""
    from .hcl_loader import config_files

    folders: dict[Path, set[Path | None]] = {}
    plans: list[Path] = []
    notes: list[str] = []
    for raw in files:
        path = Path(raw)
        name = path.name.lower()
        if not path.is_file():
            notes.append(f"{raw}: skipped (not a file)")
        elif name.endswith((".tf", ".tf.json")):
            folders.setdefault(path.parent, set()).add(None)
        elif name.endswith((".tfvars", ".tfvars.json")):
            auto = name in ("terraform.tfvars", "terraform.tfvars.json") or ".auto.tfvars" in name
            folders.setdefault(path.parent, set()).add(None if auto else path)
        elif name.endswith(".json"):
            kind = _is_plan(path)
            if kind:
                plans.append(path)
            else:
                why = "JSON but not a Terraform plan" if kind is False else "not valid JSON"
                notes.append(f"{raw}: skipped ({why})")
        else:
            notes.append(f"{raw}: skipped (not .tf, .tfvars or .json)")
    for folder in list(folders):
        if not config_files(folder):
            notes.append(f"{folder}: skipped (no .tf files beside the changed .tfvars)")
            del folders[folder]
    return folders, plans, notes


def _through_callers(folders: dict[Path, set[Path | None]], notes: list[str]) -> dict[Path, set[Path | None]]:
    """A changed module folder is scanned through the root modules that call it (with their inputs),
    never on its own with its defaults; a folder no root calls is scanned as it is."""
    from .roots import ModuleCalls

    calls = ModuleCalls(Path.cwd()) if folders else None
    out: dict[Path, set[Path | None]] = {}
    for folder, var_files in folders.items():
        callers = calls.roots_calling(folder) if calls else []
        if not callers:
            out.setdefault(folder, set()).update(var_files)
            continue
        rel = [os.path.relpath(c) for c in callers]
        notes.append(f"{folder}: a module, scanned through the root modules that call it: {', '.join(rel)}")
        for caller in callers:
            out.setdefault(Path(os.path.relpath(caller)), set()).add(None)
    return out


def _scan_changed_cmd(args: argparse.Namespace) -> int:
    from ..cli_support.progress import Progress
    from ..cli_support.selection import Selection
    from ..engine import evaluate, summary
    from ..settings import load_settings
    from ..triage import triage
    from .hcl_loader import HclLoader
    from .plan_loader import load_plan

    targets = formats.parse_targets(args.format, None, args.output_dir, formats.names(with_inventory=False))
    settings = load_settings(settings_path(args), as_of=args.as_of or env_as_of())
    settings = Selection.from_options(args.check, args.skip_check, settings.catalog).narrow(settings)
    folders, plans, notes = plan_inputs(list(args.files))
    folders = _through_callers(folders, notes)
    for note in notes:
        sys.stderr.write(f"hds-policies: note: {note}\n")
    if not folders and not plans:
        sys.stdout.write("hds-policies: no Terraform folder or plan file to scan\n")
        return 0
    findings: list[Finding] = []
    resources = []
    jobs = [(folder, var_file) for folder in sorted(folders)
            for var_file in sorted(folders[folder], key=lambda v: (v is not None, str(v)))]
    jobs += [(plan, None) for plan in plans]
    for path, var_file in Progress("scan-changed").over(jobs, label=lambda job: str(job[0])):
        with reading(path):
            if path in folders:
                # Files relative to the current folder, module files outside the root included.
                graph = HclLoader(path, settings.catalog, [var_file] if var_file else None, base=Path.cwd()).load()
                findings.extend(evaluate(graph, settings))
            else:
                graph = load_plan(path, settings.catalog)
                findings.extend(evaluate(graph, settings))
        resources.extend(graph.resources)
    summ = summary(Graph(resources, {}), findings)
    done = triage(findings, summ, settings.catalog, settings.as_of, [Path("."), *sorted(folders), *plans],
                  args.waivers)
    formats.emit(targets, lambda _repo_paths: formats.Report(done.findings, done.summary, settings.catalog,
                                                             settings.as_of.isoformat(), extras=done.extras()),
                 compact=args.compact)
    return findings_exit(fails(done.gating(), args.fail_on or settings.fail_on), args.soft_fail)
