"""Corrections: a transfer is never changed, it is answered by a new one that names it.

    capture             -> refund (all or part, several times, never more than was captured)
    accrual, adjustment -> a reversal of the same kind, once, for the whole amount: a credit's reversal
                           takes the points back out of the lot the credit created, a debit's reversal
                           returns them to the lots the debit took them from
    settlement          -> a reversal with the accounts swapped, once
    hold, void, expiry, refund, and reversals themselves are not reversible (void a hold instead)

A partial unique index on `reverses_id` (refunds excepted) stands behind "once".
"""

from __future__ import annotations

from datetime import UTC, datetime

from kernel import clock
from ledger import lots
from ledger.errors import LedgerErrorCode, insufficient_points, refusal
from ledger.locking import lock_rows
from ledger.models import Hold, Lot, Transfer, TransferKind
from ledger.transfers import Draft, Request, check_points, find_by_key, insert_transfer, replay
from ledger.wallets import change_wallet, debit_available
from mall import sql

REFUND_GUARD = (
    "UPDATE ledger_hold SET points_refunded = points_refunded + $1"
    " WHERE transfer_id = $2 AND status = 'captured' AND points_captured - points_refunded >= $1"
)


async def refund_capture(
    capture_id: int, request: Request, *, points: int | None = None, now: datetime | None = None
) -> Transfer:
    """Return `points` (default: all not yet refunded) of a capture to the member's wallet, into the lots
    they came from with their original expiry.

    Raises DomainError REQUIRED, INVALID, NOT_FOUND, NOT_REVERSIBLE (not a capture), REFUND_EXCEEDS_CAPTURE,
    IDEMPOTENCY_CONFLICT.
    """
    now = (now or clock.now()).astimezone(UTC)
    request.validate()
    capture = await _transfer(capture_id)
    if capture.kind != TransferKind.CAPTURE:
        raise refusal(LedgerErrorCode.NOT_REVERSIBLE, "Only a capture can be refunded.", "transfer")
    hold = await Hold.get(transfer_id=capture.pending_id)  # type: ignore[attr-defined]
    stored = await find_by_key(request.idempotency_key)
    left = hold.points_captured - hold.points_refunded
    amount = check_points(points) if points is not None else (stored.points if stored else left)
    draft = Draft(capture.channel_id, capture.credit_account_id, capture.debit_account_id,  # type: ignore[attr-defined]
                  capture.member_account_id, amount, TransferKind.REFUND, request, reverses_id=capture.id)  # type: ignore[attr-defined]
    if stored is not None:
        return replay(draft, stored)
    if amount == 0 or await sql.execute(REFUND_GUARD, amount, hold.transfer_id) != 1:  # type: ignore[attr-defined]
        raise refusal(LedgerErrorCode.REFUND_EXCEEDS_CAPTURE, "The refund exceeds what is left of the capture.",
                      "amount")
    await change_wallet(draft.credit_account_id, amount)
    transfer = await insert_transfer(draft, now)
    await lots.return_to_origin(hold.transfer_id, amount, transfer.id)  # type: ignore[attr-defined]
    return transfer


async def reverse_transfer(transfer_id: int, request: Request, *, now: datetime | None = None) -> Transfer:
    """Correct a transfer with its mirror image, naming it in `reverses` (a capture is refunded in full).

    Raises DomainError REQUIRED, INVALID, NOT_FOUND, NOT_REVERSIBLE, ALREADY_REVERSED, INSUFFICIENT_POINTS
    (the credit's lot no longer holds its points), REFUND_EXCEEDS_CAPTURE, IDEMPOTENCY_CONFLICT.
    """
    now = (now or clock.now()).astimezone(UTC)
    request.validate()
    original = await _transfer(transfer_id)
    if original.kind == TransferKind.CAPTURE:
        return await refund_capture(transfer_id, request, now=now)
    _check_reversible(original)
    draft = Draft(original.channel_id, original.credit_account_id, original.debit_account_id,  # type: ignore[attr-defined]
                  original.member_account_id, original.points, original.kind, request,  # type: ignore[attr-defined]
                  reverses_id=original.id)
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:
        return replay(draft, stored)
    await _one_reversal_at_a_time(original)
    member_id = original.member_account_id  # type: ignore[attr-defined]
    if member_id is not None and member_id == original.credit_account_id:  # type: ignore[attr-defined]
        return await _reverse_credit(original, draft, now)
    if member_id is not None:
        await change_wallet(member_id, original.points)
        transfer = await insert_transfer(draft, now)
        await lots.return_to_origin(original.id, original.points, transfer.id)
        return transfer
    return await insert_transfer(draft, now)


def _check_reversible(original: Transfer) -> None:
    reversible = {TransferKind.ACCRUAL, TransferKind.ADJUSTMENT, TransferKind.SETTLEMENT}
    if original.kind not in reversible or original.reverses_id is not None:  # type: ignore[attr-defined]
        raise refusal(LedgerErrorCode.NOT_REVERSIBLE, f"A {original.kind} transfer cannot be reversed.", "transfer")


async def _one_reversal_at_a_time(original: Transfer) -> None:
    """Lock the accounts the reversal changes (the member's wallet, or both system accounts), then refuse
    if the transfer is reversed already. Concurrent reversals of one transfer wait here for each other, so
    the later ones see the first and are refused ALREADY_REVERSED, instead of running into its effects
    (an emptied lot) or into the unique index."""
    member_id = original.member_account_id  # type: ignore[attr-defined]
    accounts = [member_id] if member_id is not None else [original.debit_account_id, original.credit_account_id]  # type: ignore[attr-defined]
    await lock_rows("ledger_account", accounts)
    if await Transfer.exists(reverses_id=original.id):
        raise refusal(LedgerErrorCode.ALREADY_REVERSED, f"Transfer {original.id} was already reversed.", "transfer")


async def _reverse_credit(original: Transfer, draft: Draft, now: datetime) -> Transfer:
    """Take a credit's points back out of the lot it created; refused when that lot no longer has them.
    The wallet is locked already (`_one_reversal_at_a_time`): lots are only changed under its lock."""
    wallet_id = draft.debit_account_id
    lot = await Lot.get(transfer_id=original.id)
    if lot.points_remaining < original.points or not await debit_available(wallet_id, original.points):
        raise insufficient_points()
    transfer = await insert_transfer(draft, now)
    await lots.apply_shares([lots.Share(lot.id, -original.points)], transfer.id, origin_id=transfer.id)
    return transfer


async def _transfer(transfer_id: int) -> Transfer:
    transfer = await Transfer.get_or_none(id=transfer_id)
    if transfer is None:
        raise refusal(LedgerErrorCode.NOT_FOUND, f"Transfer {transfer_id} does not exist.", "transfer")
    return transfer
