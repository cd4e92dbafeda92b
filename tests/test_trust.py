"""A crash is never a pass, valid Terraform is read, the tree is the boundary, reports escape markup.

Each crash site of issue 13 has a regression test here (or in test_plan_loader.py for the plan
loader), and the crash corpus (tests/crash_corpus) is replayed through the CLI in every format.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import hcl2
import pytest

from hds_policies.catalog import DataError
from hds_policies.cli import main
from hds_policies.terraform import hcl_parser, parse_cache
from hds_policies.terraform.hcl_loader import parse_hcl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "crash_corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FORMATS = ("text", "json", "sarif", "markdown")


def scan(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["scan", str(path), "--as-of", "2026-11-22", *args])
    return code, out.getvalue(), err.getvalue()


def folder_with(tmp_path: Path, text: str, name: str = "main.tf") -> Path:
    folder = tmp_path / "tf"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hds-policies: error: "), err
    return lines[0][len("hds-policies: error: "):]


# --- the crash corpus ------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".tf", ".json") and p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_crash_corpus(name: str, tmp_path: Path):
    code_wanted, fragment = EXPECTED[name]
    source = CORPUS / name
    target = source
    if name.endswith(".tf"):
        target = tmp_path / "tf"
        target.mkdir()
        shutil.copy(source, target / "main.tf")
    for fmt in FORMATS:
        code, out, err = scan(target, "--format", fmt)
        assert code == code_wanted, err
        if code == 2:
            assert fragment in one_error(err) and out == ""
        else:
            assert err == "" and out


# --- crash sites, at their cause ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a = {", "x {\n a = {\n", "a = {b = 1", 'a = {"k" = [1, 2]'])
def test_file_ending_inside_an_object_is_declined_not_a_crash(text: str):
    """Regression: hcl_parser raised IndexError at the end of the tokens."""
    with pytest.raises(hcl_parser.Unsupported):
        hcl_parser.loads(text)


def test_tls_policy_given_as_a_list_or_map_is_unknown(tmp_path: Path):
    """Regression: `policy in frozenset` raised TypeError (unhashable list)."""
    code, out, _err = scan(_corpus_folder(tmp_path, "tls_policies_as_lists_and_maps.tf"), "--format", "json")
    assert code == 1
    messages = {(f["rule_id"], f["resource"]["address"]): (f["status"], f["message"])
                for f in json.loads(out)["findings"]}
    assert messages[("HDS_TLS_002", "aws_lb_listener.a")] == (
        "unknown", "Load balancer listener a: ssl_policy is not a policy name (ELBSecurityPolicy-2016-08)")
    assert messages[("HDS_TLS_002", "aws_lb_listener.b")] == (
        "unknown", "Load balancer listener b: ssl_policy is not a policy name ({'a': 1})")
    assert messages[("HDS_TLS_002", "google_compute_ssl_policy.f")][0] == "unknown"


def _corpus_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "tf"
    folder.mkdir()
    shutil.copy(CORPUS / name, folder / "main.tf")
    return folder


def test_parse_cache_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Regression: a cache entry holding a list (or a tree of another shape) crashed the loader."""
    monkeypatch.setenv("HDS_POLICIES_CACHE_DIR", str(tmp_path / "cache"))
    # The fast reader declines this (newline in a string inside an interpolation): the cache is used.
    text = 'locals {\n  v = "${join(",\n", ["a"])}"\n}\nresource "aws_s3_bucket" "b" {}\n'
    folder = folder_with(tmp_path, text)
    expected = hcl2.loads(text)
    for wrong in ([1, 2], {"resource": 5}, {"resource": [{"aws_s3_bucket": [1]}]}, "text"):
        digest = parse_cache.key(text)
        entry = tmp_path / "cache" / digest[:2] / f"{digest}.json"
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(json.dumps(wrong), encoding="utf-8")
        assert parse_hcl(folder / "main.tf") == expected
        code, _out, err = scan(folder, "--format", "json")
        assert code == 1 and err == ""


def _as_nobody(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HDS_POLICIES_CACHE": "off"}
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                           "hds_policies.cli", *args], capture_output=True, text=True, env=env, cwd="/",
                          timeout=120)


