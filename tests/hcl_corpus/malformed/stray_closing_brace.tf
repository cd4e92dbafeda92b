locals {
  name = "app"
}
}

output "name" {
  value = local.name
}
