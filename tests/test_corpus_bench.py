"""bench/corpus.py over a tiny synthetic repository: root detection, per-folder rows, the counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hds_policies.catalog import load_catalog

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402

# Issue 12: once scan reports module calls it cannot follow (a rule of the "coverage" family in the
# catalog), the unread registry call of `app` is an unknown of its own and `app` is no longer clean.
REPORTS_UNREAD_CALLS = any(rule.family == "coverage" for rule in load_catalog().rules.values())

SHARED = """
variable "name" {}

resource "aws_db_instance" "db" {
  identifier        = var.name
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}
"""

APP = """
provider "aws" {
  region = "eu-west-3"
}

module "shared" {
  source = "../modules/shared"
  name   = "app"
}

# module "old" { source = "terraform-aws-modules/s3-bucket/aws" }
module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 3.0"
  description = <<-EOT
    module "inside_a_heredoc" { source = "x/y/z" }
  EOT
}
"""

OTHER = """
variable "region" {}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "paris"
  region = var.region
}

module "shared" {
  source = "../modules/shared"
  name   = "other"
}

resource "aws_s3_bucket" "logs" {
  provider = aws.paris
  bucket   = "other-logs"
}
"""


def _tree(tmp_path: Path) -> Path:
    top = tmp_path / "infra"
    files = {
        "modules/shared/main.tf": SHARED,
        "app/main.tf": APP,
        "app/.terraform/modules/modules.json": json.dumps({"Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {"Key": "shared", "Source": "../modules/shared", "Dir": "../modules/shared"}]}),
        "other/main.tf": OTHER,
        ".hidden/main.tf": OTHER,  # hidden folders are not roots
        "app/.terraform/modules/kms/main.tf": OTHER,  # nor is anything under .terraform
    }
    for name, text in files.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text, encoding="utf-8")
    return top


def test_rows_and_counts_over_a_synthetic_repository(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    out = subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), str(top), "--json", "--repo", str(REPO)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    rows = report["rows"]
    for row in rows:
        assert 0 < row.pop("seconds") < 60
    app = {"repository": "infra", "folder": "app", "exit": 0, "crashed": False, "resources": 1, "failed": 0,
           "unknown": 0, "unknown_not_followed": 0, "unknown_after_apply": 0, "unknown_variable": 0,
           "unknown_expression": 0, "remote_calls": 1, "unread_calls": ["kms"],
           "clean_with_remote_calls": True, "clean_with_unread_calls": True, "error": ""}
    if REPORTS_UNREAD_CALLS:
        app.update(unknown=1, unknown_not_followed=1, clean_with_remote_calls=False, clean_with_unread_calls=False)
    other = {"repository": "infra", "folder": "other", "exit": 1, "crashed": False, "resources": 2,
             # HDS_LOC_001 on module.shared.aws_db_instance.db, HDS_LOC_002 on provider.aws (us-east-1),
             # HDS_TLS_004 on aws_s3_bucket.logs; unknown: HDS_LOC_001 and HDS_LOC_002 through var.region
             "failed": 3, "unknown": 2, "unknown_not_followed": 0, "unknown_after_apply": 0, "unknown_variable": 2,
             "unknown_expression": 0, "remote_calls": 0, "unread_calls": [],
             "clean_with_remote_calls": False, "clean_with_unread_calls": False, "error": ""}
    assert rows == [app, other]
    figures = report["repositories"]["infra"]
    assert (figures["folders"], figures["crashes"], figures["exit_codes"]) == (2, 0, {"0": 1, "1": 1})
    assert (figures["with_remote_calls"], figures["unread_calls"]) == (1, 1)
    assert figures["clean_with_unread_calls"] == (0 if REPORTS_UNREAD_CALLS else 1)

    table = subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), str(top), "--repo", str(REPO)],
                           capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert table[0] == corpus.HEADER
    assert table[2].startswith("| infra | 2 | 0 | 0:1 1:1 | ")
    assert table[2].endswith(" | 1 | 0 | 1 | 0 |" if REPORTS_UNREAD_CALLS else " | 1 | 1 | 1 | 1 |")


def test_module_calls_read_from_hcl_and_json(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(APP, encoding="utf-8")
    (tmp_path / "gen.tf.json").write_text(json.dumps({"module": {
        "net": {"source": "terraform-google-modules/network/google"},
        "local": [{"source": "./sub"}], "dyn": {"source": "${var.x}"}}}), encoding="utf-8")
    assert corpus.module_calls(tmp_path) == [
        ("net", "terraform-google-modules/network/google"), ("local", "./sub"), ("dyn", None),
        ("shared", "../modules/shared"), ("kms", "terraform-aws-modules/kms/aws")]


def test_unknown_causes_from_real_messages() -> None:
    def cause(rule_id: str, message: str) -> str:
        return corpus.unknown_cause({"rule_id": rule_id, "status": "unknown", "message": message})

    assert cause("HDS_COV_001", "module call kms: source terraform-aws-modules/kms/aws") == "not_followed"
    assert cause("HDS_LOC_001", "module.kms not followed, run terraform init") == "not_followed"
    assert cause("HDS_LOC_001", "S3 bucket b: region cannot be determined (aws_s3_bucket.a.region, "
                 "known after apply)") == "after_apply"
    assert cause("HDS_LOC_001", "Cloud SQL instance default: region cannot be determined from the code (var.region)") \
        == "variable"
    assert cause("HDS_LOC_001", "Public Cloud managed database grafana: region cannot be determined from the code "
                 "(var.db_engine.region)") == "variable"
    assert cause("HDS_LOC_001", "Cloud SQL instance replicas: region cannot be determined from the code "
                 '(${join("-",slice(split("-",lookup(each.value,"zone",var.zone)),0,2))})') == "expression"
    assert cause("HDS_LOC_001", "azapi_resource this: region cannot be determined from the code "
                 "(random_integer.region_index.result)") == "expression"


def test_corpus_init_writes_modules_json_as_terraform_init(tmp_path: Path) -> None:
    files = {
        "sources/acme+terraform-aws-store/main.tf":
            'module "key" {\n source = "acme/key/aws"\n}\nmodule "inner" {\n source = "./modules/inner"\n}\n',
        "sources/acme+terraform-aws-store/modules/inner/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
        "sources/acme+terraform-aws-store/modules/part/main.tf": 'module "deep" {\n source = "../inner"\n}\n',
        "repo/app/main.tf": 'module "local" {\n source = "../mods/a"\n}\n'
                            'module "store" {\n source = "acme/store/aws"\n}\n'
                            'module "part" {\n source = "registry.terraform.io/acme/store/aws//modules/part"\n}\n'
                            'module "gone" {\n source = "acme/missing/aws"\n}\n',
        "repo/mods/a/main.tf": 'module "nested" {\n source = '
                               '"git::https://github.com/acme/terraform-aws-store.git//modules/inner?ref=v1"\n}\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "sources" / "acme+terraform-aws-store"
    git = ["git", "-C", str(store), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"], ["tag", "v2.1.0"]):
        subprocess.run(git + args, check=True, capture_output=True)

    out = subprocess.run([sys.executable, str(REPO / "bench" / "corpus_init.py"), "--sources",
                          str(tmp_path / "sources"), str(tmp_path / "repo")],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert out == "repo/app: 6 modules; left out: gone, store.key\n"
    app = tmp_path / "repo" / "app"
    registry = {"Source": "registry.terraform.io/acme/store/aws", "Version": "2.1.0"}
    git_source = "git::https://github.com/acme/terraform-aws-store.git//modules/inner?ref=v1"
    assert json.loads((app / ".terraform/modules/modules.json").read_text()) == {"Modules": [
        {"Key": "", "Source": "", "Dir": "."},
        {"Key": "local", "Source": "../mods/a", "Dir": "../mods/a"},
        {"Key": "local.nested", "Source": git_source, "Dir": ".terraform/modules/local.nested/modules/inner"},
        {"Key": "part", **registry, "Source": registry["Source"] + "//modules/part",
         "Dir": ".terraform/modules/part/modules/part"},
        {"Key": "part.deep", "Source": "../inner", "Dir": ".terraform/modules/part/modules/inner"},
        {"Key": "store", **registry, "Dir": ".terraform/modules/store"},
        {"Key": "store.inner", "Source": "./modules/inner", "Dir": ".terraform/modules/store/modules/inner"},
    ]}
    assert (app / ".terraform/modules/store/modules/inner/main.tf").is_file()
    assert not (app / ".terraform/modules/store/.git").exists()
    assert sorted(p.name for p in (app / ".terraform").iterdir()) == ["modules"]
    # what bench/corpus.py reads back: every remote call, and those modules.json does not list
    assert corpus.walk_calls(app) == (["gone", "local.nested", "part", "store", "store.key"], ["gone", "store.key"])
    assert corpus.find_roots(tmp_path / "repo") == [app]
