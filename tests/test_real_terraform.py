"""Real Terraform shapes (issue 12): registry and git modules through .terraform/modules/modules.json,
calls not followed, module count/for_each, dynamic blocks, whole repositories, *.tf.json, copies
routed through module inputs, file paths. The real CLI runs in a subprocess; findings are exact."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hds_policies.catalog import load_catalog
from hds_policies.terraform import load_graphs
from hds_policies.terraform.roots import find_roots

ROOT = Path(__file__).resolve().parent.parent
TF = ROOT / "fixtures" / "terraform"
AS_OF = "2026-12-01"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "hds_policies.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def scan_json(path: Path, cwd: Path = ROOT) -> dict:
    proc = run("scan", path, "--format", "json", "--as-of", AS_OF, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def triples(doc: dict) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["address"], f["status"]) for f in doc["findings"]}


REGISTRY = {
    ("HDS_COV_001", "module.audit_trail", "unknown"),
    ("HDS_TLS_004", 'module.buckets["archive"].aws_s3_bucket.this', "failed"),
    ("HDS_LOC_001", 'module.buckets["exports"].aws_s3_bucket.this', "failed"),
    ("HDS_TLS_004", 'module.buckets["exports"].aws_s3_bucket.this', "failed"),
    ("HDS_ENC_001", "module.db.aws_db_instance.this", "failed"),
    ("HDS_TLS_003", "module.db.aws_db_instance.this", "unknown"),
    ("HDS_LOC_001", "module.sql.google_sql_database_instance.default", "failed"),
    ("HDS_TLS_003", "module.sql.google_sql_database_instance.default", "failed"),
}


def test_registry_modules_are_followed_through_modules_json():
    doc = scan_json(TF / "registry_modules")
    assert triples(doc) == REGISTRY
    # module.replica: count = (true && false) ? 1 : 0; module.node_group: for_each over a null default.
    assert not any("replica" in f["resource"]["address"] or "node_group" in f["resource"]["address"]
                   for f in doc["findings"])
    assert doc["summary"] == {"resources": 7, "failed": 6, "unknown": 2, "skipped": 0, "modules_not_followed": 1}
    files = {f["resource"]["address"]: (f["resource"]["file"], f["resource"]["line"]) for f in doc["findings"]}
    assert files["module.db.aws_db_instance.this"] == (".terraform/modules/db/main.tf", 22)
    assert files["module.audit_trail"] == ("main.tf", 56)
    sql = next(f for f in doc["findings"] if f["rule_id"] == "HDS_TLS_003" and "sql" in f["resource"]["address"])
    assert "ALLOW_UNENCRYPTED_AND_ENCRYPTED" in sql["message"]  # set through a dynamic block


def test_nested_module_inside_a_registry_module_is_read():
    graphs = load_graphs(TF / "registry_modules", load_catalog())
    addresses = {r.address for r in graphs[0].resources}
    assert "module.db.module.subnet_group[0].aws_db_subnet_group.this" in addresses


def test_not_initialised_every_remote_call_is_an_unknown_and_never_a_clean_bill(tmp_path):
    folder = tmp_path / "app"
    shutil.copytree(TF / "registry_modules", folder, ignore=shutil.ignore_patterns(".terraform"))
    doc = scan_json(folder)
    cov = {(f["resource"]["address"], f["status"]) for f in doc["findings"] if f["rule_id"] == "HDS_COV_001"}
    assert cov == {("module.db", "unknown"), ("module.sql", "unknown"), ("module.audit_trail", "unknown")}
    assert all("run `terraform init`" in f["message"] for f in doc["findings"] if f["rule_id"] == "HDS_COV_001")
    assert doc["summary"]["modules_not_followed"] == 3
    text = run("scan", folder, "--as-of", AS_OF)
    assert "No HDS findings" not in text.stdout
    assert "3 module calls not followed (what they create is not checked): run `terraform init`, or scan the plan" \
        in text.stdout


def test_only_remote_calls_and_nothing_else_is_not_a_clean_bill(tmp_path):
    (tmp_path / "main.tf").write_text('module "kms" {\n  source = "terraform-aws-modules/kms/aws"\n}\n')
    proc = run("scan", tmp_path, "--as-of", AS_OF)
    assert proc.returncode == 0  # unknown is not a failure…
    assert "No HDS findings" not in proc.stdout  # …but never a clean bill
    assert "HDS_COV_001" in proc.stdout and "module.kms" in proc.stdout
    assert "1 module call not followed" in proc.stdout


REPO = {
    ("HDS_ENC_001", "aws_db_instance.records", "failed", "generated/main.tf.json"),
    ("HDS_TLS_004", "aws_s3_bucket.dr", "failed", "infra/dev/main.tf"),
    ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "failed", "modules/store/main.tf"),
    ("HDS_LOC_001", "aws_s3_bucket.dr", "failed", "infra/prod/main.tf"),
    ("HDS_TLS_004", "aws_s3_bucket.dr", "failed", "infra/prod/main.tf"),
    ("HDS_LOC_003", "module.store.aws_s3_bucket.this", "failed", "modules/store/main.tf"),
    ("HDS_LOC_003", "module.store.aws_s3_bucket_replication_configuration.this", "failed", "modules/store/main.tf"),
    ("HDS_LOC_002", "provider.aws.dr", "failed", "infra/prod/main.tf"),
}


def test_a_whole_repository_scans_each_root_once_and_modules_through_their_callers():
    assert [p.relative_to(TF / "repo_roots").as_posix() for p in find_roots(TF / "repo_roots")] == [
        "generated", "infra/dev", "infra/prod"]  # modules/store is called: not a root
    doc = scan_json(TF / "repo_roots")
    got = {(f["rule_id"], f["resource"]["address"], f["status"], f["resource"]["file"]) for f in doc["findings"]}
    assert got == REPO
    # The replication's destination comes through the module input replica_arn (prod: us-west-2);
    # dev replicates to a bucket in eu-west-3: no HDS_LOC_003 there.
    assert doc["summary"]["resources"] == 10  # 2 generated, 4 in dev, 4 in prod (module resources per caller)


def test_module_outside_the_scanned_folder_is_reported_relative_to_the_working_folder():
    doc = scan_json(Path("fixtures/terraform/repo_roots/infra/prod"))
    files = {f["resource"]["file"] for f in doc["findings"]}
    assert files == {"main.tf", "fixtures/terraform/repo_roots/modules/store/main.tf"}


def test_tf_json_reads_like_hcl():
    graph = load_graphs(TF / "repo_roots" / "generated", load_catalog())[0]
    db = next(r for r in graph.resources if r.address == "aws_db_instance.records")
    assert db.attrs["identifier"] == "records-prod" and db.attrs["storage_encrypted"] is False
    vol = next(r for r in graph.resources if r.address == "aws_ebs_volume.scratch")
    assert vol.attrs["tags"] == {"hds-scope": "in"} and vol.attrs["encrypted"] is True


def test_dynamic_block_over_an_unknown_collection_is_unknown_not_unset(tmp_path):
    (tmp_path / "main.tf").write_text('''
provider "google" {
  region = "europe-west9"
}
variable "ip" {}
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    dynamic "ip_configuration" {
      for_each = var.ip
      content {
        ssl_mode = ip_configuration.value.ssl_mode
      }
    }
  }
}
resource "google_sql_database_instance" "known" {
  name             = "known"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    dynamic "ip_configuration" {
      for_each = { main = { mode = "ENCRYPTED_ONLY" } }
      content {
        ssl_mode = ip_configuration.value.mode
      }
    }
  }
}
''')
    doc = run("scan", tmp_path, "--format", "json", "--as-of", AS_OF, "--show-passed")
    found = {(f["rule_id"], f["resource"]["address"], f["status"]) for f in json.loads(doc.stdout)["findings"]
             if f["rule_id"] == "HDS_TLS_003"}
    assert found == {("HDS_TLS_003", "google_sql_database_instance.db", "unknown"),
                     ("HDS_TLS_003", "google_sql_database_instance.known", "passed")}


def test_sensitive_values_derived_in_hcl_never_printed(tmp_path):
    (tmp_path / "main.tf").write_text('''
variable "tenant" {
  default   = "Clinique-Nord"
  sensitive = true
}
variable "zone" {
  default   = "US-EAST-1"
  sensitive = true
}
provider "aws" {
  region = lower(var.zone)
}
resource "aws_s3_bucket" "b" {
  bucket = format("%s-records", lower(var.tenant))
}
''')
    for fmt in ("text", "json", "sarif", "markdown"):
        proc = run("scan", tmp_path, "--format", fmt, "--as-of", AS_OF)
        assert proc.returncode == 1, proc.stderr
        out = (proc.stdout + proc.stderr).lower()
        assert "clinique" not in out and "us-east-1" not in out, fmt
        assert "(sensitive)" in proc.stdout, fmt


def test_encryption_configuration_linked_through_a_conditional(tmp_path):
    (tmp_path / "main.tf").write_text('''
provider "aws" {
  region = "eu-west-3"
}
variable "create" {
  default = true
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_s3_bucket" "this" {
  count  = var.create ? 1 : 0
  bucket = "hds-records"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.create ? 1 : 0
  bucket = var.create ? aws_s3_bucket.this[0].id : null
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF, "--show-passed").stdout)
    enc = [(f["resource"]["address"], f["status"], f["message"]) for f in doc["findings"]
           if f["rule_id"] == "HDS_ENC_001"]
    assert enc == [("aws_s3_bucket.this", "passed",
                    "S3 bucket this encrypted with aws:kms (aws_s3_bucket_server_side_encryption_configuration.this)")]


def test_optional_object_attributes_are_null_or_their_default(tmp_path):
    (tmp_path / "main.tf").write_text('''
provider "azurerm" {
  features {}
}
variable "location" {
  default = "francecentral"
}
variable "accounts" {
  type = map(object({
    name     = string
    location = optional(string)
    tls      = optional(string, "TLS1_2")
  }))
  default = {
    main = { name = "hdsmain" }
    us   = { name = "hdsus", location = "eastus", tls = "TLS1_0" }
  }
}
resource "azurerm_storage_account" "this" {
  for_each                 = var.accounts
  name                     = each.value.name
  resource_group_name      = "rg"
  location                 = each.value.location != null ? each.value.location : var.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = each.value.tls
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF).stdout)
    got = {(f["rule_id"], f["resource"]["address"], f["status"]) for f in doc["findings"]
           if f["rule_id"] in ("HDS_LOC_001", "HDS_TLS_001", "HDS_TLS_002")}
    assert got == {("HDS_LOC_001", 'azurerm_storage_account.this["us"]', "failed"),
                   ("HDS_TLS_002", 'azurerm_storage_account.this["us"]', "failed")}


def test_a_region_picked_at_random_from_a_list_is_judged_by_every_candidate(tmp_path):
    (tmp_path / "main.tf").write_text('''
variable "us_regions" {
  default = ["us-east-1", "us-west-2"]
}
variable "eu_regions" {
  default = ["eu-west-3", "eu-central-1"]
}
resource "random_integer" "i" {
  min = 0
  max = 1
}
resource "random_shuffle" "mixed" {
  input        = ["eu-west-3", "us-east-1"]
  result_count = 1
}
resource "aws_s3_bucket" "us" {
  bucket = "a"
  region = element(var.us_regions, random_integer.i.result)
}
resource "aws_s3_bucket" "eu" {
  bucket = "b"
  region = var.eu_regions[random_integer.i.result]
}
resource "aws_s3_bucket" "mixed" {
  bucket = "c"
  region = random_shuffle.mixed.result[0]
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF, "--show-passed").stdout)
    got = {f["resource"]["address"]: (f["status"], f["message"]) for f in doc["findings"]
           if f["rule_id"] == "HDS_LOC_001"}
    assert {a: s for a, (s, _) in got.items()} == {"aws_s3_bucket.us": "failed", "aws_s3_bucket.eu": "passed",
                                                   "aws_s3_bucket.mixed": "unknown"}
    assert "region chosen among us-east-1, us-west-2, every one outside the EEA" in got["aws_s3_bucket.us"][1]


def test_scan_changed_on_a_module_file_scans_the_roots_that_call_it():
    repo = TF / "repo_roots"
    proc = run("scan-changed", "modules/store/main.tf", "--format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "modules/store: a module, scanned through the root modules that call it: infra/dev, infra/prod" \
        in proc.stderr
    got = [(f["rule_id"], f["resource"]["address"], f["status"], f["resource"]["file"])
           for f in json.loads(proc.stdout)["findings"]]
    assert sorted(got) == sorted([
        ("HDS_TLS_004", "aws_s3_bucket.dr", "failed", "infra/dev/main.tf"),
        ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "failed", "modules/store/main.tf"),
        ("HDS_LOC_001", "aws_s3_bucket.dr", "failed", "infra/prod/main.tf"),
        ("HDS_TLS_004", "aws_s3_bucket.dr", "failed", "infra/prod/main.tf"),
        ("HDS_LOC_003", "module.store.aws_s3_bucket.this", "failed", "modules/store/main.tf"),
        ("HDS_LOC_003", "module.store.aws_s3_bucket_replication_configuration.this", "failed",
         "modules/store/main.tf"),
        ("HDS_TLS_004", "module.store.aws_s3_bucket.this", "failed", "modules/store/main.tf"),
        ("HDS_LOC_002", "provider.aws.dr", "failed", "infra/prod/main.tf"),
    ])


def test_checkov_wrapper_says_which_tf_json_files_its_checks_do_not_judge():
    from hds_policies.checkov.wrapper import unjudged_json

    folder = str(TF / "repo_roots")
    assert unjudged_json(["-d", folder], all_checks=False) == [
        f"{folder}: 1 *.tf.json file(s) not judged by the Checkov checks (Checkov reads them apart, without "
        f"a graph): run `hds-policies scan {folder}`"]
    assert unjudged_json(["-d", str(TF / "registry_modules")], all_checks=False) == []


def test_rds_replica_created_by_a_module_in_another_region_is_a_copy_outside_the_eea(tmp_path):
    (tmp_path / "modules" / "replica").mkdir(parents=True)
    (tmp_path / "main.tf").write_text('''
provider "aws" {
  region = "eu-west-3"
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_db_instance" "primary" {
  identifier        = "records"
  engine            = "postgres"
  engine_version    = "16.4"
  instance_class    = "db.t4g.medium"
  allocated_storage = 20
  storage_encrypted = true
}
module "replica" {
  source    = "./modules/replica"
  providers = { aws = aws.us }
  source_db = aws_db_instance.primary.arn
}
''')
    (tmp_path / "modules" / "replica" / "main.tf").write_text('''
variable "source_db" {}
resource "aws_db_instance" "this" {
  identifier          = "records-replica"
  replicate_source_db = var.source_db
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF).stdout)
    assert triples(doc) == {("HDS_LOC_003", "aws_db_instance.primary", "failed"),
                            ("HDS_LOC_001", "module.replica.aws_db_instance.this", "failed"),
                            ("HDS_LOC_002", "provider.aws.us", "failed")}
    loc3 = next(f for f in doc["findings"] if f["rule_id"] == "HDS_LOC_003")
    assert loc3["message"] == ("RDS DB instance primary is replicated by module.replica.aws_db_instance.this: "
                               "RDS DB instance this, a replica of primary, in us-east-1 (United States), "
                               "outside the EEA")


def test_azapi_child_without_location_is_where_its_parent_is(tmp_path):
    (tmp_path / "modules" / "container").mkdir(parents=True)
    (tmp_path / "main.tf").write_text('''
resource "azapi_resource" "rg" {
  type      = "Microsoft.Resources/resourceGroups@2024-03-01"
  name      = "rg-records"
  location  = "eastus"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
}
resource "azapi_resource" "vnet" {
  type      = "Microsoft.Network/virtualNetworks@2024-01-01"
  name      = "vnet"
  parent_id = azapi_resource.rg.id
}
resource "azapi_resource" "account" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "records"
  location  = "francecentral"
  parent_id = azapi_resource.rg.id
}
module "container" {
  source     = "./modules/container"
  account_id = azapi_resource.account.id
}
resource "azapi_resource" "orphan" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-01-01"
  name      = "subnet"
  parent_id = var.existing_vnet_id
}
variable "existing_vnet_id" {}
''')
    (tmp_path / "modules" / "container" / "main.tf").write_text('''
variable "account_id" {}
resource "azapi_resource" "this" {
  type      = "Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01"
  name      = "scans"
  parent_id = "${var.account_id}/blobServices/default"
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF, "--show-passed").stdout)
    got = {f["resource"]["address"]: f["status"] for f in doc["findings"] if f["rule_id"] == "HDS_LOC_001"}
    assert got == {"azapi_resource.rg": "failed", "azapi_resource.vnet": "failed",  # eastus, its parent's
                   "azapi_resource.account": "passed", "module.container.azapi_resource.this": "passed",
                   "azapi_resource.orphan": "unknown"}


def test_backup_copy_action_to_a_vault_passed_through_a_module_input(tmp_path):
    (tmp_path / "modules" / "plan").mkdir(parents=True)
    (tmp_path / "main.tf").write_text('''
provider "aws" {
  region = "eu-west-3"
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_backup_vault" "main" {
  name = "main"
}
resource "aws_backup_vault" "dr" {
  provider = aws.us
  name     = "dr"
}
module "plan" {
  source       = "./modules/plan"
  vault        = aws_backup_vault.main.name
  dr_vault_arn = aws_backup_vault.dr.arn
}
''')
    (tmp_path / "modules" / "plan" / "main.tf").write_text('''
variable "vault" {}
variable "dr_vault_arn" {}
resource "aws_backup_plan" "this" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = var.vault
    schedule          = "cron(0 3 * * ? *)"
    copy_action {
      destination_vault_arn = var.dr_vault_arn
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:123456789012:backup-vault:frankfurt"
    }
  }
}
''')
    doc = json.loads(run("scan", tmp_path, "--format", "json", "--as-of", AS_OF).stdout)
    loc3 = [(f["resource"]["address"], f["status"], f["message"]) for f in doc["findings"]
            if f["rule_id"] == "HDS_LOC_003"]
    assert loc3 == [("module.plan.aws_backup_plan.this", "failed",
                     "AWS Backup plan this copies backups to vault dr in us-east-1 (United States), outside the EEA")]
