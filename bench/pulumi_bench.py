"""Benchmark the HDS policy pack over the real Analyzer gRPC protocol.

    python bench/pulumi_bench.py [SIZES...]      (default: 1000 10000)

Synthetic stacks of 5-resource units, as in bench/generate.py: a bucket + its SSE configuration
(bucket id unknown at preview, correlated through property dependencies), a backup vault + its lock,
an RDS instance; one unit in ten uses an explicit provider in us-east-1. The pack runs as a separate
process (policy_packs/hds) exactly as `pulumi preview` starts it. Prints a markdown table:
per-resource `Analyze` round trip (mean and p95), total `Analyze` time for the stack, and
`AnalyzeStack` wall time. Floor: a 10k-resource stack analysed in under 5 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hds_policies.pulumi.analyzer_client import (  # noqa: E402
    AnalyzerClient,
    engine_resources,
    to_analyze_request,
    to_analyzer_resource,
)
from hds_policies.pulumi.mock_runner import UNKNOWN, Registration  # noqa: E402
from hds_policies.pulumi.policies import Judge, PolicyState  # noqa: E402
from hds_policies.pulumi.requests import from_analyze_request, from_analyzer_resource  # noqa: E402

PROJECT, STACK = "bench", "dev"
PREFIX = f"urn:pulumi:{STACK}::{PROJECT}::"
STACK_URN = f"{PREFIX}pulumi:pulumi:Stack::{PROJECT}-{STACK}"
US_URN = f"{PREFIX}pulumi:providers:aws::us"
VERSION = "7.29.0"
FLOOR_SECONDS = 5.0


def _reg(token: str, name: str, inputs: dict, provider: str | None = None, deps: dict | None = None) -> Registration:
    deps = deps or {}
    flat = sorted({u for urns in deps.values() for u in urns})
    return Registration(urn=f"{PREFIX}{token}::{name}", type=token, name=name, custom=True, parent=STACK_URN,
                        provider=provider, inputs=inputs, dependencies=flat, property_dependencies=deps,
                        version=VERSION)


def synthetic(resources: int) -> list[Registration]:
    """`resources` registrations (rounded down to whole units) plus the stack and one explicit provider."""
    regs = [
        Registration(urn=STACK_URN, type="pulumi:pulumi:Stack", name=f"{PROJECT}-{STACK}", custom=False, parent=None,
                     provider=None, inputs={}, dependencies=[], property_dependencies={}),
        Registration(urn=US_URN, type="pulumi:providers:aws", name="us", custom=True, parent=STACK_URN, provider=None,
                     inputs={"region": "us-east-1"}, dependencies=[], property_dependencies={}, version=VERSION),
    ]
    for i in range(resources // 5):
        prov = US_URN if i % 10 == 0 else None
        role = "backup" if i % 7 == 0 else "data"
        bucket = _reg("aws:s3/bucket:Bucket", f"data_{i}",
                      {"bucket": f"bench-data-{i}", "tags": {"team": "care", "hds-role": role}}, prov)
        vault = _reg("aws:backup/vault:Vault", f"vault_{i}", {"name": f"vault-{i}"}, prov)
        regs += [
            bucket,
            _reg("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                 f"data_{i}", {"bucket": UNKNOWN,
                               "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}]},
                 prov, {"bucket": [bucket.urn], "rules": []}),
            vault,
            _reg("aws:backup/vaultLockConfiguration:VaultLockConfiguration", f"vault_{i}",
                 {"backupVaultName": f"vault-{i}", "changeableForDays": 3, "minRetentionDays": 30},
                 prov, {"backupVaultName": [vault.urn]}),
            _reg("aws:rds/instance:Instance", f"db_{i}",
                 {"identifier": f"db-{i}", "engine": "postgres", "engineVersion": f"{16 if i % 2 else 14}.2",
                  "instanceClass": "db.t3.micro", "allocatedStorage": 20, "storageEncrypted": bool(i % 3)}, prov),
        ]
    return regs


def measure(client: AnalyzerClient, resources: int) -> dict[str, float]:
    regs = synthetic(resources)
    pairs = engine_resources(regs, PROJECT, STACK, client.config)
    laps = []
    analyze_diags = 0
    start = time.perf_counter()
    for reg, prov in pairs:
        t = time.perf_counter()
        analyze_diags += len(client.analyze(reg, prov))
        laps.append(time.perf_counter() - t)
    analyze_total = time.perf_counter() - start
    t = time.perf_counter()
    stack_diags = client.analyze_stack([reg for reg, _ in pairs])
    stack_time = time.perf_counter() - t
    laps.sort()
    # The pack's own share, in process: request -> resources -> graph -> engine -> violations.
    judge = Judge()
    stack_states = {r: PolicyState("mandatory", {}) for r in judge.stack_rules}
    resource_states = {r: PolicyState("mandatory", {}) for r in judge.resource_rules}
    request = [to_analyzer_resource(reg, prov) for reg, prov in pairs]
    t = time.perf_counter()
    judge.judge([from_analyzer_resource(m) for m in request], stack_states)
    stack_inproc = time.perf_counter() - t
    singles = [to_analyze_request(reg, prov) for reg, prov in pairs[:2000]]
    t = time.perf_counter()
    for msg in singles:
        one = from_analyze_request(msg)
        judge.judge([one], resource_states, only_urn=one.urn)
    single_inproc = (time.perf_counter() - t) / len(singles)
    return {
        "resources": len(pairs), "analyze_mean_ms": 1000 * statistics.fmean(laps),
        "analyze_p95_ms": 1000 * laps[int(0.95 * (len(laps) - 1))], "analyze_total_s": analyze_total,
        "stack_s": stack_time, "diagnostics": analyze_diags + len(stack_diags),
        "analyze_pack_ms": 1000 * single_inproc, "stack_pack_s": stack_inproc,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or [1000, 10000]
    started = time.perf_counter()
    with AnalyzerClient(ROOT / "policy_packs" / "hds", project=PROJECT, stack=STACK,
                        config={"aws:region": "eu-west-3"}, env={"PYTHONPATH": str(ROOT)}, timeout=120) as client:
        startup = time.perf_counter() - started
        client.configure({"all": "mandatory"})
        measure(client, 100)  # warm up
        rows = [measure(client, n) for n in sizes]
    print(f"Pack start-up (process, handshake, GetAnalyzerInfo, Configure): {startup:.2f} s\n")
    print("| resources | Analyze round trip (mean) | Analyze p95 | Analyze, pack share | Analyze, all resources "
          "| AnalyzeStack round trip | AnalyzeStack, pack share | diagnostics |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['resources']:,} | {r['analyze_mean_ms']:.2f} ms | {r['analyze_p95_ms']:.2f} ms "
              f"| {r['analyze_pack_ms']:.2f} ms | {r['analyze_total_s']:.2f} s | {r['stack_s']:.2f} s "
              f"| {r['stack_pack_s']:.2f} s | {r['diagnostics']:,} |")
    print("\nRound trips include this Python client's own request building (the Pulumi engine, in Go, builds "
          "requests faster); the pack share is the pack's work on the same requests, in process.")
    worst = max((r["stack_s"] for r in rows if r["resources"] >= 10000), default=0.0)
    if worst >= FLOOR_SECONDS:
        print(f"\nFLOOR MISSED: AnalyzeStack of 10k resources took {worst:.2f} s (floor {FLOOR_SECONDS} s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
