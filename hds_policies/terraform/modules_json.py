"""Where `terraform init` put each module: `.terraform/modules/modules.json`.

Terraform records every module call it installed, keyed by the dotted path of call names
("vpc", "eks.node_group"), with the folder relative to the root module:
`{"Modules": [{"Key": "vpc", "Source": "registry.terraform.io/…", "Dir": ".terraform/modules/vpc"}]}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import DataError

MANIFEST = Path(".terraform") / "modules" / "modules.json"


@dataclass
class ModuleDirs:
    """The module folders of one root module, as `terraform init` recorded them."""

    root: Path
    found: bool = False  # a manifest exists (the root was initialised)
    dirs: dict[str, str] = field(default_factory=dict)  # key -> Dir as recorded

    @classmethod
    def read(cls, root: Path) -> ModuleDirs:
        path = root / MANIFEST
        if not path.is_file():
            return cls(root)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"{MANIFEST}: not valid JSON ({exc}); run `terraform init` again") from None
        entries = doc.get("Modules") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            raise DataError(f"{MANIFEST}: no \"Modules\" list; run `terraform init` again")
        dirs = {}
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("Key"), str) and isinstance(entry.get("Dir"), str):
                dirs[entry["Key"]] = entry["Dir"]
        return cls(root, True, dirs)

    def folder(self, key: str) -> Path | None:
        """The folder of the module call `key`, when recorded and present inside the root's tree."""
        recorded = self.dirs.get(key)
        if recorded is None:
            return None
        folder = (self.root / recorded).resolve()
        if not folder.is_dir():
            return None
        return folder
