"""Run a Pulumi Python program in-process under mocks and capture what the engine would receive.

`run_program(dir, {"aws:region": "eu-west-3"})` executes `dir/__main__.py` with
`pulumi.runtime.set_mocks(..., preview=True)` and records every `RegisterResource` call exactly as
the SDK sends it over gRPC: type token, URN, parent, explicit provider, input properties (engine
names, unknown preview values as `UNKNOWN`, secrets wrapped in `Secret`), dependencies and
property dependencies. Each run happens in a fresh `contextvars` context, so runs are repeatable
within one process and leave the caller's Pulumi runtime state untouched.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import os
import re
import runpy
import sys
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from google.protobuf import json_format, struct_pb2
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.proto import engine_pb2, resource_pb2
from pulumi.runtime.stack import run_pulumi_func

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


def _options(req: Any) -> dict[str, Any]:
    timeouts = req.customTimeouts
    return {
        "protect": bool(req.protect),
        "ignoreChanges": list(req.ignoreChanges),
        "deleteBeforeReplace": req.deleteBeforeReplace if req.deleteBeforeReplaceDefined else None,
        "additionalSecretOutputs": list(req.additionalSecretOutputs),
        "aliases": list(req.aliasURNs),
        "customTimeouts": {k: duration_seconds(getattr(timeouts, k)) for k in ("create", "update", "delete")},
    }


def _source_position(req: Any) -> tuple[str, int] | None:
    """Where the program declared the resource, as (path, line): the SDK's sourcePosition, or the
    first stack frame outside installed packages when that position points into an SDK."""
    from urllib.parse import unquote, urlparse

    candidates = [req.sourcePosition] if req.HasField("sourcePosition") else []
    candidates += [f.pc for f in req.stackTrace.frames if f.HasField("pc")]
    found = []
    for pos in candidates:
        if pos.uri.startswith("file://") and pos.line:
            found.append((unquote(urlparse(pos.uri).path), int(pos.line)))
    for path, line in found:
        if not any(part in ("site-packages", "dist-packages") for part in Path(path).parts):
            return path, line
    return found[0] if found else None


class _RecordingEngine(pulumi_mocks.MockEngine):
    """Collects the program's log messages instead of printing them."""

    def __init__(self) -> None:
        super().__init__(None)
        self.logs: list[tuple[str, str]] = []

    def Log(self, request: Any) -> None:  # noqa: N802 (gRPC method name)
        if request.severity != engine_pb2.DEBUG:
            self.logs.append((engine_pb2.LogSeverity.Name(request.severity).lower(), request.message))


class _EchoMocks(pulumi_mocks.Mocks):
    """Invokes echo their arguments (a real preview would ask the provider: a data source's result
    repeats the arguments it was looked up by, other fields are left unset)."""

    def call(self, args: pulumi_mocks.MockCallArgs) -> dict:  # type: ignore[override]
        return dict(args.args)  # a bare dict: the SDK's (result, failures) form rejects failures=None

    def new_resource(self, args: pulumi_mocks.MockResourceArgs) -> tuple[str | None, dict]:
        return "", {}


class _RecordingMonitor(pulumi_mocks.MockMonitor):
    """MockMonitor that records each request and names URNs like the engine does.

    With the default mocks it answers a registration like a preview: id "" (unknown) and the
    inputs echoed back as outputs, unknowns and secrets intact.
    """

    def __init__(self, mocks: pulumi_mocks.Mocks, project: str, stack: str, preview: bool, echo: bool):
        super().__init__(mocks)
        self.project, self.stack, self.preview, self.echo = project, stack, preview, echo
        self.registrations: list[Registration] = []
        self._lock = threading.Lock()

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        # Engine rule: the parent's qualified type prefixes the type, except for the root stack.
        qualified = type_
        if parent:
            parent_type = parent.split("::")[2]
            if parent_type != STACK_TYPE:
                qualified = f"{parent_type}${type_}"
        return f"urn:pulumi:{self.stack}::{self.project}::{qualified}::{name}"

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
        urn = self.make_urn(request.parent, request.type, request.name)
        secret_paths: list[str] = []
        inputs = decode_wire(json_format.MessageToDict(request.object), "", secret_paths)
        reg = Registration(
            urn=urn,
            type=request.type,
            name=request.name,
            custom=bool(request.custom),
            parent=request.parent or None,
            provider=provider_urn(request.provider),
            inputs=inputs,
            dependencies=list(request.dependencies),
            property_dependencies={k: list(v.urns) for k, v in request.propertyDependencies.items()},
            secret_paths=secret_paths,
            version=request.version,
            plugin_download_url=request.pluginDownloadURL,
            options=_options(request),
            source=_source_position(request),
        )
        with self._lock:
            self.registrations.append(reg)
        if request.type == STACK_TYPE:
            return resource_pb2.RegisterResourceResponse(urn=urn)
        if not self.echo:
            response = super().RegisterResource(request)
            return resource_pb2.RegisterResourceResponse(urn=urn, id=response.id, object=response.object)
        resource_id = "" if self.preview else f"{request.name}-id"
        outputs = _echo_outputs(request.object)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=resource_id, object=outputs)


