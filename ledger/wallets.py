"""Member wallet balances: the conditional UPDATE that guards every debit, and plain balance changes.

A debit never reads the balance and then writes it: one UPDATE checks and changes it, and the number
of rows it changed says whether it happened. The CHECK constraint `ledger_account_wallet_not_negative`
stands behind it, so even a faulty path cannot leave a wallet below zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ledger.accounts import find_account, wallet_name
from ledger.errors import LedgerInvariantError, insufficient_points
from ledger.models import Transfer, TransferKind
from ledger.transfers import MAX_POINTS, Draft, Request, find_by_key, replay
from mall import sql
from mall.channels.models import Channel

# Spendable points are the available ones minus those in lots already past their expiry (which the
# worker has not moved to the expired account yet). The idempotency test makes a retry of an applied
# request fail the guard instead of debiting twice; the caller then replays the stored transfer.
SPEND_GUARD = (
    "UPDATE ledger_account SET points_available = points_available - $1, points_held = points_held + $2"
    " WHERE channel_id = $3 AND name = $4"
    " AND points_available - (SELECT COALESCE(SUM(l.points_remaining), 0) FROM ledger_lot l"
    "  WHERE l.account_id = ledger_account.id AND l.expires_at <= $5) >= $1"
    " AND NOT EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.idempotency_key = $6)"
    " RETURNING id, (SELECT c.id FROM ledger_account c WHERE c.channel_id = $3 AND c.name = $7) AS counter_id"
)


@dataclass(frozen=True)
class GuardedDebit:
    """The wallet a guarded debit came from, and the channel account on the other side."""

    wallet_id: int
    counter_account_id: int


async def debit_spendable(
    channel_id: int, wallet: str, points: int, idempotency_key: str, counter_account: str, now: datetime,
    *, hold: bool,
) -> GuardedDebit | None:
    """Take `points` from the wallet named `wallet` (into held when `hold`), if it has that many spendable.

    None when it did not happen: no such wallet, too few spendable points, or the key was used before.
    """
    row = await sql.fetch_one(
        SPEND_GUARD, points, points if hold else 0, channel_id, wallet, now, idempotency_key, counter_account
    )
    if row is None:
        return None
    if row["counter_id"] is None:
        raise LedgerInvariantError(f"channel {channel_id} has a wallet but no {counter_account} account")
    return GuardedDebit(int(row["id"]), int(row["counter_id"]))


async def debit_available(wallet_id: int, points: int) -> bool:
    """Take `points` from the wallet's available points if it has that many (expired lots included)."""
    changed = await sql.execute(
        "UPDATE ledger_account SET points_available = points_available - $1 WHERE id = $2 AND points_available >= $1",
        points, wallet_id,
    )
    return changed == 1


async def credit_wallet(wallet_id: int, points: int) -> bool:
    """Add `points` to the wallet's available points unless its balance would pass MAX_POINTS."""
    changed = await sql.execute(
        "UPDATE ledger_account SET points_available = points_available + $1"
        " WHERE id = $2 AND points_available + points_held + $1 <= $3",
        points, wallet_id, MAX_POINTS,
    )
    return changed == 1


async def change_wallet(wallet_id: int, available_delta: int, held_delta: int = 0) -> None:
    """Add the deltas to the wallet. Callers only use this for changes that cannot overdraw it."""
    changed = await sql.execute(
        "UPDATE ledger_account SET points_available = points_available + $1, points_held = points_held + $2"
        " WHERE id = $3",
        available_delta, held_delta, wallet_id,
    )
    if changed != 1:
        raise LedgerInvariantError(f"wallet {wallet_id} does not exist")


async def replay_debit(
    channel: Channel, member_id: int, points: int, request: Request, counter: str, kind: TransferKind
) -> Transfer:
    """Why a guarded debit did not happen: a retry (return the original) or too few points.

    Raises DomainError INSUFFICIENT_POINTS, IDEMPOTENCY_CONFLICT.
    """
    stored = await find_by_key(request.idempotency_key)
    wallet_id = await find_account(channel.id, wallet_name(member_id))
    if stored is None or wallet_id is None:
        raise insufficient_points()
    counter_id = await find_account(channel.id, counter)
    return replay(Draft(channel.id, wallet_id, counter_id or 0, wallet_id, points, kind, request), stored)
