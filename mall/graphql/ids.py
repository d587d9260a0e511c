"""Relay global IDs: base64("Type:pk"), parsed with Saleor's error messages."""

from __future__ import annotations

import base64
import binascii
import re
import uuid

from graphql import GraphQLError

from mall.graphql.errors import DomainError

_PK_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*:(\d+|[0-9a-fA-F-]{36})$")


def to_global_id(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def decode_global_id(global_id: str) -> tuple[str, str] | None:
    """The (type, pk) of a well-formed ID, or None when it is not one."""
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


def parse_int_id(global_id: str, expected_type: str) -> int:
    pk = parse_global_id(global_id, expected_type)
    if not pk.isdigit():
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected_type}.")
    return int(pk)


def parse_int_id_for_mutation(global_id: str, expected_type: str, field: str) -> int:
    """As `parse_int_id`, but a bad ID inside a mutation is a payload error (code GRAPHQL_ERROR)."""
    try:
        return parse_int_id(global_id, expected_type)
    except GraphQLError as error:
        raise DomainError.single(field, error.message, "GRAPHQL_ERROR") from error


def not_found(global_id: str, field: str) -> DomainError:
    return DomainError.single(field, f"Couldn't resolve to a node: {global_id}", "NOT_FOUND")
