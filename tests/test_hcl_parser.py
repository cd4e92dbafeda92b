"""The fast HCL reader against the reference parser (bc-python-hcl2, also Checkov's): same trees."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import hcl2
import pytest
from lark.exceptions import LarkError

from hds_policies.catalog import DataError
from hds_policies.terraform import hcl_parser
from hds_policies.terraform.hcl_loader import parse_hcl

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "hcl_corpus"
SOURCES = sorted(
    p for base in (ROOT / "fixtures", ROOT / "examples", CORPUS)
    for p in base.rglob("*") if p.suffix in (".tf", ".tfvars") and "malformed" not in p.parts
)
MALFORMED = sorted((CORPUS / "malformed").glob("*.tf"))


def _bench_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_is_there():
    assert len(SOURCES) > 70 and len(MALFORMED) >= 6


# Files whose quirks the fast reader declines on purpose (the reference parser reads them).
DECLINED = {"14_comments.tf"}  # a comment right after a for expression's ':' shows in the reference text


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_tree_as_the_reference_parser(path: Path):
    text = path.read_text(encoding="utf-8")
    assert parse_hcl(path) == hcl2.loads(text)
    if path.name in DECLINED:
        with pytest.raises(hcl_parser.Unsupported):
            hcl_parser.loads(text)
    else:
        assert hcl_parser.loads(text) == hcl2.loads(text)  # no fallback: the fast reader handled it


def test_same_tree_on_the_benchmark_input(tmp_path: Path):
    _bench_generator().write_hcl(tmp_path, 300)
    for path in sorted(tmp_path.glob("*.tf")):
        text = path.read_text()
        assert hcl_parser.loads(text) == hcl2.loads(text), path.name


SNIPPETS = {
    "object keys": 'o = { var.x = 1, (var.y) = 2, "${var.z}" = 3, k: 4, "q" = "${a}", 5 = 6 }',
    "for tuple over lines": 't = [\n  for k, v in var.m :\n  upper(v) # c\n  if v != ""\n]',
    "for object grouping": "s = {for k, v in var.m : k => v...}",
    "comments inside for object": "p = {\n  # keys\n  for r in var.x :\n  r.a => r.b // only b\n  if r.c\n}",
    "conditional over lines": "c = var.a\n  ? 1\n  : 2",
    "operator after newline": "g = a\n  + b",
    "parentheses dropped": "w = (a + b) * c",
    "literals inside expressions": 'u = a == null ? "a" : true',
    "function argument reprs": 'z = f(1, "s", [1, "a"], {a = "b"}, true, null, 1.50, -1)',
    "expansion and trailing comma": "f = [f(a...), g(a,)]",
    "provider function": 'n = provider::aws::arn_parse("x")',
    "splats": 'r = [a.b["c"].d[*].e, a.*.b.c, f(x)[0]]',
    "legacy index keeps one digit": "j = [x.0.y, x.12]",
    "escapes kept": r'h = ["a\\\"b", "C:\\", "tab\tq\"x\""]',
    "interpolation with quotes": 'q = ["a ${lookup(var.m, "k")} b", "${x}", "${a}-${b}", "$${lit}"]',
    "template directive": 'e = "%{ if x }a%{ endif }"',
    "escaped interpolation": r'e = ["$${projects[\"test-00\"].id}/x", "a$${b}${c}"]',
    "numbers": "n = [010, 1.50, 0.25, -3]",
    "unary": "o = [!var.b, -var.n]",
    "heredoc": "s = <<EOT\nx\n\n  ${y}\nEOT\n",
    "indented heredoc": "b = <<-EOT\n    a\n      b\n    EOT\n",
    "heredoc as argument": "j = jsonencode(<<EOT\n{}\nEOT\n)",
    "block comment": 'q = "a" /* c */\nr = 1 /* multi\nline */',
    "empty collections": "l = {}\nm = []\nk {}\n",
    "repeated attribute lists extend": "a = [1]\na = [2, 3]\nb = 1\nb = 2",
    "labels": 'x "a" b "c" {\n  y = 1\n}\nresource "t" "n" "extra" {\n}\nlocals {\n}\nmodule "m" {\n}',
    "nested blocks": "a {\n  b {\n    c = 1\n  }\n  b {\n    c = 2\n  }\n}",
}


@pytest.mark.parametrize("text", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_same_tree_on_syntax_snippets(text: str):
    wrapped = f'resource "t" "n" {{\n{text}\n}}\n'
    assert hcl_parser.loads(wrapped) == hcl2.loads(wrapped)


def test_lines_of_labelled_blocks():
    tree = hcl_parser.loads('# c\n\nresource "a" "b" {\n  x = 1\n\n}\nvariable "v" {}\n')
    body = tree["resource"][0]["a"]["b"]
    assert (body["__start_line__"], body["__end_line__"]) == (3, 6)
    assert tree["variable"][0]["v"] == {"__start_line__": 7, "__end_line__": 7}


@pytest.mark.parametrize("text", ["t = [for s in x : # shown by the reference\n s]\n",
                                  "t = [for s in x : s if\n\n s]\n", 'u = "multi\nline"\n',
                                  "a = = 1\n", "a {\n", "}\n", "a = @\n", "s = <<EOT\nnever closed\n"])
def test_declines_what_it_does_not_read(text: str):
    with pytest.raises(hcl_parser.Unsupported):
        hcl_parser.loads(text)


def test_falls_back_to_the_reference_parser(tmp_path: Path):
    # A newline inside a string nested in an interpolation: the reference grammar accepts it.
    text = 'locals {\n  v = "${join(",\n", var.x)}"\n}\n'
    with pytest.raises(hcl_parser.Unsupported):
        hcl_parser.loads(text)
    tf = tmp_path / "main.tf"
    tf.write_text(text)
    assert parse_hcl(tf) == hcl2.loads(text)
    assert parse_hcl(tf)["locals"][0]["v"] == ['${join(",\n", var.x)}']


def test_what_the_reference_rejects_is_read_leniently(tmp_path: Path):
    # Valid Terraform the reference grammar rejects: a newline before `.attr` inside parentheses, and a
    # comment after a for expression's ':' (which the strict reading declines: the reference would show it).
    text = 'locals {\n  a = { for k, v in var.m : # keys\n    k => v }\n  b = (\n    var.x\n    .y\n  )\n}\n'
    with pytest.raises((ValueError, LarkError)):
        hcl2.loads(text)
    with pytest.raises(hcl_parser.Unsupported):
        hcl_parser.loads(text)
    tf = tmp_path / "main.tf"
    tf.write_text(text)
    assert parse_hcl(tf)["locals"][0] == {"a": ["${{for k , v in var.m : k => v}}"], "b": ["${var.x.y}"],
                                          "__start_line__": 1, "__end_line__": 8}


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_malformed_files_are_one_line_errors(path: Path, tmp_path: Path):
    text = path.read_text(encoding="utf-8")
    with pytest.raises(hcl_parser.Unsupported):
        hcl_parser.loads(text)
    with pytest.raises((ValueError, LarkError)):  # the reference parser rejects it too
        hcl2.loads(text)
    with pytest.raises(DataError) as err:
        parse_hcl(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "malformed HCL" in message and "\n" not in message
