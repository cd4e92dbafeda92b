"""What the reports cost (issue 16): `scan` of a generated HCL folder to each format, and `report`
from the JSON findings, waivers and baseline included. Prints a Markdown table for BENCHMARKS.md.

    .venv/bin/python bench/report_bench.py [RESOURCES ...]   (default: 1000 10000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import write_hcl  # noqa: E402

AS_OF = "2026-11-22"
WAIVERS = """waivers:
  - {rule: HDS_LOC_001, resource: 'aws_s3_bucket.data_1*', justification: bench, approver: bench, expires: 2027-01-01}
  - {rule: HDS_BKP_*, resource: '*', justification: bench, approver: bench, expires: 2027-01-01}
"""


def timed(cmd: list[str], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs (exit 0 or 1)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HDS_POLICIES_CACHE": "off"}
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode()[-2000:]}")
    return best


def main(sizes: list[int]) -> None:
    cli = [sys.executable, "-m", "hds_policies.cli"]
    print("| resources | command | wall (s) | output |")
    print("|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        waivers = tmpdir / "w.yaml"
        waivers.write_text(WAIVERS, encoding="utf-8")
        for n in sizes:
            folder = tmpdir / f"hcl_{n}"
            write_hcl(folder, n)
            findings = tmpdir / f"f_{n}.json"
            baseline = tmpdir / f"b_{n}.json"
            runs = [
                ("scan --format json", ["scan", str(folder), "--format", "json", "-o", str(findings)], findings),
                ("scan --format sarif", ["scan", str(folder), "--format", "sarif", "-o", str(tmpdir / "o.sarif")],
                 tmpdir / "o.sarif"),
                ("scan --format markdown", ["scan", str(folder), "--format", "markdown", "-o", str(tmpdir / "o.md")],
                 tmpdir / "o.md"),
                ("scan --format html", ["scan", str(folder), "--format", "html", "-o", str(tmpdir / "o.html")],
                 tmpdir / "o.html"),
                ("scan --format transparency", ["scan", str(folder), "--format", "transparency", "-o",
                                                str(tmpdir / "t.md")], tmpdir / "t.md"),
                ("scan --waivers W --create-baseline B", ["scan", str(folder), "--waivers", str(waivers),
                                                          "--create-baseline", str(baseline), "-o", os.devnull],
                 baseline),
                ("scan --waivers W --baseline B", ["scan", str(folder), "--waivers", str(waivers), "--baseline",
                                                   str(baseline), "-o", os.devnull], None),
                ("report --from-json F --format html", ["report", "--from-json", str(findings), "--format", "html",
                                                        "-o", str(tmpdir / "r.html")], tmpdir / "r.html"),
            ]
            for label, args, out in runs:
                wall = timed(cli + [*args, "--as-of", AS_OF])
                size = f"{out.stat().st_size / 1024:.0f} KB" if out is not None and out.exists() else "—"
                print(f"| {n} | `{label}` | {wall:.2f} | {size} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
