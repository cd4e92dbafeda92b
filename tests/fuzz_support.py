"""What the fuzz tests share: Hypothesis profiles, input strategies, and one in-process CLI run.

Profiles (HYPOTHESIS_PROFILE): "ci" (default: a bounded budget inside `make test`) and "fuzz" (`make
fuzz`: a longer run). No example database: runs leave nothing behind; a crash found is written to
$HDS_FUZZ_SAVE (make fuzz sets it to tests/crash_corpus/found) before the test fails, so it can be
added to the corpus with its expected exit code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import string
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from hds_policies.cli import main

ROOT = Path(__file__).resolve().parent.parent
TF_FILES = sorted((ROOT / "fixtures" / "terraform").glob("*/*.tf"))
PLAN_FILES = sorted(p for p in (ROOT / "fixtures" / "plans").glob("*.json") if p.stat().st_size < 200_000)
FORMATS = ("text", "json", "sarif", "markdown")

settings.register_profile("ci", max_examples=150, deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=2000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scan(path: Path, fmt: str) -> tuple[int, str]:
    """`hds-policies scan PATH --format FMT` in this process: (exit code, stderr). Any exception other
    than the CLI's own handling escapes: that is a crash, which the fuzz tests report."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["scan", str(path), "--format", fmt, "--as-of", "2026-11-22"])
    except BaseException:
        _save(path)
        raise
    return code, err.getvalue()


def _save(path: Path) -> None:
    folder = os.environ.get("HDS_FUZZ_SAVE")
    if not folder:
        return
    source = path / "main.tf" if path.is_dir() else path
    data = source.read_bytes()
    target = Path(folder) / f"{hashlib.sha256(data).hexdigest()[:12]}{source.suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def check_outcome(code: int, err: str) -> None:
    """The floors: exit 0, 1 or 2; bad input is one line on stderr naming the input."""
    assert code in (0, 1, 2), code
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("hds-policies: error: "), err


# --- HCL from a small grammar ---------------------------------------------------------------------

IDENT = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8).filter(lambda s: s[0] != "_")
TYPES = st.sampled_from(["aws_s3_bucket", "aws_lb_listener", "aws_db_instance", "aws_kms_key",
                         "azurerm_storage_account", "google_storage_bucket", "ovh_cloud_project",
                         "aws_s3_bucket_server_side_encryption_configuration", "aws_cloudfront_distribution",
                         "aws_opensearch_domain", "azurerm_application_gateway", "google_compute_ssl_policy"])
ATTRS = st.sampled_from(["region", "location", "bucket", "protocol", "port", "ssl_policy", "tags", "count",
                         "for_each", "provider", "source", "default", "sensitive", "value", "kms_key_id",
                         "storage_encrypted", "min_tls_version", "name", "alias", "required_providers",
                         "sse_algorithm", "enabled", "mode", "days"])
REFS = st.sampled_from(["var.region", "var.x", "local.y", "aws_s3_bucket.b.id", "module.m.out", "each.key",
                        "count.index", "data.aws_region.r.name", "self.x", "path.module"])


def _string() -> st.SearchStrategy[str]:
    text = st.text(string.ascii_letters + string.digits + " -_./:", max_size=12)
    return st.one_of(text.map(lambda s: f'"{s}"'),
                     st.tuples(text, REFS).map(lambda t: f'"{t[0]}${{{t[1]}}}"'),
                     st.sampled_from(['"eu-west-3"', '"us-east-1"', '"francecentral"', '"GRA"', '"HTTPS"',
                                      '"ELBSecurityPolicy-2016-08"', '"TLS_1_0"', '"aws:kms"', '"p"']))


