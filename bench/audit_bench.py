"""Benchmark `hds-policies audit aws` on a moto account seeded with 1,000 resources across 5 regions.

    python bench/audit_bench.py [--repeat 3]

moto (server mode) runs in its own process on 127.0.0.1; the account holds, per region, 40 S3 buckets,
40 EBS volumes, 30 EFS file systems, 40 DynamoDB tables, 20 RDS instances and 30 AWS Backup vaults
(200 per region, a mix of compliant and non-compliant ones). Prints a markdown table: wall time of the
whole command (process start included, median of --repeat runs), findings, and the API calls per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from moto_support import ENV, bucket, client, db_instance  # noqa: E402

REGIONS = ["eu-west-3", "eu-west-1", "eu-central-1", "us-east-1", "ap-southeast-2"]


def start_moto() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("moto server did not start")


def seed(url: str) -> int:
    count = 0
    for r, region in enumerate(REGIONS):
        for i in range(40):
            bucket(url, region, f"b{r}-{i:03d}", tls=i % 4 == 0, backup=i % 5 == 0,
                   lock_mode="COMPLIANCE" if i % 10 == 0 else None)
        ec2, efs, ddb, backup = (client(url, s, region) for s in ("ec2", "efs", "dynamodb", "backup"))
        for i in range(40):
            ec2.create_volume(AvailabilityZone=f"{region}a", Size=8, Encrypted=i % 2 == 0)
            ddb.create_table(TableName=f"t{i:03d}", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             BillingMode="PAY_PER_REQUEST")
        for i in range(30):
            efs.create_file_system(CreationToken=f"fs{i}", Encrypted=i % 2 == 0)
            backup.create_backup_vault(BackupVaultName=f"v{i:03d}")
            if i % 3 == 0:
                backup.put_backup_vault_lock_configuration(BackupVaultName=f"v{i:03d}", MinRetentionDays=7,
                                                           ChangeableForDays=3)
        for i in range(20):
            db_instance(url, region, f"db{i:03d}", encrypted=i % 2 == 0, version="16.1" if i % 2 else "14.7")
        count += 200
    return count


def kind(operation: str) -> str:
    return operation.split(":", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(ENV)
    os.environ.pop("AWS_PROFILE", None)
    proc, url = start_moto()
    try:
        started = time.perf_counter()
        seeded = seed(url)
        seeding = time.perf_counter() - started
        argv = [sys.executable, "-m", "hds_policies.cli", "audit", "aws", "--endpoint-url", url, "--quiet",
                "--format", "json", *[x for r in REGIONS for x in ("--region", r)]]
        times, report = [], ""
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
            times.append(time.perf_counter() - t0)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
            report = done.stdout
        from hds_policies.audit.aws import audit_aws

        calls = audit_aws(regions=REGIONS, endpoint_url=url).calls
    finally:
        proc.terminate()
        proc.wait()
    summary = json.loads(report)["summary"]
    wall = statistics.median(times)
    print(f"seeded {seeded} resources in {seeding:.1f} s\n")
    print("| resources | regions | audit wall (s) | per resource (ms) | API calls | failed | unknown |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {summary['resources']} | {len(REGIONS)} | {wall:.2f} | {1000 * wall / summary['resources']:.2f} "
          f"| {sum(calls.values())} | {summary['failed']} | {summary['unknown']} |\n")
    print("| operation | calls |")
    print("|---|---:|")
    for op, n in sorted(calls.items(), key=lambda kv: (kind(kv[0]), kv[0])):
        print(f"| {op} | {n} |")
    per_kind = Counter()
    for op, n in calls.items():
        per_kind[kind(op)] += n
    print("\nper service: " + ", ".join(f"{k} {n}" for k, n in sorted(per_kind.items())))


if __name__ == "__main__":
    main()
