"""Lots: which credited points a debit consumed, and where returned points go back to.

Spending takes from the unexpired lots that expire first (FEFO; a lot that never expires comes last).
Each take is a LotEntry naming its origin, the debit that took it (a hold, a debit adjustment). Points
coming back for that origin (a void, the unused part of a capture, a refund, a reversal) return to the
very lots it took from, with their original expiry, latest-expiring first: the part of a hold that was
captured is the part that expires soonest. Points returned to a lot that has already expired are
expired again by the next `mall worker` run.

Callers hold the member wallet's row lock (a conditional UPDATE on it) before calling these, so no
other transaction changes the wallet's lots meanwhile; lots are updated in ascending id order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ledger.errors import LedgerInvariantError
from ledger.locking import in_lock_order
from mall import sql

# Unexpired lots with points, first to expire first, and how many points lie before each in that order:
# only the lots needed to cover the debit are read. Parameters: wallet, now, points.
FEFO_LOTS = (
    "SELECT id, points_remaining, before FROM ("
    " SELECT id, points_remaining, expires_at,"
    " SUM(points_remaining) OVER (ORDER BY expires_at IS NULL, expires_at, id) - points_remaining AS before"
    " FROM ledger_lot WHERE account_id = $1 AND points_remaining > 0 AND (expires_at IS NULL OR expires_at > $2)"
    ") AS candidates WHERE before < $3 ORDER BY expires_at IS NULL, expires_at, id"
)
# PostgreSQL: the same choice, the lot updates and their entries in one statement; $4 is the debit. The
# UPDATE locks the lots in plan order, not id order: harmless, as only the wallet lock's holder changes them.
TAKE_IN_ONE_STATEMENT = (
    f"WITH take AS (SELECT id, LEAST(points_remaining, $3 - before) AS points FROM ({FEFO_LOTS}) AS fefo),"
    " taken AS (UPDATE ledger_lot l SET points_remaining = l.points_remaining - take.points FROM take"
    "  WHERE l.id = take.id RETURNING l.id, take.points),"
    " entries AS (INSERT INTO ledger_lot_entry (lot_id, transfer_id, origin_id, points)"
    "  SELECT id, $4, $4, -points FROM taken)"
    " SELECT COALESCE(SUM(points), 0) AS points FROM taken"
)
TAKEN_BY_ORIGIN = (
    "SELECT e.lot_id AS lot_id, -SUM(e.points) AS points, l.expires_at AS expires_at"
    " FROM ledger_lot_entry e JOIN ledger_lot l ON l.id = e.lot_id WHERE e.origin_id = $1"
    " GROUP BY e.lot_id, l.expires_at HAVING SUM(e.points) < 0"
)


@dataclass(frozen=True)
class Share:
    """Points of one lot moved by one transfer (negative: taken from the lot)."""

    lot_id: int
    points: int


async def open_lot(account_id: int, transfer_id: int, points: int, expires_at: datetime | None, now: datetime) -> int:
    row = await sql.fetch_one(
        "INSERT INTO ledger_lot (account_id, transfer_id, points_credited, points_remaining, expires_at, created_at)"
        " VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
        account_id, transfer_id, points, expires_at, now,
    )
    assert row is not None
    return int(row["id"])


async def take_first_expiring(account_id: int, points: int, transfer_id: int, now: datetime) -> None:
    """Take `points` from the wallet's unexpired lots, first to expire first, for debit `transfer_id`.

    Raises LedgerInvariantError when the lots hold fewer points than the wallet said it had.
    """
    if sql.is_postgres():
        row = await sql.fetch_one(TAKE_IN_ONE_STATEMENT, account_id, now, points, transfer_id)
        taken = int(row["points"]) if row else 0
    else:
        rows = await sql.fetch(FEFO_LOTS, account_id, now, points)
        shares = [Share(int(row["id"]), -min(int(row["points_remaining"]), points - int(row["before"])))
                  for row in rows]
        await apply_shares(shares, transfer_id, origin_id=transfer_id)
        taken = -sum(share.points for share in shares)
    if taken != points:
        raise LedgerInvariantError(f"wallet {account_id} lots are {points - taken} points short of its balance")


async def return_to_origin(origin_id: int, points: int, transfer_id: int) -> list[Share]:
    """Give `points` back to the lots that debit `origin_id` took them from, latest-expiring first.

    Raises LedgerInvariantError when the origin took fewer points than are being returned.
    """
    rows = await sql.fetch(TAKEN_BY_ORIGIN, origin_id)
    rows.sort(key=_latest_expiring_first)
    shares, left = [], points
    for row in rows:
        if not left:
            break
        returned = min(int(row["points"]), left)
        shares.append(Share(int(row["lot_id"]), returned))
        left -= returned
    if left:
        raise LedgerInvariantError(f"transfer {origin_id} took {left} points fewer than are being returned")
    await apply_shares(shares, transfer_id, origin_id=origin_id)
    return shares


def _latest_expiring_first(row: dict[str, Any]) -> tuple[int, float, int]:
    """Sort key: lots that never expire first, then the latest expiry first, then the newest lot."""
    expires_at = sql.as_datetime(row["expires_at"])
    if expires_at is None:
        return (0, 0.0, -int(row["lot_id"]))
    return (1, -expires_at.timestamp(), -int(row["lot_id"]))


async def apply_shares(shares: list[Share], transfer_id: int, origin_id: int) -> None:
    """Move the shares' points in and out of their lots (in lock order) and record one entry each."""
    by_lot = {share.lot_id: share.points for share in shares}
    for lot_id in in_lock_order(by_lot):
        changed = await sql.execute(
            "UPDATE ledger_lot SET points_remaining = points_remaining + $1"
            " WHERE id = $2 AND points_remaining + $1 >= 0",
            by_lot[lot_id], lot_id,
        )
        if changed != 1:
            raise LedgerInvariantError(f"lot {lot_id} cannot move {by_lot[lot_id]} points")
    await record_entries(shares, transfer_id, origin_id)


async def record_entries(shares: list[Share], transfer_id: int, origin_id: int) -> None:
    if not shares:
        return
    values, params = [], []
    for index, share in enumerate(shares):
        base = index * 4
        values.append(f"(${base + 1}, ${base + 2}, ${base + 3}, ${base + 4})")
        params.extend([share.lot_id, transfer_id, origin_id, share.points])
    await sql.execute(
        f"INSERT INTO ledger_lot_entry (lot_id, transfer_id, origin_id, points) VALUES {', '.join(values)}",
        *params,
    )
