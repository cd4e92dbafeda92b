"""HDS_TLS_001 for S3 static website hosting: the website endpoint serves HTTP only.

`http://<bucket>.s3-website-<region>.amazonaws.com` has no HTTPS (AWS S3 User Guide, "Website
endpoints": "Amazon S3 website endpoints do not support HTTPS"), so a bucket configured as a website
serves its objects unencrypted, whatever its bucket policy says of the REST endpoint.
"""

from __future__ import annotations

from ..model import Resource, is_unknown
from .base import Context, Verdict, failed, label, unknown
from .registry import Row, check

WHY = "the S3 website endpoint serves HTTP only (no TLS); serve the bucket through its HTTPS REST endpoint " \
      "(e.g. CloudFront with an S3 origin) instead"


@check("HDS_TLS_001", "aws_s3_bucket_website_configuration")
def website_configuration(resource: Resource, ctx: Context, row: Row) -> Verdict:
    return failed(resource, f"{label(ctx, resource)}: {WHY}")


@check("HDS_TLS_001", "aws_s3_bucket")
def bucket_website(bucket: Resource, ctx: Context, row: Row) -> Verdict | None:
    """A bucket's own `website` block (aws_s3_bucket before provider 4, pulumi-aws Bucket)."""
    website = bucket.attrs.get("website")
    if website is None or website == [] or website == [{}]:
        return None
    if is_unknown(website):
        return unknown(bucket, f"{label(ctx, bucket)}: website configuration cannot be read from the code "
                               f"({website})")
    return failed(bucket, f"{label(ctx, bucket)}: {WHY}")
