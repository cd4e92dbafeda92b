"""The Checkov frontend: one Checkov check per rule (`checks`), Checkov's resource graph translated for
the engine (`graph`), sensitive values kept out of Checkov's records (`redact`), and the wrapper that
runs Checkov with them (`wrapper`; `external_checks/` is the folder Checkov loads).

It reads Terraform plans and HCL conventions through the terraform frontend's loaders; the command line
(`hds-policies checkov`, `checkov-dir`) is hds_policies.cli.checkov.
"""
