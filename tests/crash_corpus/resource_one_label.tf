resource "aws_s3_bucket" {
  bucket = "x"
}
