"""Figures read in SQL from the ledger's tables: the points liability of one points unit, the points
redeemed per record, and the one relation other packages aggregate transfers from in their own SQL.

Each figure is one aggregate query; nothing is loaded row by row. "Outstanding" is what members hold
(available + held); points in lots past their expiry stay in it until `mall worker` moves them to the
expired account, which is where breakage is counted.

No module outside the ledger names its tables in SQL (tests/kernel/test_import_contracts.py): a report
that must join the ledger's transfers with its own tables in one statement (settlement builds a period's
statement lines with one INSERT ... SELECT) reads TRANSFER_REPORT instead, whose columns are the
ledger's promise; the tables behind it may change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ledger.accounts import system_account_name
from ledger.models import AccountKind, TransferKind
from mall import sql

EXPIRED = system_account_name(AccountKind.EXPIRED)

# Every transfer, as a relation to use in FROM (`FROM {TRANSFER_REPORT} t`); the databases inline it, so
# filters on its columns use the transfer table's indexes. Columns:
#   id, channel_id, kind (TransferKind), points (> 0), reference, created_at
#   subject_kind, subject_id   the record the reference names ('order', '<uuid>'), NULL when none
#   sequence                   the sealing sequence (commit order), NULL until sealed: see last_sealed_sequence
#   member_account_id          the member wallet on either side, NULL when none
#   member_movement            signed points for that wallet: + into it, - out of it (0 when none)
TRANSFER_REPORT = (
    "(SELECT id, channel_id, kind, points, reference, created_at, subject_kind, subject_id, sequence,"
    " member_account_id, CASE WHEN member_account_id IS NULL THEN 0 WHEN credit_account_id = member_account_id"
    " THEN points ELSE -points END AS member_movement FROM ledger_transfer)"
)
# Every transfer once for each account on its sides, as a relation to use in FROM
# (`FROM {ACCOUNT_TRANSFER_REPORT} m WHERE m.account_name = $1`). Columns:
#   id, channel_id, kind (TransferKind), points (> 0), created_at   the transfer's
#   account_name    the account's name in its channel (e.g. `issued:<partner>`, ledger.accounts)
#   into_account    1 when the transfer credits the account (points came in), 0 when it debits it
ACCOUNT_TRANSFER_REPORT = (
    "(SELECT t.id, t.channel_id, t.kind, t.points, t.created_at, a.name AS account_name, 0 AS into_account"
    " FROM ledger_transfer t JOIN ledger_account a ON a.id = t.debit_account_id"
    " UNION ALL SELECT t.id, t.channel_id, t.kind, t.points, t.created_at, a.name AS account_name, 1 AS into_account"
    " FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id)"
)
REDEEMED_BY_SUBJECT = (
    "SELECT subject_id, SUM(CASE WHEN kind = 'capture' THEN points ELSE -points END) AS points FROM ledger_transfer"
    " WHERE kind IN ('capture', 'refund') AND subject_kind = $1 AND created_at < $2 AND subject_id IN ({ids})"
    " GROUP BY subject_id"
)


@dataclass(frozen=True)
class Movement:
    """Points a kind of transfer moved into and out of member wallets."""

    to_members: int = 0
    from_members: int = 0


@dataclass(frozen=True)
class Liability:
    points_outstanding: int
    points_held: int
    members_with_points: int
    expiring_within_days: dict[int, int]  # window in days -> points expiring within it
    points_expired_to_date: int  # breakage: the expired account's balance
    period: dict[TransferKind, Movement]  # what each kind moved in the period


async def liability(
    channel_id: int, now: datetime, period_start: datetime, period_end: datetime,
    windows_days: Sequence[int] = (30, 60, 90),
) -> Liability:
    """The channel's liability now, and its movements in [period_start, period_end)."""
    wallets = await sql.fetch_one(
        "SELECT COALESCE(SUM(points_available + points_held), 0) AS outstanding,"
        " COALESCE(SUM(points_held), 0) AS held,"
        " COALESCE(SUM(CASE WHEN points_available + points_held > 0 THEN 1 ELSE 0 END), 0) AS members"
        " FROM ledger_account WHERE channel_id = $1 AND kind = 'member'",
        channel_id,
    )
    assert wallets is not None
    return Liability(
        int(wallets["outstanding"]), int(wallets["held"]), int(wallets["members"]),
        await _expiring(channel_id, now, windows_days), await _expired_balance(channel_id),
        await _movements(channel_id, period_start, period_end),
    )


async def _expiring(channel_id: int, now: datetime, windows_days: Sequence[int]) -> dict[int, int]:
    if not windows_days:
        return {}
    ends = [now + timedelta(days=days) for days in windows_days]
    sums = ", ".join(f"COALESCE(SUM(CASE WHEN l.expires_at <= ${index + 3} THEN l.points_remaining END), 0) AS w{index}"
                     for index in range(len(ends)))
    row = await sql.fetch_one(
        f"SELECT {sums} FROM ledger_lot l JOIN ledger_account a ON a.id = l.account_id"
        " WHERE a.channel_id = $1 AND a.kind = 'member' AND l.points_remaining > 0"
        f" AND l.expires_at > $2 AND l.expires_at <= ${len(ends) + 2}",
        channel_id, now, *ends,
    )
    assert row is not None
    return {days: int(row[f"w{index}"]) for index, days in enumerate(windows_days)}


