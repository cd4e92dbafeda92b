locals {
  a = 1
}

/* this comment never ends
output "a" {
  value = local.a
}