def _contains_unknown(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    return value == UNKNOWN


def _echo_outputs(inputs: Any) -> Any:
    """Inputs echoed as outputs; an IAM policy document passed as an object comes back as JSON text,
    as the AWS provider's Check returns it (the SDK types those outputs as strings)."""
    values = json_format.MessageToDict(inputs)
    changed = False
    for key, value in values.items():
        if isinstance(value, dict) and ("Statement" in value or "Version" in value) and SIG_KEY not in value:
            values[key] = UNKNOWN if _contains_unknown(value) else json.dumps(value)
            changed = True
    if not changed:
        return inputs
    out = struct_pb2.Struct()
    out.update(values)
    return out


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
    preview: bool = True,
    secret_keys: list[str] | tuple[str, ...] = (),
    mocks: pulumi_mocks.Mocks | None = None,
    organization: str = "organization",
) -> ProgramRun:
    """Run `program_dir/__main__.py` under mocks and return every resource registration.

    `mocks` replaces the default preview behaviour (unknown ids, inputs echoed as outputs).
    Raises `ProgramError` if the program is missing or fails.
    """
    folder = Path(program_dir).resolve()
    main = folder / "__main__.py"
    if not main.is_file():
        raise ProgramError(folder, "no __main__.py in the program folder")
    proj = project or project_name(folder)
    cfg = normalize_config(config or {}, proj)
    secrets = [k if ":" in k else f"{proj}:{k}" for k in secret_keys]
    monitor = _RecordingMonitor(mocks or _EchoMocks(), proj, stack, preview, echo=mocks is None)
    engine = _RecordingEngine()
    ctx = contextvars.copy_context()
    ctx.run(_run_isolated, folder, main, cfg, secrets, monitor, engine, organization)
    errors = [msg for level, msg in engine.logs if level == "error"]
    if errors:
        raise ProgramError(folder, errors[0])
    return ProgramRun(str(folder), proj, stack, cfg, secrets, preview, monitor.registrations, engine.logs)


def _run_isolated(
    folder: Path,
    main: Path,
    cfg: dict[str, str],
    secret_keys: list[str],
    monitor: _RecordingMonitor,
    engine: _RecordingEngine,
    organization: str,
) -> None:
    """Body of `run_program`, executed inside a copied contextvars context."""
    saved_env = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("PULUMI_CONFIG")}
    saved_path, saved_cwd, saved_modules = list(sys.path), os.getcwd(), set(sys.modules)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        pulumi_settings.ROOT.set(None)
        set_all_config(cfg, secret_keys)
        s = pulumi_settings.SETTINGS
        s.feature_support, s.outputs, s.lock, s.callbacks = {}, deque(), threading.Lock(), None
        sys.path.insert(0, str(folder))
        os.chdir(folder)
        pulumi_mocks.set_mocks(
            monitor.mocks, project=monitor.project, stack=monitor.stack, preview=monitor.preview,
            monitor=monitor, organization=organization,
        )
        s.engine, s.root_directory = engine, str(folder)
        loop.run_until_complete(run_pulumi_func(lambda: runpy.run_path(str(main), run_name="__main__")))
    except ProgramError:
        raise
    except (Exception, SystemExit) as exc:  # any failure of the user's program
        raise ProgramError(folder, f"{type(exc).__name__}: {exc}") from exc
    finally:
        try:
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()
            asyncio.set_event_loop(None)
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        os.environ.update(saved_env)
        _forget_modules(folder, saved_modules)


def _forget_modules(folder: Path, before: set[str]) -> None:
    """Drop modules imported from the program folder so the next run re-imports its own."""
    for name in set(sys.modules) - before:
        file = getattr(sys.modules[name], "__file__", None) or ""
        if file and Path(file).resolve().is_relative_to(folder):
            del sys.modules[name]
