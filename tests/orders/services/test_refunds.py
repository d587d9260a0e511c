"""Refunding order lines: points back into the member's lots, the cash part to the cash gateway through the
outbox, split by what the order paid in each, exactly once per refund key."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from mall.outbox.models import OutboxMessage
from orders.models import Gateway, Order, OrderLine, Transaction, TransactionEvent
from orders.services.cash_refunds import CASH_REFUND_TOPIC
from orders.services.refunds import LineQuantity, RefundRequest, refund_lines, shares
from tests.fulfilment.world import build_mall
from tests.orders.services.world import GIFT_POINTS, available


async def points_and_cash_order(settings):
    """The mall's order (2 x 1,200 + 800 points) as if a fifth of it had been paid in cash: the cash
    gateway's transaction stands in for the Stripe engineer's service."""
    mall = await build_mall(settings)
    total = mall.order.total_points  # 3,200
    await Order.filter(id=mall.order.id).update(cash_charged=Decimal("6.40"), total_points=total + 800)
    await Transaction.create(order_id=mall.order.id, gateway=Gateway.STRIPE, currency="CNY",
                             idempotency_key="stripe-1", charged_value=Decimal("6.40"), psp_reference="pi_1")
    return mall, await Order.get(id=mall.order.id)


def test_the_split_is_cumulative_so_rounding_loses_nothing():
    # given: 1,000 points and 10.00 cash paid for a 3,000-point order
    order = Order(total_points=3000, points_charged=1000, cash_charged=Decimal("10.00"))

    # when: three refunds of 1,000 points of lines each
    steps = [shares(order, before, before + 1000) for before in (0, 1000, 2000)]

    # then
    assert steps == [(333, Decimal("3.33")), (333, Decimal("3.33")), (334, Decimal("3.34"))]


async def test_a_refund_returns_points_and_enqueues_the_cash_part_exactly_once(settings):
    # given
    mall, order = await points_and_cash_order(settings)
    before = await available(mall.world)
    line = await OrderLine.get(id=mall.operator_line.id)
    request = RefundRequest("shipment:7:failed", "carrier:swift", "delivery failed (failure)")

    # when
    async with in_transaction():
        first = await refund_lines(order, [LineQuantity(line, 2)], request)
    async with in_transaction():
        second = await refund_lines(order, [LineQuantity(line, 2)], request)

    # then: 2,400 of 4,000 points of total -> 60% of 3,200 points and of 6.40 cash
    assert (first.points, first.cash, first.replayed) == (1920, Decimal("3.84"), False)
    assert (second.points, second.cash, second.replayed) == (1920, Decimal("3.84"), True)
    assert await available(mall.world) == before + 1920
    reloaded = await Order.get(id=order.id)
    # the card's part counts as refunded once the worker has refunded it at Stripe (tests/orders/.../cash_refunds)
    assert (reloaded.points_refunded, reloaded.cash_refunded) == (1920, Decimal("0"))
    messages = await OutboxMessage.filter(topic=CASH_REFUND_TOPIC).values("payload", "dedup_key")
    cash_token = str((await Transaction.get(gateway=Gateway.STRIPE)).token)
    key = f"shipment:7:failed:cash:{cash_token}"
    assert messages == [{"payload": {"transaction_token": cash_token, "amount": "3.84", "currency": "CNY",
                                     "reason": "delivery failed (failure)", "idempotency_key": key},
                         "dedup_key": key}]
    assert await TransactionEvent.filter(type="REFUND_REQUEST").values_list("amount", flat=True) == [Decimal("3.84")]
    assert GIFT_POINTS * 2 == 2400
