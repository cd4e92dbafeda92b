"""The Checkov wrapper: the Checkov command lines with the HDS checks loaded, and the checks of its inputs.

`hds-policies checkov` (hds_policies.cli.checkov) runs what `checkov_commands` builds; `CHECKS_DIR` is the
folder Checkov loads with `--external-checks-dir` (what `hds-policies checkov-dir` prints).
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

from ..catalog import DataError
from ..settings_discovery import SETTINGS_ENV
from ..waivers import WAIVERS_ENV

CHECKS_DIR = Path(__file__).resolve().parent / "external_checks"
PACKAGE_PARENT = Path(__file__).resolve().parents[2]
# Runs Checkov's CLI in this interpreter (`python -m checkov.main` would load checkov.main twice).
CHECKOV_BOOT = "import sys; sys.argv[0] = 'checkov'; from checkov.main import Checkov; sys.exit(Checkov().run())"
DIR_FLAGS = ("-d", "--directory")
FILE_FLAGS = ("-f", "--file")
AS_OF_ENV = "HDS_POLICIES_AS_OF"
SHOW_PASSED_ENV = "HDS_POLICIES_SHOW_PASSED"  # as `scan --show-passed`


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
    from ..terraform.roots import config_folders

    notes = []
    for flag, raw in input_paths(extra):
        if flag not in DIR_FLAGS:
            continue
        found = sum(1 for _folder, names in config_folders(raw) for n in names if n.endswith(".tf.json"))
        if found:
            notes.append(f"{raw}: {found} *.tf.json file(s) not judged by the Checkov checks "
                         "(Checkov reads them apart, without a graph): run `hds-policies scan " + raw + "`")
    return notes


def environment(base: dict[str, str], settings_file: str | None = None, as_of: str | None = None,
                show_passed: bool = False, waivers_file: str | None = None) -> dict[str, str]:
    """The environment of a Checkov run: how the checks get this run's settings, date, waivers and
    `--show-passed` (hds_policies.checkov.checks reads them), and this package on the path."""
    env = dict(base)
    if settings_file is not None:
        env[SETTINGS_ENV] = os.path.abspath(settings_file)
    if as_of:
        env[AS_OF_ENV] = as_of
    if show_passed:
        env[SHOW_PASSED_ENV] = "1"
    if waivers_file:
        env[WAIVERS_ENV] = os.path.abspath(waivers_file)
    env.setdefault("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")  # else Checkov asks PyPI for a newer version
    if platform.system() in ("Darwin", "Windows"):
        # Checkov runs frameworks in threads there, sharing one check registry between runners.
        env.setdefault("CHECKOV_PARALLELIZATION_TYPE", "none")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_PARENT), env.get("PYTHONPATH")) if p)
    return env
