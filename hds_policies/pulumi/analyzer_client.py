"""Drive a CrossGuard policy pack over the Analyzer gRPC protocol, the way the Pulumi engine does.

The engine starts a Python pack as `python3 -u -m pulumi.policy <engine-address> .` in the pack
folder (the `pulumi-analyzer-policy-python` shim), with the stack config in `PULUMI_CONFIG` and
`PULUMI_PROJECT`/`PULUMI_STACK`/`PULUMI_DRY_RUN`/`PULUMI_ORGANIZATION` in the environment, reads
the port from the first stdout line, then calls Handshake, ConfigureStack, GetAnalyzerInfo,
GetPluginInfo, Configure, Analyze per resource and AnalyzeStack at the end. `AnalyzerClient`
replays that sequence for `Registration`s captured by `mock_runner`.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import grpc
import yaml
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from .mock_runner import (
    RESOURCE_REF_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN,
    ProgramRun,
    Registration,
    Secret,
)

ENFORCEMENT_LEVELS = ("advisory", "mandatory", "remediate", "disabled")
_UNUSED_ENGINE_ADDRESS = "127.0.0.1:0"  # pulumi.policy requires the argument but never dials it


class AnalyzerError(RuntimeError):
    """The policy pack could not be started or an RPC failed."""


# ---------------------------------------------------------------------------------------------
# Registration -> engine wire form


def wire_value(value: Any) -> Any:
    """Marshal a captured value as the engine does for analyzers (KeepUnknowns, KeepSecrets)."""
    if isinstance(value, Secret):
        return {SIG_KEY: SECRET_SIG, "value": wire_value(value.value)}
    if isinstance(value, dict):
        if value.get(SIG_KEY) == RESOURCE_REF_SIG:  # KeepResources=false: a reference becomes its id/urn
            return (value.get("id") or UNKNOWN) if "id" in value else value.get("urn", UNKNOWN)
        return {k: wire_value(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [wire_value(v) for v in value]
    return value


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(wire_value(dict(props)))
    return struct


def provider_inputs(reg: Registration) -> dict[str, Any]:
    """A provider's inputs as the engine stores them: `version`/`pluginDownloadURL` added."""
    inputs = dict(reg.inputs)
    if reg.version:
        inputs["version"] = reg.version
    if reg.plugin_download_url:
        inputs["pluginDownloadURL"] = reg.plugin_download_url
    return inputs


def _qname(text: str) -> str:
    """tokens.IntoQName: each '/'-segment made of [A-Za-z0-9_.] (first char not a digit)."""
    parts = []
    for seg in filter(None, text.split("/")):
        seg = re.sub(r"[^A-Za-z0-9_.]", "_", seg)
        parts.append(seg if re.match(r"[A-Za-z_.]", seg[0]) else "_" + seg[1:])
    return "/".join(parts) or "_"


def default_provider_name(version: str, plugin_download_url: str = "") -> str:
    """Engine's default provider name: "default", "default_7_29_0", "default_1_0_0_beta_1", ..."""
    name = "default"
    if version:
        core, _, build = version.partition("+")
        core, _, pre = core.partition("-")
        name += "_" + "_".join(core.split("."))
        for part in [p for p in pre.split(".") if p] + [b for b in build.split(".") if b]:
            name += "_" + part
    if plugin_download_url:
        name += "_" + _qname(plugin_download_url)
    return name


def default_provider(
    reg: Registration,
    project: str,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Iterable[str] = (),
) -> Registration | None:
    """The provider the engine creates for `reg` when the program names none (None if not needed)."""
    if not reg.custom or reg.is_provider or reg.provider is not None:
        return None
    pkg, secrets = reg.package, set(secret_keys)
    inputs: dict[str, Any] = {}
    for key, value in config.items():
        ns, _, name = key.partition(":")
        if ns == pkg:
            inputs[name] = Secret(value) if key in secrets else value
    name = default_provider_name(reg.version, reg.plugin_download_url)
    ptype = f"pulumi:providers:{pkg}"
    return Registration(
        urn=f"urn:pulumi:{stack}::{project}::{ptype}::{name}", type=ptype, name=name, custom=True,
        parent=None, provider=None, inputs=inputs, dependencies=[], property_dependencies={},
        secret_paths=sorted(k for k in inputs if isinstance(inputs[k], Secret)),
        version=reg.version, plugin_download_url=reg.plugin_download_url,
    )


