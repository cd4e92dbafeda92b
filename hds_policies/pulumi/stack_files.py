"""A Pulumi program's project and stack files, read as the Pulumi CLI reads them (no CLI needed).

- `Pulumi.yaml`: `name`, `main` (the program's folder), and the project `config:` block — a key's
  declaration (`{type, default, secret, description}`) or a plain project-wide value (`aws:region:
  eu-west-3`). Bare keys belong to the project namespace.
- `Pulumi.<stack>.yaml`: `config:` with namespaced keys, structured values (objects and lists are
  passed as JSON, as the CLI does), and `secure:` values. A secure value is ciphertext the CLI would
  decrypt with the stack's secrets provider; here it is never decrypted and never printed: the
  program receives a placeholder marked secret, so `config.require_secret(...)` works and the value
  prints as "(sensitive)" wherever it flows.
- No stack file: the `template: config:` defaults of `Pulumi.yaml`, which `pulumi new` would write
  into one (a secret template key without a default gets the placeholder; another key without a
  default, which `pulumi new` would ask for, an "unset" marker the converter reads as unknown).
- A key the program requires that no file sets: the run is repeated with the key set to the unset
  marker (`mock_runner`), and the key is reported as not set.
- Precedence: project declarations' defaults, project values, stack file, then `--config`.
- `runtime.options.virtualenv`: when that virtualenv exists, the program runs with its interpreter.
- Which stack: `--stack NAME`; without it, the one `Pulumi.<stack>.yaml` of the folder; several
  stack files and no `--stack` is a usage error listing them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import DataError, read_data_file

SECRET_PLACEHOLDER = "hds-secure-value-not-decrypted"
UNSET_MARK = ".hds-config-unset.invalid"
"""Suffix of the stand-in for a config key the program needs and nobody set (`pulumi new` would ask
for it): `<project>--<key>.hds-config-unset.invalid`, shaped like a host name (reserved `.invalid`
top-level domain) so programs that parse a domain from config still run. The converter reads it back as
an unknown value naming the key, so a verdict that depends on it is `unknown`."""
_UNSET = re.compile(r"([A-Za-z0-9_-]+?)--([A-Za-z0-9_-]+)" + re.escape(UNSET_MARK))
DEFAULT_STACK = "dev"


def unset_marker(key: str) -> str:
    return key.replace(":", "--", 1) + UNSET_MARK


def parse_unset(text: str) -> str | None:
    """The config key of an unset marker inside `text`, or None."""
    found = _UNSET.search(text)
    return f"{found.group(1)}:{found.group(2)}" if found else None


@dataclass
class StackSettings:
    """What the CLI would hand the program: project, stack, main folder, config and its secret keys."""

    project: str
    stack: str
    program_dir: Path
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    secret_keys: list[str] = field(default_factory=list)
    stack_file: Path | None = None
    python: str | None = None  # interpreter of the program's own virtualenv (runtime options), if present


def _project_file(folder: Path) -> Path | None:
    for name in ("Pulumi.yaml", "Pulumi.yml"):
        if (folder / name).is_file():
            return folder / name
    return None


def stack_files(folder: Path) -> dict[str, Path]:
    """Stack name -> its `Pulumi.<stack>.yaml` in the folder."""
    out = {}
    for path in sorted(folder.glob("Pulumi.*.y*ml")):
        stack = path.name[len("Pulumi."):].rsplit(".", 1)[0]
        if path.suffix in (".yaml", ".yml") and stack:
            out[stack] = path
    return out


def choose_stack(folder: Path, stack: str | None) -> str:
    """The stack to use: the one named, else the folder's only stack file, else `dev`."""
    if stack:
        return stack
    found = stack_files(folder)
    if len(found) > 1:
        raise DataError(f"{folder}: several stack files ({', '.join(p.name for p in found.values())}); "
                        "choose one with --stack NAME")
    return next(iter(found), DEFAULT_STACK)


