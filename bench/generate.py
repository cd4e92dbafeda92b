"""Generate synthetic Terraform inputs for the benchmark: HCL folders and plan JSON files.

Each "unit" is 5 resources that exercise the correlated rules: a bucket + its SSE configuration,
a backup vault + its lock, and an RDS instance. One unit in ten is placed outside the EEA.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

UNIT = 5
PER_FILE = 100  # resources per .tf file


def _hcl_unit(i: int) -> str:
    provider = "\n  provider = aws.us" if i % 10 == 0 else ""
    return f'''
resource "aws_s3_bucket" "data_{i}" {{{provider}
  bucket = "${{local.prefix}}-data-{i}"
  tags   = {{ team = "care", "hds-role" = "{'backup' if i % 7 == 0 else 'data'}" }}
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data_{i}" {{
  bucket = aws_s3_bucket.data_{i}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}

resource "aws_backup_vault" "vault_{i}" {{{provider}
  name = "vault-{i}"
}}

resource "aws_backup_vault_lock_configuration" "vault_{i}" {{
  backup_vault_name   = aws_backup_vault.vault_{i}.name
  changeable_for_days = 3
  min_retention_days  = 30
}}

resource "aws_db_instance" "db_{i}" {{{provider}
  identifier        = "db-{i}"
  engine            = "postgres"
  engine_version    = "{16 if i % 2 else 14}.2"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = {"true" if i % 3 else "false"}
}}
'''


HCL_HEADER = '''terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "region" {
  default = "eu-west-3"
}

locals {
  prefix = "bench-${var.region}"
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
'''


def write_hcl(folder: Path, resources: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(HCL_HEADER)
    units = resources // UNIT
    per_file = PER_FILE // UNIT
    for start in range(0, units, per_file):
        body = "".join(_hcl_unit(i) for i in range(start, min(units, start + per_file)))
        (folder / f"part_{start // per_file:05d}.tf").write_text(body)


def _plan_unit(i: int) -> tuple[list[dict], list[dict]]:
    """(resource_changes, configuration resources) for one unit."""
    key = "aws.us" if i % 10 == 0 else "aws"
    backup = "backup" if i % 7 == 0 else "data"

    def rc(addr: str, rtype: str, name: str, after: dict, unknown: dict | None = None) -> dict:
        return {"address": addr, "mode": "managed", "type": rtype, "name": name,
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["create"], "before": None, "after": after,
                           "after_unknown": unknown or {"id": True, "arn": True},
                           "before_sensitive": False, "after_sensitive": {}}}

    def conf(addr: str, rtype: str, name: str, refs: dict) -> dict:
        return {"address": addr, "mode": "managed", "type": rtype, "name": name, "provider_config_key": key,
                "expressions": {k: {"references": v} for k, v in refs.items()}, "schema_version": 0}

    b, s, v, lock, db = (f"aws_s3_bucket.data_{i}", f"aws_s3_bucket_server_side_encryption_configuration.data_{i}",
                         f"aws_backup_vault.vault_{i}", f"aws_backup_vault_lock_configuration.vault_{i}",
                         f"aws_db_instance.db_{i}")
    changes = [
        rc(b, "aws_s3_bucket", f"data_{i}", {"bucket": f"bench-data-{i}", "tags": {"team": "care", "hds-role": backup},
                                             "force_destroy": False}),
        rc(s, "aws_s3_bucket_server_side_encryption_configuration", f"data_{i}",
           {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms",
                                                                  "kms_master_key_id": None}],
                      "bucket_key_enabled": None}]}, {"bucket": True, "id": True}),
        rc(v, "aws_backup_vault", f"vault_{i}", {"name": f"vault-{i}", "force_destroy": False}),
        rc(lock, "aws_backup_vault_lock_configuration", f"vault_{i}",
           {"backup_vault_name": f"vault-{i}", "changeable_for_days": 3, "min_retention_days": 30,
            "max_retention_days": None}),
        rc(db, "aws_db_instance", f"db_{i}", {"identifier": f"db-{i}", "engine": "postgres",
                                               "engine_version": f"{16 if i % 2 else 14}.2",
                                               "instance_class": "db.t3.micro", "allocated_storage": 20,
                                               "storage_encrypted": bool(i % 3)}),
    ]
    configs = [
        conf(b, "aws_s3_bucket", f"data_{i}", {}),
        conf(s, "aws_s3_bucket_server_side_encryption_configuration", f"data_{i}", {"bucket": [f"{b}.id", b]}),
        conf(v, "aws_backup_vault", f"vault_{i}", {}),
        conf(lock, "aws_backup_vault_lock_configuration", f"vault_{i}", {"backup_vault_name": [f"{v}.name", v]}),
        conf(db, "aws_db_instance", f"db_{i}", {}),
    ]
    return changes, configs


def write_plan(path: Path, resources: int) -> None:
    changes: list[dict] = []
    configs: list[dict] = []
    for i in range(resources // UNIT):
        c, k = _plan_unit(i)
        changes += c
        configs += k
    planned = [{"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
                "provider_name": c["provider_name"], "schema_version": 0,
                "values": c["change"]["after"], "sensitive_values": {}} for c in changes]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "variables": {"region": {"value": "eu-west-3"}},
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
                        "expressions": {"region": {"references": ["var.region"]}}},
                "aws.us": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "alias": "us",
                           "expressions": {"region": {"constant_value": "us-east-1"}}},
            },
            "root_module": {"resources": configs, "variables": {"region": {"default": "eu-west-3"}}},
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan))


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path("bench/out")
    for n in (300, 1000, 10000):
        write_hcl(out / f"hcl_{n}", n)
    for n in (1000, 10000, 100000):
        write_plan(out / f"plan_{n}.json", n)
    print(f"written under {out}")


if __name__ == "__main__":
    main(sys.argv)
