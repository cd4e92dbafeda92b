"""The rules: importing this package registers every rule, check and shape (registry.py).

Per family, the Python evidence is in <family>.py (AWS and what spans providers) and
<family>_<provider>.py; which resource type is judged how is catalog/data/evidence/<family>.json.
"""

from . import (  # noqa: F401  (imported for their registrations)
    backup_immutability,
    backup_immutability_azure,
    backup_immutability_gcp,
    backup_immutability_scaleway,
    coverage,
    encryption_at_rest,
    encryption_follows,
    encryption_in_transit,
    encryption_in_transit_aws_website,
    encryption_in_transit_azure,
    encryption_in_transit_gcp,
    encryption_in_transit_ovh,
    encryption_in_transit_scaleway,
    location,
    location_azure,
    location_gcp,
    location_ovh,
    provider_certification,
    shapes,
)
from .registry import RULES

__all__ = ["RULES"]
