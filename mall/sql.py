"""Raw SQL, one text for PostgreSQL and SQLite, for the few paths where the ORM does not do:

- the ledger's guards are single statements the ORM cannot express (a conditional UPDATE with
  RETURNING, NOT EXISTS on the idempotency key, an INSERT that reads an account id in a subquery);
- the hottest use cases (checkoutComplete) and large reports, where building a query with tortoise and
  pypika costs several times what the database spends on it (bench/README.md).

Queries are written with PostgreSQL's numbered parameters ($1, $2); SQLite receives ?1, ?2. Times
are passed as aware datetimes: PostgreSQL stores timestamptz, SQLite stores the same UTC text tortoise
writes, so comparisons agree. Statements run on the caller's transaction when there is one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

import asyncpg
from tortoise import connections
from tortoise.backends.asyncpg.client import AsyncpgDBClient
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.sqlite import executor as _sqlite_executor  # noqa: F401  (registers tortoise's adapters)
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.fields import DatetimeField, Field
from tortoise.models import Model
from tortoise.timezone import get_default_timezone, get_use_tz

_NUMBERED_PARAMETER = re.compile(r"\$(\d+)")
M = TypeVar("M", bound=Model)


def connection() -> BaseDBAsyncClient:
    """The current connection: the transaction's inside `in_transaction()`."""
    current: BaseDBAsyncClient = connections.get("default")
    return current


def is_postgres(client: BaseDBAsyncClient | None = None) -> bool:
    return (client or connection()).capabilities.dialect == "postgres"


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # The text sqlite3 writes for a datetime, in UTC, as tortoise stores it.
        return value.astimezone(UTC).isoformat(" ")
    if isinstance(value, Decimal | UUID):
        return str(value)  # tortoise keeps decimals (exact, unlike REAL) and UUIDs as text on SQLite
    return value


def _sqlite_datetime_text(value: datetime) -> str:
    return value.isoformat(" ") if value.tzinfo is None else value.astimezone(UTC).isoformat(" ")


def store_sqlite_datetimes_in_utc() -> None:
    """Every aware datetime the ORM hands SQLite (a save, an `.update()`, a filter) becomes UTC text.

    SQLite compares instants as text. Tortoise's adapter (registered when `sqlite_executor` is imported,
    which this module does first, so that ours replaces it) writes the datetime's own offset, so a lease
    stamped at 11:01+08:00 sorts after 03:30+00:00 and looked taken for eight hours more than it was.
    PostgreSQL (timestamptz through asyncpg) needs nothing. Called by the start-up wiring; idempotent.
    """
    sqlite3.register_adapter(datetime, _sqlite_datetime_text)


