"""Benchmark `hds-policies scan` against Checkov (with the HDS checks) on the same inputs.

Usage: python bench/run.py [--plan-sizes 1000,10000,100000] [--hcl-sizes 300,1000,10000]
                          [--checkov-sizes 1000,10000] [--repeat 3] [--no-checkov] [--out bench/out]
Prints the markdown tables recorded in BENCHMARKS.md: whole commands (median wall time of `--repeat`
runs, process start included; Checkov once per size), then the HCL parse alone, in process: the fast
reader against bc-python-hcl2 (the Lark grammar Checkov uses) on the same files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BIN = Path(sys.executable).parent


def timed(cmd: list[str], repeat: int, env: dict[str, str] | None = None, ok_codes: tuple[int, ...] = (0, 1)) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - start)
        if proc.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-500:]}")
    return statistics.median(times)


def hds_scan(path: Path) -> list[str]:
    return [str(BIN / "hds-policies"), "scan", str(path), "--format", "json", "--output", os.devnull]


def checkov_cmd(path: Path, checks_dir: str) -> list[str]:
    base = [str(BIN / "checkov"), "--skip-download", "--quiet", "-o", "json", "--external-checks-dir", checks_dir,
            "--check", "HDS_*"]
    if path.is_dir():
        return [*base, "-d", str(path), "--framework", "terraform"]
    return [*base, "-f", str(path), "--framework", "terraform_plan"]


def parse_only(path: Path, repeat: int) -> tuple[float, float, int]:
    """In-process parse time of a folder's files: the fast reader, then the reference (Lark) parser."""
    import hcl2

    from hds_policies.terraform import hcl_parser

    texts = [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.tf"))]
    hcl2.loads(texts[0])  # grammar built before timing

    def best(parse) -> float:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            for text in texts:
                parse(text)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    return best(hcl_parser.loads), best(hcl2.loads), sum(len(t) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plan-sizes", default="1000,10000,100000")
    ap.add_argument("--hcl-sizes", default="300,1000,10000")
    ap.add_argument("--checkov-sizes", default="1000,10000", help="sizes also run through checkov (slow)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-checkov", action="store_true")
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    checkov = None
    if not args.no_checkov and shutil.which(str(BIN / "checkov")):
        checkov = subprocess.run([str(BIN / "hds-policies"), "checkov-dir"], capture_output=True,
                                 text=True).stdout.strip() or None
    ck_sizes = {int(s) for s in args.checkov_sizes.split(",") if s}
    rows = []
    inputs = [("plan", int(n), out / f"plan_{n}.json") for n in args.plan_sizes.split(",") if n]
    inputs += [("hcl", int(n), out / f"hcl_{n}") for n in args.hcl_sizes.split(",") if n]
    for kind, n, path in inputs:
        if not path.exists():
            (generate.write_plan if kind == "plan" else generate.write_hcl)(path, n)
        repeat = args.repeat if n <= 10000 else 1
        cold = timed(hds_scan(path), repeat, {"HDS_POLICIES_CACHE": "off"})
        c = None
        if checkov and n in ck_sizes:
            c = timed(checkov_cmd(path, checkov), 1, {"HDS_POLICIES_CACHE": "off"})
        rows.append((kind, n, cold, c))
        print(f"{kind} {n}: hds {cold:.2f}s" + (f", checkov {c:.2f}s" if c else ""), file=sys.stderr)
    print("| input | resources | scan (s) | per resource (ms) | checkov --check HDS_* (s) | speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, n, cold, c in rows:
        ck = f"{c:.2f}" if c else "—"
        sp = f"{c / cold:.1f}x" if c else "—"
        label = "plan JSON" if kind == "plan" else "HCL folder"
        print(f"| {label} | {n} | {cold:.2f} | {cold / n * 1000:.3f} | {ck} | {sp} |")
    hcl_rows = [(n, path) for kind, n, path in inputs if kind == "hcl"]
    if hcl_rows:
        print("\n| HCL folder | bytes | fast reader (s) | MB/s | bc-python-hcl2 (s) | MB/s | ratio |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n, path in hcl_rows:
            fast, ref, size = parse_only(path, args.repeat)
            print(f"| {n} | {size} | {fast:.3f} | {size / fast / 1e6:.2f} | {ref:.3f} | {size / ref / 1e6:.2f} "
                  f"| {ref / fast:.1f}x |")


if __name__ == "__main__":
    main()
