resource "aws_s3_bucket" "a" {
region = []
region = lower("", "")
}