def _mapping(path: Path, data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataError(f"{path}: `{key}` must be a mapping")
    return value


def _full_key(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def read_settings(folder: str | Path, stack: str | None = None,
                  overrides: Mapping[str, Any] | None = None) -> StackSettings:
    """Project and stack settings of the program in `folder` (DataError names the file on bad input)."""
    folder = Path(folder).resolve()
    project_file = _project_file(folder)
    project_data = read_data_file(project_file) if project_file else {}
    if project_file and not isinstance(project_data, dict):
        raise DataError(f"{project_file}: a Pulumi project file is a mapping")
    project = str(project_data.get("name") or folder.name) if project_data else folder.name
    main = project_data.get("main") if project_data else None
    program_dir = (folder / str(main)).resolve() if main else folder
    if program_dir.is_file():  # `main: app.py` names the file; its folder holds the program
        program_dir = program_dir.parent
    python = _virtualenv_python(folder, project_data.get("runtime") if project_data else None)
    name = choose_stack(folder, stack)
    config: dict[str, Any] = {}
    secret_keys: list[str] = []
    for key, decl in (_mapping(project_file, project_data, "config") if project_file else {}).items():
        full = _full_key(str(key), project)
        if isinstance(decl, dict) and ({"type", "default", "secret", "description", "value"} & set(decl)):
            if "value" in decl:
                config[full] = decl["value"]
            elif "default" in decl:
                config[full] = decl["default"]
            if decl.get("secret") and full in config:
                secret_keys.append(full)
        else:
            config[full] = decl
    stack_path = stack_files(folder).get(name)
    if stack_path is None and project_file:
        # No stack file yet: the values `pulumi new` would write into it (template defaults; a secret
        # without one gets the placeholder, as a value the user would be asked for).
        template = project_data.get("template") if isinstance(project_data.get("template"), dict) else {}
        for key, decl in _mapping(project_file, template, "config").items():
            full = _full_key(str(key), project)
            if not isinstance(decl, dict) or full in config:
                continue
            if "default" in decl:
                config[full] = decl["default"]
            elif decl.get("secret"):
                config[full] = SECRET_PLACEHOLDER
            else:
                config[full] = unset_marker(full)  # `pulumi new` would ask; unknown here
            if decl.get("secret") and full in config:
                secret_keys.append(full)
    if stack_path is not None:
        data = read_data_file(stack_path)
        if data is not None and not isinstance(data, dict):
            raise DataError(f"{stack_path}: a Pulumi stack file is a mapping")
        for key, value in _mapping(stack_path, data or {}, "config").items():
            full = _full_key(str(key), project)
            if isinstance(value, dict) and set(value) == {"secure"}:
                config[full] = SECRET_PLACEHOLDER  # ciphertext: never decrypted, never shown
                secret_keys.append(full)
            else:
                config[full] = value
    for key, value in (overrides or {}).items():
        full = _full_key(str(key), project)
        config[full] = value
        if full in secret_keys and value != SECRET_PLACEHOLDER:
            secret_keys.remove(full)
    return StackSettings(project, name, program_dir, config, sorted(set(secret_keys)), stack_path, python)


def _virtualenv_python(folder: Path, runtime: Any) -> str | None:
    """`runtime.options.virtualenv` of Pulumi.yaml: the program's interpreter, when that folder exists
    (the CLI runs the program with it; a program whose requirements are not in hds-policies' own
    environment, say azure-native 2.x, runs there)."""
    options = runtime.get("options") if isinstance(runtime, dict) else None
    venv = options.get("virtualenv") if isinstance(options, dict) else None
    if not isinstance(venv, str) or not venv:
        return None
    for candidate in (Path(venv, "bin", "python"), Path(venv, "Scripts", "python.exe")):
        path = candidate if candidate.is_absolute() else folder / candidate
        if path.is_file():
            return str(path)
    return None

