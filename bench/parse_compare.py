"""Compare the fast HCL reader with bc-python-hcl2 (the reference, Checkov's parser) on real code.

Usage: python bench/parse_compare.py FOLDER... [--show]
Reads every .tf / .tfvars file below the folders with both parsers and prints one line of counts:
identical trees, differing trees (a bug in the fast reader), files the fast reader declines (scan
uses the reference parser's tree), files only the fast reader reads (the reference rejects them;
scan uses the fast reader's lenient reading), files neither reads; then the time each parser took.
--show lists the files behind every count but the first. Exit code 1 when a tree differs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import hcl2

from hds_policies.terraform import hcl_parser


def _parse(parse, text: str, errors: tuple[type[BaseException], ...]) -> tuple[object, float]:
    start = time.perf_counter()
    try:
        tree = parse(text)
    except errors:
        tree = None
    return tree, time.perf_counter() - start


def main(argv: list[str]) -> int:
    show = "--show" in argv
    folders = [Path(a) for a in argv if a != "--show"]
    files = sorted(p for f in folders for p in f.rglob("*") if p.suffix in (".tf", ".tfvars") and p.is_file())
    counts = {"identical": 0, "DIFFERENT": 0, "declined": 0, "only the fast reader reads": 0, "neither reads": 0}
    fast_time = ref_time = 0.0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        ref, t = _parse(hcl2.loads, text, (Exception,))  # lark raises many error types
        ref_time += t
        fast, t = _parse(hcl_parser.loads, text, (hcl_parser.Unsupported, RecursionError))
        fast_time += t
        if ref is None:
            if fast is None:
                fast, _ = _parse(lambda t: hcl_parser.loads(t, lenient=True), text,
                                 (hcl_parser.Unsupported, RecursionError))
            kind = "neither reads" if fast is None else "only the fast reader reads"
        elif fast is None:
            kind = "declined"
        else:
            kind = "identical" if fast == ref else "DIFFERENT"
        counts[kind] += 1
        if show and kind != "identical":
            print(f"{kind}: {path}")
    print(f"{len(files)} files: " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f"; fast reader {fast_time:.2f} s, bc-python-hcl2 {ref_time:.2f} s")
    return 1 if counts["DIFFERENT"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
