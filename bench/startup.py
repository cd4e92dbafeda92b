"""Start-up cost of `hds-policies scan` on a small folder (10 resources), for one or more source trees.

    python bench/startup.py [--repeat N] [TREE …]     (default TREE: this checkout)

Each TREE is put first on PYTHONPATH (e.g. a checkout of main, to compare before and after);
prints the wall and CPU time of whole processes (interpreter start included): median and min.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_hcl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_scan(tree: Path, folder: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run; CPU time is steadier on a shared machine."""
    env = {**os.environ, "PYTHONPATH": str(tree), "HDS_POLICIES_CACHE": "off"}
    cmd = [sys.executable, "-m", "hds_policies.cli", "scan", str(folder), "--as-of", "2026-11-22",
           "--format", "json", "--fail-on", "critical"]
    subprocess.run(cmd, env=env, capture_output=True, check=False)  # warm the OS file cache
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{tree}: exit {proc.returncode}: {proc.stderr.strip()}")
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "small"
        write_hcl(folder, 10)
        for tree in args.trees:
            t, cpu = time_scan(tree.resolve(), folder, args.repeat)
            print(f"{tree}: wall median {statistics.median(t):.3f} s (min {min(t):.3f}, max {max(t):.3f}); "
                  f"CPU median {statistics.median(cpu):.3f} s (min {min(cpu):.3f}); n={len(t)}")


if __name__ == "__main__":
    main()
