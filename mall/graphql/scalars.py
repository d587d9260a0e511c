"""Saleor's custom scalars, with its names and wire formats."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any, NewType

import strawberry


def _parse_json_string(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value)
    return value


JSONString = strawberry.scalar(
    NewType("JSONString", object),
    name="JSONString",
    serialize=lambda value: json.dumps(value) if not isinstance(value, str) else value,
    parse_value=_parse_json_string,
)

JSON = strawberry.scalar(NewType("JSON", object), name="JSON", serialize=lambda v: v, parse_value=lambda v: v)

GenericScalar = strawberry.scalar(
    NewType("GenericScalar", object),
    name="GenericScalar",
    description="Any JSON value: String, Boolean, Int, Float, List or Object.",
    serialize=lambda v: v,
    parse_value=lambda v: v,
)


def _parse_positive_int(value: Any) -> int:
    number = int(value)
    if number != value or number <= 0:
        raise ValueError("Expected a positive integer.")
    return number


PositiveInt = strawberry.scalar(
    NewType("PositiveInt", int),
    name="PositiveInt",
    description="Positive Integer scalar implementation. Should be used where the value must be > 0.",
    serialize=int,
    parse_value=_parse_positive_int,
)


def _parse_decimal(value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError("Expected a decimal number.") from error
    if not number.is_finite():
        raise ValueError("Expected a finite decimal number.")
    return number


def _parse_positive_decimal(value: Any) -> Decimal:
    number = _parse_decimal(value)
    if number < 0:
        raise ValueError("Expected a non-negative decimal number.")
    return number


SaleorDecimal = strawberry.scalar(
    NewType("SaleorDecimal", Decimal),
    name="Decimal",
    description="Returns Decimal as a float in the API, parses float to the Decimal on the way back.",
    serialize=float,
    parse_value=_parse_decimal,
)

PositiveDecimal = strawberry.scalar(
    NewType("PositiveDecimal", Decimal),
    name="PositiveDecimal",
    description="Nonnegative Decimal scalar implementation (0 or greater).",
    serialize=float,
    parse_value=_parse_positive_decimal,
)


def _parse_metadata(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("Metadata must be an object whose keys and values are strings.")
    return value


Metadata = strawberry.scalar(
    NewType("Metadata", dict),
    name="Metadata",
    description="Metadata is a map of key-value pairs, both keys and values are `String`.",
    serialize=lambda v: v,
    parse_value=_parse_metadata,
)
