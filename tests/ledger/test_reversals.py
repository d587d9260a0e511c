"""Corrections: refunds of captures, reversals that name what they reverse, refusals that change nothing."""

from __future__ import annotations

import pytest

from kernel.errors import DomainError
from ledger.jobs import run_ledger_jobs
from ledger.models import Account, AccountKind, Hold, Transfer, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import (
    SystemAccount,
    adjust_points,
    capture_hold,
    refund_capture,
    reverse_transfer,
    settle_points,
    void_hold,
)
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    codes,
    credit,
    hold,
    lots_remaining,
    partner_settlement,
    request,
    snapshot,
)


async def captured(channel, member, points: int = 60) -> Transfer:
    await credit(channel, member, 100)
    pending = await hold(channel, member, points)
    return await capture_hold(pending.id, request("capture-1"), now=NOW)


async def test_refund_gives_captured_points_back(channel, member):
    # given
    capture = await captured(channel, member)

    # when
    refund = await refund_capture(capture.id, request("refund-1", reason="Gift out of stock"), points=25, now=NOW)

    # then
    assert (refund.kind, refund.points, refund.reverses_id, refund.reason) == (  # type: ignore[attr-defined]
        TransferKind.REFUND, 25, capture.id, "Gift out of stock")
    assert (refund.debit_account_id, refund.credit_account_id) == (  # type: ignore[attr-defined]
        capture.credit_account_id, capture.debit_account_id)  # type: ignore[attr-defined]
    assert await balances(channel, member) == (65, 0)
    assert (await Hold.get(transfer_id=capture.pending_id)).points_refunded == 25  # type: ignore[attr-defined]
    await assert_ledger_consistent()


async def test_refund_without_an_amount_refunds_what_is_left(channel, member):
    # given
    capture = await captured(channel, member)
    await refund_capture(capture.id, request("refund-1"), points=25, now=NOW)

    # when
    rest = await refund_capture(capture.id, request("refund-2"), now=NOW)

    # then
    assert rest.points == 35
    assert await balances(channel, member) == (100, 0)


@pytest.mark.parametrize(("first", "second"), [(60, 1), (59, 2), (60, None)])
async def test_refunds_beyond_the_capture_are_refused_and_change_nothing(channel, member, first, second):
    # given
    capture = await captured(channel, member)
    await refund_capture(capture.id, request("refund-1"), points=first, now=NOW)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await refund_capture(capture.id, request("refund-2"), points=second, now=NOW)

    # then
    assert codes(failure) == ["REFUND_EXCEEDS_CAPTURE"]
    assert await snapshot() == before


async def test_only_a_capture_can_be_refunded(channel, member):
    # given
    accrual = await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await refund_capture(accrual.id, request("refund-1"), now=NOW)

    # then
    assert codes(failure) == ["NOT_REVERSIBLE"]
    assert await snapshot() == before


@pytest.mark.parametrize("correct", [refund_capture, reverse_transfer])
async def test_correcting_an_unknown_transfer_is_refused(channel, member, correct):
    # given
    await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await correct(4242, request("fix-1"), now=NOW)

    # then
    assert codes(failure) == ["NOT_FOUND"]
    assert await snapshot() == before


async def test_reversing_a_capture_refunds_the_rest_of_it(channel, member):
    # given
    capture = await captured(channel, member)
    await refund_capture(capture.id, request("refund-1"), points=10, now=NOW)

    # when
    reversal = await reverse_transfer(capture.id, request("reverse-1"), now=NOW)

    # then
    assert (reversal.kind, reversal.points) == (TransferKind.REFUND, 50)
    assert await balances(channel, member) == (100, 0)


async def test_reversing_an_accrual_takes_its_points_back_out_of_its_lot(channel, member):
    # given
    accrual = await credit(channel, member, 100, key="c1")
    await credit(channel, member, 30, key="c2")

    # when
    reversal = await reverse_transfer(accrual.id, request("reverse-1", reason="Feed sent twice"), now=NOW)

    # then
    assert (reversal.kind, reversal.points, reversal.reverses_id) == (TransferKind.ACCRUAL, 100, accrual.id)  # type: ignore[attr-defined]
    assert (reversal.debit_account_id, reversal.credit_account_id) == (  # type: ignore[attr-defined]
        accrual.credit_account_id, accrual.debit_account_id)  # type: ignore[attr-defined]
    assert await balances(channel, member) == (30, 0)
    assert await lots_remaining(channel, member) == [0, 30]
    await assert_ledger_consistent()


async def test_an_accrual_whose_points_were_spent_cannot_be_reversed(channel, member):
    # given: the hold takes one point from the accrual's lot, which expires first
    accrual = await credit(channel, member, 100, key="c1", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10))
    await credit(channel, member, 30, key="c2")
    await hold(channel, member, 1)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await reverse_transfer(accrual.id, request("reverse-1"), now=NOW)

    # then
    assert codes(failure) == ["INSUFFICIENT_POINTS"]
    assert await snapshot() == before


