# HDS_TLS_001 S3 static website hosting: the website endpoint serves HTTP only.
provider "aws" {
  region = "eu-west-3"
}

variable "website" {
  type = list(object({ index_document = string }))
}

resource "aws_s3_bucket" "none_rest_endpoint_only" {
  bucket = "none-rest-endpoint-only"
}

resource "aws_s3_bucket" "fail_website_block" {
  bucket = "fail-website-block"

  # aws provider < 4: the website block of the bucket itself.
  website {
    index_document = "index.html"
    error_document = "error.html"
  }
}

resource "aws_s3_bucket" "unknown_website_from_variable" {
  bucket = "unknown-website-from-variable"

  dynamic "website" {
    for_each = var.website
    content {
      index_document = website.value.index_document
    }
  }
}

resource "aws_s3_bucket" "none_site" {
  bucket = "none-site"
}

resource "aws_s3_bucket_website_configuration" "fail_static_site" {
  bucket = aws_s3_bucket.none_site.id

  index_document {
    suffix = "index.html"
  }

  error_document {
    key = "error.html"
  }
}

variable "redirect_protocol" {
  type = string
}

resource "aws_s3_bucket" "pass_website_redirects_to_https" {
  bucket = "pass-website-redirects-to-https"

  website {
    redirect_all_requests_to = "https://portal.example.fr"
  }
}

resource "aws_s3_bucket" "none_apex" {
  bucket = "none-apex"
}

resource "aws_s3_bucket_website_configuration" "pass_redirects_to_https" {
  bucket = aws_s3_bucket.none_apex.id

  redirect_all_requests_to {
    host_name = "portal.example.fr"
    protocol  = "https"
  }
}

resource "aws_s3_bucket" "none_www" {
  bucket = "none-www"
}

resource "aws_s3_bucket_website_configuration" "unknown_redirect_protocol_from_variable" {
  bucket = aws_s3_bucket.none_www.id

  redirect_all_requests_to {
    host_name = "portal.example.fr"
    protocol  = var.redirect_protocol
  }
}

resource "aws_s3_bucket" "none_old_www" {
  bucket = "none-old-www"
}

resource "aws_s3_bucket_website_configuration" "fail_redirect_keeps_http" {
  bucket = aws_s3_bucket.none_old_www.id

  redirect_all_requests_to {
    host_name = "portal.example.fr"
  }
}
