"""hds-policies: checks that keep French health data (HDS) where the law allows."""

__version__ = "0.1.0"
