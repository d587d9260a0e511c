"""Staff adjustments: signed corrections against the unit's adjustments account."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kernel.errors import DomainError
from ledger.models import Account, Lot, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import adjust_points
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    codes,
    credit,
    lots_remaining,
    request,
    snapshot,
)


async def test_a_positive_adjustment_credits_a_new_lot_from_the_adjustments_account(channel, member):
    # when
    transfer = await adjust_points(channel, member.id, 25, request("adjust-1", actor="user:9", reason="Goodwill"),
                                   policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 90), now=NOW)

    # then
    adjustments = await Account.get(channel_id=channel.id, name="adjustments")
    lot = await Lot.get(transfer_id=transfer.id)
    assert (transfer.kind, transfer.points, transfer.actor, transfer.reason) == (
        TransferKind.ADJUSTMENT, 25, "user:9", "Goodwill")
    assert transfer.debit_account_id == adjustments.id  # type: ignore[attr-defined]
    assert (lot.points_remaining, lot.expires_at) == (25, NOW + timedelta(days=90))
    assert await balances(channel, member) == (25, 0)
    await assert_ledger_consistent()


async def test_a_negative_adjustment_debits_the_first_expiring_points(channel, member):
    # given
    await credit(channel, member, 50, key="c-never")
    await credit(channel, member, 50, key="c-30", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 30))

    # when
    transfer = await adjust_points(channel, member.id, -60, request("adjust-1"), now=NOW)

    # then
    adjustments = await Account.get(channel_id=channel.id, name="adjustments")
    assert (transfer.kind, transfer.points, transfer.credit_account_id) == (  # type: ignore[attr-defined]
        TransferKind.ADJUSTMENT, 60, adjustments.id)
    assert await lots_remaining(channel, member) == [40, 0]
    assert await balances(channel, member) == (40, 0)
    await assert_ledger_consistent()


async def test_a_negative_adjustment_beyond_the_balance_is_refused(channel, member):
    # given
    await credit(channel, member, 50)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await adjust_points(channel, member.id, -51, request("adjust-1"), now=NOW)

    # then
    assert codes(failure) == ["INSUFFICIENT_POINTS"]
    assert await snapshot() == before


async def test_a_zero_adjustment_is_refused(channel, member):
    # given
    await credit(channel, member, 50)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await adjust_points(channel, member.id, 0, request("adjust-1"), now=NOW)

    # then
    assert codes(failure) == ["INVALID"]
    assert await snapshot() == before
