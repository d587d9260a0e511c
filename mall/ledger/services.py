"""The points ledger's one public surface: nothing else writes the ledger's tables.

    credit_points      accrual: issuer liability -> member wallet, in a new lot with an expiry
    adjust_points      staff correction, signed: adjustments <-> member wallet
    hold_points        two-phase redemption, phase one: reserve points (pending)
    capture_hold       phase two: post all or part of a hold, the rest goes back
    void_hold          phase two: release a hold entirely
    refund_capture     give captured points back, into the lots they came from
    reverse_transfer   correct a transfer with one naming it (a capture's reversal is a refund)
    settle_points      move points between a channel's system accounts (settlement runs)
    expire_wallet_lots move expired lots' points to the expired (breakage) account
    void_expired_holds release holds past their expiry
    seal_transfers     chain the transfers written since the last run (tamper evidence)
    points_balance / member_transfers   reads

Every function runs inside the caller's transaction (the use case owns it) and either completes or
raises: DomainError for an expected refusal (codes in mall.ledger.errors), before anything is written,
or LedgerInvariantError for a ledger that contradicts itself. Each takes a Request carrying the
idempotency key: the same request again returns the first result, changing nothing.

Lock order (see mall.ledger.locking): hold row, then member wallet, then lots in id order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mall.channels.models import Channel
from mall.ledger import lots, sql
from mall.ledger.accounts import channel_account, find_account, open_wallet, system_account_name, wallet_name
from mall.ledger.balances import Balance, ExpiringPoints, member_transfers, points_balance
from mall.ledger.errors import PointsErrorCode, insufficient_points, refusal
from mall.ledger.expiry import expire_wallet_lots, wallets_with_expired_lots
from mall.ledger.models import AccountKind, Hold, HoldStatus, Transfer, TransferKind
from mall.ledger.policy import DEFAULT_EXPIRY_POLICY, ExpiryPolicy
from mall.ledger.reversals import refund_capture, reverse_transfer
from mall.ledger.sealing import seal_transfers
from mall.ledger.transfers import Draft, Request, check_points, find_by_key, insert_transfer, replay
from mall.ledger.wallets import change_wallet, debit_spendable

__all__ = [
    "Balance",
    "ExpiringPoints",
    "ExpiryPolicy",
    "Request",
    "SystemAccount",
    "adjust_points",
    "capture_hold",
    "credit_points",
    "due_holds",
    "expire_wallet_lots",
    "hold_points",
    "member_transfers",
    "points_balance",
    "refund_capture",
    "reverse_transfer",
    "seal_transfers",
    "settle_points",
    "void_hold",
    "wallets_with_expired_lots",
]

DEFAULT_HOLD_DURATION = timedelta(minutes=30)
MAX_HOLD_DURATION = timedelta(days=7)
CLEARING = system_account_name(AccountKind.REDEMPTION_CLEARING)
ADJUSTMENTS = system_account_name(AccountKind.ADJUSTMENTS)


def utc_now(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


# --- credits -------------------------------------------------------------------------------------


async def credit_points(
    channel: Channel, member_id: int, points: int, request: Request,
    *, policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
) -> Transfer:
    """Accrual: issuer liability -> the member's wallet, in a new lot expiring as `policy` says.

    Raises DomainError REQUIRED, INVALID, NOT_FOUND (no such member), IDEMPOTENCY_CONFLICT.
    """
    return await _credit(channel, member_id, points, request, AccountKind.ISSUER_LIABILITY, TransferKind.ACCRUAL,
                         policy, utc_now(now))


async def _credit(
    channel: Channel, member_id: int, points: int, request: Request,
    source: AccountKind, kind: TransferKind, policy: ExpiryPolicy, now: datetime,
) -> Transfer:
    request.validate()
    check_points(points)
    wallet_id = await open_wallet(channel, member_id)
    draft = Draft(channel.id, await channel_account(channel, source), wallet_id, wallet_id, points, kind, request)
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:
        return replay(draft, stored)
    await change_wallet(wallet_id, points)
    transfer = await insert_transfer(draft, now)
    await lots.open_lot(wallet_id, transfer.id, points, policy.expires_at(now), now)
    return transfer


async def adjust_points(
    channel: Channel, member_id: int, points: int, request: Request,
    *, policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
) -> Transfer:
    """A staff correction: positive points credit the wallet (a new lot), negative ones debit it (FEFO).

    Raises DomainError REQUIRED, INVALID (zero or out of range), NOT_FOUND, INSUFFICIENT_POINTS,
    IDEMPOTENCY_CONFLICT.
    """
    if isinstance(points, int) and not isinstance(points, bool) and points < 0:
        return await _debit(channel, member_id, check_points(-points), request, utc_now(now))
    return await _credit(channel, member_id, points, request, AccountKind.ADJUSTMENTS, TransferKind.ADJUSTMENT,
                         policy, utc_now(now))


async def _debit(channel: Channel, member_id: int, points: int, request: Request, now: datetime) -> Transfer:
    request.validate()
    guarded = await debit_spendable(channel.id, wallet_name(member_id), points, request.idempotency_key,
                                    ADJUSTMENTS, now, hold=False)
    if guarded is None:
        return await _replay_debit(channel, member_id, points, request, ADJUSTMENTS, TransferKind.ADJUSTMENT)
    draft = Draft(channel.id, guarded.wallet_id, guarded.counter_account_id, guarded.wallet_id, points,
                  TransferKind.ADJUSTMENT, request)
    transfer = await insert_transfer(draft, now)
    await lots.take_first_expiring(guarded.wallet_id, points, transfer.id, now)
    return transfer


async def _replay_debit(
    channel: Channel, member_id: int, points: int, request: Request, counter: str, kind: TransferKind
) -> Transfer:
    """Why a guarded debit did not happen: a retry (return the original) or too few points."""
    stored = await find_by_key(request.idempotency_key)
    wallet_id = await find_account(channel.id, wallet_name(member_id))
    if stored is None or wallet_id is None:
        raise insufficient_points()
    counter_id = await find_account(channel.id, counter)
    return replay(Draft(channel.id, wallet_id, counter_id or 0, wallet_id, points, kind, request), stored)


# --- two-phase holds -----------------------------------------------------------------------------


async def hold_points(
    channel: Channel, member_id: int, points: int, request: Request,
    *, expires_at: datetime | None = None, now: datetime | None = None,
) -> Transfer:
    """Reserve points for a redemption (pending): available -> held, taken from lots first-expiring first.

    The hold can be captured until `expires_at` (default: DEFAULT_HOLD_DURATION from now); after that
    the worker voids it. Returns the hold transfer; its id names the hold.
    Raises DomainError REQUIRED, INVALID (points, expiry), INSUFFICIENT_POINTS, IDEMPOTENCY_CONFLICT.
    """
    now = utc_now(now)
    request.validate()
    check_points(points)
    hold_until = _hold_expiry(expires_at, now)
    guarded = await debit_spendable(channel.id, wallet_name(member_id), points, request.idempotency_key,
                                    CLEARING, now, hold=True)
    if guarded is None:
        return await _replay_debit(channel, member_id, points, request, CLEARING, TransferKind.HOLD)
    draft = Draft(channel.id, guarded.wallet_id, guarded.counter_account_id, guarded.wallet_id, points,
                  TransferKind.HOLD, request)
    transfer = await insert_transfer(draft, now)
    await sql.execute(
        "INSERT INTO ledger_hold (channel_id, transfer_id, account_id, clearing_account_id, status, points_held,"
        " points_captured, points_refunded, expires_at) VALUES ($1, $2, $3, $4, 'pending', $5, 0, 0, $6)",
        channel.id, transfer.id, guarded.wallet_id, guarded.counter_account_id, points, hold_until,
    )
    await lots.take_first_expiring(guarded.wallet_id, points, transfer.id, now)
    return transfer


def _hold_expiry(expires_at: datetime | None, now: datetime) -> datetime:
    """Raises DomainError INVALID for an expiry in the past or beyond MAX_HOLD_DURATION."""
    if expires_at is None:
        return now + DEFAULT_HOLD_DURATION
    if expires_at.tzinfo is None or not now < expires_at <= now + MAX_HOLD_DURATION:
        raise refusal(PointsErrorCode.INVALID, "A hold must expire in the future, within 7 days.", "expiresAt")
    return expires_at.astimezone(UTC)


CAPTURE_GUARD = (
    "UPDATE ledger_hold SET status = 'captured', points_captured = COALESCE($2, points_held), resolved_at = $3"
    " WHERE transfer_id = $1 AND status = 'pending' AND expires_at > $3 AND COALESCE($2, points_held) <= points_held"
    " AND NOT EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.idempotency_key = $4)"
    " RETURNING channel_id, account_id, clearing_account_id, points_held, points_captured"
)
VOID_GUARD = (
    "UPDATE ledger_hold SET status = 'voided', resolved_at = $2"
    " WHERE transfer_id = $1 AND status = 'pending'"
    " AND NOT EXISTS (SELECT 1 FROM ledger_transfer t WHERE t.idempotency_key = $3)"
    " RETURNING channel_id, account_id, clearing_account_id, points_held"
)


async def capture_hold(
    hold_id: int, request: Request, *, points: int | None = None, now: datetime | None = None
) -> Transfer:
    """Post `points` (default: all) of the pending hold `hold_id` to redemption clearing; the rest of the
    hold goes back to the wallet, into the lots it came from. A hold is resolved once.

    Raises DomainError REQUIRED, INVALID (points not within 1..held), NOT_FOUND, HOLD_ALREADY_RESOLVED,
    HOLD_EXPIRED, IDEMPOTENCY_CONFLICT.
    """
    now = utc_now(now)
    request.validate()
    if points is not None:
        check_points(points)
    row = await sql.fetch_one(CAPTURE_GUARD, hold_id, points, now, request.idempotency_key)
    if row is None:
        return await _explain_unresolved(hold_id, request, TransferKind.CAPTURE, points, now)
    held, captured = int(row["points_held"]), int(row["points_captured"])
    await change_wallet(int(row["account_id"]), held - captured, -held)
    draft = Draft(int(row["channel_id"]), int(row["account_id"]), int(row["clearing_account_id"]),
                  int(row["account_id"]), captured, TransferKind.CAPTURE, request, pending_id=hold_id)
    transfer = await insert_transfer(draft, now)
    if held > captured:
        await lots.return_to_origin(hold_id, held - captured, transfer.id)
    return transfer


async def void_hold(hold_id: int, request: Request, *, now: datetime | None = None) -> Transfer:
    """Release the pending hold `hold_id` entirely: its points go back into the lots they came from.
    Expired holds can be voided (the worker does so).

    Raises DomainError REQUIRED, INVALID, NOT_FOUND, HOLD_ALREADY_RESOLVED, IDEMPOTENCY_CONFLICT.
    """
    now = utc_now(now)
    request.validate()
    row = await sql.fetch_one(VOID_GUARD, hold_id, now, request.idempotency_key)
    if row is None:
        return await _explain_unresolved(hold_id, request, TransferKind.VOID, None, now)
    held, wallet_id = int(row["points_held"]), int(row["account_id"])
    await change_wallet(wallet_id, held, -held)
    draft = Draft(int(row["channel_id"]), wallet_id, int(row["clearing_account_id"]), wallet_id, held,
                  TransferKind.VOID, request, pending_id=hold_id)
    transfer = await insert_transfer(draft, now)
    await lots.return_to_origin(hold_id, held, transfer.id)
    return transfer


async def _explain_unresolved(
    hold_id: int, request: Request, kind: TransferKind, points: int | None, now: datetime
) -> Transfer:
    """Why a capture or void guard did not apply: replay a retry, or raise the matching refusal."""
    hold = await Hold.get_or_none(transfer_id=hold_id)
    if hold is None:
        raise refusal(PointsErrorCode.NOT_FOUND, f"Hold {hold_id} does not exist.", "hold")
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:
        resolved = hold.points_held if kind == TransferKind.VOID or points is None else points
        return replay(Draft(hold.channel_id, hold.account_id, hold.clearing_account_id,  # type: ignore[attr-defined]
                            hold.account_id, resolved, kind, request, pending_id=hold_id), stored)  # type: ignore[attr-defined]
    if hold.status != HoldStatus.PENDING:
        raise refusal(PointsErrorCode.HOLD_ALREADY_RESOLVED, f"Hold {hold_id} is already {hold.status}.", "hold")
    if hold.expires_at <= now:
        raise refusal(PointsErrorCode.HOLD_EXPIRED, f"Hold {hold_id} expired at {hold.expires_at}.", "hold")
    raise refusal(PointsErrorCode.INVALID, f"Capture at most the {hold.points_held} points held.", "amount")


async def due_holds(now: datetime | None = None, limit: int = 100) -> list[int]:
    """Ids of pending holds past their expiry, oldest first: the worker voids them."""
    rows = await sql.fetch(
        "SELECT transfer_id FROM ledger_hold WHERE status = 'pending' AND expires_at <= $1"
        " ORDER BY expires_at, id LIMIT $2",
        utc_now(now), limit,
    )
    return [int(row["transfer_id"]) for row in rows]


# --- settlement ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemAccount:
    """One of a channel's system accounts; partner payable accounts need the partner's code."""

    kind: AccountKind
    partner_code: str | None = None


async def settle_points(
    channel: Channel, debit: SystemAccount, credit: SystemAccount, points: int, request: Request,
    *, now: datetime | None = None,
) -> Transfer:
    """Move points between two system accounts of the channel, e.g. clearing -> partner payable.

    Raises DomainError REQUIRED, INVALID (a member wallet, one account twice, no partner code),
    IDEMPOTENCY_CONFLICT.
    """
    request.validate()
    check_points(points)
    for side in (debit, credit):
        if side.kind == AccountKind.MEMBER or (side.kind == AccountKind.PARTNER_PAYABLE and not side.partner_code):
            raise refusal(PointsErrorCode.INVALID, "Settle between system accounts only.", "account")
    debit_id = await channel_account(channel, debit.kind, debit.partner_code)
    credit_id = await channel_account(channel, credit.kind, credit.partner_code)
    if debit_id == credit_id:
        raise refusal(PointsErrorCode.INVALID, "Debit and credit accounts must differ.", "account")
    draft = Draft(channel.id, debit_id, credit_id, None, points, TransferKind.SETTLEMENT, request)
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:
        return replay(draft, stored)
    return await insert_transfer(draft, utc_now(now))