def _nobody_can_run_the_cli() -> bool:
    """The checkout and its environment must be readable by user nobody (a clone in a private
    temporary folder is not)."""
    return _as_nobody("--version").returncode == 0


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root to run the CLI as another user (root reads every folder)")
@pytest.mark.parametrize("mode", [0o000, 0o644], ids=["unreadable", "not-searchable"])
def test_unreadable_folder_is_one_error(mode: int):
    """Regression: PermissionError traceback (exit 1) on a folder the user may not read."""
    import tempfile

    if not _nobody_can_run_the_cli():
        pytest.skip(f"user nobody cannot run this checkout ({ROOT} or its venv is not readable by others)")

    base = Path(tempfile.mkdtemp(prefix="hds-perm-"))
    base.chmod(0o755)  # other users may reach the folder, not read it
    folder = folder_with(base, 'resource "aws_s3_bucket" "b" {}\n')
    folder.chmod(mode)
    try:
        proc = _as_nobody("scan", str(folder))
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)
    assert proc.returncode == 2, proc.stderr
    assert one_error(proc.stderr) == f"{folder}: cannot read the folder (Permission denied)"


def test_a_full_disk_leaves_no_half_written_report(tmp_path: Path):
    """--output into /dev/full (ENOSPC): one error, exit 2; a real file is replaced only when complete."""
    folder = folder_with(tmp_path, 'resource "aws_s3_bucket" "b" {}\n')
    code, out, err = scan(folder, "--output", "/dev/full")
    assert code == 2 and out == ""
    assert one_error(err) == "/dev/full: cannot write: No space left on device"


# --- valid HCL is read ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "same_as"), [
    ("n = 1e3\nm = 2.5E-1\nk = 3e+2\n", "n = 1000\nm = 0.25\nk = 300\n"),
    ("\ufeffa = 1\n", "a = 1\n"),
    ("a = <<EOT\r\nx\r\nEOT\r\n", "a = <<EOT\nx\nEOT\n"),
    ("a = <<E\nx\nE\nb = <<F\ny\nF\n", "a = <<EOT\nx\nEOT\nb = <<EOT\ny\nEOT\n"),
], ids=["exponents", "byte-order-mark", "crlf-heredoc", "one-letter-heredoc-names"])
def test_valid_terraform_the_reference_rejects_reads_as_its_equivalent(text: str, same_as: str):
    """The reference parser rejects these (valid Terraform); the tree is the reference's tree of the
    equivalent text."""
    with pytest.raises(Exception):  # noqa: B017 - lark raises several error types
        hcl2.loads(text)
    assert hcl_parser.loads(text) == hcl2.loads(same_as)


@pytest.mark.parametrize("text", [
    "a = <<EOT\nhello\n  world\nEOT\n",
    "a = <<-EOT\n    hello\n      world\n    EOT\n",
    "a = <<EOT\nhi ${var.x} and %{ if true }y%{ endif }\nEOT\n",
    "a = <<EOT\n\nx\n\nEOT\n",
    "a = jsonencode(<<EOT\n{}\nEOT\n)\n",
    "a = <<EOT\nEOTX\nEOT\n",
    "a = [<<EOT\nx\nEOT\n, <<-EOF\n  y\n  EOF\n]\n",
], ids=["plain", "indented", "templates", "blank-lines", "in-a-call", "name-inside", "in-a-list"])
def test_heredocs_of_every_form_as_the_reference_reads_them(text: str):
    assert hcl_parser.loads(text) == hcl2.loads(text)


def test_empty_heredoc_is_read():
    assert hcl_parser.loads("a = <<EOT\nEOT\n") == {"a": [""]}


@pytest.mark.parametrize("depth", [50, 250, 499])  # 499 brackets in a block: 500 levels
def test_deep_nesting_up_to_the_limit_is_read(depth: int, tmp_path: Path):
    text = ("locals {\n  x = " + "[" * depth + "]" * depth + "\n  y = " + "{a = " * depth + "1" + "}" * depth
            + "\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")
    code, out, err = scan(folder_with(tmp_path, text), "--format", "json")
    assert code == 1, err  # read: the bucket's findings
    assert json.loads(out)["summary"]["resources"] == 1