def engine_resources(
    regs: Iterable[Registration],
    project: str,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Iterable[str] = (),
) -> list[tuple[Registration, Registration | None]]:
    """Resources in engine order, default providers inserted, each paired with its provider."""
    regs = list(regs)
    by_urn = {r.urn: r for r in regs}
    out: list[tuple[Registration, Registration | None]] = []
    for reg in regs:
        prov = by_urn.get(reg.provider) if reg.provider else None
        default = default_provider(reg, project, stack, config, secret_keys)
        if default is not None:
            if default.urn not in by_urn:
                by_urn[default.urn] = default
                out.append((default, None))
            prov = by_urn[default.urn]
            reg = replace(reg, provider=default.urn)
        elif reg.provider and prov is None:
            raise ValueError(f"{reg.urn}: provider {reg.provider} is not among the registrations")
        out.append((reg, prov))
    return out


def _options(reg: Registration) -> analyzer_pb2.AnalyzerResourceOptions:
    o = reg.options
    dbr = o.get("deleteBeforeReplace")
    return analyzer_pb2.AnalyzerResourceOptions(
        protect=bool(o.get("protect")), ignoreChanges=o.get("ignoreChanges", []),
        deleteBeforeReplace=bool(dbr), deleteBeforeReplaceDefined=dbr is not None,
        additionalSecretOutputs=o.get("additionalSecretOutputs", []), aliases=o.get("aliases", []),
        customTimeouts=analyzer_pb2.AnalyzerResourceOptions.CustomTimeouts(**o.get("customTimeouts", {})),
        parent=reg.parent or "",
    )


def _provider(prov: Registration | None) -> analyzer_pb2.AnalyzerProviderResource | None:
    if prov is None:
        return None
    return analyzer_pb2.AnalyzerProviderResource(
        type=prov.type, name=prov.name, urn=prov.urn, properties=to_struct(provider_inputs(prov))
    )


def _properties(reg: Registration) -> struct_pb2.Struct:
    return to_struct(provider_inputs(reg) if reg.is_provider else reg.inputs)


def to_analyze_request(reg: Registration, provider: Registration | None) -> analyzer_pb2.AnalyzeRequest:
    """AnalyzeRequest for one resource (inputs, as in the engine's step generator)."""
    return analyzer_pb2.AnalyzeRequest(
        type=reg.type, properties=_properties(reg), urn=reg.urn, name=reg.name,
        options=_options(reg), provider=_provider(provider),
    )


def to_analyzer_resource(reg: Registration, provider: Registration | None) -> analyzer_pb2.AnalyzerResource:
    """AnalyzerResource for AnalyzeStack (empty property dependencies skipped, like the engine)."""
    return analyzer_pb2.AnalyzerResource(
        type=reg.type, properties=_properties(reg), urn=reg.urn, name=reg.name,
        options=_options(reg), provider=_provider(provider), parent=reg.parent or "",
        dependencies=reg.dependencies,
        propertyDependencies={
            k: analyzer_pb2.AnalyzerPropertyDependencies(urns=v)
            for k, v in reg.property_dependencies.items()
            if v
        },
    )


# ---------------------------------------------------------------------------------------------
# Wire -> plain dicts


def _level(value: int) -> str:
    return analyzer_pb2.EnforcementLevel.Name(value).lower()


def _severity(value: int) -> str:
    name = analyzer_pb2.PolicySeverity.Name(value).removeprefix("POLICY_SEVERITY_").lower()
    return "" if name == "unspecified" else name


def _diagnostic(d: analyzer_pb2.AnalyzeDiagnostic, version: str, urn: str = "") -> dict[str, Any]:
    return {
        "policyName": d.policyName,
        "policyPackName": d.policyPackName,
        "policyPackVersion": version or d.policyPackVersion,
        "description": d.description,
        "message": d.message,
        "enforcementLevel": _level(d.enforcementLevel),
        "urn": urn or d.urn,
        "severity": _severity(d.severity),
    }


