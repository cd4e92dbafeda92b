# HDS_TLS_002 AWS: TLS 1.2 at least on load balancer listeners, CloudFront, search domains and Classic LB policies.
provider "aws" {
  region = "eu-west-3"
}

variable "ssl_policy" {
  type = string
}

variable "minimum_protocol_version" {
  type = string
}

variable "tls_security_policy" {
  type = string
}

variable "reference_security_policy" {
  type = string
}

variable "certificate_arn" {
  type    = string
  default = "arn:aws:acm:eu-west-3:123456789012:certificate/0f6c3b0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"
}

# --- Application / Network Load Balancer listeners ---------------------------------------------

resource "aws_lb" "portal" {
  name               = "portal"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb_target_group" "portal" {
  name     = "portal"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d"
}

resource "aws_lb_listener" "pass_tls13_policy" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "fail_provider_default_policy" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 8443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "unknown_policy_from_variable" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 9443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "none_http_redirect" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_alb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_alb_target_group" "legacy" {
  name     = "legacy"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d"
}

resource "aws_alb_listener" "pass_tls12_policy" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-2-2017-01"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

resource "aws_alb_listener" "fail_tls10_policy" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-0-2015-04"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

resource "aws_alb_listener" "unknown_policy_from_variable" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 9443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

# --- CloudFront --------------------------------------------------------------------------------

resource "aws_cloudfront_distribution" "pass_tls12_2021" {
  enabled = true
  aliases = ["portal.example.fr"]

  origin {
    domain_name = "portal-origin.example.fr"
    origin_id   = "portal"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "portal"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/0f6c3b0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "fail_default_certificate" {
  enabled = true

  origin {
    domain_name = "portal-origin.example.fr"
    origin_id   = "portal"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "portal"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "unknown_protocol_version_from_variable" {
  enabled = true
  aliases = ["records.example.fr"]

  origin {
    domain_name = "portal-origin.example.fr"
    origin_id   = "portal"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "portal"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/0f6c3b0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = var.minimum_protocol_version
  }
}

# --- OpenSearch / Elasticsearch / CloudSearch --------------------------------------------------

resource "aws_opensearch_domain" "pass_tls12_policy" {
  domain_name    = "records-tls12"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}

resource "aws_opensearch_domain" "fail_tls10_policy" {
  domain_name    = "records-tls10"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}

resource "aws_opensearch_domain" "unknown_policy_from_variable" {
  domain_name    = "records-var"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_security_policy
  }
}

resource "aws_elasticsearch_domain" "pass_tls12_policy" {
  domain_name           = "legacy-tls12"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_elasticsearch_domain" "fail_tls10_policy" {
  domain_name           = "legacy-tls10"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}

resource "aws_elasticsearch_domain" "unknown_policy_from_variable" {
  domain_name           = "legacy-var"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_security_policy
  }
}

resource "aws_cloudsearch_domain" "pass_tls12_policy" {
  name = "formulary-tls12"

  endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  index_field {
    name = "drug"
    type = "text"
  }
}

resource "aws_cloudsearch_domain" "fail_default_policy" {
  name = "formulary-default"

  endpoint_options {
    enforce_https = true
  }

  index_field {
    name = "drug"
    type = "text"
  }
}

resource "aws_cloudsearch_domain" "unknown_policy_from_variable" {
  name = "formulary-var"

  endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_security_policy
  }

  index_field {
    name = "drug"
    type = "text"
  }
}

# --- Classic Load Balancer SSL negotiation policies --------------------------------------------

resource "aws_elb" "records" {
  name               = "records"
  availability_zones = ["eu-west-3a", "eu-west-3b"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = var.certificate_arn
  }
}

resource "aws_load_balancer_policy" "pass_tls12_reference_policy" {
  load_balancer_name = aws_elb.records.name
  policy_name        = "records-tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_policy" "fail_tls10_turned_on" {
  load_balancer_name = aws_elb.records.name
  policy_name        = "records-custom"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }

  policy_attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
}

resource "aws_load_balancer_policy" "unknown_reference_policy_from_variable" {
  load_balancer_name = aws_elb.records.name
  policy_name        = "records-var"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = var.reference_security_policy
  }
}

resource "aws_load_balancer_policy" "none_proxy_protocol" {
  load_balancer_name = aws_elb.records.name
  policy_name        = "records-proxy-protocol"
  policy_type_name   = "ProxyProtocolPolicyType"

  policy_attribute {
    name  = "ProxyProtocol"
    value = "true"
  }
}

# --- listeners whose protocol the code does not hold -------------------------------------------

variable "listener_protocol" {
  type = string
}

resource "aws_lb_listener" "fail_weak_policy_protocol_from_variable" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 10443
  protocol          = var.listener_protocol
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "unknown_protocol_and_no_policy" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 11443
  protocol          = var.listener_protocol
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}
