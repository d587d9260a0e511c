"""Relay global IDs: base64("Type:pk"), parsed with Saleor's error messages.

An ID is part of the input boundary (mall/graphql/boundary.py): whatever a client sends, parsing either
answers a key a column can hold or refuses the ID. Integer keys are bounded by the column they are
looked up in (PostgreSQL's `integer` for most tables, `bigint` for the ledger and settlement), so a key
like `Product:99999999999999999999999` is refused here and never overflows a query.
"""

from __future__ import annotations

import uuid

from graphql import GraphQLError

from kernel.global_ids import INT4_MAX, INT8_MAX, decode_global_id, int_pk, to_global_id
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError

__all__ = ["INT4_MAX", "INT8_MAX", "decode_global_id", "int_pk", "not_found", "parse_global_id", "parse_int_id",
           "parse_int_id_for_mutation", "parse_uuid_id", "to_global_id"]

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
        raise DomainError.single(field, error.message, ApiErrorCode.GRAPHQL_ERROR) from error


def not_found(global_id: str, field: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
