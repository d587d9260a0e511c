"""Row locks, always in one order.

Why: two transactions that lock the same rows in different orders deadlock, each waiting for a row the
other holds, and PostgreSQL aborts one of them. So every ledger path takes its locks in one fixed
order: the hold row, then the member wallet, then lots; and within one table, ascending primary key.
Every path that locks several rows of one table gets their order from here.

SQLite has no row locks (one writer at a time); the helpers only order the statements there.
"""

from __future__ import annotations

from collections.abc import Iterable

from mall.ledger import sql

# Tables whose rows the ledger locks explicitly; a fixed set keeps table names out of user input.
LOCKABLE_TABLES = frozenset({"ledger_account", "ledger_lot", "ledger_chain_head"})


def in_lock_order(ids: Iterable[int]) -> list[int]:
    """The ids, once each, in the order rows must be locked: ascending primary key."""
    return sorted(set(ids))


async def lock_rows(table: str, ids: Iterable[int]) -> list[int]:
    """Lock the rows with these ids (SELECT ... FOR UPDATE, ascending id); returns the ids that exist."""
    if table not in LOCKABLE_TABLES:
        raise ValueError(f"{table} is not a lockable ledger table")
    ordered = in_lock_order(ids)
    if not ordered:
        return []
    placeholders = ", ".join(f"${index}" for index in range(1, len(ordered) + 1))
    lock = " FOR UPDATE" if sql.is_postgres() else ""
    rows = await sql.fetch(f"SELECT id FROM {table} WHERE id IN ({placeholders}) ORDER BY id{lock}", *ordered)
    return [row["id"] for row in rows]
