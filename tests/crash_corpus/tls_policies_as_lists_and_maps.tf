provider "aws" { region = "eu-west-3" }
resource "aws_lb_listener" "a" {
  load_balancer_arn = "x"
  port = 443
  protocol = "HTTPS"
  ssl_policy = ["ELBSecurityPolicy-2016-08"]
}
resource "aws_lb_listener" "b" {
  load_balancer_arn = "x"
  port = 443
  protocol = "HTTPS"
  ssl_policy = { a = 1 }
}
resource "aws_cloudfront_distribution" "c" {
  viewer_certificate { minimum_protocol_version = ["x"] }
  default_cache_behavior { viewer_protocol_policy = ["x"] }
}
resource "aws_opensearch_domain" "d" {
  domain_endpoint_options { tls_security_policy = {a = 1} }
}
resource "azurerm_application_gateway" "e" {
  ssl_policy { policy_name = ["x"]
   min_protocol_version = {a=1} }
}
resource "google_compute_ssl_policy" "f" { min_tls_version = ["x"] }
