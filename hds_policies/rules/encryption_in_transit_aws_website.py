"""HDS_TLS_001 for S3 static website hosting: the website endpoint serves HTTP only.

`http://<bucket>.s3-website-<region>.amazonaws.com` has no HTTPS (AWS S3 User Guide, "Website
endpoints": "Amazon S3 website endpoints do not support HTTPS"), so a bucket configured as a website
serves its objects unencrypted, whatever its bucket policy says of the REST endpoint. A website whose
every request is redirected to an https:// target (`redirect_all_requests_to`, protocol https) serves
nothing itself, so it passes, as an HTTP listener that redirects to HTTPS does.
"""

from __future__ import annotations

from typing import Any

from ..model import Resource, is_unknown
from .base import Context, Verdict, failed, label, passed, unknown, worst
from .registry import Row, check

WHY = "the S3 website endpoint serves HTTP only (no TLS); serve the bucket through its HTTPS REST endpoint " \
      "(e.g. CloudFront with an S3 origin) instead"


def _over_unknown_collection(block: Any) -> bool:
    """A block the loader made from `dynamic` over an unknown collection: every value unknown, so
    named (hcl_loader._unknown_content)."""
    return isinstance(block, dict) and bool(block) and all(
        is_unknown(v) and str(v).startswith("dynamic ") for v in block.values())


def _redirect_protocol(website: dict[str, Any]) -> Any:
    """The protocol every request is redirected with: `redirect_all_requests_to` (a block with
    `protocol`, or, in the bucket's own v3 block, a host optionally prefixed with `https://`);
    None when the website serves objects or redirects keeping the request's (HTTP) protocol."""
    target = website.get("redirect_all_requests_to")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, dict):
        return target.get("protocol")
    if is_unknown(target):
        return target
    if isinstance(target, str) and "://" in target:
        return target.split("://", 1)[0]
    return None


def _website_verdict(resource: Resource, ctx: Context, website: dict[str, Any]) -> Verdict:
    """A website that only redirects every request to HTTPS serves nothing over HTTP (as an HTTP
    listener redirecting to HTTPS); any other serves its objects over HTTP."""
    name = label(ctx, resource)
    protocol = _redirect_protocol(website)
    if is_unknown(protocol):
        return unknown(resource, f"{name}: redirect protocol unknown ({protocol})")
    if isinstance(protocol, str) and protocol.lower() == "https":
        return passed(resource, f"{name}: the website endpoint only redirects every request to HTTPS")
    return failed(resource, f"{name}: {WHY}")


@check("HDS_TLS_001", "aws_s3_bucket_website_configuration")
def website_configuration(resource: Resource, ctx: Context, row: Row) -> Verdict:
    return _website_verdict(resource, ctx, resource.attrs)


@check("HDS_TLS_001", "aws_s3_bucket")
def bucket_website(bucket: Resource, ctx: Context, row: Row) -> Verdict | None:
    """A bucket's own `website` block (aws_s3_bucket before provider 4, pulumi-aws Bucket)."""
    website = bucket.attrs.get("website")
    if website is None or website == [] or website == [{}]:
        return None
    if is_unknown(website):
        return unknown(bucket, f"{label(ctx, bucket)}: website configuration cannot be read from the code "
                               f"({website})")
    if isinstance(website, list) and all(_over_unknown_collection(b) for b in website):
        # `dynamic "website"` over a collection the code does not hold: zero or more website blocks.
        first = next(iter(website[0].values()))
        return unknown(bucket, f"{label(ctx, bucket)}: whether it is a website cannot be read from the code "
                               f"({str(first).rsplit(':', 1)[0]})")
    return worst([_website_verdict(bucket, ctx, b) for b in website if isinstance(b, dict)]) or \
        failed(bucket, f"{label(ctx, bucket)}: {WHY}")
