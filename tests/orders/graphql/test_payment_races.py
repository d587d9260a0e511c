"""Paying one checkout many times over: the points held are serialised per checkout, and completion captures
exactly the checkout's total; any points held beyond it go back to the member, never to the order."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from ledger.models import Account, AccountKind, Hold, HoldStatus, Transfer, TransferKind
from ledger.verify import verify_ledger
from orders.models import Order, Transaction
from tests.orders.graphql.helpers import shopper
from tests.orders.services.world import GIFT_POINTS, available

RACERS = 10


def outcome(paid: dict) -> object:
    """The points a transactionInitialize held, or its refusal as (field, code)."""
    if paid["errors"]:
        return tuple((error["field"], error["code"]) for error in paid["errors"])
    return int(paid["transaction"]["authorizedAmount"]["amount"])


async def wallet_points(world) -> tuple[int, int]:
    """(available, held) on the member's wallet."""
    wallet = await Account.get(channel_id=world.channel.id, kind=AccountKind.MEMBER, member_id=world.member.id)
    return wallet.points_available, wallet.points_held


async def captured_points() -> list[int]:
    return sorted(await Transfer.filter(kind=TransferKind.CAPTURE).values_list("points", flat=True))


@pytest.mark.postgres_only
async def test_simultaneous_payments_of_one_checkout_hold_its_total_once(api, settings):
    # given: a checkout of 1,200 points, and a member with 10,000
    member = await shopper(api, settings)
    checkout_id = await member.ready()

    # when: ten payments for what the checkout still needs, at once
    answers = await asyncio.gather(*(member.pay(checkout_id) for _ in range(RACERS)))

    # then: one holds the 1,200 points, the nine others find nothing left to pay
    assert Counter(outcome(paid) for paid in answers) == {GIFT_POINTS: 1, (("amount", "INVALID"),): RACERS - 1}
    assert await Hold.filter(status=HoldStatus.PENDING).values_list("points_held", flat=True) == [GIFT_POINTS]
    assert await wallet_points(member.world) == (10_000 - GIFT_POINTS, GIFT_POINTS)
    assert await Transaction.all().count() == 1


@pytest.mark.postgres_only
async def test_a_checkout_paid_at_once_many_times_completes_for_its_total_only(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await asyncio.gather(*(member.pay(checkout_id) for _ in range(RACERS)))

    # when
    completed = await member.complete(checkout_id)

    # then
    assert completed["errors"] == []
    assert completed["order"]["total"]["gross"]["amount"] == GIFT_POINTS
    assert await captured_points() == [GIFT_POINTS]
    assert await wallet_points(member.world) == (10_000 - GIFT_POINTS, 0)
    assert (await verify_ledger()).problems == []


async def test_completion_captures_the_total_and_voids_a_hold_beyond_it(api, settings):
    # given: the total held twice, the second time by naming the amount
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    first = await member.pay(checkout_id, key="first")
    second = await member.pay(checkout_id, key="second", amount=GIFT_POINTS)

    # when
    completed = await member.complete(checkout_id)

    # then
    order = await Order.get()
    assert (outcome(first), outcome(second), completed["errors"]) == (GIFT_POINTS, GIFT_POINTS, [])
    assert (order.total_points, order.points_charged) == (GIFT_POINTS, GIFT_POINTS)
    assert await captured_points() == [GIFT_POINTS]
    assert await Hold.filter().order_by("id").values_list("status", flat=True) == [
        HoldStatus.CAPTURED, HoldStatus.VOIDED]
    assert await wallet_points(member.world) == (10_000 - GIFT_POINTS, 0)
    assert await Transaction.filter(order_id=order.id).order_by("created_at").values_list(
        "authorized_value", "charged_value", "canceled_value") == [(0, GIFT_POINTS, 0), (0, 0, GIFT_POINTS)]
    assert (await verify_ledger()).problems == []


async def test_completion_captures_part_of_the_hold_that_passes_the_total(api, settings):
    # given: 1,000 + 1,000 points held for a total of 1,200
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await member.pay(checkout_id, key="first", amount=1_000)
    await member.pay(checkout_id, key="second", amount=1_000)

    # when
    completed = await member.complete(checkout_id)

    # then: all of the first hold and 200 of the second are captured, its other 800 go back
    assert completed["errors"] == []
    assert await captured_points() == [200, 1_000]
    assert await available(member.world) == 10_000 - GIFT_POINTS
    assert await wallet_points(member.world) == (10_000 - GIFT_POINTS, 0)
    assert await Transaction.all().order_by("created_at").values_list(
        "authorized_value", "charged_value", "canceled_value") == [(0, 1_000, 0), (0, 200, 800)]
    assert (await Order.get()).points_charged == GIFT_POINTS
    assert (await verify_ledger()).problems == []
