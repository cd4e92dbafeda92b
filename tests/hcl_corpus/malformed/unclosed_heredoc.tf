resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": []
}
}
