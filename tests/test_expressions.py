"""Expressions the HCL loader evaluates as Terraform does (hcl_eval.py), over the text the HCL tree
holds (parentheses kept by the loader; nested literals as Python reprs inside calls), and those it
leaves unknown with their text."""

from __future__ import annotations

from typing import Any

import pytest

from hds_policies.model import SensitiveStr, Unknown, is_sensitive, mark_sensitive
from hds_policies.terraform.expressions import Resolver
from hds_policies.terraform.hcl_parser import loads

VALUES = {"var.create": False, "var.env": "prod", "var.dr": True, "var.n": 1, "var.f": 1.0, "var.none": None,
          "var.regions": ["eu-west-3", "us-east-1"], "var.m": {"a": "eu-west-1", "b": "eu-central-1"},
          "var.groups": {"one": {"size": 2, "az": "eu-west-3a"}, "two": {"size": 3, "az": "eu-west-3b"}},
          "var.obj": {"name": "x"}, "var.tenant": mark_sensitive("Clinique-Nord"), "var.port": mark_sensitive(81)}


def lookup(root: str, rest: list[str]) -> Any:
    value = VALUES.get(root, Unknown(root))
    for step in rest:
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and step.isdigit():
            value = value[int(step)]
        else:
            return Unknown(".".join([root, *rest]))
    return value


def resolve(text: str) -> Any:
    return Resolver(lookup).value(text)


def hcl(expr: str) -> Any:
    """The value of `x = expr` as the loader reads it (parentheses kept) and evaluates it."""
    return resolve(loads(f"x = {expr}\n", keep_parens=True)["x"][0])


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
    ("${var.dr && var.create ? 1 : 0}", 0),
    ("${var.n + 1 == 2}", True),
    ('${var.dr ? "a\\"b" : "c"}', 'a"b'),
    ("${var.missing && false}", False),  # a known false decides &&
    ("${var.missing || true}", True),
    ("${var.none != None ? var.none : {}}", {}),  # a null default: for_each over {}
    ("${length(var.regions) > 1 ? 2 : 0}", 2),
    ("${var.missing ? 1 : 1}", 1),  # both branches agree
    ("${1e3}", 1000.0),
    ('${format("%-4s|%5.1f", "a", 2)}', "a   |  2.0"),
])
def test_decided(text: str, expected: Any) -> None:
    assert resolve(text) == expected


@pytest.mark.parametrize(("expr", "expected"), [
    ("(var.n + 1) * 2", 4),
    ("var.n + 1 * 2", 3),
    ("!(var.dr || var.create)", False),
    ("(var.dr || var.create) && var.create", False),
    ("var.dr || var.create && var.create", True),
    ("-var.n", -1),
    ("7 % 3", 1),
    ('try(var.obj.missing, "fallback")', "fallback"),
    ('try(var.obj.name, "fallback")', "x"),
    ("can(var.obj.missing)", False),
    ('coalesce(var.none, "", "c")', "c"),
    ('lookup(var.m, "b", "z")', "eu-central-1"),
    ('lookup(var.m, "q", "z")', "z"),
    ('merge(var.m, {c = "d"})', {"a": "eu-west-1", "b": "eu-central-1", "c": "d"}),
    ('concat(var.regions, ["x"])', ["eu-west-3", "us-east-1", "x"]),
    ("element(var.regions, 3)", "us-east-1"),
    ("one([var.env])", "prod"),
    ("one([])", None),
    ("length(var.m)", 2),
    ('contains(var.regions, "us-east-1")', True),
    ("keys(var.m)", ["a", "b"]),
    ("values(var.m)", ["eu-west-1", "eu-central-1"]),
    ('join("-", ["a", var.env])', "a-prod"),
    ('split(",", "a,b")', ["a", "b"]),
    ('format("%s-%02d", var.env, 3)', "prod-03"),
    ('format("%s-%d", var.env, 3)', "prod-3"),
    ("lower(upper(var.env))", "prod"),
    ('replace("eu_west_3", "_", "-")', "eu-west-3"),
    ('replace("abc", "/[ab]/", "x")', "xxc"),
    ("tostring(1)", "1"),
    ('tobool("true")', True),
    ('tonumber("5")', 5),
    ("tolist(var.regions)", ["eu-west-3", "us-east-1"]),
    ("flatten([[1], [2, [3]]])", [1, 2, 3]),
    ('distinct(["a", "a", "b"])', ["a", "b"]),
    ('compact(["a", "", null])', ["a"]),
    ('jsonencode({a = [1, "b"]})', '{"a":[1,"b"]}'),
    ('jsondecode("{\\"k\\": 1}").k', 1),
    ("[for r in var.regions : upper(r) if r != \"us-east-1\"]", ["EU-WEST-3"]),
    ("{for k, v in var.m : v => k}", {"eu-west-1": "a", "eu-central-1": "b"}),
    ("[for k, g in var.groups : g.size]", [2, 3]),
    ("values(var.groups)[*].az", ["eu-west-3a", "eu-west-3b"]),
    ("var.regions[1]", "us-east-1"),
    ('var.m["a"]', "eu-west-1"),
    ('var.m[var.env == "prod" ? "b" : "a"]', "eu-central-1"),
    ('"${var.env}-${var.n + 1}"', "prod-2"),
    ("sum([1, 2])", 3),
    ("alltrue([true, var.dr])", True),
])
def test_terraform_evaluation(expr: str, expected: Any) -> None:
    value = hcl(expr)
    assert value == expected and type(value) is type(expected), value


