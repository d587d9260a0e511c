"""Raw SQL for the bank link's bulk paths (roster upserts, reports), one call for both databases.

Queries use PostgreSQL's numbered parameters ($1, $2); SQLite receives ?1, ?2 and datetimes as the UTC text
tortoise writes. Lists are bound as one array parameter on PostgreSQL (`= ANY($1::text[])`, `unnest`), so a
batch of thousands of rows is one statement with a handful of parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

_NUMBERED_PARAMETER = re.compile(r"\$(\d+)")


def client() -> BaseDBAsyncClient:
    """The current connection: the transaction's inside `in_transaction()`."""
    return connections.get("default")


def is_postgres() -> bool:
    return client().capabilities.dialect == "postgres"


def _value(value: Any, postgres: bool) -> Any:
    if isinstance(value, datetime):
        moment = value.astimezone(UTC)
        return moment if postgres else moment.isoformat(" ")
    return value


def _prepare(query: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    postgres = is_postgres()
    text = query if postgres else _NUMBERED_PARAMETER.sub(r"?\1", query)
    return text, [_value(value, postgres) for value in params]


async def fetch(query: str, *params: Any) -> list[dict[str, Any]]:
    text, values = _prepare(query, params)
    return await client().execute_query_dict(text, values)


async def execute(query: str, *params: Any) -> int:
    text, values = _prepare(query, params)
    changed, _ = await client().execute_query(text, values)
    return changed


def as_datetime(value: Any) -> datetime | None:
    """A timestamp read by raw SQL (SQLite returns text) as an aware datetime."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
