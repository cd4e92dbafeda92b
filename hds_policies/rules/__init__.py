"""The rules, one module per family. Importing this package registers them all in RULES."""

from . import (  # noqa: F401  (imported for their @rule registrations)
    backup_immutability,
    coverage,
    encryption_at_rest,
    encryption_in_transit,
    location,
    provider_certification,
)
from .base import RULES

__all__ = ["RULES"]
