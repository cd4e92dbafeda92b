"""Run a Pulumi Python program under mocks and capture what the engine would receive.

`run_program(dir, {"aws:region": "eu-west-3"})` executes `dir/__main__.py` in a fresh process
(`program_host`, public SDK APIs only: `set_mocks(..., preview=True)` and `pulumi.runtime.test`) and
records every `RegisterResource` call exactly as the SDK sends it over gRPC: type token, URN, parent,
explicit provider, input properties (engine names, unknown preview values as `UNKNOWN`, secrets
wrapped in `Secret`), dependencies and property dependencies. Look-ups are answered by `lookups`.
A fresh process per run keeps runs repeatable whatever the SDK version keeps in its ambient state,
and leaves the caller's Pulumi runtime untouched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .stack_files import SECRET_PLACEHOLDER, unset_marker

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
MAX_MISSING_KEYS = 20

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The engine's marker for a value not known until apply (pulumi.runtime.rpc.UNKNOWN)."""
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
STACK_TYPE = "pulumi:pulumi:Stack"
PROVIDER_TYPE_PREFIX = "pulumi:providers:"


class ProgramError(Exception):
    """The Pulumi program could not be loaded or failed while running."""

    def __init__(self, program_dir: str | os.PathLike[str], message: str) -> None:
        self.program_dir = str(program_dir)
        self.message = message
        super().__init__(f"{self.program_dir}: {message}")


@dataclass(frozen=True)
class Secret:
    """A value the program marked secret; its repr never shows the value."""

    value: Any = field(repr=False)

    def __repr__(self) -> str:
        return "Secret(***)"


@dataclass(frozen=True)
class Registration:
    """One `RegisterResource` call as the engine receives it."""

    urn: str
    type: str
    name: str
    custom: bool
    parent: str | None
    provider: str | None  # explicit provider URN; None = the package's default provider
    inputs: dict[str, Any]
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]
    secret_paths: list[str] = field(default_factory=list)
    version: str = ""  # package version the SDK asked for (names the default provider)
    plugin_download_url: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, int] | None = None  # (file path, line) of the code that declared it

    @property
    def package(self) -> str:
        """The package of the type token ("aws" for "aws:s3/bucketV2:BucketV2")."""
        if self.type.startswith(PROVIDER_TYPE_PREFIX):
            return self.type[len(PROVIDER_TYPE_PREFIX):]
        return self.type.split(":", 1)[0]

    @property
    def is_provider(self) -> bool:
        return self.type.startswith(PROVIDER_TYPE_PREFIX)


@dataclass
class ProgramRun:
    """Result of `run_program`: the registrations plus the settings the program ran with."""

    program_dir: str
    project: str
    stack: str
    config: dict[str, str] = field(repr=False)  # may hold secret values
    secret_keys: list[str]
    preview: bool
    registrations: list[Registration]
    logs: list[tuple[str, str]] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)  # function tokens the program looked up
    unset_config: list[str] = field(default_factory=list)  # required keys nobody set (stand-ins given)

    def by_name(self, name: str, type_: str | None = None) -> Registration:
        """The registration with this logical name (and type, if names repeat)."""
        found = [r for r in self.registrations if r.name == name and type_ in (None, r.type)]
        if len(found) != 1:
            raise KeyError(f"{len(found)} registrations named {name!r}")
        return found[0]

    def by_urn(self) -> dict[str, Registration]:
        return {r.urn: r for r in self.registrations}


