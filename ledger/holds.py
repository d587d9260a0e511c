"""Two-phase redemption: hold (pending), then capture all or part, or void; each hold resolves once.

A hold is a pending transfer wallet -> redemption clearing: it moves points from the wallet's available
to its held column and takes them out of the wallet's lots at once (first to expire first), so a lot
that expires while its points are held loses nothing; they go back to it if the hold is released.

The guards are conditional UPDATEs: the wallet's (enough spendable points) for a hold, the hold row's
(still pending, not expired) for a capture or void. On PostgreSQL, where each round trip costs as much
as the work itself, each step is one statement (data-modifying CTEs); elsewhere the same steps run as
separate statements. Taking points from lots is always its own statement, after the wallet's lock is
held, so that it reads the lots as they are once no one else can change them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kernel import clock
from ledger import lots
from ledger.accounts import system_account_name, wallet_name
from ledger.errors import LedgerErrorCode, refusal
from ledger.models import AccountKind, Hold, HoldStatus, Transfer, TransferKind
from ledger.transfers import Draft, Request, check_points, find_by_key, insert_transfer, replay
from ledger.wallets import SPEND_GUARD, change_wallet, debit_spendable, replay_debit
from mall import sql
from mall.channels.models import Channel

DEFAULT_HOLD_DURATION = timedelta(minutes=30)
MAX_HOLD_DURATION = timedelta(days=7)
CLEARING = system_account_name(AccountKind.REDEMPTION_CLEARING)
TRANSFER_COLUMNS = (
    "channel_id, debit_account_id, credit_account_id, member_account_id, points, kind, reference, actor, reason,"
    " idempotency_key, pending_id, reverses_id, created_at, subject_kind, subject_id"
)
INSERT_HOLD = (
    "INSERT INTO ledger_hold (channel_id, transfer_id, account_id, clearing_account_id, status, points_held,"
    " points_captured, points_refunded, expires_at) VALUES ($1, $2, $3, $4, 'pending', $5, 0, 0, $6)"
)
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
# PostgreSQL: the wallet guard, the hold transfer and the hold row in one statement. Parameters are those
# of SPEND_GUARD ($1-$7), then reference, actor, reason, the hold's expiry and the subject ($8-$13).
HOLD_IN_ONE_STATEMENT = (
    f"WITH guarded AS ({SPEND_GUARD}),"
    f" transfer AS (INSERT INTO ledger_transfer ({TRANSFER_COLUMNS})"
    "  SELECT $3, id, counter_id, id, $1, 'hold', $8, $9, $10, $6, NULL::bigint, NULL::bigint, $5, $12, $13"
    "  FROM guarded"
    "  RETURNING *),"
    " hold AS (INSERT INTO ledger_hold (channel_id, transfer_id, account_id, clearing_account_id, status,"
    "  points_held, points_captured, points_refunded, expires_at)"
    "  SELECT channel_id, id, debit_account_id, credit_account_id, 'pending', points, 0, 0, $11 FROM transfer)"
    " SELECT * FROM transfer"
)
# PostgreSQL: the capture guard, the wallet and the capture transfer in one statement. Parameters are those
# of CAPTURE_GUARD ($1-$4), then reference, actor, reason and the subject ($5-$9).
CAPTURE_IN_ONE_STATEMENT = (
    f"WITH hold AS ({CAPTURE_GUARD}),"
    " wallet AS (UPDATE ledger_account a SET points_held = a.points_held - hold.points_held,"
    "  points_available = a.points_available + hold.points_held - hold.points_captured"
    "  FROM hold WHERE a.id = hold.account_id RETURNING a.id),"
    f" transfer AS (INSERT INTO ledger_transfer ({TRANSFER_COLUMNS})"
    "  SELECT hold.channel_id, hold.account_id, hold.clearing_account_id, hold.account_id, hold.points_captured,"
    "  'capture', $5, $6, $7, $4, $1, NULL::bigint, $3, $8, $9 FROM hold JOIN wallet ON wallet.id = hold.account_id"
    "  RETURNING *)"
    " SELECT transfer.*, hold.points_held AS hold_points_held FROM transfer, hold"
)


async def hold_points(
    channel: Channel, member_id: int, points: int, request: Request,
    *, expires_at: datetime | None = None, now: datetime | None = None,
) -> Transfer:
    """Reserve points for a redemption (pending): available -> held, taken from lots first-expiring first.

    The hold can be captured until `expires_at` (default: DEFAULT_HOLD_DURATION from now); after that
    the worker voids it. Returns the hold transfer; its id names the hold.
    Raises DomainError REQUIRED, INVALID (points, expiry), INSUFFICIENT_POINTS, IDEMPOTENCY_CONFLICT.
    """
    now = (now or clock.now()).astimezone(UTC)
    request.validate()
    check_points(points)
    hold_until = _hold_expiry(expires_at, now)
    transfer = await _open_hold(channel, member_id, points, request, hold_until, now)
    if transfer is None:
        return await replay_debit(channel, member_id, points, request, CLEARING, TransferKind.HOLD)
    await lots.take_first_expiring(transfer.debit_account_id, points, transfer.id, now)  # type: ignore[attr-defined]
    return transfer


async def _open_hold(
    channel: Channel, member_id: int, points: int, request: Request, hold_until: datetime, now: datetime
) -> Transfer | None:
    """The wallet guard, the hold transfer and the hold row; None when the guard refused."""
    if sql.is_postgres():
        row = await sql.fetch_one(
            HOLD_IN_ONE_STATEMENT, points, points, channel.id, wallet_name(member_id), now, request.idempotency_key,
            CLEARING, request.reference, request.actor, request.reason, hold_until, request.subject.kind,
            request.subject.id,
        )
        return None if row is None else Transfer._init_from_db(**row)
    guarded = await debit_spendable(channel.id, wallet_name(member_id), points, request.idempotency_key,
                                    CLEARING, now, hold=True)
    if guarded is None:
        return None
    draft = Draft(channel.id, guarded.wallet_id, guarded.counter_account_id, guarded.wallet_id, points,
                  TransferKind.HOLD, request)
    transfer = await insert_transfer(draft, now)
    await sql.execute(INSERT_HOLD, channel.id, transfer.id, guarded.wallet_id, guarded.counter_account_id, points,
                      hold_until)
    return transfer


def _hold_expiry(expires_at: datetime | None, now: datetime) -> datetime:
    """Raises DomainError INVALID for an expiry in the past or beyond MAX_HOLD_DURATION."""
    if expires_at is None:
        return now + DEFAULT_HOLD_DURATION
    if expires_at.tzinfo is None or not now < expires_at <= now + MAX_HOLD_DURATION:
        raise refusal(LedgerErrorCode.INVALID, "A hold must expire in the future, within 7 days.", "expires_at")
    return expires_at.astimezone(UTC)


async def capture_hold(
    hold_id: int, request: Request, *, points: int | None = None, now: datetime | None = None
) -> Transfer:
    """Post `points` (default: all) of the pending hold `hold_id` to redemption clearing; the rest of the
    hold goes back to the wallet, into the lots it came from. A hold is resolved once.

    Raises DomainError REQUIRED, INVALID (points not within 1..held), NOT_FOUND, HOLD_ALREADY_RESOLVED,
    HOLD_EXPIRED, IDEMPOTENCY_CONFLICT.
    """
    now = (now or clock.now()).astimezone(UTC)
    request.validate()
    if points is not None:
        check_points(points)
    posted = await _post_capture(hold_id, points, request, now)
    if posted is None:
        return await _explain_unresolved(hold_id, request, TransferKind.CAPTURE, points, now)
    transfer, held = posted
    if held > transfer.points:
        await lots.return_to_origin(hold_id, held - transfer.points, transfer.id)
    return transfer


async def _post_capture(
    hold_id: int, points: int | None, request: Request, now: datetime
) -> tuple[Transfer, int] | None:
    """The hold guard, the wallet and the capture transfer: (transfer, points held), or None when refused."""
    if sql.is_postgres():
        row = await sql.fetch_one(CAPTURE_IN_ONE_STATEMENT, hold_id, points, now, request.idempotency_key,
                                  request.reference, request.actor, request.reason, request.subject.kind,
                                  request.subject.id)
        if row is None:
            return None
        held = int(row.pop("hold_points_held"))
        return Transfer._init_from_db(**row), held
    row = await sql.fetch_one(CAPTURE_GUARD, hold_id, points, now, request.idempotency_key)
    if row is None:
        return None
    held, captured, wallet_id = int(row["points_held"]), int(row["points_captured"]), int(row["account_id"])
    await change_wallet(wallet_id, held - captured, -held)
    draft = Draft(int(row["channel_id"]), wallet_id, int(row["clearing_account_id"]), wallet_id, captured,
                  TransferKind.CAPTURE, request, pending_id=hold_id)
    return await insert_transfer(draft, now), held


async def void_hold(hold_id: int, request: Request, *, now: datetime | None = None) -> Transfer:
    """Release the pending hold `hold_id` entirely: its points go back into the lots they came from.
    Expired holds can be voided (the worker does so).

    Raises DomainError REQUIRED, INVALID, NOT_FOUND, HOLD_ALREADY_RESOLVED, IDEMPOTENCY_CONFLICT.
    """
    now = (now or clock.now()).astimezone(UTC)
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
        raise refusal(LedgerErrorCode.NOT_FOUND, f"Hold {hold_id} does not exist.", "hold")
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:
        resolved = hold.points_held if kind == TransferKind.VOID or points is None else points
        return replay(Draft(hold.channel_id, hold.account_id, hold.clearing_account_id,  # type: ignore[attr-defined]
                            hold.account_id, resolved, kind, request, pending_id=hold_id), stored)  # type: ignore[attr-defined]
    if hold.status != HoldStatus.PENDING:
        raise refusal(LedgerErrorCode.HOLD_ALREADY_RESOLVED, f"Hold {hold_id} is already {hold.status}.", "hold")
    if hold.expires_at <= now:
        raise refusal(LedgerErrorCode.HOLD_EXPIRED, f"Hold {hold_id} expired at {hold.expires_at}.", "hold")
    raise refusal(LedgerErrorCode.INVALID, f"Capture at most the {hold.points_held} points held.", "amount")


async def due_holds(now: datetime | None = None, limit: int = 100) -> list[int]:
    """Ids of pending holds past their expiry, oldest first: the worker voids them."""
    rows = await sql.fetch(
        "SELECT transfer_id FROM ledger_hold WHERE status = 'pending' AND expires_at <= $1"
        " ORDER BY expires_at, id LIMIT $2",
        (now or clock.now()), limit,
    )
    return [int(row["transfer_id"]) for row in rows]

