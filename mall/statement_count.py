"""Counting the SQL statements the database driver sends, for the benches and the statement-count tests.

Statements are counted where they leave the process (asyncpg's query loggers, sqlite3's trace callback), so
raw statements (mall/sql.py), the ORM's and a transaction's BEGIN and COMMIT all count, each once. Counts are
deterministic, unlike time: tests may assert them (tests/mall/test_statement_counts.py). Nothing here runs
in production; a counter is installed only by a bench or a test.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections
from tortoise.backends.asyncpg.client import AsyncpgDBClient
from tortoise.backends.sqlite.client import SqliteClient


@dataclass
class StatementCounter:
    """Statements sent since installation; `statements` is read after `settled()`."""

    statements: int = 0
    texts: list[str] = field(default_factory=list)
    keep_texts: bool = False

    def count(self, text: str) -> None:
        self.statements += 1
        if self.keep_texts:
            self.texts.append(text)

    def _asyncpg_logger(self, record: Any) -> None:
        self.count(str(record.query))

    async def settled(self) -> int:
        """The count once asyncpg has delivered its records (it logs them on the next loop turn)."""
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return self.statements

    async def measure_from_now(self) -> int:
        """Reset, returning the statements counted until now."""
        counted = await self.settled()
        self.statements = 0
        self.texts.clear()
        return counted


async def install_statement_counter(keep_texts: bool = False) -> StatementCounter:
    """Count every statement of the default connection from now on (SQLite or asyncpg's pool)."""
    counter = StatementCounter(keep_texts=keep_texts)
    client = connections.get("default")
    if isinstance(client, SqliteClient):
        async with client.acquire_connection() as driver:
            await driver.set_trace_callback(counter.count)
    elif isinstance(client, AsyncpgDBClient):
        _count_on_every_pool_connection(client, counter)
    else:  # pragma: no cover - only the two drivers above are configured
        raise TypeError(f"no statement counter for {type(client).__name__}")
    return counter


def _count_on_every_pool_connection(client: AsyncpgDBClient, counter: StatementCounter) -> None:
    """asyncpg loggers are per connection: add ours whenever the pool hands a connection out (the setup
    hook, which each of the pool's holders keeps its own copy of: a holder that connects later would
    otherwise never count), and to the connections it already holds."""
    pool: Any = client._pool
    previous_setup = pool._setup

    async def setup(proxy: Any) -> None:
        proxy._con.add_query_logger(counter._asyncpg_logger)  # a set: adding twice is adding once
        if previous_setup is not None:
            await previous_setup(proxy)

    pool._setup = setup
    for holder in pool._holders:
        holder._setup = setup
        if holder._con is not None:
            holder._con.add_query_logger(counter._asyncpg_logger)