def decode_wire(value: Any, path: str = "", secret_paths: list[str] | None = None) -> Any:
    """Turn a wire value (Struct as dict) into Python: secret envelopes become `Secret`."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            if secret_paths is not None:
                secret_paths.append(path)
            return Secret(decode_wire(value.get("value"), path))
        return {k: decode_wire(v, f"{path}.{k}" if path else k, secret_paths) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_wire(v, f"{path}[{i}]", secret_paths) for i, v in enumerate(value)]
    return value


def provider_urn(ref: str) -> str | None:
    """URN part of a provider reference `<urn>::<id>` ("" -> None, the default provider)."""
    return ref.rsplit("::", 1)[0] if ref else None


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def duration_seconds(text: str) -> float:
    """Seconds in a Go duration string such as "1h30m" ("" -> 0)."""
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION.findall(text))


def project_name(program_dir: Path) -> str:
    """`name:` from Pulumi.yaml, else the folder name."""
    for candidate in ("Pulumi.yaml", "Pulumi.yml"):
        path = program_dir / candidate
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if isinstance(data, dict) and data.get("name"):
                return str(data["name"])
    return program_dir.name


def normalize_config(config: Mapping[str, Any], project: str) -> dict[str, str]:
    """Config as the CLI passes it: `ns:key` -> string; bare keys get the project namespace."""
    out: dict[str, str] = {}
    for key, value in config.items():
        full = key if ":" in key else f"{project}:{key}"
        out[full] = value if isinstance(value, str) else json.dumps(value)
    return out


def run_program(
    program_dir: str | os.PathLike[str],
    config: Mapping[str, Any] | None = None,
    *,
    project: str | None = None,
    stack: str = "dev",
    secret_keys: list[str] | tuple[str, ...] = (),
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    organization: str = "organization",
    python: str | None = None,
    timeout: float = 600.0,
) -> ProgramRun:
    """Run `program_dir/__main__.py` under mocks, in a fresh process, and return every registration.

    `answers` fixes look-up results per function token (`lookups.Answerer` builds the others).
    Raises `ProgramError` (one line) if the program is missing or fails.
    """
    folder = Path(program_dir).resolve()
    main = folder / "__main__.py"
    if not main.is_file():
        raise ProgramError(folder, "no __main__.py in the program folder")
    proj = project or project_name(folder)
    cfg = normalize_config(config or {}, proj)
    secrets = [k if ":" in k else f"{proj}:{k}" for k in secret_keys]
    unset: list[str] = []
    for _attempt in range(MAX_MISSING_KEYS + 1):
        result = _run_host(folder, proj, stack, cfg, secrets, answers, organization, python, timeout)
        missing = result.get("missing_config")
        if result["ok"] or not missing or missing["key"] in cfg:
            break
        # A key nobody set: run again with it set to a stand-in, as `pulumi new` would have asked for it.
        key = missing["key"]
        unset.append(key)
        if missing["secret"]:
            cfg[key], secrets = SECRET_PLACEHOLDER, [*secrets, key]
        else:
            cfg[key] = unset_marker(key)
    if not result["ok"]:
        raise ProgramError(folder, result["error"])
    regs = [_registration(rec) for rec in result["registrations"]]
    logs = [tuple(x) for x in result["logs"]]
    return ProgramRun(str(folder), proj, stack, cfg, secrets, True, regs, logs, result["lookups"], unset)


def _run_host(folder: Path, proj: str, stack: str, cfg: dict[str, str], secrets: list[str],
              answers: Mapping[str, Mapping[str, Any]] | None, organization: str, python: str | None,
              timeout: float) -> dict[str, Any]:
    """One run of `program_host` in a fresh process; its result document."""
    fd, result_file = tempfile.mkstemp(prefix="hds-program-", suffix=".json")
    os.close(fd)
    request = {"program_dir": str(folder), "project": proj, "stack": stack, "config": cfg, "secret_keys": secrets,
               "answers": dict(answers or {}), "organization": organization, "result_file": result_file}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_CONFIG")}
    own = python is None or Path(python).resolve() == Path(sys.executable).resolve()
    link_dir = None if own else tempfile.mkdtemp(prefix="hds-host-")
    if link_dir:  # another interpreter: only the hds_policies package joins its path, not our site-packages
        os.symlink(PACKAGE_ROOT / "hds_policies", Path(link_dir) / "hds_policies")
    env["PYTHONPATH"] = link_dir or os.pathsep.join(p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p)
    try:
        proc = subprocess.run([python or sys.executable, "-m", "hds_policies.pulumi.program_host"],
                              input=json.dumps(request), capture_output=True, text=True, env=env, cwd=folder,
                              timeout=timeout, check=False)
        text = Path(result_file).read_text(encoding="utf-8")
    except subprocess.TimeoutExpired:
        raise ProgramError(folder, f"did not finish within {timeout:.0f} s") from None
    finally:
        Path(result_file).unlink(missing_ok=True)
        if link_dir:
            shutil.rmtree(link_dir, ignore_errors=True)
    if not text:
        last = [line for line in proc.stderr.splitlines() if line.strip()]
        raise ProgramError(folder, f"the program host stopped (exit {proc.returncode}): "
                                   f"{last[-1] if last else 'no message'}")
    return json.loads(text)


def _registration(rec: dict[str, Any]) -> Registration:
    secret_paths: list[str] = []
    inputs = decode_wire(rec["inputs"], "", secret_paths)
    options = dict(rec["options"])
    options["customTimeouts"] = {k: duration_seconds(v) for k, v in options["customTimeouts"].items()}
    return Registration(
        urn=rec["urn"], type=rec["type"], name=rec["name"], custom=rec["custom"], parent=rec["parent"],
        provider=provider_urn(rec["provider"]), inputs=inputs, dependencies=rec["dependencies"],
        property_dependencies=rec["property_dependencies"], secret_paths=secret_paths, version=rec["version"],
        plugin_download_url=rec["plugin_download_url"], options=options,
        source=tuple(rec["source"]) if rec["source"] else None,
    )
