"""A small structural validator for catalog data and user files.

Each schema is a plain dict; `validate` raises `DataError` with a message of the form
``<file>: <key path>: <problem>`` so the CLI can print it as the one-line error.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any


class DataError(ValueError):
    """Bad data in a catalog, override or settings file (one line, names file and key)."""


def obj(fields: dict[str, Any], required: tuple[str, ...] = ()) -> dict:
    """An object with known keys only."""
    return {"t": "object", "fields": fields, "required": required}


def mapping(values: Any, key_pattern: str | None = None) -> dict:
    """An object with free keys whose values share one schema."""
    return {"t": "map", "values": values, "key_pattern": key_pattern}


def listof(items: Any) -> dict:
    return {"t": "list", "items": items}


def nullable(inner: Any) -> dict:
    return {"t": "nullable", "inner": inner}


def enum(*values: Any) -> dict:
    return {"t": "enum", "values": values}


STR, INT, BOOL, DATE, NUM = "str", "int", "bool", "date", "num"
COUNTRY = {"t": "pattern", "pattern": r"[A-Z]{2}", "what": "an ISO 3166 alpha-2 country code"}
ACTIVITY = {"t": "activity"}
ACTIVITIES = listof(ACTIVITY)
ANY = "any"


def _fail(where: str, path: str, problem: str) -> DataError:
    return DataError(f"{where}: {path or '(top level)'}: {problem}")


def validate(value: Any, schema: Any, where: str, path: str = "") -> None:
    """Check `value` against `schema`; raise DataError on the first problem."""
    if schema == ANY:
        return
    if schema == STR:
        if not isinstance(value, str):
            raise _fail(where, path, f"expected a string, got {type(value).__name__}")
        return
    if schema == BOOL:
        if not isinstance(value, bool):
            raise _fail(where, path, f"expected true or false, got {type(value).__name__}")
        return
    if schema == INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail(where, path, f"expected an integer, got {type(value).__name__}")
        return
    if schema == NUM:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise _fail(where, path, f"expected a number, got {type(value).__name__}")
        return
    if schema == DATE:
        parse_date(value, where, path)
        return
    kind = schema["t"]
    if kind == "nullable":
        if value is not None:
            validate(value, schema["inner"], where, path)
        return
    if kind == "enum":
        if value not in schema["values"]:
            allowed = ", ".join(str(v) for v in schema["values"])
            raise _fail(where, path, f"{value!r} is not one of: {allowed}")
        return
    if kind == "pattern":
        if not isinstance(value, str) or not re.fullmatch(schema["pattern"], value):
            raise _fail(where, path, f"{value!r} is not {schema['what']}")
        return
    if kind == "activity":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 6:
            raise _fail(where, path, f"{value!r} is not an HDS activity number (1-6)")
        return
    if kind == "list":
        if not isinstance(value, list):
            raise _fail(where, path, f"expected a list, got {type(value).__name__}")
        for i, item in enumerate(value):
            validate(item, schema["items"], where, f"{path}[{i}]")
        return
    if not isinstance(value, dict):
        raise _fail(where, path, f"expected a mapping, got {type(value).__name__}")
    if kind == "map":
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if schema.get("key_pattern") and not re.fullmatch(schema["key_pattern"], str(key)):
                raise _fail(where, sub, "is not a valid key here")
            validate(item, schema["values"], where, sub)
        return
    fields = schema["fields"]
    for key, item in value.items():
        sub = f"{path}.{key}" if path else str(key)
        if key not in fields:
            raise _fail(where, sub, f"unknown key (allowed: {', '.join(sorted(fields))})")
        validate(item, fields[key], where, sub)
    for key in schema["required"]:
        if key not in value:
            raise _fail(where, f"{path}.{key}" if path else key, "is required")


def parse_date(value: Any, where: str, path: str) -> _dt.date:
    """A YYYY-MM-DD string (or a date YAML already parsed) as a date."""
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(where, path, f"{value!r} is not a date (YYYY-MM-DD)")


SOURCE_FIELDS = {"source": STR, "as_of": DATE}

ACTIVITIES_FILE = obj(
    {**SOURCE_FIELDS, "activities": listof(obj({"number": ACTIVITY, "fr": STR, "en": STR}, ("number", "fr", "en")))},
    ("source", "as_of", "activities"),
)

EEA_FILE = obj(
    {**SOURCE_FIELDS, "countries": listof(COUNTRY), "not_eea_notes": mapping(STR)},
    ("source", "as_of", "countries"),
)

REGION_ENTRY = obj(
    {
        "country": nullable(COUNTRY),
        "eea": BOOL,
        "label": STR,
        "partition": STR,
        "pair": nullable(STR),
        "kind": enum("region", "multi-region", "dual-region", "zone", "endpoint", "location", "global"),
        "hds": BOOL,
        "entity": STR,
        "source": STR,
        "as_of": DATE,
        "note": STR,
    },
    ("country",),
)

REGION_TABLE = obj(
    {
        **SOURCE_FIELDS,
        "provider": STR,
        "note": STR,
        "normalise": obj(
            {"case": enum("lower", "upper", "keep"), "remove_spaces": BOOL, "patterns": listof(listof(STR))}
        ),
        "regions": mapping(REGION_ENTRY),
        "aliases": mapping(STR),
    },
    ("source", "as_of", "provider", "regions"),
)

PROVIDER_ENTRY = obj(
    {
        "name": STR,
        "legal_entity": STR,
        "status": enum("certified", "not_certified", "unverified", "not_applicable"),
        "activities": ACTIVITIES,
        "issuer": nullable(STR),
        "certificate": nullable(STR),
        "valid_from": nullable(DATE),
        "valid_until": nullable(DATE),
        "scope_notes": STR,
        "required_options": listof(STR),
        "hds_regions": listof(STR),
        "source": STR,
        "as_of": DATE,
        "confidence": enum("high", "medium", "low"),
        "regions": nullable(STR),
        "terraform_sources": listof(STR),
        "terraform_names": listof(STR),
        "pulumi_packages": listof(STR),
        "resource_prefixes": listof(STR),
        "resource_region_attributes": listof(STR),
        "provider_region_attributes": listof(STR),
        "parent_attributes": listof(STR),  # a resource without a region is where the resource it names is
        "default_region": STR,
        # provider-configuration paths holding tags every resource of the provider carries
        # (Terraform AWS provider default_tags, Google provider default_labels)
        "provider_default_tags": listof(STR),
        "replaces": BOOL,
    },
    (),
)
PROVIDER_REQUIRED = ("name", "legal_entity", "status", "activities", "source", "as_of", "confidence")

PROVIDERS_FILE = obj({**SOURCE_FIELDS, "providers": mapping(PROVIDER_ENTRY)}, ("source", "as_of", "providers"))

RESOURCE_TYPE = obj(
    {
        "provider": STR,
        "label": STR,
        "activities": ACTIVITIES,
        "data": BOOL,
        "regional": BOOL,
        "pulumi": listof(STR),
        "note": STR,
    },
    ("provider", "label", "activities"),
)

RESOURCE_TYPES_FILE = obj(
    {
        **SOURCE_FIELDS,
        "default": obj({"activities": ACTIVITIES, "data": BOOL, "note": STR}, ("activities", "data")),
        "types": mapping(RESOURCE_TYPE),
    },
    ("source", "as_of", "default", "types"),
)

RULE = obj(
    {
        "rule_id": {"t": "pattern", "pattern": r"HDS_[A-Z]+_\d{3}", "what": "a rule id like HDS_LOC_001"},
        "family": enum(
            "location", "encryption_at_rest", "encryption_in_transit", "backup_immutability",
            "provider_certification", "coverage",
        ),
        "title": STR,
        "severity": enum("critical", "high", "medium", "low", "info"),
        "activities": ACTIVITIES,
        "basis": listof(STR),
        "resource_types": listof(STR),  # only "*" or "provider": other types come from evidence rows
        "reported_on": listof(STR),  # other types the rule's verdicts land on (e.g. a replication's source)
        "remediation": STR,
        "url": STR,
    },
    ("rule_id", "family", "title", "severity", "activities", "basis", "remediation"),
)

RULES_FILE = obj({**SOURCE_FIELDS, "rules": listof(RULE)}, ("source", "as_of", "rules"))

# What a user may put in an overrides file: entries merge into (or with replaces: true, replace)
# the shipped registry and region tables.
OVERRIDES = obj(
    {
        "providers": mapping(PROVIDER_ENTRY),
        "regions": mapping(
            obj({"regions": mapping(REGION_ENTRY), "aliases": mapping(STR), "source": STR, "as_of": DATE})
        ),
    }
)

TLS_FILE = obj(
    {
        **SOURCE_FIELDS,
        "weak_policies": mapping(listof(STR)),
        "provider_defaults": mapping(obj({"value": STR, "source": STR}, ("value", "source"))),
        "rds_force_ssl_default": mapping(obj({"parameter": STR, "on_from_major": INT}, ("parameter",))),
    },
    ("source", "as_of", "weak_policies", "provider_defaults", "rds_force_ssl_default"),
)

# Checkov's built-in encryption checks (data/checkov_encryption_types.json, written by
# bench/rule_coverage.py --write): per provider, the resource types they cover.
CHECKOV_TYPES_FILE = obj(
    {**SOURCE_FIELDS, "commit": STR, "providers": mapping(listof(STR))},
    ("source", "as_of", "commit", "providers"),
)

COUNTRIES_FILE = obj({**SOURCE_FIELDS, "names": mapping(STR, key_pattern=r"[A-Z]{2}")}, ("source", "as_of", "names"))

# What `hds-policies audit ovh` judges from the live account only (support level, subsidiary).
OVH_ACCOUNT_FILE = obj(
    {**SOURCE_FIELDS, "note": STR, "hds_option_prefix": STR, "required_support_levels": listof(STR),
     "subsidiaries": mapping(nullable(COUNTRY), key_pattern=r"[A-Z]{2,4}")},
    ("source", "as_of", "hds_option_prefix", "required_support_levels", "subsidiaries"),
)

# Evidence rows (data/evidence/<family>.json): how one resource type is judged for one rule. `shape`
# names an evidence shape of rules/shapes.py, or `python` for a @check in a family module; the other
# keys are the shape's parameters (SHAPE_PARAMS says which each shape needs).
_CONDITION = obj({"when": mapping(ANY), "message": STR}, ("when", "message"))
EVIDENCE_ROW = obj(
    {
        "rule": {"t": "pattern", "pattern": r"HDS_[A-Z]+_\d{3}", "what": "a rule id like HDS_TLS_001"},
        "type": STR,
        "api_type": STR,  # azapi_resource rows: the Azure resource type (Microsoft.Storage/storageAccounts)
        "shape": enum("python", "at_rest", "customer_key", "every_block", "flag", "value", "min_tls",
                      "parameter", "all_of", "listener_protocol", "geo_redundancy", "object_lock"),
        "label": STR,
        "source": STR,
        "note": STR,
        "attribute": STR,
        "attributes": listof(STR),
        "default": ANY,
        "good": ANY,
        "what": STR,
        "setting": STR,
        "encrypted_when": listof(ANY),
        "also": listof(_CONDITION),
        "set_by": listof(STR),
        "set_by_key": listof(STR),  # customer_key: the attributes of the set_by resource that name the key
        "parent": obj({"attribute": STR, "type": STR}, ("attribute", "type")),  # customer_key: whose key applies
        "no_customer_key": BOOL,  # an at_rest row whose store takes no customer-managed key
        "unset_message": STR,  # at_rest with default null: why an unset attribute is unknown
        "provider_managed": listof(STR),
        "blocks": ANY,
        "none": enum("passed", "failed", "unknown", "none"),
        "none_message": STR,
        # a key or keys (snapshot_id; replicate_source_db, …) whose source decides when the attribute is unset
        "inherit": ANY,
        "required": STR,  # every_block: a block (root_block_device) whose absence gives the `none` verdict
        "weak": listof(STR),
        "name": STR,
        "all": listof(ANY),
        "protocol": STR,
        "port": STR,
        "tls": listof(STR),
        "plain": listof(STR),
        "raw": listof(STR),
        "other": enum("tls", "plain", "raw", "other"),
        "plain_hint": STR,
        "geo": listof(ANY),
        "show_value": BOOL,
        "location": STR,
        "enabled": STR,
        "enabled_value": ANY,
        "mode": STR,
        "json": listof(STR),  # attributes holding JSON text (jsonencode), parsed before the shape runs
        "follows": listof(STR),  # python rows: the types of the resource whose evidence this one follows
    },
    ("rule", "type", "shape", "source"),
)
SHAPE_PARAMS: dict[str, tuple[str, ...]] = {
    "python": (),
    "at_rest": ("attribute", "default"),
    "customer_key": (),
    "every_block": ("blocks", "attribute", "default", "what", "none_message"),
    "flag": ("default",),
    "value": ("default", "good", "what"),
    "min_tls": ("weak", "default"),
    "parameter": ("blocks", "name", "default", "good", "what"),
    "all_of": ("all",),
    "listener_protocol": ("blocks", "protocol", "port"),
    "geo_redundancy": ("attribute", "default", "geo", "what"),
    "object_lock": ("enabled", "mode"),
}
EVIDENCE_FILE = obj({**SOURCE_FIELDS, "rows": listof(EVIDENCE_ROW)}, ("source", "as_of", "rows"))


def validate_row(row: dict[str, Any], where: str, path: str) -> None:
    """A row's shape parameters: the ones its shape needs (also in each `all_of` part), one attribute."""
    needed = SHAPE_PARAMS[row["shape"]]
    for key in needed:
        if key not in row:
            raise _fail(where, f"{path}.{key}", f"is required by shape {row['shape']}")
    named = "attribute" in row or "attributes" in row
    if row["shape"] in ("flag", "value", "min_tls", "customer_key") and not named:
        raise _fail(where, f"{path}.attribute", f"is required by shape {row['shape']}")
    for i, part in enumerate(row.get("all", ())):
        if not isinstance(part, dict) or part.get("shape") not in SHAPE_PARAMS or part["shape"] == "all_of":
            raise _fail(where, f"{path}.all[{i}].shape", "must name a shape other than all_of")
        validate_row({**row, **part, "all": []}, where, f"{path}.all[{i}]")

