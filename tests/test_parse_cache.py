"""The parse cache of the reference parser's trees (files the fast reader declines): reused when the
content is unchanged, ignored when broken or disabled."""

from __future__ import annotations

from pathlib import Path

import pytest

from hds_policies.terraform import parse_cache
from hds_policies.terraform.hcl_loader import parse_hcl

# A newline in a string nested in an interpolation: the fast reader declines it, the reference reads it.
TF = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = { t = "${join(",\n", var.x)}" }\n}\n'


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HDS_POLICIES_CACHE_DIR", str(folder))
    monkeypatch.delenv("HDS_POLICIES_CACHE", raising=False)
    return folder


def _entry(cache_dir: Path) -> Path:
    digest = parse_cache.key(TF)
    return cache_dir / digest[:2] / f"{digest}.json"


def test_second_parse_comes_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    tf = tmp_path / "main.tf"
    tf.write_text(TF)
    first = parse_hcl(tf)
    assert _entry(cache_dir).exists()
    # Prove the cache is read: change the cached entry and see it come back.
    _entry(cache_dir).write_text('{"resource": [{"aws_s3_bucket": {"cached": {}}}]}')
    assert parse_hcl(tf) == {"resource": [{"aws_s3_bucket": {"cached": {}}}]}
    assert first["resource"][0]["aws_s3_bucket"]["b"]["bucket"] == ["x"]


def test_broken_entry_is_ignored_and_rewritten(tmp_path: Path, cache_dir: Path) -> None:
    tf = tmp_path / "main.tf"
    tf.write_text(TF)
    parse_hcl(tf)
    _entry(cache_dir).write_text("{not json")
    assert parse_hcl(tf)["resource"][0]["aws_s3_bucket"]["b"]["bucket"] == ["x"]
    assert _entry(cache_dir).read_text().startswith("{")


def test_cache_off_writes_nothing(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDS_POLICIES_CACHE", "off")
    tf = tmp_path / "main.tf"
    tf.write_text(TF)
    parse_hcl(tf)
    assert not cache_dir.exists()


def test_what_the_fast_reader_reads_is_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    tf = tmp_path / "main.tf"
    tf.write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
    assert parse_hcl(tf)["resource"][0]["aws_s3_bucket"]["b"]["bucket"] == ["x"]
    assert not cache_dir.exists()


def test_malformed_hcl_is_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    tf = tmp_path / "main.tf"
    tf.write_text('resource "aws_s3_bucket" "b" {\n  bucket = \n')
    from hds_policies.catalog import DataError

    with pytest.raises(DataError, match="main.tf: .*malformed HCL"):
        parse_hcl(tf)
    assert not cache_dir.exists() or not any(cache_dir.rglob("*.json"))
