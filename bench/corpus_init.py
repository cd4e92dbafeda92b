"""Build `.terraform/modules` in checkouts of public repositories the way `terraform init` would.

Usage: python bench/corpus_init.py [--sources DIR]... CHECKOUT...

For every root module below each CHECKOUT (the roots bench/corpus.py scans) that calls modules, this
walks the calls and writes ROOT/.terraform/modules/modules.json plus one copy per registry or git call:
- keys are the dotted call names ("kms", "eks.kms" for a call inside module "eks"), Dir is relative to
  the root, and the root itself is {"Key": "", "Source": "", "Dir": "."};
- a local source (`./`, `../`) is its folder, resolved from the calling module's folder;
- a registry source NS/NAME/PROVIDER (optionally `registry.terraform.io/…`) or a GitHub git source
  (`git::https://github.com/O/R.git`, `github.com/O/R`) is a copy of the module's repository in
  .terraform/modules/<key>, with `//subdir` selecting a sub-folder of it; calls inside it get their own
  entries. Registry module NS/NAME/PROVIDER lives in GitHub repository NS/terraform-PROVIDER-NAME; its
  checkout is looked for as folder `NS+terraform-PROVIDER-NAME` (`O+R` for git sources) in each
  --sources DIR and among the CHECKOUTs. Version is the checkout's latest tag (`git describe`): the
  snapshot at hand, whatever version constraint the call states.
- A call whose repository or `//subdir` is not available is left out of modules.json, as when
  `terraform init` was not run for it: the realistic "module call not followed" case.
It writes only ROOT/.terraform/modules (rebuilt on each run); --sources folders are only read.
Prints one line per root: module entries written and the calls left out.

Setup used for BENCHMARKS.md (issue 12), repositories fetched from their public GitHub snapshots:
    git clone -q SNAPSHOT /work/corpus/OWNER+NAME            # each scanned repository
    git clone -q SNAPSHOT /work/corpus-modules/OWNER+NAME    # each registry module they call
    python bench/corpus_init.py --sources /work/corpus-modules /work/corpus/*
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import find_roots, is_local, module_calls  # noqa: E402

_REGISTRY = re.compile(r"^(?:registry\.(?:terraform\.io|opentofu\.org)/)?([\w.-]+)/([\w-]+)/([\w-]+)(?://([^?]+))?$")
_GITHUB = re.compile(r"^(?:git::)?(?:https://|ssh://git@)?github\.com[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?(?://([^?]+))?(?:\?.*)?$")


def locate(source: str, search: list[Path]) -> tuple[Path, str, str, str | None] | None:
    """(checkout, subdir, recorded source, version) of a remote module source, or None if unavailable."""
    if m := _REGISTRY.match(source):
        ns, name, provider, sub = m.groups()
        repo, recorded = f"{ns}+terraform-{provider}-{name}", f"registry.terraform.io/{ns}/{name}/{provider}"
        recorded += f"//{sub}" if sub else ""
        registry = True
    elif m := _GITHUB.match(source):
        owner, name, sub = m.groups()
        repo, recorded, registry = f"{owner}+{name}", source, False
    else:
        return None
    for folder in search:
        checkout = folder / repo
        if checkout.is_dir() and (checkout / (sub or "")).is_dir():
            return checkout, (sub or "").strip("/"), recorded, _version(checkout) if registry else None
    return None


def _version(checkout: Path) -> str:
    out = subprocess.run(["git", "-C", str(checkout), "describe", "--tags", "--abbrev=0"],
                         capture_output=True, text=True).stdout.strip()
    return out.removeprefix("v")


def build(root: Path, search: list[Path]) -> tuple[list[dict], list[str]]:
    """Write ROOT/.terraform/modules; return its entries and the keys of the calls left out."""
    target = root / ".terraform" / "modules"
    staging = root / ".terraform" / "modules.new"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    entries = [{"Key": "", "Source": "", "Dir": "."}]
    left_out: list[str] = []

    def final(path: Path) -> str:  # where a staged folder will be, relative to the root
        staged = path.is_relative_to(staging)
        return os.path.relpath(target / path.relative_to(staging) if staged else path, root)

    stack = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        if prefix.count(".") > 20:
            continue
        for name, source in module_calls(folder):
            key = prefix + name
            if source is None or any(e["Key"] == key for e in entries):
                left_out.append(key)
                continue
            if is_local(source):
                called = Path(os.path.normpath(folder / source))
                if not called.is_dir():
                    left_out.append(key)
                    continue
                entries.append({"Key": key, "Source": source, "Dir": final(called)})
            else:
                found = locate(source, search)
                if found is None:
                    left_out.append(key)
                    continue
                checkout, sub, recorded, version = found
                shutil.copytree(checkout, staging / key, symlinks=True,
                                ignore=shutil.ignore_patterns(".git", ".terraform"))
                called = staging / key / sub if sub else staging / key
                entry = {"Key": key, "Source": recorded}
                if version:
                    entry["Version"] = version
                entries.append({**entry, "Dir": final(called)})
            stack.append((key + ".", called))
    entries.sort(key=lambda e: e["Key"])
    (staging / "modules.json").write_text(json.dumps({"Modules": entries}, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return entries, sorted(left_out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--sources", action="append", type=Path, default=[],
                        help="folder holding checkouts of module repositories as OWNER+NAME")
    args = parser.parse_args(argv)
    checkouts = [c.resolve() for c in args.checkouts]
    search = [s.resolve() for s in args.sources] + sorted({c.parent for c in checkouts})
    for checkout in checkouts:
        for root in find_roots(checkout):
            if not module_calls(root) and not (root / ".terraform" / "modules").exists():
                continue
            entries, left_out = build(root, search)
            print(f"{root.relative_to(checkout.parent)}: {len(entries) - 1} modules"
                  + (f"; left out: {', '.join(left_out)}" if left_out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
