"""Loaded by Checkov from `--external-checks-dir`: registers one check per hds-policies rule.

Checkov runs this file as a top-level module, so the package is imported absolutely; when it is
not installed, the source tree this file sits in is used.
"""

import sys
from pathlib import Path

try:
    import hds_policies  # noqa: F401
except ImportError:  # running from a source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from hds_policies.checkov.checks import register

CHECKS = register()
