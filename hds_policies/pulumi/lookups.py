"""Answers to a program's look-ups (data sources, `get_*` functions) under the mocks.

A real preview asks the provider, which answers with real ids; offline there is no provider. The
answer here is shaped by the provider SDK's own result type (the `Get…Result` output type of the
function the token names): every field the type declares is present, strings and lists of strings get
plausible identifiers (`vpc-0…`, an ARN, a zone id, the availability zones of the configured region),
other fields are left unset. The look-up's own arguments are echoed, as a data source repeats what
it was looked up by. What cannot be known offline and may decide a verdict (an existing resource's
`location` or `region`, unless it is the configured one) is answered as unknown, so the verdict that
depends on it is `unknown`, never a guess. A user can fix the answer per function token
(`--mocks FILE`: `{"azure-native:resources:getResourceGroup": {"location": "francecentral"}}`).
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Mapping
from typing import Any

LOOKUP_MARK = "hds-lookup-unknown::"
"""Prefix of an answer not known offline: `hds-lookup-unknown::<token>::<field>`. The SDK's unknown
sentinel cannot stand in a plain look-up result (the result type checks `str`), so this string does,
and the converter reads it back as an unknown value naming the look-up."""
ACCOUNT = "123456789012"
# AWS id prefixes by the look-up's subject (ec2 getVpc -> vpc-…); knowledge of id shapes, not of verdicts.
AWS_ID_PREFIX = {
    "vpc": "vpc", "subnet": "subnet", "subnets": "subnet", "ami": "ami", "securitygroup": "sg",
    "internetgateway": "igw", "routetable": "rtb", "natgateway": "nat", "instance": "i", "keypair": "key",
    "networkinterface": "eni", "vpcendpoint": "vpce", "volume": "vol", "ebsvolume": "vol",
}
# Fields whose value is a place: known only when it is the configured region.
PLACE_FIELDS = frozenset({"location", "region"})


def marker(token: str, field: str) -> str:
    """The stand-in for look-up field `field` of `token`, not known offline."""
    return f"{LOOKUP_MARK}{token}::{field}"


def parse_marker(text: str) -> tuple[str, str] | None:
    """(look-up function, field) of a marker inside `text`, or None."""
    at = text.find(LOOKUP_MARK)
    if at < 0:
        return None
    rest = text[at + len(LOOKUP_MARK):]
    token, _, field = rest.partition("::")
    return token, re.split(r"[^A-Za-z0-9_]", field, maxsplit=1)[0]


def camel(snake_name: str) -> str:
    """`zone_ids` -> `zoneIds` (the engine name of an SDK property)."""
    head, *rest = snake_name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def result_type(token: str) -> type | None:
    """The SDK's result class for a function token: `aws:ec2/getVpc:getVpc` -> pulumi_aws.ec2.get_vpc.GetVpcResult."""
    parts = token.split(":")
    if len(parts) != 3:
        return None
    pkg, mid, fn = parts
    modules = [m for m in mid.split("/") if m]
    if modules and modules[-1].lower() == fn.lower():
        modules = modules[:-1]  # bridged: `ec2/getVpc` names the function's file
    path = ["pulumi_" + pkg.replace("-", "_")] + [m for m in modules if m != "index"] + [snake(fn)]
    try:
        module = importlib.import_module(".".join(path))
    except ImportError:
        return None
    cls = getattr(module, fn[:1].upper() + fn[1:] + "Result", None)
    return cls if inspect.isclass(cls) else None


def fields(cls: type) -> dict[str, str]:
    """Engine name -> annotation text of each property of an SDK output type."""
    out = {}
    for name, member in inspect.getmembers(cls, lambda m: isinstance(m, property)):
        ann = getattr(member.fget, "__annotations__", {}).get("return", "")
        out[camel(name)] = str(ann)
    return out


