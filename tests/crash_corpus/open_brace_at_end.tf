resource "aws_s3_bucket" "b" {
  tags = {
    a = "b"
