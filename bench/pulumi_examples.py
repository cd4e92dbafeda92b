"""How many Python programs of a checkout of the public Pulumi examples repository run unchanged.

    python bench/pulumi_examples.py DIR [--all] [NAME ...]

DIR holds program folders (a checkout of the examples repository, not shipped with hds-policies).
Without names: the 15 programs of issue 15; `--all`: every Python program in DIR. Each runs as a
user would run it, `hds-policies pulumi-test FOLDER --format json` in a fresh process: exit 0 or 1
is a program that ran (its findings counted), 2 a program that did not (the one-line reason shown),
3 an internal error. Prints a markdown table and the count.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NAMED = ["aws-py-s3-folder", "aws-py-static-website", "aws-py-redshift-glue-etl", "aws-py-eks", "aws-py-fargate",
         "aws-py-webserver", "aws-py-wordpress-fargate-rds", "azure-py-webserver", "azure-py-aks",
         "azure-py-cosmosdb-logicapp", "gcp-py-gke", "gcp-py-serverless-raw", "gcp-py-cloudrun-cloudsql",
         "classic-azure-py-webserver-component", "classic-azure-py-vm-scaleset"]


def is_python(folder: Path) -> bool:
    path = folder / "Pulumi.yaml"
    if not path.is_file():
        return False
    runtime = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("runtime")
    name = runtime.get("name") if isinstance(runtime, dict) else runtime
    return name == "python"


def run_one(folder: Path) -> tuple[str, float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "pulumi-test", str(folder), "--format", "json",
                           "--as-of", "2026-11-22"], capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode in (0, 1):
        try:
            doc = json.loads(proc.stdout)
        except json.JSONDecodeError:
            return "bad output", seconds, "the JSON report is not valid JSON: " + proc.stdout[:80].replace("\n", " ")
        s = doc.get("summary", {})
        return "ran", seconds, f"{s.get('resources', '?')} resources, {s.get('failed', 0)} failed, " \
                               f"{s.get('unknown', 0)} unknown"
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    reason = lines[-1] if lines else f"exit {proc.returncode}"
    return ("error" if proc.returncode == 2 else f"exit {proc.returncode}"), seconds, reason


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    base = Path(argv[0])
    names = [a for a in argv[1:] if not a.startswith("--")]
    if "--all" in argv:
        folders = sorted(p for p in base.iterdir() if p.is_dir() and is_python(p))
    else:
        folders = [base / n for n in (names or NAMED)]
    print("| program | result | seconds | detail |\n| --- | --- | ---: | --- |")
    ran = 0
    for folder in folders:
        status, seconds, detail = run_one(folder)
        ran += status == "ran"
        print(f"| {folder.name} | {status} | {seconds:.1f} | {detail.replace('|', '/')} |", flush=True)
    print(f"\n{ran} of {len(folders)} ran unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