def _prepare(client: BaseDBAsyncClient, query: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    if is_postgres(client):
        return query, [value.astimezone(UTC) if isinstance(value, datetime) else value for value in params]
    return _NUMBERED_PARAMETER.sub(r"?\1", query), [_sqlite_value(value) for value in params]


async def fetch(query: str, *params: Any) -> list[dict[str, Any]]:
    """Rows of a SELECT, or of an INSERT/UPDATE with RETURNING."""
    client = connection()
    text, values = _prepare(client, query, params)
    return await client.execute_query_dict(text, values)


async def fetch_rows(query: str, *params: Any) -> Sequence[Mapping[str, Any]]:
    """Rows of a SELECT as the driver returns them, read by column name: for rows turned straight into
    models, which need no dict copy of each row (asyncpg's records are read by name as they are)."""
    client = connection()
    text, values = _prepare(client, query, params)
    if not isinstance(client, AsyncpgDBClient):
        return await client.execute_query_dict(text, values)
    async with client.acquire_connection() as driver_connection:
        try:
            rows: Sequence[Mapping[str, Any]] = await driver_connection.fetch(text, *values)
            return rows
        except asyncpg.PostgresError as error:
            raise OperationalError(error) from error


async def fetch_one(query: str, *params: Any) -> dict[str, Any] | None:
    rows = await fetch(query, *params)
    return rows[0] if rows else None


async def execute(query: str, *params: Any) -> int:
    """Run an INSERT, UPDATE or DELETE; returns the number of rows it changed."""
    client = connection()
    text, values = _prepare(client, query, params)
    if is_postgres(client):
        changed, _ = await client.execute_query(text, values)
        return changed
    return await _sqlite_execute(client, text, values)


async def _sqlite_execute(client: BaseDBAsyncClient, text: str, values: list[Any]) -> int:
    """The statement's own row count: tortoise counts SQLite's total changes, which include the rows
    triggers write (catalog/migrations/0004_render_versions.py)."""
    try:
        async with client.acquire_connection() as raw:
            cursor = await raw.execute(text, values)
            changed = int(cursor.rowcount)
            await cursor.close()
            return changed
    except sqlite3.IntegrityError as error:  # as tortoise's own client translates them
        raise IntegrityError(error) from error
    except sqlite3.OperationalError as error:
        raise OperationalError(error) from error


async def execute_many(query: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run one statement for each parameter row (pipelined on PostgreSQL)."""
    client = connection()
    prepared = [_prepare(client, query, row) for row in rows]
    if prepared:
        await client.execute_many(prepared[0][0], [values for _, values in prepared])


def as_datetime(value: Any) -> datetime | None:
    """A timestamp column read by raw SQL (SQLite returns text) as an aware datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def columns(model: type[Model], alias: str) -> str:
    """`alias."column" AS "alias.column"` for every column of `model`: several models in one SELECT,
    each turned back into its model by `model_from`."""
    return ", ".join(
        f'{alias}."{column}" AS "{alias}.{column}"' for column in model._meta.fields_db_projection.values()
    )


def placeholders(count: int, first: int = 1) -> str:
    """`$first, $first+1, ...`: the parameters of an IN list of `count` values."""
    return ", ".join(f"${number}" for number in range(first, first + count))


def insert_values(instance: Model, leave_out: Iterable[str] = ()) -> tuple[list[str], list[Any]]:
    """The columns and values tortoise would write to insert `instance` (its defaults and clock stamps
    applied), for an INSERT that is part of a bigger statement (a data-modifying WITH on PostgreSQL). A primary
    key the database generates and the fields in `leave_out` are not among them; the caller marks the
    instance saved (`instance._saved_in_db = True`) once its statement ran."""
    model, client = type(instance), connection()
    executor = client.executor_class(model=model, db=client)
    names = [name for name in executor.regular_columns if name not in set(leave_out)]
    fields_map, projection = model._meta.fields_map, model._meta.fields_db_projection
    values = [fields_map[name].to_db_value(getattr(instance, name), instance) for name in names]
    return [projection[name] for name in names], values


def quoted(columns: Iterable[str]) -> str:
    """`"a", "b"`: a column list as an INSERT names it."""
    return ", ".join(f'"{column}"' for column in columns)


async def fetch_models(model: type[M], conditions: str, *params: Any) -> list[M]:
    """`model`s matching `conditions` (the SQL after FROM's table: WHERE ... ORDER BY ...), built as
    tortoise builds its own rows. For hot loaders: the same rows as `model.filter(...)` without the cost
    of building the query through the ORM, which is several times the database's own work for them."""
    projection = ", ".join(f'"{column}"' for column in model._meta.fields_db_projection.values())
    rows = await fetch_rows(f"SELECT {projection} FROM {model._meta.db_table} {conditions}", *params)
    build = _model_builder(model, "")
    return [build(row) for row in rows]  # type: ignore[misc]


def model_from(model: type[M], row: Mapping[str, Any], alias: str) -> M | None:
    """The `model` in a row's `alias.` columns, converted as tortoise converts its own rows; None when a
    LEFT JOIN found nothing (the primary key is null)."""
    if row[f"{alias}.{model._meta.db_pk_column}"] is None:
        return None
    return _model_builder(model, alias)(row)  # type: ignore[return-value]


@cache
def _model_builder(model: type[Model], alias: str) -> Callable[[Mapping[str, Any]], Model]:
    """A function making the `model` held in a row's columns (`alias.column`, or `column` without an alias):
    the instance tortoise's `_init_from_db` makes, with the same conversions, but its state written at
    once. Building models was a sixth of a product page's CPU, most of it tortoise's per-attribute hooks."""
    meta = model._meta
    prefix = f"{alias}." if alias else ""
    native = [(prefix + key, name) for key, name, _ in meta.db_native_fields]
    plain = [(prefix + key, name, field.field_type) for key, name, field in meta.db_default_fields]
    converted = [(prefix + key, name, _converter(field)) for key, name, field in meta.db_complex_fields]
    custom_generated_pk = meta.db_pk_column not in meta.generated_db_fields
    new = model.__new__

    def build(row: Mapping[str, Any]) -> Model:
        instance = new(model)
        state = instance.__dict__
        state["_partial"] = False
        state["_saved_in_db"] = True
        state["_custom_generated_pk"] = custom_generated_pk
        state["_await_when_save"] = {}
        for key, name in native:
            state[name] = row[key]
        for key, name, kind in plain:
            value = row[key]
            state[name] = value if value is None else kind(value)
        for key, name, convert in converted:
            state[name] = convert(row[key])
        return instance

    return build


class Parameters:
    """The numbered parameters of a statement built in pieces: each piece asks for its values' `$n` here,
    so conditions written by different functions compose into one text with one parameter list."""

    def __init__(self, values: Sequence[Any] = ()) -> None:
        self.values: list[Any] = list(values)

    def add(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}"

    def each(self, values: Iterable[Any]) -> str:
        """`$n, $n+1, ...` for an IN list (callers refuse empty lists: `IN ()` is not SQL)."""
        return ", ".join(self.add(value) for value in values)

    def copy(self) -> Parameters:
        return Parameters(self.values)

    def bound(self, statement: str) -> tuple[str, list[Any]]:
        """`statement` with only the parameters it refers to, renumbered from $1: conditions that turned
        out to hold always or never were dropped with their values, and both databases refuse values a
        statement does not use."""
        used: dict[int, str] = {}
        values: list[Any] = []

        def renumber(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number not in used:
                values.append(self.values[number - 1])
                used[number] = f"${len(values)}"
            return used[number]

        return _NUMBERED_PARAMETER.sub(renumber, statement), values


# Conditions that hold for every row and for none, in the spelling both databases accept.
ALWAYS = "1 = 1"
NEVER = "1 = 0"


def all_of(*conditions: str) -> str:
    """The conditions ANDed (each parenthesised); ALWAYS when there are none."""
    wanted = [condition for condition in conditions if condition != ALWAYS]
    if NEVER in wanted:
        return NEVER
    return " AND ".join(f"({condition})" for condition in wanted) if wanted else ALWAYS


def any_of(*conditions: str) -> str:
    """The conditions ORed (each parenthesised); NEVER when there are none."""
    if ALWAYS in conditions:
        return ALWAYS
    wanted = [condition for condition in conditions if condition != NEVER]
    return " OR ".join(f"({condition})" for condition in wanted) if wanted else NEVER


def negated(condition: str) -> str:
    return NEVER if condition == ALWAYS else ALWAYS if condition == NEVER else f"NOT ({condition})"


def is_in(column: str, values: Iterable[Any], parameters: Parameters) -> str:
    """`column IN (...)`, or NEVER for no values."""
    wanted = list(values)
    return f"{column} IN ({parameters.each(wanted)})" if wanted else NEVER


def escape_like(text: str) -> str:
    """`text` matched literally by `LIKE ... ESCAPE '\\'` (its `%` and `_` are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _converter(field: Field[Any]) -> Callable[[Any], Any]:
    """`field.to_python_value`, but for the aware datetimes PostgreSQL returns a DatetimeField's conversion
    with tortoise's time-zone settings read once, not from the environment for every value as it does."""
    convert = field.to_python_value
    if not isinstance(field, DatetimeField) or not get_use_tz():
        return convert
    zone = get_default_timezone()

    def to_datetime(value: Any) -> Any:
        if value.__class__ is datetime and value.utcoffset() is not None:
            return value.astimezone(zone)
        return convert(value)

    return to_datetime
