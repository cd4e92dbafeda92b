"""Schemas of the Pulumi frontend's catalog files (catalog/data/pulumi_*.json)."""

from __future__ import annotations

from ..catalog import schema

TYPES_FILE = schema.obj(
    {**schema.SOURCE_FIELDS, "bridged_types": schema.mapping(schema.STR),
     "location_types": schema.obj({"azure": schema.listof(schema.STR), "azure-native": schema.listof(schema.STR)},
                                  ("azure", "azure-native"))},
    ("source", "as_of", "bridged_types", "location_types"),
)

DEFAULT = schema.obj(
    {"token": schema.STR, "attribute": schema.STR, "value": "any", "since": schema.STR, "note": schema.STR,
     "source": schema.STR, "as_of": schema.DATE},
    ("token", "attribute", "value", "since", "source", "as_of"),
)
DEFAULTS_FILE = schema.obj({**schema.SOURCE_FIELDS, "defaults": schema.listof(DEFAULT)},
                           ("source", "as_of", "defaults"))

TRANSFORMS = ("after_underscore", "before_underscore", "enabled", "geo_locations")  # azure_native.TRANSFORMS
NATIVE_ATTRIBUTE = schema.obj({"attribute": schema.STR, "from": schema.STR, "transform": schema.enum(*TRANSFORMS)},
                              ("attribute", "from"))
NATIVE_TYPE = schema.obj({"token": schema.STR, "type": schema.STR, "attributes": schema.listof(NATIVE_ATTRIBUTE)},
                         ("token", "type", "attributes"))
AZURE_NATIVE_FILE = schema.obj(
    {**schema.SOURCE_FIELDS, "aliases": schema.mapping(schema.STR), "aliases_note": schema.STR,
     "types": schema.listof(NATIVE_TYPE)},
    ("source", "as_of", "aliases", "types"),
)