SCALARS = st.one_of(_string(), st.integers(-5, 100_000).map(str), st.sampled_from(
    ["true", "false", "null", "1e3", "2.5E-1", "0.5", "-1"]), REFS)


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(IDENT, children), max_size=4).map(
            lambda kv: "{" + "\n".join(f"{k} = {v}" for k, v in kv) + "}"),
        st.tuples(st.sampled_from(["lower", "upper", "format", "tostring", "length", "merge", "sensitive",
                                   "jsonencode", "lookup", "coalesce"]),
                  st.lists(children, min_size=1, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(children, children, children).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        st.tuples(children, st.sampled_from(["+", "==", "&&", "*"]), children).map(lambda t: " ".join(t)),
        st.tuples(REFS, children).map(lambda t: f"[for v in {t[0]} : {t[1]}]"),
        st.text(string.ascii_letters + " ${}", max_size=20).map(lambda s: f"<<-EOT\n  {s}\n  EOT\n"),
    )


EXPR = st.recursive(SCALARS, _expressions, max_leaves=12)


def _body(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attr = st.tuples(ATTRS, EXPR).map(lambda t: f"{t[0]} = {t[1]}")
    block = st.tuples(st.one_of(ATTRS, IDENT), children).map(lambda t: f"{t[0]} {{\n{t[1]}\n}}")
    return st.lists(st.one_of(attr, block), max_size=5).map("\n".join)


BODY = st.recursive(st.lists(st.tuples(ATTRS, EXPR).map(lambda t: f"{t[0]} = {t[1]}"), max_size=4)
                    .map("\n".join), _body, max_leaves=8)


def _label(s: str) -> str:
    return f'"{s}"'


TOP_BLOCK = st.one_of(
    st.tuples(st.sampled_from(["resource", "data"]), TYPES, IDENT, BODY).map(
        lambda t: f'{t[0]} "{t[1]}" "{t[2]}" {{\n{t[3]}\n}}'),
    st.tuples(st.sampled_from(["provider", "variable", "output", "module", "resource"]), IDENT, BODY).map(
        lambda t: f"{t[0]} {_label(t[1])} {{\n{t[2]}\n}}"),
    st.tuples(st.sampled_from(["locals", "terraform", "resource", "provider"]), BODY).map(
        lambda t: f"{t[0]} {{\n{t[1]}\n}}"),
    st.tuples(ATTRS, EXPR).map(lambda t: f"{t[0]} = {t[1]}"),
)
HCL_DOCUMENT = st.lists(TOP_BLOCK, min_size=1, max_size=6).map(lambda bs: "\n\n".join(bs) + "\n")


# --- mutations of the fixtures ---------------------------------------------------------------------

TOKENS = ["{", "}", "[", "]", "(", ")", '"', "${", "}", "<<EOT\n", "\nEOT\n", "\n", "=", "#", "//", "/*",
          "1e3", "\ufeff", "\r\n", ",", ".", "?", ":", "...", "\\", "\x00", "é", "\t", "-", "true", "null"]


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """`text` with a few splices: deletions, duplications, inserted tokens, truncation."""
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 40)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "replace"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[j:]
    return text


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8)


def paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON document."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, (*prefix, i))
    return out


@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    """A fixture plan with a few values replaced by other JSON values (or keys removed)."""
    path = draw(st.sampled_from(PLAN_FILES))
    doc = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        targets = [p for p in paths(doc) if p]
        where = draw(st.sampled_from(targets))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = draw(st.one_of(st.sampled_from([True, False, None, 5, "x", [], {}, [True],
                                                                {"x": True}]), JSON_VALUES))
    return json.dumps(doc)


@st.composite
def generated_plan(draw: st.DrawFn) -> str:
    """A plan document from the plan grammar: the keys the loader reads, any JSON under them."""
    def maybe(strategy: st.SearchStrategy) -> Any:
        return draw(st.one_of(strategy, JSON_VALUES))

    resource = st.fixed_dictionaries({
        "address": st.sampled_from(["aws_s3_bucket.b", "aws_lb_listener.l", "module.m.aws_s3_bucket.b[0]"]),
        "type": st.sampled_from(["aws_s3_bucket", "aws_lb_listener", "aws_db_instance"]),
        "name": st.sampled_from(["b", "l"]),
        "mode": st.sampled_from(["managed", "data"]),
        "change": st.fixed_dictionaries({"after": JSON_VALUES, "after_unknown": JSON_VALUES,
                                         "after_sensitive": JSON_VALUES}),
        "values": JSON_VALUES, "sensitive_values": JSON_VALUES,
        "provider_name": st.sampled_from(["registry.terraform.io/hashicorp/aws", "x"]),
    })
    doc = {"format_version": maybe(st.sampled_from(["1.2", "0.1", "2.0"])),
           "resource_changes": maybe(st.lists(resource, max_size=3)),
           "planned_values": maybe(st.fixed_dictionaries({"root_module": st.fixed_dictionaries(
               {"resources": st.lists(resource, max_size=2)})})),
           "variables": maybe(st.dictionaries(st.sampled_from(["region", "p"]),
                                              st.fixed_dictionaries({"value": JSON_VALUES}), max_size=2)),
           "configuration": maybe(st.fixed_dictionaries({
               "provider_config": st.dictionaries(st.sampled_from(["aws", "aws.x"]), JSON_VALUES, max_size=2),
               "root_module": st.fixed_dictionaries({"resources": st.lists(JSON_VALUES, max_size=2),
                                                     "variables": JSON_VALUES})}))}
    return json.dumps(doc)
