"""Time and peak memory of `hds-policies scan` on one large generated .tf file (issue 13: peak memory
at most 10x the input).

Usage: python bench/memory_bench.py [--sizes-mb 10,50] [--out bench/out]
Each scan runs in a subprocess of its own (parse cache off, so every run parses); its peak resident
memory is the child's ru_maxrss (os.wait4). The child first imports what `scan` imports and loads the
catalog, and reports its resident memory then: the baseline of the interpreter and the tool before any
input is read. Prints the markdown table recorded in BENCHMARKS.md; the floor (issue 13) is judged on
the total peak.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def write_big_tf(folder: Path, megabytes: float) -> tuple[int, int]:
    """One main.tf of about `megabytes` MB made of generate's units; (bytes, resources)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1024 * 1024)
    head = ('locals {\n  prefix = "hds"\n}\n\nprovider "aws" {\n  region = "eu-west-3"\n}\n\n'
            'provider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n')
    size, units = len(head), 0
    with open(folder / "main.tf", "w", encoding="utf-8") as fh:
        fh.write(head)
        while size < target:
            unit = generate._hcl_unit(units)
            fh.write(unit)
            size += len(unit.encode())
            units += 1
    return size, units * generate.UNIT


# The child: what `scan` imports, the catalog, then its resident memory (stderr), then the scan itself.
PROBE = """
import sys
import hds_policies.cli as cli
import hds_policies.cli.progress, hds_policies.cli.selection, hds_policies.cli.scan, hds_policies.engine
import hds_policies.inventory, hds_policies.report.bundle, hds_policies.report.json_report
import hds_policies.settings, hds_policies.terraform
hds_policies.settings.load_settings()
try:
    with open("/proc/self/status") as fh:
        rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
except OSError:  # no /proc (not Linux): the peak so far, in kilobytes as Linux counts them
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print(f"baseline-kb {rss}", file=sys.stderr, flush=True)
sys.exit(cli.main(sys.argv[1:]))
"""


def measure(folder: Path) -> tuple[float, int, int, int]:
    """(wall seconds, peak RSS, baseline RSS before reading, both in bytes, exit code) of one scan in a
    child process."""
    env = {**os.environ, "HDS_POLICIES_CACHE": "off"}
    cmd = [sys.executable, "-c", PROBE, "scan", str(folder), "--format", "json", "--output", os.devnull]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode() if proc.stderr else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"scan exited {code}: {err[-500:]}")
    baseline = next((int(line.split()[1]) * 1024 for line in err.splitlines() if line.startswith("baseline-kb ")),
                    None)
    if baseline is None:  # the child failed before the scan (exit 1 would otherwise pass for findings)
        raise SystemExit(f"scan did not start: {err[-500:]}")
    return elapsed, usage.ru_maxrss * 1024, baseline, code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", default="10,50")
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args(argv)
    print("| input | resources | time | peak RSS | peak / input | baseline before reading "
          "| peak - baseline | (peak - baseline) / input |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mb in [float(s) for s in args.sizes_mb.split(",")]:
        folder = Path(args.out) / f"memory_{mb:g}mb"
        size, resources = write_big_tf(folder, mb)
        elapsed, peak, baseline, _code = measure(folder)
        print(f"| one .tf of {size / 2**20:.1f} MB | {resources:,} | {elapsed:.1f} s | {peak / 2**20:,.0f} MB "
              f"| {peak / size:.1f}x | {baseline / 2**20:,.0f} MB | {(peak - baseline) / 2**20:,.0f} MB "
              f"| {(peak - baseline) / size:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
