"""`hds-policies audit aws|ovh`: the live audits on the command line (read-only)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from .options import add_debug, add_fail, add_settings

if TYPE_CHECKING:
    from ..audit.common import AuditResult
    from ..settings import Settings

EPILOG = """examples:
  hds-policies audit aws --profile audit --region eu-west-3 --region us-east-1
  hds-policies audit aws --endpoint-url http://127.0.0.1:5000 --format json
  hds-policies audit ovh --endpoint ovh-eu --project 0123456789abcdef0123456789abcdef
exit codes: 0 no failed finding at --fail-on, 1 failed findings, 2 nothing reachable or bad input"""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    add_settings(p)
    p.add_argument("--as-of", help="judge certificates as of this date (YYYY-MM-DD; default: today)")
    add_fail(p)
    add_debug(p)
    p.add_argument("--show-passed", action="store_true", help="list passing checks too")
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `audit aws` and `audit ovh` to the `hds-policies` command line."""
    p = sub.add_parser("audit", help="read a live AWS or OVHcloud account (read calls only) and judge it",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = p.add_subparsers(dest="cloud", metavar="CLOUD", required=True)
    aws = which.add_parser("aws", help="AWS account through boto3 (Get/List/Describe/Head calls only)")
    aws.add_argument("--profile", help="AWS profile (default: the usual boto3 chain)")
    aws.add_argument("--region", action="append", default=[], help="audit only this region (repeatable; "
                     "default: the account's enabled regions)")
    aws.add_argument("--endpoint-url", help="S3-compatible or test endpoint for every service")
    _common(aws)
    aws.set_defaults(handler=run)
    ovh = which.add_parser("ovh", help="OVHcloud account through the ovh SDK (GET calls only)")
    ovh.add_argument("--endpoint", help="ovh-eu, ovh-ca, ovh-us … (default: OVH_ENDPOINT or ovh.conf)")
    ovh.add_argument("--project", action="append", default=[], metavar="ID",
                     help="audit only this Public Cloud project (repeatable; default: every project)")
    ovh.add_argument("--api-url", help="base URL answering for the endpoint (a proxy or a test server)")
    _common(ovh)
    ovh.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handler of `audit`: 0, 1 or 2 per the contract."""
    from ..settings import load_settings
    from .exits import UsageError
    from .options import as_of_date, settings_path
    from .output import write

    try:
        as_of = as_of_date(args.as_of) if args.as_of else None
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"--as-of: {exc}") from None
    settings = load_settings(settings_path(args), as_of=as_of)
    stream = None if args.quiet else sys.stderr
    logging.getLogger("botocore").setLevel(logging.ERROR)  # nothing of the requests reaches the logs
    if args.cloud == "aws":
        try:
            from ..audit.aws import audit_aws
        except ImportError as exc:
            raise UsageError(f"audit aws needs boto3: pip install 'hds-policies[aws]' ({exc})") from None
        result = audit_aws(args.profile, args.region or None, args.endpoint_url, stream)
    else:
        try:
            from ..audit.ovh import audit_ovh
        except ImportError as exc:
            raise UsageError(f"audit ovh needs the ovh SDK: pip install 'hds-policies[ovh]' ({exc})") from None
        result = audit_ovh(args.endpoint, args.project or None, args.api_url, stream)
    fail_on = "none" if args.soft_fail else args.fail_on
    text, code = _render(result, settings, args.format, args.show_passed, fail_on)
    write(text, args.output)
    return code


def _render(result: AuditResult, settings: Settings, fmt: str, show_passed: bool,
            fail_on: str | None) -> tuple[str, int]:
    """The report in `fmt` and the exit code (1 when a failed finding reaches the threshold)."""
    from ..engine import fails_at, summary
    from ..report import RENDERERS

    found = result.findings(settings, include_passed=show_passed)
    text = RENDERERS[fmt](found, summary(result.graph, found), settings.catalog, settings.as_of.isoformat())
    threshold = fail_on or settings.fail_on
    return text, 1 if threshold != "none" and fails_at(found, threshold) else 0