def _load_pack_yaml(pack_dir: Path) -> dict[str, Any]:
    path = pack_dir / "PulumiPolicy.yaml"
    if not path.is_file():
        raise AnalyzerError(f"{pack_dir}: no PulumiPolicy.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise AnalyzerError(f"{path}: runtime {runtime_name!r} is not python")
    return data


def _normalize_policy_config(config: Mapping[str, Any]) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """Parse the `--policy-pack-config` JSON shape: name -> level string or {enforcementLevel, ...}."""
    out: dict[str, tuple[str | None, dict[str, Any]]] = {}
    for name, value in config.items():
        if isinstance(value, str):
            level, props = value, {}
        elif isinstance(value, Mapping):
            props = dict(value)
            level = props.pop("enforcementLevel", None)
        else:
            raise ValueError(f"policy config for {name!r} must be a string or an object")
        if level is not None and level not in ENFORCEMENT_LEVELS:
            raise ValueError(f"{name}: {level!r} is not a valid enforcement level")
        out[name] = (level, props)
    return out


class AnalyzerClient:
    """A running policy pack, talked to like the Pulumi engine talks to it.

    Use as a context manager; `project`, `stack`, `config` are what the stack would give the engine
    (see `for_run`), `policy_config` what `--policy-pack-config` would. Diagnostics are plain dicts.
    """

    def __init__(
        self,
        pack_dir: str | os.PathLike[str],
        python: str = sys.executable,
        env: Mapping[str, str] | None = None,
        *,
        project: str = "project",
        stack: str = "stack",
        config: Mapping[str, str] | None = None,
        secret_keys: Iterable[str] = (),
        organization: str | None = None,
        dry_run: bool = True,
        tags: Mapping[str, str] | None = None,
        policy_config: Mapping[str, Any] | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.pack_dir = Path(pack_dir).resolve()
        self.python, self.extra_env = python, dict(env or {})
        self.project, self.stack, self.organization = project, stack, organization
        self.config, self.secret_keys = dict(config or {}), list(secret_keys)
        self.dry_run, self.tags, self.timeout = dry_run, dict(tags or {}), timeout
        self.policy_config = dict(policy_config or {})  # `--policy-pack-config`, applied at start
        self.pack_version = str(_load_pack_yaml(self.pack_dir).get("version") or "")
        self._proc: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: analyzer_pb2_grpc.AnalyzerStub | None = None
        self._stderr: deque[str] = deque(maxlen=200)
        self._stdout: deque[str] = deque(maxlen=200)
        self._info: dict[str, Any] | None = None

    @classmethod
    def for_run(cls, pack_dir: str | os.PathLike[str], run: ProgramRun, **kwargs: Any) -> AnalyzerClient:
        """A client whose stack settings (project, stack, config, dry run) are those of `run`."""
        kwargs.setdefault("project", run.project)
        kwargs.setdefault("stack", run.stack)
        kwargs.setdefault("config", run.config)
        kwargs.setdefault("secret_keys", run.secret_keys)
        kwargs.setdefault("dry_run", run.preview)
        return cls(pack_dir, **kwargs)

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> AnalyzerClient:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _env(self) -> dict[str, str]:
        env = {**os.environ, **self.extra_env}
        env["PULUMI_CONFIG"] = json.dumps(self.config)  # secrets decrypted, as the engine does
        env["PULUMI_PROJECT"], env["PULUMI_STACK"] = self.project, self.stack
        env["PULUMI_DRY_RUN"] = str(self.dry_run).lower()
        if self.organization:
            env["PULUMI_ORGANIZATION"] = self.organization
        return env

    def start(self) -> None:
        """Spawn the pack, read its port, connect, and run the engine's start-up RPCs."""
        cmd = [self.python, "-u", "-m", "pulumi.policy", _UNUSED_ENGINE_ADDRESS, "."]
        self._proc = subprocess.Popen(
            cmd, cwd=self.pack_dir, env=self._env(), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        port_q: queue.Queue[str] = queue.Queue()
        drains = [
            threading.Thread(target=self._drain, args=(self._proc.stdout, self._stdout, port_q), daemon=True),
            threading.Thread(target=self._drain, args=(self._proc.stderr, self._stderr, None), daemon=True),
        ]
        for thread in drains:
            thread.start()
        try:
            first = port_q.get(timeout=self.timeout).strip()
        except queue.Empty:
            first = ""
        if not first.isdigit():
            self.close()
            for thread in drains:
                thread.join(timeout=5)
            tail = self.stderr.strip() or first or f"no port printed within {self.timeout}s"
            raise AnalyzerError(f"{self.pack_dir}: policy pack failed to start: {tail}")
        try:
            self._channel = grpc.insecure_channel(f"127.0.0.1:{first}", options=_GRPC_CHANNEL_OPTIONS)
            grpc.channel_ready_future(self._channel).result(timeout=self.timeout)
            self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)
            self._handshake()
            self._call("ConfigureStack", self._stack_request(), optional=True)
            self.info()
            self.configure(self.policy_config)  # the engine always sends the reconciled config once
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _drain(stream: Any, sink: deque[str], first_line: queue.Queue[str] | None) -> None:
        for n, raw in enumerate(iter(stream.readline, b"")):
            line = raw.decode("utf-8", "replace")
            if n == 0 and first_line is not None:
                first_line.put(line)
            else:
                sink.append(line)
        if first_line is not None:
            first_line.put("")  # EOF before a port: the process died

    def close(self) -> None:
        """Close the channel and stop the pack process."""
        if self._channel is not None:
            self._channel.close()
            self._channel = self._stub = None
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.terminate()
                try:
                    self._proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
            self._proc = None

    @property
    def stderr(self) -> str:
        """Last lines the pack wrote to stderr (its logs)."""
        return "".join(self._stderr)

    # -- RPCs --------------------------------------------------------------------------------

    def _call(self, method: str, request: Any, optional: bool = False) -> Any:
        if self._stub is None:
            raise AnalyzerError("analyzer is not running (use `with AnalyzerClient(...)`)")
        try:
            return getattr(self._stub, method)(request, timeout=self.timeout)
        except grpc.RpcError as err:
            if optional and err.code() == grpc.StatusCode.UNIMPLEMENTED:
                return None
            message = f"{method} failed: {err.code().name}: {err.details()}"
            raise AnalyzerError(f"{message}\n{self.stderr}".rstrip()) from err

    def _handshake(self) -> None:
        req = analyzer_pb2.AnalyzerHandshakeRequest(
            engine_address=_UNUSED_ENGINE_ADDRESS, root_directory=str(self.pack_dir),
            program_directory=str(self.pack_dir),
        )
        self._call("Handshake", req, optional=True)

    def _stack_request(self) -> analyzer_pb2.AnalyzerStackConfigureRequest:
        # Like PULUMI_CONFIG: plain strings (secrets decrypted), secret keys listed apart.
        return analyzer_pb2.AnalyzerStackConfigureRequest(
            stack=self.stack, project=self.project, organization=self.organization or "",
            dry_run=self.dry_run, config=self.config, config_secret_keys=sorted(self.secret_keys),
            tags=self.tags,
        )

    def info(self) -> dict[str, Any]:
        """GetAnalyzerInfo as a dict: name, version, policies (enforcementLevel/severity as strings)."""
        if self._info is None:
            resp = self._call("GetAnalyzerInfo", empty_pb2.Empty())
            info = json_format.MessageToDict(resp, always_print_fields_with_no_presence=True)
            info["version"] = self.pack_version or info.get("version", "")
            for policy, raw in zip(info.get("policies", []), resp.policies, strict=True):
                policy["enforcementLevel"] = _level(raw.enforcementLevel)
                policy["severity"] = _severity(raw.severity)
                kind = analyzer_pb2.PolicyType.Name(raw.policy_type)
                policy["policyType"] = kind.removeprefix("POLICY_TYPE_").lower()
            for name, raw_cfg in resp.initialConfig.items():
                info["initialConfig"][name]["enforcementLevel"] = _level(raw_cfg.enforcementLevel)
            self._info = info
        return self._info

    def plugin_info(self) -> dict[str, Any]:
        """GetPluginInfo (the pulumi_policy SDK version)."""
        return json_format.MessageToDict(self._call("GetPluginInfo", empty_pb2.Empty()))

    def configure(self, config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """Send Configure like the engine: defaults, then initialConfig, then `config` on top.

        `config` has the `--policy-pack-config` shape: {"policy": "disabled"} or
        {"policy": {"enforcementLevel": "mandatory", "prop": 1}}; "all" sets every level.
        Returns the reconciled config that was sent.
        """
        info = self.info()
        result: dict[str, dict[str, Any]] = {}
        for policy in info.get("policies", []):
            props = {
                k: v["default"]
                for k, v in policy.get("configSchema", {}).get("properties", {}).items()
                if isinstance(v, dict) and "default" in v
            }
            result[policy["name"]] = {"enforcementLevel": policy["enforcementLevel"], "properties": props}
        initial = {
            name: {"enforcementLevel": c["enforcementLevel"], **c.get("properties", {})}
            for name, c in info.get("initialConfig", {}).items()
        }
        for layer in (initial, config):
            parsed = _normalize_policy_config(layer)
            all_level = parsed.get("all", (None, {}))[0]
            if all_level:
                for entry in result.values():
                    entry["enforcementLevel"] = all_level
            for name, (level, props) in parsed.items():
                entry = result.setdefault(name, {"enforcementLevel": "advisory", "properties": {}})
                entry["enforcementLevel"] = level or entry["enforcementLevel"]
                entry["properties"].update(props)
        self._validate(result)
        request = analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={
            name: analyzer_pb2.PolicyConfig(
                enforcementLevel=analyzer_pb2.EnforcementLevel.Value(c["enforcementLevel"].upper()),
                properties=to_struct(c["properties"]),
            )
            for name, c in result.items()
        })
        self._call("Configure", request)
        return result

    def _validate(self, result: Mapping[str, Mapping[str, Any]]) -> None:
        try:
            import jsonschema
        except ImportError:  # the engine validates; without jsonschema we skip it
            return
        errors = []
        for policy in self.info().get("policies", []):
            schema = policy.get("configSchema") or {}
            if not schema.get("properties") and not schema.get("required"):
                continue
            full = {"type": "object", **schema}
            props = result.get(policy["name"], {}).get("properties", {})
            for error in jsonschema.Draft7Validator(full).iter_errors(props):
                errors.append(f"{policy['name']}: {error.message}")
        if errors:
            raise ValueError("invalid policy pack config: " + "; ".join(errors))

    def analyze(self, reg: Registration, provider_reg: Registration | None = None) -> list[dict[str, Any]]:
        """Analyze one resource; without `provider_reg` a custom resource gets its default provider."""
        if provider_reg is None and reg.provider is not None:
            raise ValueError(f"{reg.urn}: pass the registration of its provider {reg.provider}")
        if provider_reg is None:
            provider_reg = default_provider(reg, self.project, self.stack, self.config, self.secret_keys)
        resp = self._call("Analyze", to_analyze_request(reg, provider_reg))
        # The engine reports every Analyze diagnostic against the analyzed resource.
        return [_diagnostic(d, self.pack_version, reg.urn) for d in resp.diagnostics]

    def analyze_stack(self, regs: Iterable[Registration]) -> list[dict[str, Any]]:
        """AnalyzeStack over all resources (default providers added as the engine would)."""
        pairs = engine_resources(regs, self.project, self.stack, self.config, self.secret_keys)
        request = analyzer_pb2.AnalyzeStackRequest(resources=[to_analyzer_resource(r, p) for r, p in pairs])
        resp = self._call("AnalyzeStack", request)
        return [_diagnostic(d, self.pack_version) for d in resp.diagnostics]

    def analyze_run(self, run: ProgramRun) -> list[dict[str, Any]]:
        """A whole `pulumi preview`: Analyze for every resource in order, then AnalyzeStack."""
        pairs = engine_resources(run.registrations, self.project, self.stack, self.config, self.secret_keys)
        diagnostics = [d for reg, prov in pairs for d in self.analyze(reg, prov)]
        return diagnostics + self.analyze_stack([reg for reg, _ in pairs])
