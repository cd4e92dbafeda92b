# HDS_PRV_005 Clever Cloud: its HDS certificate covers the HDS zones only (parhds, fr-north-hds,
# grahds, rbxhds). An application or add-on in another zone, or with no region (the provider's default
# "par"), is outside the certified scope; a zone given by a variable cannot be told from the code.
terraform {
  required_providers {
    clevercloud = { source = "CleverCloud/clevercloud" }
  }
}

provider "clevercloud" {
  organisation = "orga_00000000-0000-0000-0000-000000000000"
}

variable "zone" {
  type        = string
  description = "Clever Cloud zone of the environment"
}
