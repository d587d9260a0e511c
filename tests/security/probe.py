"""Asking a root field as one caller, and reducing the answer to what the matrix compares (`Seen`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum

from mall import sql
from tests.graphql_client import GraphQLClient, Response
from tests.security.world import (
    World,
    fresh_address,
    fresh_cart,
    fresh_customer,
    fresh_product,
    fresh_staff,
    fresh_variant,
    fresh_warehouse,
    values_in,
)

PLACEHOLDER = re.compile(r"<([a-z_]+)>")
# Answers that say "no such thing here": a scoped caller must not even learn a row of another tenant exists.
ABSENT_CODES = frozenset({"NOT_FOUND"})


class Outcome(StrEnum):
    OK = "ok"  # answered (a mutation may still refuse its input: the caller got past who-may-ask)
    DENIED = "denied"  # a top-level PermissionDenied, the field null
    ABSENT = "absent"  # null, or NOT_FOUND: nothing there for this caller


@dataclass(frozen=True)
class Seen:
    outcome: Outcome
    tenants: frozenset[str] = field(default_factory=frozenset)  # whose rows the answer shows
    personal: frozenset[str] = field(default_factory=frozenset)  # whose-ever personal data it shows, by kind

    def __str__(self) -> str:
        extra = [f"tenants={sorted(self.tenants)}"] if self.tenants else []
        extra += [f"personal={sorted(self.personal)}"] if self.personal else []
        return " ".join([self.outcome.value, *extra])


async def _value(world: World, name: str) -> str:
    fresh = {"fresh_product": lambda: fresh_product(world, world.a), "fresh_address": lambda: fresh_address(world),
             "fresh_cart": lambda: fresh_cart(world), "fresh_variant": lambda: fresh_variant(world, world.a),
             "fresh_warehouse": lambda: fresh_warehouse(world, world.a),
             "fresh_customer": lambda: fresh_customer(world), "fresh_staff": lambda: fresh_staff(world)}
    value = await fresh[name]() if name in fresh else world.ids[name]
    return json.dumps(value)


async def resolve(world: World, selection: str) -> str:
    """The selection with its `<name>`s replaced (rows made afresh are made now)."""
    names = PLACEHOLDER.findall(selection)
    values = {name: await _value(world, name) for name in dict.fromkeys(names)}
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], selection)


def _outcome(response: Response, name: str) -> Outcome:
    if "PermissionDenied" in response.error_codes and (response.data or {}).get(name) is None:
        return Outcome.DENIED
    assert not response.errors, response.errors  # any other top-level error: the call itself is wrong
    value = response.data[name]
    if value is None:
        return Outcome.ABSENT
    codes = {error["code"] for error in value.get("errors", [])} if isinstance(value, dict) else set()
    return Outcome.ABSENT if codes & ABSENT_CODES else Outcome.OK


def observe(world: World, response: Response, name: str) -> Seen:
    texts = values_in((response.data or {}).get(name))
    tenants = frozenset(world.markers[text] for text in texts if text in world.markers)
    personal = frozenset(world.personal[text] for text in texts if text in world.personal)
    return Seen(_outcome(response, name), tenants, personal)


async def ask(api: GraphQLClient, world: World, operation: str, name: str, selection: str, actor: str) -> Seen:
    response = await api.post(f"{operation} {{ {await resolve(world, selection)} }}", token=world.tokens[actor])
    assert response.status_code == 200, response.body
    return observe(world, response, name)


async def database_state() -> list[tuple[str, int, str]]:
    """Every table's row count and contents, compact: two equal states mean nothing was written."""
    tables = [row["name"] for row in await sql.fetch(_TABLES)] if not sql.is_postgres() else \
        [row["tablename"] for row in await sql.fetch(_PG_TABLES)]
    state = []
    for table in sorted(tables):
        rows = await sql.fetch(f'SELECT * FROM "{table}"')
        state.append((table, len(rows), repr(sorted(repr(sorted(dict(row).items())) for row in rows))))
    return state


_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
_PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
