"""Calls and rows for Saleor's concepts a points mall lacks (mall/graphql/saleor_absent): each root field with
the least arguments its signature requires, built from the schema, and the one answer every caller gets."""

from __future__ import annotations

from functools import cache
from typing import Any

from mall.graphql.saleor_absent.generated import SALEORABSENTMUTATIONS, SALEORABSENTQUERIES
from mall.graphql.schema import build_schema

UNKNOWN_ID = '"Tm93aGVyZTo5OTk5"'  # base64("Nowhere:9999"): no row of an absent concept exists


@cache
def _types() -> dict[str, dict[str, Any]]:
    return {kind["name"]: kind for kind in build_schema().introspect()["__schema"]["types"]}


def _literal(ref: dict[str, Any], types: dict[str, dict[str, Any]]) -> str:
    """The least value of a required type: an unknown ID, empty text and lists, the first enum value, an input
    object with its own required fields."""
    while ref["kind"] == "NON_NULL":
        ref = ref["ofType"]
    if ref["kind"] == "LIST":
        return "[]"
    kind = types[ref["name"]]
    if kind["kind"] == "ENUM":
        return kind["enumValues"][0]["name"]
    if kind["kind"] == "INPUT_OBJECT":
        required = [f for f in kind["inputFields"] if f["type"]["kind"] == "NON_NULL" and f["defaultValue"] is None]
        return "{" + ", ".join(f"{f['name']}: {_literal(f['type'], types)}" for f in required) + "}"
    return {"ID": UNKNOWN_ID, "String": '""', "Int": "0", "Float": "0", "Boolean": "false",
            "PositiveInt": "1", "Decimal": "0", "PositiveDecimal": "0"}.get(ref["name"], '""')


def _selection(field: dict[str, Any], types: dict[str, dict[str, Any]], mutation: bool) -> str:
    required = [a for a in field["args"] if a["type"]["kind"] == "NON_NULL" and a["defaultValue"] is None]
    arguments = ", ".join(f"{a['name']}: {_literal(a['type'], types)}" for a in required)
    call = f"{field['name']}({arguments})" if arguments else field["name"]
    return call if mutation else f"{call} {{ __typename }}"


def absent_calls() -> tuple[dict[str, str], dict[str, str]]:
    """(queries, mutations): the selection of each absent root field, as calls.py writes them."""
    types = _types()
    query_fields = {f["name"]: f for f in types["Query"]["fields"]}
    mutation_fields = {f["name"]: f for f in types["Mutation"]["fields"]}
    queries = {name: _selection(query_fields[name], types, False) for name in SALEORABSENTQUERIES}
    mutations = {name: _selection(mutation_fields[name], types, True) for name in SALEORABSENTMUTATIONS}
    return queries, mutations


def answers_null(name: str) -> bool:
    """A query answering null (one object by ID, a report) rather than an empty list or settings."""
    field = next(f for f in _types()["Query"]["fields"] if f["name"] == name)
    ref = field["type"]
    return ref["kind"] == "OBJECT" and not ref["name"].endswith("Connection")


def names_rows(name: str) -> bool:
    """A mutation naming rows by ID (there are none: NOT_FOUND, when its error codes have it) rather than
    creating or configuring."""
    types = _types()
    field = next(f for f in types["Mutation"]["fields"] if f["name"] == name)
    payload = types[field["type"]["name"]]
    errors = next(f for f in payload["fields"] if f["name"] == "errors")["type"]
    while errors.get("ofType"):
        errors = errors["ofType"]
    code = next(f for f in types[errors["name"]]["fields"] if f["name"] == "code")["type"]
    while code.get("ofType"):
        code = code["ofType"]
    has_not_found = any(value["name"] == "NOT_FOUND" for value in types[code["name"]]["enumValues"])
    return has_not_found and any(a["name"] in {"id", "ids"} for a in field["args"])
