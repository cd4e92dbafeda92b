"""Running the real Checkov CLI (a subprocess of this interpreter) and reading its JSON output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from hds_policies.checkov.wrapper import CHECKOV_BOOT, CHECKS_DIR

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
_INSTANCE = re.compile(r"\[[^\]]*\]")


def env(**extra: str) -> dict[str, str]:
    """The environment for subprocesses: this checkout's package first."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), out.get("PYTHONPATH")) if p)
    out.pop("HDS_POLICIES_CONFIG", None)
    out.pop("HDS_POLICIES_AS_OF", None)
    out.pop("HDS_POLICIES_SHOW_PASSED", None)
    out.setdefault("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")  # offline, as `hds-policies checkov`
    out.update(extra)
    return out


def run_checkov(args: list[str], cwd: Path | None = None, **extra_env: str) -> subprocess.CompletedProcess:
    """Checkov with the HDS checks, offline."""
    cmd = [sys.executable, "-c", CHECKOV_BOOT, "--skip-download", "--external-checks-dir", str(CHECKS_DIR), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env(**extra_env), cwd=cwd or ROOT, timeout=600)


def json_documents(text: str) -> list[Any]:
    """Every JSON document in `text` (Checkov prints one per framework; `hds-policies checkov` one per -d)."""
    docs, pos, decoder = [], 0, json.JSONDecoder()
    text = text.strip()
    while pos < len(text):
        doc, end = decoder.raw_decode(text, pos)
        docs.extend(doc if isinstance(doc, list) else [doc])
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return docs


def records(stdout: str) -> list[dict[str, Any]]:
    """All result records (passed, failed, skipped) of Checkov's `-o json` output, with `result` set."""
    out = []
    for doc in json_documents(stdout):
        results = doc.get("results", {}) if isinstance(doc, dict) else {}
        for kind in ("passed_checks", "failed_checks", "skipped_checks"):
            for r in results.get(kind, []):
                out.append({**r, "result": kind.split("_")[0].upper()})
    return out


def triples(recs: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(r["check_id"], r["resource"], r["result"]) for r in recs}


def block_address(address: str) -> str:
    """'aws_s3_bucket.b[0]' -> 'aws_s3_bucket.b' (Checkov reports count/for_each instances)."""
    return _INSTANCE.sub("", address)


def checkov_address(engine_address: str, rtype: str) -> str:
    """The engine's provider address as Checkov names the provider block ('provider.aws' -> 'aws.default')."""
    if rtype != "provider":
        return engine_address
    module, _, base = engine_address.rpartition("provider.")
    base = base if "." in base else f"{base}.default"
    return f"{module}{base}"
