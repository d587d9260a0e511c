"""Row locks in one global order: the rule that keeps the mall's use cases from deadlocking each other.

Why: when two transactions each hold a row lock the other one waits for, PostgreSQL aborts one of them
("deadlock detected"), and its request fails. That cannot happen when every transaction takes its locks
in the same order. The mall's order, first to last:

  1. the cart or the order the use case is about (a checkout's row, an order's row)
  2. the points ledger: hold rows, member wallets, lots (ledger.locking has the details)
  2a. a voucher's row, then its code's row, then its per-customer row (orders.vouchers.checkout)
  2b. the flash sales' rows in ascending sale id, each followed by the member's counter of that sale: a
      sale a line buys from is updated, a sale whose gift a line buys at its own price is share-locked,
      both in the same pass (orders.services.completion._take_and_hold_sales, orders.flash_sales.services)
  2c. loyalty (after the ledger, which an award credits first): award claims and cap counters, then the
     members' qualifying months, then their programme standings (loyalty_programme_member), each in
     ascending member id: a bulk award upserts them in that order, and the jobs that lock many standings at
     once (the state job's batches, the tier review, a segment range's update) lock them in the same order
     with `SELECT ... ORDER BY member_id FOR UPDATE` before writing (tests/loyalty/test_lock_order.py)
  3. stock rows, last: in a flash sale they are the hottest rows, so they are held for the shortest time
     (orders.services.completion allocates just before its commit)

and within one table, ascending primary key. A use case about to change several rows of one table locks
them all first with `lock_rows`, then changes them in whatever order suits it. Rows changed one at a time
by single statements are changed in ascending id for the same reason.

SQLite has no row locks (one writer at a time): there `lock_rows` only reads the ids, in order.
"""

from __future__ import annotations

from collections.abc import Iterable

from mall import sql

# The tables whose rows are locked through here; a fixed set keeps table names out of anything a user sent.
LOCKABLE_TABLES = frozenset({"catalog_stock", "ledger_account", "ledger_lot", "ledger_chain_head"})


def in_lock_order(ids: Iterable[int]) -> list[int]:
    """The ids, once each, in the order rows must be locked: ascending primary key."""
    return sorted(set(ids))


async def lock_rows(table: str, ids: Iterable[int]) -> list[int]:
    """Lock the rows with these ids (SELECT ... FOR UPDATE, ascending id); returns the ids that exist."""
    if table not in LOCKABLE_TABLES:
        raise ValueError(f"{table} is not a table whose rows are locked by id")
    ordered = in_lock_order(ids)
    if not ordered:
        return []
    placeholders = sql.placeholders(len(ordered))
    lock = " FOR UPDATE" if sql.is_postgres() else ""
    rows = await sql.fetch(f"SELECT id FROM {table} WHERE id IN ({placeholders}) ORDER BY id{lock}", *ordered)
    return [row["id"] for row in rows]
