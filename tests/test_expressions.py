"""Conditional expressions the HCL loader decides, and those it leaves unknown (as the HCL tree
renders them: parentheses dropped, true/null inside expressions written True/None)."""

from __future__ import annotations

from typing import Any

import pytest

from hds_policies.model import Unknown
from hds_policies.terraform.expressions import Resolver

VALUES = {"var.create": False, "var.env": "prod", "var.dr": True, "var.n": 1, "var.f": 1.0}


def resolve(text: str) -> Any:
    return Resolver(lambda root, rest: VALUES.get(root, Unknown(root))).value(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("${var.create ? 1 : 0}", 0),
    ('${var.env == "prod" ? "eu-west-3" : "us-east-1"}', "eu-west-3"),
    ('${var.env != "prod" ? "a" : "b"}', "b"),
    ('${var.env == "dev" ? "a" : var.env == "prod" ? "b" : "c"}', "b"),  # else-chain
    ("${!var.dr}", False),
    ("${!var.create ? 1 : 0}", 1),
    ("${var.n == 1}", True),
    ("${var.n == var.f}", True),  # numbers are one type
    ('${var.n == "1"}', False),  # a number is not a string
    ("${var.dr == True}", True),
    ('${True ? "a" : None}', "a"),
    ('${var.dr ? "${var.env}-dr" : "x"}', "prod-dr"),
    ('${var.create ? var.missing : "b"}', "b"),  # the branch not taken may be unknown
    ('${toset(["a", "b", "a"])}', ["a", "b"]),
])
def test_decided(text: str, expected: Any) -> None:
    assert resolve(text) == expected


@pytest.mark.parametrize("text", [
    "${var.missing ? 1 : 0}",  # unknown condition
    '${var.env ? "a" : "b"}',  # not a bool
    '${var.dr ? var.missing : "b"}',  # the branch taken is unknown
    "${var.dr && var.create ? 1 : 0}",  # && / || : grouping lost with the parentheses
    "${length(var.l) > 0 ? 1 : 0}",  # function calls and order comparisons
    "${var.n + 1 == 2}",  # arithmetic
    '${var.dr ? "a\\"b" : "c"}',  # escapes
])
def test_left_unknown(text: str) -> None:
    assert resolve(text) == Unknown(text)
