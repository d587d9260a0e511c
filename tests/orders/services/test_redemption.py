"""Redeeming points for a gift, end to end through the services, and every refusal leaving nothing behind."""

from __future__ import annotations

import pytest
from tortoise.transactions import in_transaction

from catalog.models import Stock
from kernel.errors import DomainError
from ledger.models import Hold, HoldStatus
from orders.models import Checkout, Order, OrderEvent, OrderLine, OrderStatus, Transaction
from orders.services.checkouts import LineRequest, add_lines, create_checkout
from orders.services.lifecycle import cancel_order
from orders.services.payments import initialize_points_payment
from tests.orders.services.world import GIFT_POINTS, available, build_world, complete, ready_checkout


async def allocated(world) -> int:
    return sum(await Stock.filter(variant_id=world.item.id).values_list("quantity_allocated", flat=True))


async def test_points_redemption_creates_the_order_and_spends_the_points(settings):
    # given
    world = await build_world(settings)
    checkout = await ready_checkout(world, quantity=2)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")

    # when
    order = await complete(checkout.token)

    # then
    assert (order.number, order.status, order.total_points, order.points_charged) == (
        1,
        OrderStatus.UNFULFILLED,
        2 * GIFT_POINTS,
        2 * GIFT_POINTS,
    )
    assert await available(world) == 10_000 - 2 * GIFT_POINTS
    assert await OrderLine.filter(order_id=order.id).values_list("product_sku", "quantity", "unit_price_points") == [
        ("TEA-1", 2, GIFT_POINTS)
    ]
    assert await allocated(world) == 2
    assert await Checkout.filter(token=checkout.token).count() == 0
    assert await OrderEvent.filter(order_id=order.id).values_list("type", flat=True) == ["PLACED"]


async def test_completing_twice_yields_one_order(settings):
    # given
    world = await build_world(settings)
    checkout = await ready_checkout(world)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")

    # when
    first = await complete(checkout.token)
    again = await complete(checkout.token)

    # then
    assert first.id == again.id
    assert await Order.all().count() == 1
    assert await available(world) == 10_000 - GIFT_POINTS


async def test_unpaid_checkout_is_refused_and_nothing_changes(settings):
    # given
    world = await build_world(settings)
    checkout = await ready_checkout(world)

    # when
    with pytest.raises(DomainError) as raised:
        await complete(checkout.token)

    # then
    assert [(d.field, d.code) for d in raised.value.details] == [("id", "CHECKOUT_NOT_FULLY_PAID")]
    assert await Order.all().count() == 0
    assert await allocated(world) == 0
    assert await Checkout.filter(token=checkout.token).count() == 1


async def test_not_enough_points_to_hold(settings):
    # given
    world = await build_world(settings, points=1_000)
    checkout = await ready_checkout(world)

    # when
    with pytest.raises(DomainError) as raised:
        async with in_transaction():
            await initialize_points_payment(checkout, None, "pay-1", "user:1")

    # then
    assert raised.value.details[0].code == "INSUFFICIENT_POINTS"
    assert await available(world) == 1_000
    assert await Transaction.all().count() == 0


async def test_stock_sold_out_while_the_cart_waited_refuses_and_keeps_the_points(settings):
    # given
    world = await build_world(settings, stock=1)
    checkout = await ready_checkout(world)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")
    await Stock.filter(variant_id=world.item.id).update(quantity=0)

    # when
    with pytest.raises(DomainError) as raised:
        await complete(checkout.token)

    # then
    assert raised.value.details[0].code == "INSUFFICIENT_STOCK"
    assert await Order.all().count() == 0
    assert await available(world) == 10_000 - GIFT_POINTS  # still only held, not spent
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 1


async def test_per_member_limit_counts_earlier_orders(settings):
    # given
    world = await build_world(settings, limit=1)
    checkout = await ready_checkout(world)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")
    await complete(checkout.token)
    second = await create_checkout(world.channel.slug, world.member, None, [])

    # when
    with pytest.raises(DomainError) as raised:
        await add_lines(second, [LineRequest(world.item.id, 1)])

    # then
    assert raised.value.details[0].code == "QUANTITY_GREATER_THAN_LIMIT"
    assert raised.value.details[0].message == "Cannot add more than 1 times this item: TEA-1."


async def test_cancel_returns_stock_and_points(settings):
    # given
    world = await build_world(settings)
    checkout = await ready_checkout(world, quantity=2)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")
    order = await complete(checkout.token)

    # when
    async with in_transaction():
        await cancel_order(order, "user:1")

    # then
    reloaded = await Order.get(id=order.id)
    assert (reloaded.status, reloaded.points_refunded) == (OrderStatus.CANCELED, 2 * GIFT_POINTS)
    assert await available(world) == 10_000
    assert await allocated(world) == 0


async def test_a_canceled_order_cannot_be_canceled_again(settings):
    # given
    world = await build_world(settings)
    checkout = await ready_checkout(world)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")
    order = await complete(checkout.token)
    async with in_transaction():
        await cancel_order(order, "user:1")

    # when
    with pytest.raises(DomainError) as raised:
        await cancel_order(await Order.get(id=order.id), "user:1")

    # then
    assert raised.value.details[0].code == "CANNOT_CANCEL_ORDER"
    assert await available(world) == 10_000