async def test_a_transfer_is_reversed_once(channel, member):
    # given
    accrual = await credit(channel, member, 100)
    await reverse_transfer(accrual.id, request("reverse-1"), now=NOW)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await reverse_transfer(accrual.id, request("reverse-2"), now=NOW)

    # then
    assert codes(failure) == ["ALREADY_REVERSED"]
    assert await snapshot() == before


async def test_reversing_a_debit_adjustment_returns_points_to_their_lots(channel, member):
    # given
    await credit(channel, member, 50, key="c-10", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10))
    await credit(channel, member, 50, key="c-never")
    debit = await adjust_points(channel, member.id, -70, request("adjust-1"), now=NOW)

    # when
    reversal = await reverse_transfer(debit.id, request("reverse-1"), now=NOW)

    # then
    assert (reversal.kind, reversal.points, reversal.reverses_id) == (TransferKind.ADJUSTMENT, 70, debit.id)  # type: ignore[attr-defined]
    assert await lots_remaining(channel, member) == [50, 50]
    assert await balances(channel, member) == (100, 0)
    await assert_ledger_consistent()


async def test_reversing_a_credit_adjustment_takes_its_lot_back(channel, member):
    # given
    await credit(channel, member, 10)
    bonus = await adjust_points(channel, member.id, 40, request("adjust-1"), now=NOW)

    # when
    await reverse_transfer(bonus.id, request("reverse-1"), now=NOW)

    # then
    assert await lots_remaining(channel, member) == [10, 0]
    assert await balances(channel, member) == (10, 0)
    await assert_ledger_consistent()


async def test_reversing_a_settlement_swaps_its_accounts(channel, member):
    # given
    settlement = await partner_settlement(channel, member)

    # when
    reversal = await reverse_transfer(settlement.id, request("reverse-1"), now=NOW)

    # then
    assert (reversal.kind, reversal.points, reversal.member_account_id) == (TransferKind.SETTLEMENT, 8, None)  # type: ignore[attr-defined]
    assert (reversal.debit_account_id, reversal.credit_account_id) == (  # type: ignore[attr-defined]
        settlement.credit_account_id, settlement.debit_account_id)  # type: ignore[attr-defined]
    await assert_ledger_consistent()


@pytest.mark.parametrize("kind", ["hold", "void", "expiry", "refund", "reversal"])
async def test_these_transfers_are_not_reversible(channel, member, kind):
    # given
    accrual = await credit(channel, member, 100, key="c1", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 1))
    first = await hold(channel, member, 10, key="h1")
    second = await hold(channel, member, 10, key="h2")
    void = await void_hold(second.id, request("v1"), now=NOW)
    capture = await capture_hold(first.id, request("cap-1"), now=NOW)
    refund = await refund_capture(capture.id, request("r1"), points=5, now=NOW)
    bonus = await adjust_points(channel, member.id, 5, request("a1"), now=NOW)
    reversal = await reverse_transfer(bonus.id, request("rev-1"), now=NOW)
    await run_ledger_jobs(now=accrual.created_at.replace(year=2027))
    expiry = await Transfer.get(kind=TransferKind.EXPIRY)
    target = {"hold": first, "void": void, "expiry": expiry, "refund": refund, "reversal": reversal}[kind]
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await reverse_transfer(target.id, request("reverse-again"), now=NOW)

    # then
    assert codes(failure) == ["NOT_REVERSIBLE"]
    assert await snapshot() == before


async def test_settlement_moves_points_between_system_accounts(channel, member):
    # given
    await credit(channel, member, 10)

    # when
    transfer = await settle_points(channel, SystemAccount(AccountKind.REDEMPTION_CLEARING),
                                   SystemAccount(AccountKind.OPERATOR_FEE), 3, request("settle-1"), now=NOW)

    # then
    debit = await Account.get(id=transfer.debit_account_id)  # type: ignore[attr-defined]
    credit_account = await Account.get(id=transfer.credit_account_id)  # type: ignore[attr-defined]
    assert (transfer.kind, debit.name, credit_account.name) == (
        TransferKind.SETTLEMENT, "redemption_clearing", "operator_fee")
    await assert_ledger_consistent()


@pytest.mark.parametrize(
    ("debit", "credit_side"),
    [
        (SystemAccount(AccountKind.MEMBER), SystemAccount(AccountKind.OPERATOR_FEE)),
        (SystemAccount(AccountKind.OPERATOR_FEE), SystemAccount(AccountKind.OPERATOR_FEE)),
        (SystemAccount(AccountKind.REDEMPTION_CLEARING), SystemAccount(AccountKind.PARTNER_PAYABLE)),
    ],
)
async def test_invalid_settlements_are_refused(channel, member, debit, credit_side):
    # given
    await credit(channel, member, 10)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await settle_points(channel, debit, credit_side, 3, request("settle-1"), now=NOW)

    # then
    assert codes(failure) == ["INVALID"]
    assert await snapshot() == before
