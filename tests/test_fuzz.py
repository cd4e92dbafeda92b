"""Property-based fuzzing (Hypothesis): whatever the input, `scan` exits 0, 1 or 2, never with a
traceback; bad input is one line on stderr. Inputs come from a small HCL grammar, from a plan grammar,
and from mutations of every fixture. Budget: the "ci" profile here, `make fuzz` for a longer run
(tests/fuzz_support.py). Figures in BENCHMARKS.md."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzz_support import (
    FORMATS,
    HCL_DOCUMENT,
    TF_FILES,
    check_outcome,
    generated_plan,
    mutated_plan,
    mutated_text,
    scan,
)
from hypothesis import given
from hypothesis import strategies as st


def _scan_text(text: str, name: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if name.endswith(".tf"):
            target = Path(tmp) / "tf"
            target.mkdir()
            (target / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        else:
            target = Path(tmp) / name
            target.write_text(text, encoding="utf-8", errors="surrogatepass")
        check_outcome(*scan(target, fmt))


@given(HCL_DOCUMENT, st.sampled_from(FORMATS))
def test_generated_hcl(text: str, fmt: str):
    _scan_text(text, "main.tf", fmt)


@given(st.data(), st.sampled_from(FORMATS))
def test_mutated_terraform_fixtures(data: st.DataObject, fmt: str):
    source = data.draw(st.sampled_from(TF_FILES))
    text = data.draw(mutated_text(source.read_text(encoding="utf-8")))
    _scan_text(text, "main.tf", fmt)


@given(mutated_plan(), st.sampled_from(FORMATS))
def test_mutated_plan_fixtures(text: str, fmt: str):
    _scan_text(text, "plan.json", fmt)


@given(generated_plan(), st.sampled_from(FORMATS))
def test_generated_plans(text: str, fmt: str):
    _scan_text(text, "plan.json", fmt)
