"""What the HDS checks add to a plain Checkov run, and the hds-scan hook on the same folders.

Usage: python bench/checkov_bench.py [--sizes 1000,10000] [--repeat 3] [--out bench/out]

For each bench folder (bench/generate.py's hcl_N, generated when missing), in the same session:
- plain:       checkov -d DIR --framework terraform --skip-download --quiet -o json
- plain + HDS: the same with --external-checks-dir <hds checks> (Checkov's checks and the HDS ones)
- HDS only:    the same with --check 'HDS_*' (what `hds-policies checkov` runs by default)
- hds-scan:    hds-policies scan-changed DIR/*.tf (the pre-commit hook on every file), parse cache
               off (it only holds files the fast HCL reader declines; the bench has none).
Checkov runs alternate plain / plain + HDS so machine load drifts hit both alike. Figures are medians
of wall time and of CPU time (user + sys of the child processes); the overhead is plain + HDS against
plain, in both (single runs of the same Checkov command vary by 10-20% on a shared 2-CPU VM: the
spread is shown). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402

from hds_policies.checkov.wrapper import CHECKOV_BOOT, CHECKS_DIR  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
       "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**ENV, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:6])} … exited {proc.returncode}: {proc.stderr[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def checkov(folder: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", CHECKOV_BOOT, "-d", str(folder), "--framework", "terraform", "--skip-download",
            "--quiet", "-o", "json", *extra]


def hds_results(stdout: str) -> int:
    """How many HDS results (failed: --quiet) a Checkov JSON output holds: proof the checks ran."""
    return stdout.count('"check_id": "HDS_')


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench(folder: Path, repeat: int) -> list[tuple[str, float, float, str]]:
    plain: list[tuple[float, float]] = []
    with_hds: list[tuple[float, float]] = []
    found = 0
    for _ in range(repeat):
        w, c, _out = run(checkov(folder))
        plain.append((w, c))
        w, c, out = run(checkov(folder, "--external-checks-dir", str(CHECKS_DIR)))
        with_hds.append((w, c))
        found = hds_results(out)
    only = [run(checkov(folder, "--external-checks-dir", str(CHECKS_DIR), "--check", "HDS_*"))[:2]
            for _ in range(repeat)]
    files = sorted(str(p) for p in folder.glob("*.tf"))
    scan = [sys.executable, "-m", "hds_policies.cli", "scan-changed", *files, "--format", "json"]
    cold = [run(scan, {"HDS_POLICIES_CACHE": "off"})[:2] for _ in range(repeat)]
    pw, pc = median([w for w, _ in plain]), median([c for _, c in plain])
    hw, hc = median([w for w, _ in with_hds]), median([c for _, c in with_hds])
    def spread(runs: list[tuple[float, float]]) -> str:
        return f"CPU {min(c for _, c in runs):.2f}–{max(c for _, c in runs):.2f} s over the runs"

    return [
        ("checkov, built-in checks", pw, pc, spread(plain)),
        ("checkov, built-in + HDS checks", hw, hc,
         f"+{100 * (hw - pw) / pw:.1f}% wall, +{100 * (hc - pc) / pc:.1f}% CPU; {spread(with_hds)}; "
         f"{found} HDS failures reported"),
        ("checkov, HDS checks only", median([w for w, _ in only]), median([c for _, c in only]), ""),
        ("hds-scan (scan-changed)", median([w for w, _ in cold]), median([c for _, c in cold]),
         "parse cache off"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="resources per folder (hcl_N)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    lines = ["| input | command | wall (s) | CPU (s) | note |", "|---|---|---:|---:|---|"]
    for n in (int(s) for s in args.sizes.split(",") if s):
        folder = out / f"hcl_{n}"
        if not folder.exists():
            generate.write_hcl(folder, n)
        for name, wall, cpu, note in bench(folder, args.repeat):
            lines.append(f"| hcl_{n} ({n} resources) | {name} | {wall:.2f} | {cpu:.2f} | {note} |")
        print("\n".join(lines[-5:]), file=sys.stderr, flush=True)
    version = subprocess.run([sys.executable, "-c", "import checkov.version as v; print(v.version)"],
                             capture_output=True, text=True).stdout.strip()
    print(f"{os.cpu_count()} CPUs; median of {args.repeat} runs; Checkov {version}\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