@pytest.mark.parametrize("text", [
    "${var.missing ? 1 : 0}",  # unknown condition
    '${var.env ? "a" : "b"}',  # not a bool: an error in Terraform
    "${length(var.missing) > 0 ? 1 : 0}",
    '${lookup(var.missing, "k", "d")}',
    '${file("x.json")}',  # a function the loader does not evaluate
    '${"%{ if var.dr }a%{ endif }"}',  # template directives
    "${var.obj.missing}",  # an error (no such attribute) is not a value
])
def test_left_unknown(text: str) -> None:
    assert resolve(text) == Unknown(text)


def test_a_reference_keeps_the_unknown_it_leads_to() -> None:
    assert resolve("${aws_s3_bucket.dr.arn}") == Unknown("aws_s3_bucket.dr.arn")
    assert resolve('${var.dr ? aws_s3_bucket.dr.arn : "b"}') == Unknown("aws_s3_bucket.dr.arn")  # the branch taken


@pytest.mark.parametrize(("expr", "plain"), [
    ("var.tenant", "Clinique-Nord"),
    ("lower(var.tenant)", "clinique-nord"),
    ("upper(var.tenant)", "CLINIQUE-NORD"),
    ('format("%s-db", var.tenant)', "Clinique-Nord-db"),
    ('"db-${var.tenant}"', "db-Clinique-Nord"),
    ('var.dr ? var.tenant : "x"', "Clinique-Nord"),
    ("[var.tenant][0]", "Clinique-Nord"),
    ('replace(var.tenant, "-", "_")', "Clinique_Nord"),
    ("var.port + 1", 82),
    ("tostring(var.port)", "81"),
])
def test_sensitive_marks_follow_every_derivation(expr: str, plain: Any) -> None:
    value = hcl(expr)
    assert value == plain and is_sensitive(value)
    assert f"{value}" == "(sensitive)" and str(value) == "(sensitive)"


def test_nonsensitive_removes_the_mark_and_sensitive_sets_it() -> None:
    assert not is_sensitive(hcl("nonsensitive(var.tenant)"))
    marked = hcl('sensitive("p")')
    assert isinstance(marked, SensitiveStr) and marked == "p" and f"S3 bucket {marked}" == "S3 bucket (sensitive)"


@pytest.mark.parametrize(("text", "options"), [
    ("${var.missing ? 1 : 0}", (1, 0)),
    ('${element(var.regions, var.missing)}', ("eu-west-3", "us-east-1")),
    ("${var.regions[var.missing]}", ("eu-west-3", "us-east-1")),
    ('${var.missing ? "a" : var.other ? "b" : "c"}', ("a", "b", "c")),
])
def test_unknown_narrowed_to_candidates(text: str, options: tuple) -> None:
    value = resolve(text)
    assert value == Unknown(text) and value.options == options
