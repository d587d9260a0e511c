"""Expiring lots: what is left of a lot past its expiry moves to the channel's expired (breakage) account.

`mall worker` finds wallets with expired lots and expires each wallet in its own transaction. A lot can
expire more than once: points refunded into it after it expired are expired again on the next run.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kernel import clock
from ledger import lots
from ledger.accounts import system_account_name
from ledger.errors import LedgerInvariantError
from ledger.locking import lock_rows
from ledger.models import AccountKind, Transfer, TransferKind
from ledger.transfers import Draft, Request, insert_transfer
from ledger.wallets import debit_available
from mall import sql

WORKER_ACTOR = "system:worker"
EXPIRED = system_account_name(AccountKind.EXPIRED)


async def wallets_with_expired_lots(now: datetime | None = None, limit: int = 100) -> list[int]:
    """Ids of wallets holding points in lots past their expiry, lowest first."""
    rows = await sql.fetch(
        "SELECT DISTINCT account_id FROM ledger_lot WHERE expires_at <= $1 AND points_remaining > 0"
        " ORDER BY account_id LIMIT $2",
        (now or clock.now()), limit,
    )
    return [int(row["account_id"]) for row in rows]


async def expire_wallet_lots(wallet_id: int, now: datetime | None = None, actor: str = WORKER_ACTOR) -> list[Transfer]:
    """Move every expired lot's remaining points out of the wallet: one expiry transfer per lot.

    Raises LedgerInvariantError when the wallet holds fewer points than its lots.
    """
    now = (now or clock.now()).astimezone(UTC)
    if not await lock_rows("ledger_account", [wallet_id]):  # the wallet first: lots change only under its lock
        return []
    wallet = await sql.fetch_one("SELECT channel_id FROM ledger_account WHERE id = $1", wallet_id)
    assert wallet is not None
    channel_id = int(wallet["channel_id"])
    expired = await sql.fetch_one(
        "SELECT id FROM ledger_account WHERE channel_id = $1 AND name = $2", channel_id, EXPIRED
    )
    due = await sql.fetch(
        "SELECT id, points_remaining FROM ledger_lot WHERE account_id = $1 AND points_remaining > 0"
        " AND expires_at <= $2 ORDER BY id",
        wallet_id, now,
    )
    if due and expired is None:
        raise LedgerInvariantError(f"channel {channel_id} has a wallet but no expired account")
    return [
        await _expire_lot(channel_id, wallet_id, int(expired["id"]), int(lot["id"]), int(lot["points_remaining"]),  # type: ignore[index]
                          actor, now)
        for lot in due
    ]


async def _expire_lot(
    channel_id: int, wallet_id: int, expired_id: int, lot_id: int, points: int, actor: str, now: datetime
) -> Transfer:
    if not await debit_available(wallet_id, points):
        raise LedgerInvariantError(f"wallet {wallet_id} holds fewer points than lot {lot_id}")
    times = await sql.fetch_one(
        "SELECT COUNT(*) AS n FROM ledger_lot_entry e JOIN ledger_transfer t ON t.id = e.transfer_id"
        " WHERE e.lot_id = $1 AND t.kind = 'expiry'",
        lot_id,
    )
    request = Request(f"expiry:lot:{lot_id}:{int(times['n']) + 1 if times else 1}", actor, f"lot:{lot_id}",
                      "Points expired")
    draft = Draft(channel_id, wallet_id, expired_id, wallet_id, points, TransferKind.EXPIRY, request)
    transfer = await insert_transfer(draft, now)
    await lots.apply_shares([lots.Share(lot_id, -points)], transfer.id, origin_id=transfer.id)
    return transfer
