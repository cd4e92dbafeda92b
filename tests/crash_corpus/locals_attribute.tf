locals = 5
variable "x" {}
