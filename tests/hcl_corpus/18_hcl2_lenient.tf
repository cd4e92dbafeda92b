# Constructs that bc-python-hcl2 accepts but that the reference HCL parser
# (hashicorp/hcl hclsyntax, as used by Terraform) would reject or report as an
# error. Kept in their own file so a strict parser can opt out of them.

locals {
  # A conditional broken across lines at body level, with no enclosing
  # parentheses: in hclsyntax the newline ends the attribute.
  instance_type = local.is_prod
    ? "m6i.xlarge"
    : "t3.medium"

  # A nested conditional with the same layout.
  tier = var.sla >= 99.9
    ? "gold"
    : var.sla >= 99.5
    ? "silver"
    : "bronze"

  # Continuing a line after a binary operator at body level.
  logical_chain = var.a &&
    var.b ||
    var.c

  # Multi-line conditional inside an object constructor, where hclsyntax
  # treats newlines as element separators.
  sizing = {
    iops = local.is_prod
      ? 3000
      : null
    throughput = var.fast
      ? 500
      : 125
  }
}

resource "aws_ebs_volume" "lenient" {
  availability_zone = "eu-west-3a"
  size = var.big
    ? 500
    : 50
  encrypted = true
}

# Heredoc marker containing a dot (hclsyntax markers must be identifiers).
locals {
  dotted_marker = <<END_OF.TEXT
multi-word marker
END_OF.TEXT
}

# Repeated attribute names in one body ("Attribute redefined" in hclsyntax);
# hcl2 collects all values into one list.
scanner_settings {
  exclude = "tests/**"
  exclude = ".terraform/**"
  exclude = ["examples/**", "docs/**"]
  max-depth = 4
}

resource "aws_iam_policy_attachment" "dup" {
  name       = "dup"
  policy_arn = aws_iam_policy.legacy.arn
  roles      = [aws_iam_role.app.name]
  roles      = []
}