def test_nesting_beyond_the_limit_names_file_and_line(tmp_path: Path):
    depth = hcl_parser.MAX_NESTING + 1
    text = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nlocals {\n  x = ' + "[" * depth + "]" * depth + "\n}\n"
    folder = folder_with(tmp_path, text)
    code, _out, err = scan(folder, "--format", "json")
    assert code == 2
    assert one_error(err) == (f"{folder / 'main.tf'}: line 6: nested more than {hcl_parser.MAX_NESTING} levels "
                              "deep (the limit of hds-policies)")
    with pytest.raises(DataError, match="line 6: nested more than 500 levels deep"):
        parse_hcl(folder / "main.tf")


# --- the tree is the boundary ----------------------------------------------------------------------------


BUCKET = 'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n'


def test_symlinks_outside_the_tree_and_to_non_terraform_files_are_skipped(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.tf").write_text(BUCKET.format(name="outside_bucket") + "# SECRET-OUTSIDE-CONTENT\n")
    (outside / "notes.txt").write_text("SECRET-NOTES = {\n")
    root = folder_with(tmp_path, BUCKET.format(name="inside"))
    (root / "sub").mkdir()
    (root / "sub" / "shared.tf.txt").write_text("x")
    (root / "linked.tf").symlink_to(outside / "secret.tf")
    (root / "notes.tf").symlink_to(outside / "notes.txt")
    (root / "dir.tf").symlink_to(outside)
    (root / "broken.tf").symlink_to(tmp_path / "nowhere.tf")
    code, out, err = scan(root, "--format", "json")
    assert code == 1
    assert [f["resource"]["address"] for f in json.loads(out)["findings"]] == ["aws_s3_bucket.inside"] * len(
        json.loads(out)["findings"])
    assert err.splitlines() == [
        "hds-policies: warning: broken.tf: skipped (a symbolic link to nothing readable)",
        "hds-policies: warning: dir.tf: skipped (a symbolic link to something that is not a Terraform file)",
        "hds-policies: warning: linked.tf: skipped (a symbolic link to a file outside the scanned folder)",
        "hds-policies: warning: notes.tf: skipped (a symbolic link to something that is not a Terraform file)",
    ]
    assert "SECRET" not in out + err and str(outside) not in out + err


def test_symlink_inside_the_tree_is_read(tmp_path: Path):
    root = folder_with(tmp_path, BUCKET.format(name="a"))
    (root / "shared").mkdir()
    (root / "shared" / "b.tf").write_text(BUCKET.format(name="b"))
    (root / "b.tf").symlink_to(root / "shared" / "b.tf")
    code, out, err = scan(root, "--format", "json")
    assert code == 1 and err == ""
    files = {f["resource"]["address"]: f["resource"]["file"] for f in json.loads(out)["findings"]}
    assert files == {"aws_s3_bucket.a": "main.tf", "aws_s3_bucket.b": "b.tf"}


def test_local_module_outside_the_root_is_read_with_a_relative_path(tmp_path: Path):
    """Terraform reads a local module source wherever it is: so does the scan, and says where."""
    module = tmp_path / "modules" / "store"
    module.mkdir(parents=True)
    (module / "main.tf").write_text(BUCKET.format(name="kept"))
    (module / "evil.tf").symlink_to("/etc/passwd")
    root = folder_with(tmp_path, 'module "store" {\n  source = "../modules/store"\n}\n')
    code, out, err = scan(root, "--format", "json")
    assert code == 1
    files = {f["resource"]["address"]: f["resource"]["file"] for f in json.loads(out)["findings"]}
    shown = Path(os.path.relpath(module, Path.cwd())).as_posix()  # outside the scanned folder: from here
    assert files == {"module.store.aws_s3_bucket.kept": f"{shown}/main.tf"}
    assert err.splitlines() == [f"hds-policies: warning: {shown}/evil.tf: skipped (a symbolic link to "
                                "something that is not a Terraform file)"]
    assert "root:" not in out + err  # nothing of /etc/passwd


# --- reports escape what comes from the code ----------------------------------------------------------


def test_markdown_escapes_control_characters_and_markup(tmp_path: Path):
    text = ('provider "aws" {\n  region = "eu-west-3"\n}\n'
            'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = "\x1b[31m<b>x</b>|*y*`z`[l](u)\x07"\n}\n')
    code, out, err = scan(folder_with(tmp_path, text), "--format", "markdown")
    assert code == 1, err
    assert "\x1b" not in out and "\x07" not in out and "<b>" not in out
    line = next(line for line in out.splitlines() if "HDS_LOC_001" in line)
    assert "region '\\\\x1b\\[31m\\<b\\>x\\</b\\>\\|\\*y\\*\\`z\\`\\[l\\](u)\\\\x07' is not in the catalog" in line
    where = out.split("## Where the data is stored")[1]
    assert "| \\\\x1b\\[31m\\<b\\>x\\</b\\>\\|\\*y\\*\\`z\\`\\[l\\](u)\\\\x07 | `aws_s3_bucket.b` |" in where
