"""A use case's transaction, tried again when the database aborted it for a reason a retry removes.

PostgreSQL aborts a transaction that lost a race without being wrong: a deadlock victim (40P01), a
serialization failure (40001), or the second of two identical first requests, refused by the ledger's
unique idempotency key (the retry finds the first one's transfer and replays it). Rows are locked in one
global order (mall.locking) so deadlocks should not happen; this is the net behind that rule, so that a
member never sees a server error for a race the next attempt wins. Attempts are bounded (MAX_ATTEMPTS): a
failure that persists is a bug, and it surfaces.

Only the outermost transaction is retried: a savepoint cannot undo what aborted the whole transaction.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.transactions import in_transaction

from mall import sql

T = TypeVar("T")
MAX_ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.02  # times the attempt, with jitter: the winner of the race commits meanwhile
RETRIED_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
# Unique constraints that settle a race between two first attempts of one idempotent request.
RETRIED_UNIQUE_CONSTRAINTS = frozenset({"ledger_transfer_idempotency_key_key"})
MAX_CAUSES = 5  # how deep to look through wrapped exceptions (tortoise wraps the driver's)

log = logging.getLogger("mall.transactions")


def _database_error(error: BaseException) -> asyncpg.PostgresError | None:
    """The driver's error behind `error` (tortoise raises its own exceptions from asyncpg's), if any."""
    current: BaseException | None = error
    for _ in range(MAX_CAUSES):
        if current is None:
            return None
        if isinstance(current, asyncpg.PostgresError):
            return current
        wrapped = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        current = current.__cause__ or wrapped
    return None


def is_transient(error: BaseException) -> bool:
    """Whether the database aborted the transaction for a race that the same work, tried again, wins."""
    found = _database_error(error)
    if found is None:
        return False
    if found.sqlstate in RETRIED_SQLSTATES:
        return True
    return isinstance(found, asyncpg.UniqueViolationError) and found.constraint_name in RETRIED_UNIQUE_CONSTRAINTS


def _is_outermost() -> bool:
    return not isinstance(sql.connection(), TransactionalDBClient)


async def in_retried_transaction(work: Callable[[], Awaitable[T]], attempts: int = MAX_ATTEMPTS) -> T:
    """`work` in one transaction, run again (at most `attempts` times in all) when the database aborted it
    for a transient reason (`is_transient`). `work` must start from the database each time: what it
    read in an aborted attempt was rolled back. Raises what the last attempt raised."""
    tries = attempts if _is_outermost() else 1
    for attempt in range(1, tries + 1):
        try:
            async with in_transaction():
                return await work()
        except Exception as error:
            if attempt == tries or not is_transient(error):
                raise
            log.warning("transaction aborted (%s), attempt %d of %d", _database_error(error), attempt, tries)
        await asyncio.sleep(RETRY_PAUSE_SECONDS * attempt * (1 + random.random()))
    raise AssertionError("unreachable: the last attempt returns or raises")
