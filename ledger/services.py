"""The points ledger's one public surface: nothing else writes the ledger's tables.

    credit_points      accrual: issuer liability -> member wallet, in a new lot with an expiry
    award_points       accrual from a named funding account (the issuer's liability, or a partner's
                       issued points), for earning rules
    award_points_to_many   the same for a batch of members (campaigns, bulk sign-ins): ledger.bulk
    take_back_points   an award taken back (a returned purchase): member wallet -> its funding account (FEFO)
    debit_points       the bank takes accrued points back: member wallet -> issuer liability (FEFO)
    adjust_points      staff correction, signed: adjustments <-> member wallet
    goodwill_points    compensation for a complaint: the account of whoever is at fault -> member wallet
    hold_points        two-phase redemption, phase one: reserve points (pending)
    capture_hold       phase two: post all or part of a hold, the rest goes back
    void_hold          phase two: release a hold entirely
    refund_capture     give captured points back, into the lots they came from
    reverse_transfer   correct a transfer with one naming it (a capture's reversal is a refund)
    settle_points      move points between a channel's system accounts (settlement runs)
    expire_wallet_lots move expired lots' points to the expired (breakage) account
    seal_transfers     chain the transfers written since the last run (tamper evidence)
    last_sealed_sequence   the chain's head: a watermark in commit order (settlement runs)
    lock_member_wallets                    first step of a use case that changes several members' points
    due_holds, wallets_with_expired_lots   what `mall worker` has to void and expire (ledger.jobs)
    points_balance, member_transfers, find_transfer   reads
    liability, lots_expiring_between                  programme reads (ledger.reports)
    member_adjustments                                goodwill a partner or issuer paid (settlement)
    member_adjustments_sealed_after                   the same committed after a run's watermark (late)
    redeemed_by_subject, TRANSFER_REPORT              settlement's reads: captures and refunds per order,
                                                      and transfers for its own aggregate SQL
    ACCOUNT_TRANSFER_REPORT                           transfers by the system account they move (a
                                                      partner's issued points, for its statement)

Every function runs inside the caller's transaction (the use case owns it) and either completes or
raises: DomainError for an expected refusal (codes in ledger.errors), before anything is written,
or LedgerInvariantError for a ledger that contradicts itself. Each takes a Request carrying the
idempotency key: the same request again returns the first result, changing nothing.

Lock order (see ledger.locking): hold row, then member wallet, then lots in id order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from kernel import clock
from ledger import bulk, lots
from ledger.accounts import (
    channel_account,
    channel_account_name,
    find_account,
    issuer_account_name,
    open_wallet,
    system_account_name,
    wallet_name,
)
from ledger.accounts import (
    find_channel_account as find_source,
)
from ledger.balances import Balance, ExpiringPoints, member_transfers, points_balance
from ledger.errors import LedgerErrorCode, refusal
from ledger.expiry import expire_wallet_lots, wallets_with_expired_lots
from ledger.holds import capture_hold, due_holds, hold_points, void_hold
from ledger.locking import lock_rows
from ledger.models import AccountKind, Transfer, TransferKind
from ledger.policy import DEFAULT_EXPIRY_POLICY, ExpiryPolicy
from ledger.reports import (
    ACCOUNT_TRANSFER_REPORT,
    TRANSFER_REPORT,
    ExpiringLot,
    Liability,
    MemberAdjustment,
    Movement,
    liability,
    lots_expiring_between,
    member_adjustments,
    member_adjustments_sealed_after,
    redeemed_by_subject,
)
from ledger.reversals import refund_capture, reverse_transfer
from ledger.sealing import last_sealed_sequence, seal_transfers
from ledger.transfers import MAX_POINTS, Draft, Request, check_points, find_by_key, insert_transfer, replay
from ledger.wallets import credit_wallet, debit_spendable, replay_debit
from mall import sql
from mall.channels.models import Channel

__all__ = [
    "ACCOUNT_TRANSFER_REPORT",
    "TRANSFER_REPORT",
    "Balance",
    "ExpiringLot",
    "ExpiringPoints",
    "ExpiryPolicy",
    "Liability",
    "MemberAdjustment",
    "Movement",
    "Request",
    "SystemAccount",
    "adjust_points",
    "award_points",
    "award_points_to_many",
    "capture_hold",
    "credit_points",
    "debit_points",
    "due_holds",
    "expire_wallet_lots",
    "find_transfer",
    "goodwill_points",
    "hold_points",
    "last_sealed_sequence",
    "liability",
    "lock_member_wallets",
    "lots_expiring_between",
    "member_adjustments",
    "member_adjustments_sealed_after",
    "member_transfers",
    "points_balance",
    "redeemed_by_subject",
    "refund_capture",
    "reverse_transfer",
    "seal_transfers",
    "settle_points",
    "take_back_points",
    "void_hold",
    "wallets_with_expired_lots",
]

ADJUSTMENTS = system_account_name(AccountKind.ADJUSTMENTS)


@dataclass(frozen=True)
class SystemAccount:
    """One of a channel's system accounts; partner payable and issued accounts need the partner's code."""

    kind: AccountKind
    partner_code: str | None = None


ISSUER_FUNDED = SystemAccount(AccountKind.ISSUER_LIABILITY)


async def find_transfer(idempotency_key: str) -> Transfer | None:
    """The transfer written for this idempotency key, if any (whether a request was applied already)."""
    return await find_by_key(idempotency_key)


def utc_now(now: datetime | None = None) -> datetime:
    return (now or clock.now()).astimezone(UTC)


# --- credits -------------------------------------------------------------------------------------


async def credit_points(
    channel: Channel, member_id: int, points: int, request: Request,
    *, policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
    expires_at: datetime | None = None,
) -> Transfer:
    """Accrual: issuer liability -> the member's wallet, in a new lot expiring as `policy` says (from now),
    or at `expires_at` when the caller gives it (a bank feed's own expiry, or its policy applied to the
    time the points were earned).

    Raises DomainError REQUIRED, INVALID, NOT_FOUND (no such member), IDEMPOTENCY_CONFLICT.
    """
    return await _credit(channel, member_id, points, request, ISSUER_FUNDED, TransferKind.ACCRUAL,
                         policy, utc_now(now), expires_at)


async def debit_points(
    channel: Channel, member_id: int, points: int, request: Request, *, now: datetime | None = None,
) -> Transfer:
    """The bank takes earned points back (a reversal it reports without naming our transfer): the member's
    wallet -> issuer liability, kind accrual, from the lots that expire first.

    Raises DomainError REQUIRED, INVALID, INSUFFICIENT_POINTS (no wallet, or too few spendable points),
    IDEMPOTENCY_CONFLICT.
    """
    check_points(points)
    return await _debit(channel, member_id, points, request, utc_now(now),
                        issuer_account_name(channel), TransferKind.ACCRUAL)


async def award_points(
    channel: Channel, member_id: int, points: int, request: Request, *, funding: SystemAccount,
    policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
) -> Transfer:
    """Accrual for an earning rule: the funding account -> the member's wallet, in a new lot expiring as
    `policy` says. The funding account is the issuer's liability, or a partner's issued points (coalition
    points a merchant gives away and pays for at settlement).

    Raises DomainError REQUIRED, INVALID (another funding account, a partner's without its code), NOT_FOUND,
    IDEMPOTENCY_CONFLICT.
    """
    _check_funding(funding)
    return await _credit(channel, member_id, points, request, funding, TransferKind.ACCRUAL, policy, utc_now(now))


async def award_points_to_many(
    channel: Channel, credits: list[bulk.Credit], request: bulk.BatchRequest, *, funding: SystemAccount,
    policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
) -> dict[int, int]:
    """`award_points` for each of up to bulk.MAX_CREDITS members (each its own key, lot and transfer), all or
    nothing; returns each member's transfer id. Every key must be new (the caller's claim makes it so).

    Raises DomainError REQUIRED, INVALID, NOT_FOUND; IntegrityError for a key used before (roll back).
    """
    _check_funding(funding)
    if sql.is_postgres():
        return await bulk.credit_many(channel, credits, request, funding_kind=funding.kind,
                                      funding_partner_code=funding.partner_code, policy=policy, now=utc_now(now))
    bulk.check_credits(credits, request)  # SQLite has one writer: the same credits one at a time
    booked: dict[int, int] = {}
    for credit in sorted(credits, key=lambda credit: credit.member_id):
        transfer = await _credit(channel, credit.member_id, credit.points, request.for_key(credit.idempotency_key),
                                 funding, TransferKind.ACCRUAL, policy, utc_now(now))
        booked[credit.member_id] = transfer.id
    return booked


async def take_back_points(
    channel: Channel, member_id: int, points: int, request: Request, *, funding: SystemAccount,
    now: datetime | None = None,
) -> Transfer:
    """Points of an award taken back (the purchase that earned them was returned): the member's wallet ->
    the award's funding account, kind accrual, from the lots that expire first.

    Raises DomainError REQUIRED, INVALID, INSUFFICIENT_POINTS (the member has spent them), IDEMPOTENCY_CONFLICT.
    """
    _check_funding(funding)
    check_points(points)
    await channel_account(channel, funding.kind, funding.partner_code)  # a partner's, on its first take-back
    counter = channel_account_name(channel, funding.kind, funding.partner_code)
    return await _debit(channel, member_id, points, request, utc_now(now), counter, TransferKind.ACCRUAL)


def _check_funding(funding: SystemAccount) -> None:
    issuer = funding.kind == AccountKind.ISSUER_LIABILITY
    partner = funding.kind == AccountKind.PARTNER_ISSUED and bool(funding.partner_code)
    if not (issuer or partner):
        raise refusal(LedgerErrorCode.INVALID, "Points are funded by the issuer or a partner's issued points.",
                      "funding")


async def _credit(
    channel: Channel, member_id: int, points: int, request: Request,
    source: SystemAccount, kind: TransferKind, policy: ExpiryPolicy, now: datetime,
    expires_at: datetime | None = None,
) -> Transfer:
    request.validate()
    check_points(points)
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:  # compare with the accounts as they are: a retry opens none
        wallet_id = await find_account(channel.id, wallet_name(member_id))
        source_id = await find_source(channel, source.kind, source.partner_code)
        return replay(Draft(channel.id, source_id or 0, wallet_id or 0, wallet_id, points, kind, request), stored)
    wallet_id = await open_wallet(channel, member_id)
    source_id = await channel_account(channel, source.kind, source.partner_code)
    draft = Draft(channel.id, source_id, wallet_id, wallet_id, points, kind, request)
    if not await credit_wallet(wallet_id, points):
        raise refusal(LedgerErrorCode.INVALID, f"A member's balance can be at most {MAX_POINTS} points.", "points")
    transfer = await insert_transfer(draft, now)
    await lots.open_lot(wallet_id, transfer.id, points, expires_at or policy.expires_at(now), now)
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
        return await _debit(channel, member_id, check_points(-points), request, utc_now(now),
                            ADJUSTMENTS, TransferKind.ADJUSTMENT)
    return await _credit(channel, member_id, points, request, SystemAccount(AccountKind.ADJUSTMENTS),
                         TransferKind.ADJUSTMENT, policy, utc_now(now))


# Who may pay for goodwill points: the party at fault (a partner, the operator, the issuing bank).
GOODWILL_PAYERS = frozenset({AccountKind.PARTNER_PAYABLE, AccountKind.OPERATOR_FEE, AccountKind.ISSUER_LIABILITY})


async def goodwill_points(
    channel: Channel, member_id: int, points: int, request: Request, payer: SystemAccount,
    *, policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY, now: datetime | None = None,
) -> Transfer:
    """Compensation for a complaint: the payer's account -> the member's wallet, in a new lot, kind adjustment
    (the member's history and the issuer's liability summary read it as customer service's). The payer is the
    party at fault: a partner (its payable account: settlement deducts the points' value from what the partner
    is paid), the operator (its fee account) or the issuer (its liability: the bank grants the points).

    Raises DomainError REQUIRED, INVALID (another payer, a partner without its code), NOT_FOUND,
    IDEMPOTENCY_CONFLICT.
    """
    if payer.kind not in GOODWILL_PAYERS or (payer.kind == AccountKind.PARTNER_PAYABLE and not payer.partner_code):
        raise refusal(LedgerErrorCode.INVALID, "Goodwill is paid by a partner, the operator or the issuer.", "payer")
    return await _credit(channel, member_id, points, request, payer, TransferKind.ADJUSTMENT, policy, utc_now(now))


async def _debit(
    channel: Channel, member_id: int, points: int, request: Request, now: datetime, counter: str, kind: TransferKind,
) -> Transfer:
    request.validate()
    guarded = await debit_spendable(channel.id, wallet_name(member_id), points, request.idempotency_key,
                                    counter, now, hold=False)
    if guarded is None:
        return await replay_debit(channel, member_id, points, request, counter, kind)
    draft = Draft(channel.id, guarded.wallet_id, guarded.counter_account_id, guarded.wallet_id, points, kind, request)
    transfer = await insert_transfer(draft, now)
    await lots.take_first_expiring(guarded.wallet_id, points, transfer.id, now)
    return transfer


async def lock_member_wallets(
    channel: Channel, member_ids: Iterable[int], *, open_missing: bool = False
) -> list[int]:
    """Lock these members' wallets in the channel in primary-key order; returns the ids of those that exist
    (with `open_missing`, all of them: a wallet not there yet is opened first).

    Call it first in a use case that changes several members' points in one transaction (a feed import,
    a batch correction): every such use case then locks wallets in the same order, so two of them
    cannot deadlock whatever order their members come in. A use case that must see the result of an
    identical request running at the same time (a bank's retry) calls it with `open_missing` before it
    looks for that result: the second request then waits here until the first commits, even for a
    member's first points. Raises DomainError NOT_FOUND (with `open_missing`) for an unknown member.
    """
    if open_missing:
        for member_id in sorted(set(member_ids)):
            await open_wallet(channel, member_id)
    names = sorted({wallet_name(member_id) for member_id in member_ids})
    if not names:
        return []
    placeholders = sql.placeholders(len(names), first=2)
    rows = await sql.fetch(f"SELECT id FROM ledger_account WHERE channel_id = $1 AND name IN ({placeholders})",
                           channel.id, *names)
    return await lock_rows("ledger_account", [int(row["id"]) for row in rows])


# --- settlement ----------------------------------------------------------------------------------


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
        partner_side = side.kind in (AccountKind.PARTNER_PAYABLE, AccountKind.PARTNER_ISSUED)
        if side.kind == AccountKind.MEMBER or (partner_side and not side.partner_code):
            raise refusal(LedgerErrorCode.INVALID, "Settle between system accounts only.", "account")
    if debit == credit:
        raise refusal(LedgerErrorCode.INVALID, "Debit and credit accounts must differ.", "account")
    stored = await find_by_key(request.idempotency_key)
    if stored is not None:  # compare with the accounts as they are: a retry opens none
        debit_id = await find_source(channel, debit.kind, debit.partner_code)
        credit_id = await find_source(channel, credit.kind, credit.partner_code)
        return replay(Draft(channel.id, debit_id or 0, credit_id or 0, None, points, TransferKind.SETTLEMENT,
                            request), stored)
    debit_id = await channel_account(channel, debit.kind, debit.partner_code)
    credit_id = await channel_account(channel, credit.kind, credit.partner_code)
    draft = Draft(channel.id, debit_id, credit_id, None, points, TransferKind.SETTLEMENT, request)
    return await insert_transfer(draft, utc_now(now))