# Provider endpoints (data/endpoints.json): a provider's service -> the resource types it serves,
# endpoint host patterns -> the provider (and region) that stores the data, and identity URLs -> the
# provider behind a generic API.
ENDPOINTS_FILE = obj(
    {
        **SOURCE_FIELDS,
        "services": mapping(mapping(listof(STR))),
        "hosts": listof(obj({"pattern": STR, "provider": STR, "region": STR, "source": STR},
                            ("pattern", "provider", "source"))),
        # a provider configuration's identity URL (openstack auth_url) -> the cloud behind the API
        "identity": listof(obj({"terraform_provider": STR, "attribute": STR, "pattern": STR, "provider": STR,
                                "source": STR},
                               ("terraform_provider", "attribute", "pattern", "provider", "source"))),
    },
    ("source", "as_of", "services", "hosts"),
)

REQUIREMENT = obj(
    {
        "id": STR,
        "basis": STR,  # the string rules.json cites in a rule's basis
        "framework": STR,
        "title_fr": STR,
        "title_en": STR,
        "evidence": enum("automated", "partial", "manual"),  # manual: code cannot show it
        "rules": listof(STR),
        "manual": STR,  # what must be shown by hand
    },
    ("id", "basis", "framework", "title_fr", "title_en", "evidence", "rules"),
)

REQUIREMENTS_FILE = obj({**SOURCE_FIELDS, "requirements": listof(REQUIREMENT)}, ("source", "as_of", "requirements"))

REMEDIATION = obj(
    {"rule_id": STR, "resource_type": STR, "set": STR, "terraform": STR, "pulumi": STR},
    ("rule_id", "resource_type", "set", "terraform", "pulumi"),
)

REMEDIATION_FILE = obj({**SOURCE_FIELDS, "remediations": listof(REMEDIATION)}, ("source", "as_of", "remediations"))
