"""Bounded memory (issue 13): packed block bodies, the spill file, shared values, the JSON report written a
finding at a time. Each must change nothing the scan reports; the memory itself is measured in
bench/memory_bench.py (BENCHMARKS.md)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest

from hds_policies.catalog import DataError, load_catalog
from hds_policies.cli import formats
from hds_policies.engine import evaluate, summary
from hds_policies.model import SensitiveStr, Unknown
from hds_policies.report.json_report import json_chunks, render_json
from hds_policies.settings import settings_from_dict
from hds_policies.terraform import hcl_parser, hcl_shape, packed
from hds_policies.terraform.hcl_loader import HclLoader, load_hcl
from hds_policies.terraform.sharing import Sharer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terraform"


def _snapshot(folder: Path) -> list[tuple]:
    graph = load_hcl(folder, load_catalog())
    return [(r.address, r.type, r.name, r.provider, r.provider_key, r.attrs, r.file, r.line, r.module, r.mode,
             r.refs, r.skips) for r in graph.resources]


# --- packed bodies ----------------------------------------------------------------------------


def test_packed_bodies_unpack_to_the_parsed_ones():
    text = (FIXTURES / "aws_modules" / "main.tf").read_text(encoding="utf-8")
    plain = hcl_parser.loads(text, keep_parens=True)
    doc = hcl_parser.loads(text, keep_parens=True, each=packed.pack_bodies)
    hcl_shape.check(doc)
    assert doc.keys() == plain.keys()
    for kind in ("resource", "data"):
        for entry, original in zip(doc.get(kind, []), plain.get(kind, []), strict=True):
            assert isinstance(entry, packed.Packed)
            assert entry.kind == kind
            assert {entry.type: {entry.name: entry.body()}} == original
    assert doc["module"] == plain["module"]  # other blocks are left as parsed
    assert doc.get("provider") == plain.get("provider")


def test_a_body_marshal_cannot_hold_stays_as_parsed():
    heredoc = hcl_parser.Heredoc('"text"')  # a str subclass
    doc = {"resource": [{"aws_s3_bucket": {"b": {"bucket": [heredoc], "__start_line__": 1}}}]}
    packed.pack_bodies(doc)
    assert doc["resource"][0] == {"aws_s3_bucket": {"b": {"bucket": [heredoc], "__start_line__": 1}}}


def test_a_block_without_its_labels_is_not_packed_and_is_still_reported(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" {\n  bucket = "x"\n}\n', encoding="utf-8")
    with pytest.raises(DataError, match='`resource "aws_s3_bucket"` block needs two labels'):
        load_hcl(tmp_path, load_catalog())


def test_spilled_bodies_read_back_equal_and_stay_in_memory_when_the_file_cannot_be_written(monkeypatch):
    text = (FIXTURES / "aws_s3_encryption" / "main.tf").read_text(encoding="utf-8")
    bodies = [e.body() for e in hcl_parser.loads(text, each=packed.pack_bodies)["resource"]]
    doc = hcl_parser.loads(text, each=packed.pack_bodies)
    spill = packed.Spill()
    spill.keep(doc)
    assert all(isinstance(e.data, int) for e in doc["resource"])
    assert [e.body(spill) for e in doc["resource"]] == bodies
    spill.close()

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    class FullDisk(io.BytesIO):  # takes the bytes, then cannot write them out
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    for make in (refuse, lambda *_a, **_k: FullDisk()):
        monkeypatch.setattr(tempfile, "TemporaryFile", make)
        doc = hcl_parser.loads(text, each=packed.pack_bodies)
        spill = packed.Spill()
        spill.keep(doc)
        assert all(isinstance(e.data, bytes) for e in doc["resource"])
        assert [e.body(spill) for e in doc["resource"]] == bodies


@pytest.mark.parametrize("case", ["aws_modules", "aws_count_for_each", "aws_locals_refs", "aws_scope_skip",
                                  "secrets_everywhere", "aws_conditionals"])
def test_the_graph_is_the_same_whether_bodies_are_spilled_or_not(case, monkeypatch):
    spilled = _snapshot(FIXTURES / case)
    monkeypatch.setattr(packed.Spill, "keep", lambda self, doc: None)
    assert _snapshot(FIXTURES / case) == spilled


def test_the_spill_file_is_closed_when_loading_fails(tmp_path, monkeypatch):
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n'
                                      'module "m" {\n  count = 1\n}\n', encoding="utf-8")
    closed = []
    original = packed.Spill.close
    monkeypatch.setattr(packed.Spill, "close", lambda self: (closed.append(True), original(self)))
    with pytest.raises(DataError, match="module.m: no source"):
        HclLoader(tmp_path, load_catalog()).load()
    assert closed == [True]


# --- shared values ----------------------------------------------------------------------------


def test_equal_plain_values_are_held_once():
    sharer = Sharer()
    first = sharer.attrs({"rule": [{"algo": "aws:kms"}], "tags": {"team": "care"}})
    second = sharer.attrs({"rule": [{"algo": "aws:kms"}], "tags": {"team": "care"}})
    assert second == first
    assert second["rule"] is first["rule"] and second["tags"] is first["tags"]


def test_marked_unknown_and_differently_typed_values_are_never_merged():
    sharer = Sharer()
    secret = sharer.attrs({"tags": {"key": SensitiveStr("care")}})
    plain = sharer.attrs({"tags": {"key": "care"}})
    assert type(secret["tags"]["key"]) is SensitiveStr and str(secret["tags"]["key"]) == "(sensitive)"
    assert type(plain["tags"]["key"]) is str and plain["tags"] is not secret["tags"]
    flag = sharer.attrs({"v": [True]})
    one = sharer.attrs({"v": [1]})
    assert flag["v"][0] is True and one["v"][0] == 1 and one["v"][0] is not True
    a = sharer.attrs({"v": {"x": Unknown("var.a")}})
    b = sharer.attrs({"v": {"x": Unknown("var.a")}})
    assert a["v"] is not b["v"]


# --- report -----------------------------------------------------------------------------------


def _report() -> tuple[list, dict, object]:
    settings = settings_from_dict({}, "test")
    catalog = settings.catalog
    graph = load_hcl(FIXTURES / "demo_noncompliant", catalog)
    findings = evaluate(graph, settings)
    return findings, summary(graph, findings), catalog


def test_findings_come_in_address_then_rule_order():
    findings, _summary, _catalog = _report()
    assert len({f.rule_id for f in findings}) > 3
    assert findings == sorted(findings, key=lambda f: (f.resource.address, f.rule_id))


def test_json_written_a_finding_at_a_time_is_the_rendered_document(tmp_path):
    findings, summ, catalog = _report()
    text = render_json(findings, summ, catalog, "2026-01-01", extra={"baseline": {"new": 1}})
    assert "".join(json_chunks(findings, summ, catalog, "2026-01-01", extra={"baseline": {"new": 1}})) == text
    assert "".join(json_chunks([], summ, catalog, "2026-01-01")) == render_json([], summ, catalog, "2026-01-01")
    out = tmp_path / "report.json"
    targets = formats.parse_targets([f"json:{out}"], None, None, formats.names())
    formats.emit(targets, lambda _repo: formats.Report(findings, summ, catalog, "2026-01-01"))
    assert out.read_text(encoding="utf-8") == render_json(findings, summ, catalog, "2026-01-01") + "\n"


def test_json_is_written_whole_where_no_temporary_file_can_be(tmp_path, monkeypatch):
    findings, summ, catalog = _report()

    def refuse(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    out = tmp_path / "report.json"
    formats.emit(formats.parse_targets([f"json:{out}"], None, None, formats.names()),
                 lambda _repo: formats.Report(findings, summ, catalog, "2026-01-01"))
    assert out.read_text(encoding="utf-8") == render_json(findings, summ, catalog, "2026-01-01") + "\n"


def test_json_to_stdout_is_the_rendered_document(capsys):
    findings, summ, catalog = _report()
    formats.emit(formats.parse_targets(["json"], None, None, formats.names()),
                 lambda _repo: formats.Report(findings, summ, catalog, "2026-01-01"))
    assert capsys.readouterr().out == render_json(findings, summ, catalog, "2026-01-01") + "\n"
