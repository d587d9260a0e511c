"""A carrier firing the same failure several times at once (retries, several event ids): one refund.
Real concurrent requests; on PostgreSQL they run in concurrent transactions."""

from __future__ import annotations

import asyncio

from fulfilment.models import Shipment, ShipmentStatus, TrackingEvent
from ledger.verify import verify_ledger
from orders.models import Order, OrderEvent
from tests.fulfilment.test_webhooks import shipped
from tests.fulfilment.webhook_client import event, send
from tests.fulfilment.world import GIFT_POINTS
from tests.orders.services.world import available

SENDERS = 12


async def test_concurrent_failure_events_refund_once(api, http, settings):
    # given
    mall = await shipped(api, settings)
    before = await available(mall.world)
    bodies = [event(f"f{n}", "SF1", "failure", f"2026-11-04T10:00:{n:02d}Z") for n in range(SENDERS)]

    # when
    answers = await asyncio.gather(*(send(http, body) for body in bodies))

    # then
    statuses = sorted(answer.json()["status"] for answer in answers)
    assert statuses == ["applied"] + ["recorded"] * (SENDERS - 1)
    assert await TrackingEvent.all().count() == SENDERS
    assert await available(mall.world) == before + 2 * GIFT_POINTS
    assert (await Order.get(id=mall.order.id)).points_refunded == 2 * GIFT_POINTS
    assert await OrderEvent.filter(order_id=mall.order.id, type="FULFILLMENT_REFUNDED").count() == 1
    assert (await Shipment.get()).status == ShipmentStatus.REFUNDED_AND_RETURNED
    assert (await verify_ledger()).ok
