"""Reading a member's points: balance, points expiring soon, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.queryset import QuerySet

from kernel import clock
from ledger.accounts import find_account, wallet_name
from ledger.models import Account, Transfer
from mall import sql

MAX_EXPIRY_WINDOW_DAYS = 366


@dataclass(frozen=True)
class ExpiringPoints:
    expires_at: datetime
    points: int


@dataclass(frozen=True)
class Balance:
    """A member's points in one channel.

    `points_available` is what can be spent now: points in lots already past their expiry are left out
    (the worker moves them to the expired account shortly). `expiring` lists the available points that
    expire within the window asked for, soonest first.
    """

    points_available: int
    points_held: int
    expiring: list[ExpiringPoints]

    @property
    def points_expiring(self) -> int:
        return sum(item.points for item in self.expiring)


EMPTY_BALANCE = Balance(0, 0, [])


async def points_balance(
    channel_id: int, member_id: int, *, expiring_within_days: int = 30, now: datetime | None = None
) -> Balance:
    """The member's balance; a member without a wallet has zero everywhere."""
    now = (now or clock.now()).astimezone(UTC)
    wallet = await Account.get_or_none(channel_id=channel_id, name=wallet_name(member_id))
    if wallet is None:
        return EMPTY_BALANCE
    window_days = max(0, min(expiring_within_days, MAX_EXPIRY_WINDOW_DAYS))
    rows = await sql.fetch(
        "SELECT expires_at, SUM(points_remaining) AS points FROM ledger_lot"
        " WHERE account_id = $1 AND points_remaining > 0 AND expires_at <= $2"
        " GROUP BY expires_at ORDER BY expires_at",
        wallet.id, now + timedelta(days=window_days),
    )
    expired, expiring = 0, []
    for row in rows:
        expires_at = sql.as_datetime(row["expires_at"])
        assert expires_at is not None
        if expires_at <= now:
            expired += int(row["points"])
        else:
            expiring.append(ExpiringPoints(expires_at, int(row["points"])))
    return Balance(wallet.points_available - expired, wallet.points_held, expiring)


async def member_transfers(channel_id: int, member_id: int) -> QuerySet[Transfer] | None:
    """The member's transfers in the channel (unordered: the caller paginates), or None without a wallet."""
    wallet_id = await find_account(channel_id, wallet_name(member_id))
    if wallet_id is None:
        return None
    return Transfer.filter(member_account_id=wallet_id)
