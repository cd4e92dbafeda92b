"""The `hds-policies` command line: one module per command (scan, scan_changed, checkov, pulumi_test,
audit, report, catalog), `app` (parser, `main`, dispatch) and the modules they share: exit codes and
error handling (exits), output files and formats (output, formats), options and check selection
(options, selection), progress on stderr (progress).

It imports the frontends (terraform, checkov, pulumi, audit) and report; nothing outside it imports it.
"""

from .app import build_parser, main
from .exits import UsageError

__all__ = ["UsageError", "build_parser", "main"]