class Answerer:
    """Builds look-up answers for one program run."""

    def __init__(self, config: Mapping[str, str], fixed: Mapping[str, Mapping[str, Any]] | None = None):
        self.config = dict(config)
        self.fixed = {k: dict(v) for k, v in (fixed or {}).items()}

    def region(self, pkg: str) -> str | None:
        for key in (f"{pkg}:region", f"{pkg}:location"):
            if self.config.get(key):
                return self.config[key]
        return None

    def answer(self, token: str, args: Mapping[str, Any]) -> dict[str, Any]:
        """The result of look-up `token` called with `args` (engine names)."""
        pkg, _, rest = token.partition(":")
        fn = rest.rsplit(":", 1)[-1]
        subject = fn[3:] if fn.startswith("get") else fn
        out: dict[str, Any] = {}
        cls = result_type(token)
        for name, ann in (fields(cls) if cls else {}).items():
            value = self._value(token, subject, name, ann)
            if value is not None:
                out[name] = value
        out.update({k: v for k, v in args.items() if v is not None})
        out.update(self.fixed.get(token, {}))
        return out

    def _value(self, token: str, subject: str, name: str, ann: str) -> Any:
        pkg = token.split(":", 1)[0]
        low, text = name.lower(), ann.replace("typing.", "").replace("_builtins.", "")
        region = self.region(pkg)
        if text.startswith("Optional["):
            text = text[len("Optional["):-1]
        if text.startswith(("Sequence[", "List[", "list[")):
            if "str" not in text.split("[", 1)[1][:12]:
                return []
            return self._strings(token, subject, low, region)
        if text.startswith(("Mapping[", "Dict[", "dict[")):
            return {}
        if text not in ("str", "<class 'str'>"):
            return None  # numbers, booleans, nested objects: not guessed
        if low in PLACE_FIELDS:
            if subject.lower() == "region" and region:
                return region  # aws.get_region(): the configured region is the answer
            return marker(token, name)  # an existing resource's place: only the provider knows it
        if low == "name" and subject.lower() == "region" and region:
            return region
        return self._string(pkg, subject, low, region)

    def _string(self, pkg: str, subject: str, low: str, region: str | None) -> str:
        sub = subject.lower()
        if low in ("accountid", "ownerid"):
            return ACCOUNT
        if low.endswith("arn"):
            return f"arn:aws:{sub}:{region or 'eu-west-3'}:{ACCOUNT}:{sub}/mock-{sub}"
        if low in ("zoneid", "hostedzoneid"):
            return "Z0MOCK00000000000000"
        if low.endswith("cidrblock") or low == "cidr":
            return "10.0.0.0/16"
        if low == "id" or low.endswith("id"):
            if pkg == "aws" and sub in AWS_ID_PREFIX and low == "id":
                return f"{AWS_ID_PREFIX[sub]}-0123456789abcdef0"
            if pkg == "aws" and low == "imageid":
                return "ami-0123456789abcdef0"
            return f"mock-{snake(subject)}-{snake(low)}".replace("_", "-")
        return f"mock-{snake(subject)}-{low}".replace("_", "-")

    def _strings(self, token: str, subject: str, low: str, region: str | None) -> list[str]:
        pkg, sub = token.split(":", 1)[0], subject.lower()
        if sub == "availabilityzones" and low == "names":
            return [f"{region}{c}" for c in "abc"] if region else [marker(token, f"names[{i}]") for i in range(3)]
        if sub == "availabilityzones" and low == "zoneids":
            return [f"mock-az{i}" for i in (1, 2, 3)]
        if sub == "zones" and low == "names" and region:
            return [f"{region}-{c}" for c in "abc"]  # gcp.compute.get_zones()
        if low == "ids" and pkg == "aws" and sub in AWS_ID_PREFIX:
            return [f"{AWS_ID_PREFIX[sub]}-0123456789abcdef{i}" for i in (0, 1)]
        return [self._string(pkg, subject, low[:-1] if low.endswith("s") else low, region)]
