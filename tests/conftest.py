"""Test-session setup: keep the HCL parse cache inside the session's temporary folder."""

from __future__ import annotations

import os
import tempfile

# Set at import so subprocesses started by tests (CLI, checkov, pre-commit) inherit it too.
os.environ.setdefault("HDS_POLICIES_CACHE_DIR", tempfile.mkdtemp(prefix="hds-parse-cache-"))
