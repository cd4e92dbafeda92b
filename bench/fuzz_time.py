"""The fuzz floor on size: no `hds-policies scan` of a mutated 100 KB input takes over 10 s, and every
run exits 0, 1 or 2 without a traceback.

Usage: python bench/fuzz_time.py [--cases 20] [--kb 100] [--seed 13] [--out bench/out]
Inputs: Terraform folders (fixture files concatenated to the size, then spliced: deletions,
duplications, inserted tokens) and plans (bench/generate.py's plan to the size, values replaced by
other JSON values). Each scan runs in a child process. Prints the line recorded in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TOKENS = ["{", "}", "[", "]", '"', "${", "<<EOT\n", "\n", "=", "#", "1e3", "\ufeff", ",", "\\", "true", "null"]
JSON_VALUES = [True, False, None, 0, -1, 10**9, "x", "", [], {}, [True], {"x": True}, [[[]]], 1.5]


def hcl_case(rng: random.Random, size: int) -> str:
    files = sorted((ROOT / "fixtures" / "terraform").glob("*/*.tf"))
    text = ""
    while len(text) < size:
        text += rng.choice(files).read_text(encoding="utf-8") + "\n"
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randint(0, 60))
        op = rng.choice(["delete", "duplicate", "insert"])
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
    return text


def plan_case(rng: random.Random, size: int, scratch: Path) -> str:
    resources = max(5, size // 1100)
    generate.write_plan(scratch, resources)
    doc = json.loads(scratch.read_text(encoding="utf-8"))
    nodes: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                nodes.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                nodes.append((node, i))
                walk(v)

    walk(doc)
    for _ in range(rng.randint(1, 6)):
        parent, key = rng.choice(nodes)
        parent[key] = rng.choice(JSON_VALUES)  # type: ignore[index]
        nodes = []
        walk(doc)
    return json.dumps(doc)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    out = Path(args.out) / "fuzz_time"
    (out / "tf").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HDS_POLICIES_CACHE": "off"}
    worst, codes, crashes = 0.0, {}, 0
    for n in range(args.cases):
        if n % 2 == 0:
            (out / "tf" / "main.tf").write_text(hcl_case(rng, args.kb * 1024), encoding="utf-8")
            target = out / "tf"
        else:
            target = out / "plan.json"
            target.write_text(plan_case(rng, args.kb * 1024, out / "scratch.json"), encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "hds_policies.cli", "scan", str(target), "--format", "json"],
                              capture_output=True, text=True, env=env, timeout=120)
        worst = max(worst, time.perf_counter() - start)
        codes[proc.returncode] = codes.get(proc.returncode, 0) + 1
        if proc.returncode not in (0, 1, 2) or "Traceback" in proc.stderr:
            crashes += 1
            print(f"crash on case {n}: {proc.stderr[-300:]}", file=sys.stderr)
    print(f"| {args.cases} mutated {args.kb} KB inputs (HCL and plans, seed {args.seed}) | exit codes "
          f"{dict(sorted(codes.items()))} | {crashes} crashes | slowest {worst:.1f} s |")


if __name__ == "__main__":
    main()