async def _expired_balance(channel_id: int) -> int:
    row = await sql.fetch_one(
        "SELECT COALESCE(SUM(CASE WHEN t.credit_account_id = e.id THEN t.points ELSE -t.points END), 0) AS points"
        " FROM ledger_account e JOIN ledger_transfer t ON t.credit_account_id = e.id OR t.debit_account_id = e.id"
        " WHERE e.channel_id = $1 AND e.name = $2",
        channel_id, EXPIRED,
    )
    return int(row["points"]) if row else 0


async def _movements(channel_id: int, start: datetime, end: datetime) -> dict[TransferKind, Movement]:
    rows = await sql.fetch(
        "SELECT kind,"
        " COALESCE(SUM(CASE WHEN credit_account_id = member_account_id THEN points ELSE 0 END), 0) AS to_members,"
        " COALESCE(SUM(CASE WHEN debit_account_id = member_account_id THEN points ELSE 0 END), 0) AS from_members"
        " FROM ledger_transfer WHERE channel_id = $1 AND member_account_id IS NOT NULL"
        " AND created_at >= $2 AND created_at < $3 GROUP BY kind",
        channel_id, start, end,
    )
    return {TransferKind(row["kind"]): Movement(int(row["to_members"]), int(row["from_members"])) for row in rows}


@dataclass(frozen=True)
class ExpiringLot:
    lot_id: int
    member_id: int
    points: int
    expires_at: datetime


async def lots_expiring_between(
    channel_id: int, start: datetime, end: datetime, *, after_lot_id: int = 0, limit: int = 500,
) -> list[ExpiringLot]:
    """Member lots of the channel with points left that expire in (start, end], by lot id after
    `after_lot_id` (page through with the last id returned)."""
    rows = await sql.fetch(
        "SELECT l.id, a.member_id, l.points_remaining, l.expires_at FROM ledger_lot l"
        " JOIN ledger_account a ON a.id = l.account_id"
        " WHERE a.channel_id = $1 AND a.kind = 'member' AND l.points_remaining > 0"
        " AND l.expires_at > $2 AND l.expires_at <= $3 AND l.id > $4 ORDER BY l.id LIMIT $5",
        channel_id, start, end, after_lot_id, limit,
    )
    return [ExpiringLot(int(row["id"]), int(row["member_id"]), int(row["points_remaining"]),
                        sql.as_datetime(row["expires_at"]))  # type: ignore[arg-type]
            for row in rows]


async def redeemed_by_subject(subject_kind: str, subject_ids: Sequence[str], before: datetime) -> dict[str, int]:
    """Net points redeemed (captured minus refunded) for each record of the kind, e.g. per order, by the
    transfers written before `before`; records with no such transfer are left out. One query: keep the
    list to a few hundred ids."""
    if not subject_ids:
        return {}
    ids = sql.placeholders(len(subject_ids), first=3)
    rows = await sql.fetch(REDEEMED_BY_SUBJECT.format(ids=ids), subject_kind, before, *subject_ids)
    return {str(row["subject_id"]): int(row["points"] or 0) for row in rows}


@dataclass(frozen=True)
class MemberAdjustment:
    """Points an account paid a member as an adjustment (negative), or took back (positive)."""

    transfer_id: int
    channel_id: int
    reference: str
    points: int
    created_at: datetime  # the instant it is stamped with: the period it belongs to


MEMBER_ADJUSTMENT_ROWS = (
    "SELECT t.id AS id, t.channel_id AS channel_id, t.reference AS reference, t.created_at AS created_at,"
    " CASE WHEN t.debit_account_id = a.id THEN -t.points ELSE t.points END AS points"
    " FROM ledger_transfer t JOIN ledger_account a ON a.id IN (t.debit_account_id, t.credit_account_id)"
    " WHERE a.kind = $1 AND a.name = $2 AND t.kind = 'adjustment' AND t.member_account_id IS NOT NULL"
)
MEMBER_ADJUSTMENTS = f"{MEMBER_ADJUSTMENT_ROWS} AND t.created_at >= $3 AND t.created_at < $4 ORDER BY t.id"
MEMBER_ADJUSTMENTS_SEALED_AFTER = (
    f"{MEMBER_ADJUSTMENT_ROWS} AND (t.sequence IS NULL OR t.sequence > $3) AND t.created_at < $4 ORDER BY t.id"
)


def _account_name(kind: AccountKind, code: str) -> str:
    return f"partner:{code}" if kind == AccountKind.PARTNER_PAYABLE else f"issuer:{code}"


def _adjustments(rows: Sequence[Mapping[str, Any]]) -> list[MemberAdjustment]:
    return [MemberAdjustment(int(row["id"]), int(row["channel_id"]), str(row["reference"]), int(row["points"]),
                             sql.as_datetime(row["created_at"]))  # type: ignore[arg-type]
            for row in rows]


async def member_adjustments(kind: AccountKind, code: str, start: datetime, end: datetime) -> list[MemberAdjustment]:
    """Adjustments in [start, end) between member wallets and a partner's payable account or an issuer's
    liability (`code` names the partner or issuer): the goodwill customer service booked at its cost."""
    return _adjustments(await sql.fetch(MEMBER_ADJUSTMENTS, kind.value, _account_name(kind, code), start, end))


async def member_adjustments_sealed_after(kind: AccountKind, code: str, watermark: int,
                                          before: datetime) -> list[MemberAdjustment]:
    """The same adjustments stamped before `before` but sealed after `watermark`, or not sealed yet: those a
    reader that stopped at that watermark (a settlement run, ledger.sealing.last_sealed_sequence) may not
    have seen, because their transaction committed after it read."""
    rows = await sql.fetch(MEMBER_ADJUSTMENTS_SEALED_AFTER, kind.value, _account_name(kind, code), watermark, before)
    return _adjustments(rows)
