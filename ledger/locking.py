"""Row locks, always in one order: the ledger's part of the mall's global lock order (mall.locking).

Why: two transactions that lock the same rows in different orders deadlock, each waiting for a row the
other holds, and PostgreSQL aborts one of them. So locks are taken in one fixed order: a hold row, then
member wallets, then lots; and within one table, ascending primary key, through the helpers here. The
ledger's rows come after the cart's or the order's row and before stock rows (mall.locking).

- One ledger operation touches one wallet. A use case that changes several wallets in one transaction
  locks them all first with `services.lock_member_wallets` (ascending id), then works in any order.
- Lots change only under their wallet's lock (every writer of a lot updates or locks its wallet
  first), so transactions never contend for lots; the statements still touch them in ascending id.

SQLite has no row locks (one writer at a time); the helpers only order the statements there.
"""

from __future__ import annotations

from collections.abc import Iterable

from mall import locking
from mall.locking import in_lock_order

__all__ = ["LOCKABLE_TABLES", "in_lock_order", "lock_rows"]

# Tables whose rows the ledger locks explicitly; a fixed set keeps table names out of user input.
LOCKABLE_TABLES = frozenset({"ledger_account", "ledger_lot", "ledger_chain_head"})


async def lock_rows(table: str, ids: Iterable[int]) -> list[int]:
    """Lock the rows with these ids (SELECT ... FOR UPDATE, ascending id); returns the ids that exist."""
    if table not in LOCKABLE_TABLES:
        raise ValueError(f"{table} is not a lockable ledger table")
    return await locking.lock_rows(table, ids)
