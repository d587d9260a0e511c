"""An abandoned checkout gives its points back: once the hold's time is up, the worker's ledger jobs void it,
the checkout is no longer paid, and the member's balance is whole again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ledger.jobs import run_ledger_jobs
from ledger.models import Hold, HoldStatus
from orders.services.payments import HOLD_DURATION
from tests.orders.graphql.helpers import CHECKOUT, shopper, snapshot
from tests.orders.graphql.test_payments import codes
from tests.orders.services.world import GIFT_POINTS, available


async def test_an_abandoned_checkouts_points_hold_is_released(api, settings):
    # given
    member = await shopper(api, settings)
    checkout_id = await member.ready()
    await member.pay(checkout_id)
    paid = (await member.call(CHECKOUT, id=checkout_id))["checkout"]["authorizeStatus"]
    held_balance = await available(member.world)

    # when: the worker runs after the hold's time is up
    report = await run_ledger_jobs(now=datetime.now(UTC) + HOLD_DURATION + timedelta(minutes=1))
    checkout = (await member.call(CHECKOUT, id=checkout_id))["checkout"]
    before = await snapshot(member.world)
    completed = await member.complete(checkout_id)

    # then
    assert (paid, held_balance) == ("FULL", 10_000 - GIFT_POINTS)
    assert report.holds_voided == 1
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("NONE", "NONE")
    assert await available(member.world) == 10_000
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 0
    assert codes(completed) == [("id", "CHECKOUT_NOT_FULLY_PAID")]
    assert await snapshot(member.world) == before
    assert before.orders == 0
