"""Checkov external-checks folder: pass it to `checkov --external-checks-dir` (see `hds-policies checkov-dir`)."""
