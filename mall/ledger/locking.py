"""Row locks, always in one order.

Why: two transactions that lock the same rows in different orders deadlock, each waiting for a row the
other holds, and PostgreSQL aborts one of them. So locks are taken in one fixed order: a hold row, then
member wallets, then lots; and within one table, ascending primary key, through the helpers here.

- One ledger operation touches one wallet. A use case that changes several wallets in one transaction
  locks them all first with `services.lock_member_wallets` (ascending id), then works in any order.
- Lots change only under their wallet's lock (every writer of a lot updates or locks its wallet
  first), so transactions never contend for lots; the statements still touch them in ascending id.

SQLite has no row locks (one writer at a time); the helpers only order the statements there.
"""

from __future__ import annotations

from collections.abc import Iterable

from mall import sql

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
    placeholders = sql.placeholders(len(ordered))
    lock = " FOR UPDATE" if sql.is_postgres() else ""
    rows = await sql.fetch(f"SELECT id FROM {table} WHERE id IN ({placeholders}) ORDER BY id{lock}", *ordered)
    return [row["id"] for row in rows]
