"""HDS policy pack: one CrossGuard policy per hds-policies rule (docs/pulumi.md)."""

from hds_policies.pulumi.policies import serve

serve()
