"""Relay global IDs: base64("Type:pk"), parsed with Saleor's error messages.

An ID is part of the input boundary (mall/graphql/boundary.py): whatever a client sends, parsing either
answers a key a column can hold or refuses the ID. Integer keys are bounded by the column they are
looked up in (PostgreSQL's `integer` for most tables, `bigint` for the ledger and settlement), so a key
like `Product:99999999999999999999999` is refused here and never overflows a query.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid

from graphql import GraphQLError

from mall.graphql.errors import DomainError

INT4_MAX = 2**31 - 1  # PostgreSQL `integer`: most primary keys, order numbers
INT8_MAX = 2**63 - 1  # PostgreSQL `bigint`: ledger transfers, settlement statements
# ASCII digits only: `\d` would accept other scripts' digits, which int() reads as the same key.
_PK_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*:([0-9]{1,19}|[0-9a-fA-F-]{36})$")


def to_global_id(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def decode_global_id(global_id: str) -> tuple[str, str] | None:
    """The (type, pk) of a well-formed ID, or None when it is not one.

    An integer pk has at most 19 digits (no column holds more); `int_pk` bounds it by its column."""
    try:
        text = base64.b64decode(global_id, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not _PK_PATTERN.match(text):
        return None
    type_name, pk = text.split(":", 1)
    if "-" in pk or len(pk) == 36:
        try:
            uuid.UUID(pk)
        except ValueError:
            return None
    return type_name, pk


def int_pk(pk: str, maximum: int = INT4_MAX) -> int | None:
    """`pk` as an integer key of a column holding at most `maximum`, or None (no row can have it)."""
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 19:
        return None
    value = int(pk)
    return value if value <= maximum else None


def parse_global_id(global_id: str, expected_type: str | None = None) -> str:
    """The pk of `global_id`; raises GraphQLError with Saleor's message for a bad or foreign ID."""
    decoded = decode_global_id(global_id)
    if decoded is None:
        suffix = f" Expected: {expected_type}." if expected_type else ""
        raise GraphQLError(f"Invalid ID: {global_id}.{suffix}")
    type_name, pk = decoded
    if expected_type and type_name != expected_type:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected_type}, received: {type_name}.")
    return pk


def parse_int_id(global_id: str, expected_type: str, maximum: int = INT4_MAX) -> int:
    """The integer pk of `global_id`; an ID beyond its column's range (`maximum`) is refused as invalid."""
    pk = int_pk(parse_global_id(global_id, expected_type), maximum)
    if pk is None:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected_type}.")
    return pk


def parse_uuid_id(global_id: str, expected_type: str) -> str:
    """The UUID pk (canonical text) of `global_id`; a numeric pk for a UUID-keyed type is refused as invalid,
    never handed to a UUID column."""
    pk = parse_global_id(global_id, expected_type)
    try:
        return str(uuid.UUID(pk))
    except ValueError as error:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected_type}.") from error


def parse_int_id_for_mutation(global_id: str, expected_type: str, field: str, maximum: int = INT4_MAX) -> int:
    """As `parse_int_id`, but a bad ID inside a mutation is a payload error (code GRAPHQL_ERROR)."""
    try:
        return parse_int_id(global_id, expected_type, maximum)
    except GraphQLError as error:
        raise DomainError.single(field, error.message, "GRAPHQL_ERROR") from error


def not_found(global_id: str, field: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {global_id}", "NOT_FOUND")
