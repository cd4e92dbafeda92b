"""The child process that runs one Pulumi program under mocks (`python -m hds_policies.pulumi.program_host`).

Reads a JSON request on stdin (program folder, project, stack, config, secret keys, fixed look-up
answers, result file), runs the program with the SDK's public testing surface only
(`pulumi.runtime.set_all_config`, `set_mocks` with a recording `MockMonitor`, `pulumi.runtime.test`),
and writes what the engine would have received to the result file as JSON. One process per program:
the SDK's ambient state (settings, root stack, config, imported program modules) starts fresh, whatever
the SDK version. Exit 0 with `{"ok": true, ...}` or `{"ok": false, "error": "..."}` in the file.
"""

from __future__ import annotations

import json
import logging
import os
import runpy
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from google.protobuf import json_format, struct_pb2

from .lookups import Answerer

SIG_KEY = "4dabf18193072939515e22adb298388d"
STACK_TYPE = "pulumi:pulumi:Stack"


class _Logs(logging.Handler):
    """Keeps the program's log messages (the mock engine's logger) instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelname.lower(), record.getMessage()))


def _contains_unknown(value: Any, unknown: str) -> bool:
    if isinstance(value, dict):
        return any(_contains_unknown(v, unknown) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unknown(v, unknown) for v in value)
    return value == unknown


def _echo_outputs(inputs: Any, unknown: str) -> Any:
    """Inputs echoed as outputs; an IAM policy document passed as an object comes back as JSON text,
    as the AWS provider's Check returns it (the SDK types those outputs as strings)."""
    values = json_format.MessageToDict(inputs)
    changed = False
    for key, value in values.items():
        if isinstance(value, dict) and ("Statement" in value or "Version" in value) and SIG_KEY not in value:
            values[key] = unknown if _contains_unknown(value, unknown) else json.dumps(value)
            changed = True
    if not changed:
        return inputs
    out = struct_pb2.Struct()
    out.update(values)
    return out


def _source_position(req: Any) -> list[Any] | None:
    """Where the program declared the resource: the SDK's sourcePosition, else the first stack frame
    outside installed packages."""
    from urllib.parse import unquote, urlparse

    candidates = [req.sourcePosition] if req.HasField("sourcePosition") else []
    candidates += [f.pc for f in req.stackTrace.frames if f.HasField("pc")]
    found = []
    for pos in candidates:
        if pos.uri.startswith("file://") and pos.line:
            found.append((unquote(urlparse(pos.uri).path), int(pos.line)))
    for path, line in found:
        if not any(part in ("site-packages", "dist-packages") for part in Path(path).parts):
            return [path, line]
    return list(found[0]) if found else None


