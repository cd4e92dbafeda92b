"""Run `hds-policies scan` over every root module of real Terraform repositories (issue 12).

Usage: python bench/corpus.py DIR... [--repo PATH] [--as-of 2026-12-01] [--json] [--timeout 120]

Each DIR is a checkout of a public repository (see bench/corpus_init.py for building its
`.terraform/modules`). Below each DIR a root module is a folder with `.tf` or `.tf.json` files that no
other folder found calls as a local module (`./`, `../`); `.terraform/`, `.git/` and hidden folders
are skipped. Every root is scanned once, as a user would, in its own process from DIR:
`python -m hds_policies.cli scan ROOT --format json --as-of DATE` with PYTHONPATH=--repo (default: the
checkout this script belongs to), so `--repo /tmp/before` measures another version of the code.

Per repository it prints: folders, crashes (exit code not 0/1/2, a traceback on stderr, or exit 0/1
without readable JSON), exit-code counts, median/max wall seconds, resources, failed, unknown split by
cause (see `unknown_cause`); then the module calls, found from the files (local calls followed in
place, registry/git calls through `.terraform/modules/modules.json`): folders calling registry or git
modules and how many of them exit 0 without findings, the calls modules.json does not list ("unread
calls", which no scan can follow), and "clean w/ unread calls": folders that exit 0 without findings
while some of their calls are unread.
`--json` prints the per-folder rows and the per-repository figures as JSON instead of the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE_REPO = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".terraform", ".git"}
CAUSES = ("not_followed", "after_apply", "variable", "expression")

# Just enough of HCL to find top-level `module` blocks and their `source`: comments, heredocs and
# strings (with one level of `${ "…" }` inside) are skipped whole so their braces do not count.
_TOKEN = re.compile(r"""
    (?P<skip>\#[^\n]*|//[^\n]*|/\*.*?\*/|<<-?(?P<tag>[A-Za-z_]\w*)\r?\n.*?\n[ \t]*(?P=tag)[ \t]*(?=\r?\n|$))
  | (?P<string>"(?:[^"\\$]|\\.|\$(?!\{)|\$\{(?:[^{}"]|"(?:[^"\\]|\\.)*"|\{[^{}]*\})*\})*")
  | (?P<open>\{) | (?P<close>\}) | (?P<eq>=) | (?P<word>[A-Za-z_][\w-]*)
""", re.S | re.X)


def _hcl_module_calls(text: str) -> list[tuple[str, str | None]]:
    """(name, source) of each top-level module block; source None when not a plain string."""
    calls: list[tuple[str, str | None]] = []
    depth, pending, current = 0, [], None
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup != "tag" else "skip"
        if kind == "skip":
            continue
        if kind == "open":
            if depth == 0 and len(pending) == 2 and pending[0] == "module":
                current = [pending[1], None]
                calls.append(current)  # type: ignore[arg-type]
            depth += 1
            pending = []
        elif kind == "close":
            depth -= 1
            pending = []
            if depth == 0:
                current = None
        elif depth == 0:
            token = m.group()
            pending = (pending + [token.strip('"') if kind == "string" else token])[-2:]
        elif depth == 1 and current is not None:
            pending = (pending + [(kind, m.group())])[-3:]
            if [k for k, _ in pending] == ["word", "eq", "string"] and pending[0][1] == "source":
                literal = pending[2][1][1:-1]
                current[1] = None if "${" in literal else literal
    return [(name, source) for name, source in calls]


def _json_module_calls(text: str) -> list[tuple[str, str | None]]:
    try:
        doc = json.loads(text)
    except ValueError:
        return []
    blocks = doc.get("module", {}) if isinstance(doc, dict) else {}
    blocks = blocks if isinstance(blocks, list) else [blocks]
    calls = []
    for block in blocks:
        for name, body in (block.items() if isinstance(block, dict) else ()):
            for item in body if isinstance(body, list) else [body]:
                source = item.get("source") if isinstance(item, dict) else None
                calls.append((name, source if isinstance(source, str) and "${" not in source else None))
    return calls


def tf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and (p.name.endswith(".tf") or p.name.endswith(".tf.json")))


def module_calls(folder: Path) -> list[tuple[str, str | None]]:
    """Every `module` call of the folder's .tf and .tf.json files, as (name, source)."""
    calls: list[tuple[str, str | None]] = []
    for path in tf_files(folder):
        text = path.read_text(encoding="utf-8", errors="replace")
        calls += _json_module_calls(text) if path.name.endswith(".json") else _hcl_module_calls(text)
    return calls


def is_local(source: str | None) -> bool:
    return source is not None and (source.startswith("./") or source.startswith("../"))


def find_roots(top: Path) -> list[Path]:
    """Folders below `top` with Terraform files that no other such folder calls as a local module."""
    folders = []
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        if any(f.endswith(".tf") or f.endswith(".tf.json") for f in files):
            folders.append(Path(current))
    called = set()
    for folder in folders:
        for _, source in module_calls(folder):
            if is_local(source):
                target = Path(os.path.normpath(folder / source))  # type: ignore[operator]
                if target != folder:
                    called.add(target)
    return [f for f in folders if f not in called]


def read_modules_json(root: Path) -> dict[str, str]:
    """Module key -> Dir (relative to the root) from `.terraform/modules/modules.json`, if any."""
    path = root / ".terraform" / "modules" / "modules.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get("Modules", [])
    except (OSError, ValueError, AttributeError):
        return {}
    return {e["Key"]: e["Dir"] for e in entries if isinstance(e, dict) and "Key" in e and "Dir" in e}


def walk_calls(root: Path) -> tuple[list[str], list[str]]:
    """Keys of the registry/git module calls under `root`, and of those modules.json does not list.

    Local calls are followed in place, listed calls through their modules.json Dir."""
    listed = read_modules_json(root)
    remote: list[str] = []
    unread: list[str] = []
    stack = [("", root)]
    seen = set()
    while stack:
        prefix, folder = stack.pop()
        if (prefix, folder) in seen or prefix.count(".") > 20:
            continue
        seen.add((prefix, folder))
        for name, source in module_calls(folder):
            key = f"{prefix}{name}"
            if is_local(source):
                target = Path(os.path.normpath(folder / source))  # type: ignore[operator]
            else:
                remote.append(key)
                if key not in listed or not (root / listed[key]).is_dir():
                    unread.append(key)
                    continue
                target = Path(os.path.normpath(root / listed[key]))
            if target.is_dir():
                stack.append((key + ".", target))
    return sorted(remote), sorted(unread)


# A whole expression that is only a variable (attributes and indexes of it included), as the messages
# show it: "(var.region)", "(${var.region})", "${var.db.region}".
_BARE_VAR = re.compile(r"(?:(?<![\w.])\(|\$\{)var\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]()]*\])*(?:\)|\})")


def unknown_cause(finding: dict) -> str:
    """Why a finding is `unknown`: not_followed, after_apply, variable (a bare var.X) or expression."""
    message = finding.get("message", "")
    if finding.get("rule_id", "").startswith("HDS_COV") or "not followed" in message:
        return "not_followed"
    if "known after apply" in message:
        return "after_apply"
    if _BARE_VAR.search(message):
        return "variable"
    return "expression"


def scan_root(top: Path, root: Path, repo: Path, as_of: str, timeout: float) -> dict:
    """Scan one root in its own process and return its row."""
    rel = os.path.relpath(root, top)
    cmd = [sys.executable, "-m", "hds_policies.cli", "scan", rel, "--format", "json", "--as-of", as_of]
    env = {**os.environ, "PYTHONPATH": str(repo), "HDS_POLICIES_CACHE": "off"}
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=top, env=env, capture_output=True, text=True, timeout=timeout)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        code, out, err = -1, "", f"timeout after {timeout} s"
    seconds = time.perf_counter() - start
    try:
        report = json.loads(out) if code in (0, 1) else None
    except ValueError:
        report = None
    findings = report.get("findings", []) if report else []
    causes = Counter(unknown_cause(f) for f in findings if f.get("status") == "unknown")
    remote, unread = walk_calls(root)
    clean = code == 0 and not findings
    crashed = code not in (0, 1, 2) or "Traceback (most recent call last)" in err or (
        code in (0, 1) and report is None)
    return {
        "repository": top.name, "folder": rel, "exit": code, "crashed": crashed, "seconds": round(seconds, 3),
        "resources": (report or {}).get("summary", {}).get("resources", 0),
        "failed": sum(f.get("status") == "failed" for f in findings),
        "unknown": sum(causes.values()),
        **{f"unknown_{c}": causes.get(c, 0) for c in CAUSES},
        "remote_calls": len(remote), "unread_calls": unread,
        "clean_with_remote_calls": clean and bool(remote),
        "clean_with_unread_calls": clean and bool(unread),
        "error": (err.strip().splitlines() or [""])[-1][:200] if code not in (0, 1) or crashed else "",
    }


def summarise(rows: list[dict]) -> dict:
    """The per-repository figures of a list of rows."""
    secs = [r["seconds"] for r in rows] or [0.0]
    return {
        "folders": len(rows), "crashes": sum(r["crashed"] for r in rows),
        "exit_codes": dict(sorted(Counter(r["exit"] for r in rows).items())),
        "median_s": round(statistics.median(secs), 2), "max_s": round(max(secs), 2),
        **{k: sum(r[k] for r in rows) for k in ("resources", "failed", "unknown")},
        **{f"unknown_{c}": sum(r[f"unknown_{c}"] for r in rows) for c in CAUSES},
        "with_remote_calls": sum(r["remote_calls"] > 0 for r in rows),
        "clean_with_remote_calls": sum(r["clean_with_remote_calls"] for r in rows),
        "unread_calls": sum(len(r["unread_calls"]) for r in rows),
        "clean_with_unread_calls": sum(r["clean_with_unread_calls"] for r in rows),
    }


HEADER = ("| repository | folders | crashes | exit codes | median s | max s | resources | failed | unknown "
          "| not followed | after apply | var w/o default | expression | calling registry/git | of which clean "
          "| unread calls | clean w/ unread calls |")


def table_line(name: str, s: dict) -> str:
    codes = " ".join(f"{k}:{v}" for k, v in s["exit_codes"].items())
    cells = [name, s["folders"], s["crashes"], codes, f"{s['median_s']:.2f}", f"{s['max_s']:.2f}",
             s["resources"], s["failed"], s["unknown"], *(s[f"unknown_{c}"] for c in CAUSES),
             s["with_remote_calls"], s["clean_with_remote_calls"], s["unread_calls"], s["clean_with_unread_calls"]]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repo", type=Path, default=HERE_REPO, help="checkout of hds-policies to measure")
    parser.add_argument("--as-of", default="2026-12-01")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--json", action="store_true", help="print the per-folder rows as JSON")
    args = parser.parse_args(argv)
    per_repo: dict[str, list[dict]] = {}
    for top in args.dirs:
        top = top.resolve()
        per_repo[top.name] = [scan_root(top, root, args.repo.resolve(), args.as_of, args.timeout)
                              for root in find_roots(top)]
    all_rows = [r for rows in per_repo.values() for r in rows]
    if args.json:
        json.dump({"rows": all_rows, "repositories": {k: summarise(v) for k, v in per_repo.items()},
                   "total": summarise(all_rows)}, sys.stdout, indent=1)
        print()
        return 0
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for name, rows in per_repo.items():
        print(table_line(name, summarise(rows)))
    if len(per_repo) > 1:
        print(table_line("**total**", summarise(all_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
