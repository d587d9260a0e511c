"""Lots: spending takes the points that expire first; points that come back return to their own lots."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kernel.errors import DomainError
from ledger.models import Lot
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import capture_hold, refund_capture, void_hold
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    codes,
    credit,
    hold,
    lots_remaining,
    request,
    snapshot,
)

IN_60_DAYS = ExpiryPolicy(ExpiryRule.FIXED_DAYS, 60)
IN_10_DAYS = ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10)
NEVER = ExpiryPolicy()


async def three_lots(channel, member) -> None:
    """Lots of 50 points each, credited in this order: expiring in 60 days, never, in 10 days."""
    await credit(channel, member, 50, key="c-60", policy=IN_60_DAYS)
    await credit(channel, member, 50, key="c-never", policy=NEVER)
    await credit(channel, member, 50, key="c-10", policy=IN_10_DAYS)


async def test_spending_takes_the_lots_that_expire_first(channel, member):
    # given
    await three_lots(channel, member)

    # when
    await hold(channel, member, 70)

    # then
    assert await lots_remaining(channel, member) == [30, 50, 0]
    await assert_ledger_consistent()


async def test_points_that_never_expire_are_spent_last(channel, member):
    # given
    await three_lots(channel, member)

    # when
    await hold(channel, member, 120)

    # then
    assert await lots_remaining(channel, member) == [0, 30, 0]


async def test_points_past_their_expiry_are_not_spendable(channel, member):
    # given: 50 points expired ten days after crediting, the worker has not moved them yet
    await credit(channel, member, 50, key="c-10", policy=IN_10_DAYS, now=NOW - timedelta(days=11))
    await credit(channel, member, 20, key="c-never")
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await hold(channel, member, 21, key="too-much")

    # then
    assert codes(failure) == ["INSUFFICIENT_POINTS"]
    assert await snapshot() == before


async def test_a_spend_skips_lots_past_their_expiry(channel, member):
    # given
    await credit(channel, member, 50, key="c-10", policy=IN_10_DAYS, now=NOW - timedelta(days=11))
    await credit(channel, member, 20, key="c-never")

    # when
    await hold(channel, member, 20)

    # then
    assert await lots_remaining(channel, member) == [50, 0]


async def test_void_returns_the_points_to_the_lots_they_came_from(channel, member):
    # given
    await three_lots(channel, member)
    pending = await hold(channel, member, 70)

    # when
    await void_hold(pending.id, request("void-1"), now=NOW)

    # then
    assert await lots_remaining(channel, member) == [50, 50, 50]
    await assert_ledger_consistent()


async def test_partial_capture_keeps_the_soonest_expiring_points_and_returns_the_rest(channel, member):
    # given: the hold took 50 from the 10-day lot and 20 from the 60-day lot
    await three_lots(channel, member)
    pending = await hold(channel, member, 70)

    # when
    await capture_hold(pending.id, request("capture-1"), points=55, now=NOW)

    # then
    assert await lots_remaining(channel, member) == [45, 50, 0]
    await assert_ledger_consistent()


async def test_refund_restores_points_into_their_lots_with_their_original_expiry(channel, member):
    # given
    await three_lots(channel, member)
    pending = await hold(channel, member, 70)
    capture = await capture_hold(pending.id, request("capture-1"), now=NOW)
    expiries_before = await Lot.all().order_by("id").values_list("expires_at", flat=True)

    # when: the latest-expiring points come back first
    await refund_capture(capture.id, request("refund-1"), points=30, now=NOW)

    # then
    assert await lots_remaining(channel, member) == [50, 50, 10]
    assert await Lot.all().order_by("id").values_list("expires_at", flat=True) == expiries_before
    await assert_ledger_consistent()


async def test_refunds_in_parts_restore_every_point_to_its_lot(channel, member):
    # given
    await three_lots(channel, member)
    pending = await hold(channel, member, 70)
    capture = await capture_hold(pending.id, request("capture-1"), now=NOW)

    # when
    await refund_capture(capture.id, request("refund-1"), points=30, now=NOW)
    await refund_capture(capture.id, request("refund-2"), points=40, now=NOW)

    # then
    assert await lots_remaining(channel, member) == [50, 50, 50]
    await assert_ledger_consistent()