def _make_classes() -> tuple[type, type]:
    from pulumi.runtime import mocks as pm
    from pulumi.runtime.proto import resource_pb2
    from pulumi.runtime.rpc import UNKNOWN

    class LookupMocks(pm.Mocks):
        """Look-ups answered from the SDK's result types (`lookups.Answerer`); resources echo their inputs."""

        def __init__(self, answerer: Answerer) -> None:
            self.answerer = answerer

        def call(self, args: pm.MockCallArgs) -> dict:  # type: ignore[override]
            return self.answerer.answer(args.token, dict(args.args))  # bare dict: no failures

        def new_resource(self, args: pm.MockResourceArgs) -> tuple[str | None, dict]:
            return "", {}

    class RecordingMonitor(pm.MockMonitor):
        """Records each RegisterResource as the engine receives it and answers like a preview:
        id "" (unknown) and the inputs echoed back as outputs, unknowns and secrets intact."""

        def __init__(self, mocks: pm.Mocks, project: str, stack: str) -> None:
            super().__init__(mocks)
            self.project, self.stack = project, stack
            self.records: list[dict[str, Any]] = []
            self.lookups: list[str] = []
            self._lock = threading.Lock()

        def make_urn(self, parent: str, type_: str, name: str) -> str:
            qualified = type_  # the parent's type prefixes the type, except for the root stack
            if parent:
                parent_type = parent.split("::")[2]
                if parent_type != STACK_TYPE:
                    qualified = f"{parent_type}${type_}"
            return f"urn:pulumi:{self.stack}::{self.project}::{qualified}::{name}"

        def Invoke(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
            with self._lock:
                self.lookups.append(request.tok)
            return super().Invoke(request)

        def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
            urn = self.make_urn(request.parent, request.type, request.name)
            timeouts = request.customTimeouts
            record = {
                "urn": urn, "type": request.type, "name": request.name, "custom": bool(request.custom),
                "parent": request.parent or None, "provider": request.provider,
                "inputs": json_format.MessageToDict(request.object),
                "dependencies": list(request.dependencies),
                "property_dependencies": {k: list(v.urns) for k, v in request.propertyDependencies.items()},
                "version": request.version, "plugin_download_url": request.pluginDownloadURL,
                "options": {
                    "protect": bool(request.protect), "ignoreChanges": list(request.ignoreChanges),
                    "deleteBeforeReplace": request.deleteBeforeReplace if request.deleteBeforeReplaceDefined
                    else None,
                    "additionalSecretOutputs": list(request.additionalSecretOutputs),
                    "aliases": list(request.aliasURNs),
                    "customTimeouts": {k: getattr(timeouts, k) for k in ("create", "update", "delete")},
                },
                "source": _source_position(request),
            }
            with self._lock:
                self.records.append(record)
            if request.type == STACK_TYPE:
                return resource_pb2.RegisterResourceResponse(urn=urn)
            outputs = _echo_outputs(request.object, UNKNOWN)
            # Kept for the SDK's `pulumi:pulumi:getResource` invoke (a resource passed as a reference).
            self.resources[urn] = pm.MockMonitor.ResourceRegistration(urn, "", json_format.MessageToDict(outputs))
            return resource_pb2.RegisterResourceResponse(urn=urn, id="", object=outputs)

    return LookupMocks, RecordingMonitor


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Run the program the request names; return the result document."""
    import pulumi
    from pulumi.runtime import set_all_config, set_mocks

    folder = Path(request["program_dir"])
    logs = _Logs()
    logger = logging.getLogger("hds_policies.program")
    logger.propagate = False
    logger.addHandler(logs)
    lookup_mocks, recording_monitor = _make_classes()
    monitor = recording_monitor(lookup_mocks(Answerer(request["config"], request.get("answers"))),
                                request["project"], request["stack"])
    set_all_config(request["config"], request["secret_keys"])
    set_mocks(monitor.mocks, project=request["project"], stack=request["stack"], preview=True,
              logger=logger, monitor=monitor, organization=request.get("organization") or "organization")
    sys.path.insert(0, str(folder))
    os.chdir(folder)

    @pulumi.runtime.test
    def program() -> None:
        runpy.run_path(str(folder / "__main__.py"), run_name="__main__")

    error, missing = None, None
    try:
        program()
    except BaseException as exc:  # noqa: BLE001 — any failure of the user's program, SystemExit included
        error = _one_line(exc)
        if isinstance(exc, pulumi.ConfigMissingError):
            missing = {"key": exc.key, "secret": bool(getattr(exc, "secret", False)) or "--secret" in str(exc)}
    errors = [msg for level, msg in logs.records if level == "error"]
    if error is None and errors:
        error = errors[0].strip().splitlines()[-1] if errors[0].strip() else "error logged"
    return {"ok": error is None, "error": error, "missing_config": missing, "registrations": monitor.records,
            "logs": logs.records, "lookups": monitor.lookups}


def _one_line(exc: BaseException) -> str:
    """`Type: message` of the exception, with the program's own line when the traceback has one."""
    text = " ".join(str(exc).split()) or "(no message)"
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if "site-packages" not in frame.filename and "hds_policies" not in frame.filename:
            where = f" ({Path(frame.filename).name}:{frame.lineno})"
            break
    return f"{type(exc).__name__}: {text}{where}"


def main() -> None:
    request = json.loads(sys.stdin.read())
    try:
        result = run(request)
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, which decides the exit code
        result = {"ok": False, "error": _one_line(exc), "registrations": [], "logs": [], "lookups": []}
    with open(request["result_file"], "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # no interpreter teardown: the SDK's event loops and gRPC threads die with the process


if __name__ == "__main__":
    main()
