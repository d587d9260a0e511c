"""Saleor's custom scalars, with its names and wire formats.

Each scalar is a NewType used in annotations; SCALAR_MAP (given to StrawberryConfig) says how it is
serialised and parsed.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal, InvalidOperation
from typing import Any, NewType

import dateutil.parser
import strawberry

JSONString = NewType("JSONString", object)
JSON = NewType("JSON", object)
GenericScalar = NewType("GenericScalar", object)
PositiveInt = NewType("PositiveInt", int)
SaleorDecimal = NewType("SaleorDecimal", Decimal)
PositiveDecimal = NewType("PositiveDecimal", Decimal)
Metadata = NewType("Metadata", dict)
Upload = NewType("Upload", object)
INT32_MAX = 2**31 - 1
WeightScalar = NewType("WeightScalar", object)


def _identity(value: Any) -> Any:
    return value


def _parse_json_string(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _serialise_json_string(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _parse_positive_int(value: Any) -> int:
    # Saleor's PositiveInt is GraphQL's 32-bit Int above 0: larger numbers fit no integer column.
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= INT32_MAX:
        raise ValueError(f"Expected a positive integer of at most {INT32_MAX}.")
    return value


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


def _parse_metadata(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("Metadata must be an object whose keys and values are strings.")
    return value


def _parse_weight(value: Any) -> Decimal:
    """Saleor accepts a number (in the shop's unit) or {"unit": "G", "value": 250}. We store grams, as a
    32-bit integer: a heavier weight fits no column and is refused here."""
    if isinstance(value, dict):
        grams_per_unit = {"G": 1, "KG": 1000, "LB": Decimal("453.59237"), "OZ": Decimal("28.349523125")}
        unit = str(value.get("unit", "G")).upper()
        if unit not in grams_per_unit:
            raise ValueError(f"Unknown weight unit {unit}.")
        grams = _parse_positive_decimal(value.get("value")) * grams_per_unit[unit]
    else:
        grams = _parse_positive_decimal(value)
    if grams > INT32_MAX:
        raise ValueError(f"Weights can be at most {INT32_MAX} grams.")
    return grams


def _parse_datetime(value: Any) -> datetime.datetime:
    """ISO 8601, as strawberry's own DateTime, but only instants every column can hold: a time near year 1
    or 9999 with an offset has no UTC equivalent, and comparing or storing it failed deep inside a query."""
    if not isinstance(value, str):
        raise ValueError("Expected an ISO 8601 date and time as a string.")
    parsed = dateutil.parser.isoparse(value)
    try:
        parsed.astimezone(datetime.UTC) if parsed.tzinfo is not None else None
    except OverflowError as error:
        raise ValueError("The date and time is out of range.") from error
    return parsed


SCALAR_MAP: dict[object, Any] = {
    datetime.datetime: strawberry.scalar(
        name="DateTime", description="Date with time (isoformat)", serialize=datetime.datetime.isoformat,
        parse_value=_parse_datetime,
    ),
    JSONString: strawberry.scalar(name="JSONString", serialize=_serialise_json_string, parse_value=_parse_json_string),
    JSON: strawberry.scalar(name="JSON", serialize=_identity, parse_value=_identity),
    GenericScalar: strawberry.scalar(
        name="GenericScalar",
        description="Any JSON value: String, Boolean, Int, Float, List or Object.",
        serialize=_identity,
        parse_value=_identity,
    ),
    PositiveInt: strawberry.scalar(
        name="PositiveInt",
        description="Positive Integer scalar implementation (greater than 0).",
        serialize=int,
        parse_value=_parse_positive_int,
    ),
    SaleorDecimal: strawberry.scalar(
        name="Decimal",
        description="Returns Decimal as a float in the API, parses float to the Decimal on the way back.",
        serialize=float,
        parse_value=_parse_decimal,
    ),
    PositiveDecimal: strawberry.scalar(
        name="PositiveDecimal",
        description="Nonnegative Decimal scalar implementation (0 or greater).",
        serialize=float,
        parse_value=_parse_positive_decimal,
    ),
    Upload: strawberry.scalar(
        name="Upload",
        description="Variables of this type must be set to null in mutations. They will be replaced with a filename "
        "from a following multipart part containing a binary file. "
        "See: https://github.com/jaydenseric/graphql-multipart-request-spec.",
        serialize=_identity, parse_value=_identity,
    ),
    WeightScalar: strawberry.scalar(name="WeightScalar", serialize=float, parse_value=_parse_weight),
    Metadata: strawberry.scalar(
        name="Metadata",
        description="Metadata is a map of key-value pairs, both keys and values are `String`.",
        serialize=_identity,
        parse_value=_parse_metadata,
    ),
}
