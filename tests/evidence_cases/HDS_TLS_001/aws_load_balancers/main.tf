# HDS_TLS_001 AWS load balancers and CloudFront: clients reach them over TLS, or are redirected to it.
provider "aws" {
  region = "eu-west-3"
}

variable "listener_protocol" {
  type = string
}

variable "viewer_protocol_policy" {
  type = string
}

variable "certificate_arn" {
  type    = string
  default = "arn:aws:acm:eu-west-3:123456789012:certificate/0f6c3b0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"
}

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

resource "aws_lb_listener" "pass_https" {
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

resource "aws_lb_listener" "pass_http_redirects_to_https" {
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

resource "aws_lb_listener" "fail_http_forward" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 8080
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "unknown_protocol_from_variable" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 8443
  protocol          = var.listener_protocol
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb" "mllp" {
  name               = "mllp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb_target_group" "mllp" {
  name     = "mllp"
  port     = 2575
  protocol = "TCP"
  vpc_id   = "vpc-0a1b2c3d"
}

resource "aws_lb_listener" "unknown_tcp_passthrough" {
  load_balancer_arn = aws_lb.mllp.arn
  port              = 2575
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.mllp.arn
  }
}

resource "aws_alb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_alb_target_group" "legacy" {
  name     = "legacy"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d"
}

resource "aws_alb_listener" "pass_https" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

resource "aws_alb_listener" "fail_http_forward" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

resource "aws_alb_listener" "unknown_protocol_from_variable" {
  load_balancer_arn = aws_alb.legacy.arn
  port              = 8443
  protocol          = var.listener_protocol

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.legacy.arn
  }
}

resource "aws_elb" "pass_https_listener" {
  name               = "records-https"
  availability_zones = ["eu-west-3a", "eu-west-3b"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = var.certificate_arn
  }
}

resource "aws_elb" "fail_http_listener" {
  name               = "records-http"
  availability_zones = ["eu-west-3a", "eu-west-3b"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_elb" "unknown_tcp_listener" {
  name               = "records-tcp"
  availability_zones = ["eu-west-3a", "eu-west-3b"]

  listener {
    instance_port     = 5432
    instance_protocol = "tcp"
    lb_port           = 5432
    lb_protocol       = "tcp"
  }
}

resource "aws_cloudfront_distribution" "pass_redirect_to_https" {
  enabled = true

  origin {
    domain_name = "portal.example.fr"
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

resource "aws_cloudfront_distribution" "fail_allow_all_behaviour" {
  enabled = true

  origin {
    domain_name = "portal.example.fr"
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

  ordered_cache_behavior {
    path_pattern           = "/static/*"
    target_origin_id       = "portal"
    viewer_protocol_policy = "allow-all"
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

resource "aws_cloudfront_distribution" "unknown_viewer_policy_from_variable" {
  enabled = true

  origin {
    domain_name = "portal.example.fr"
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
    viewer_protocol_policy = var.viewer_protocol_policy
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
