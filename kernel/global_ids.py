"""Relay global IDs, base64("Type:pk"), as pure functions: the API parses them with Saleor's errors
(mall/graphql/ids.py), and tokens name their user by one (Saleor's `user_id` claim).

Integer keys are bounded by the column they are looked up in (PostgreSQL's `integer` for most tables,
`bigint` for the ledger and settlement), so a key like `Product:99999999999999999999999` is refused and
never overflows a query.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid

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
