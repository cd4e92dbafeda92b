locals {
  zones = ["eu-west-3a", "eu-west-3b"
  count = 2
}
