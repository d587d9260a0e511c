"""Completes, cancels and fulfils at once over the same gifts: every use case takes its row locks in one
global order, so none of them deadlocks another and every request gets its answer (never a server error)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest
from tortoise.transactions import in_transaction

from catalog.models import ProductVariant, Stock, Warehouse
from catalog.services.stock import StockLevel, remove_stock, set_stock_levels
from ledger.verify import verify_ledger
from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from orders.models import Order, OrderLine, OrderStatus
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.catalog.services.builders import OPERATOR
from tests.factories import make_member, make_staff, token_for
from tests.orders.services.world import ADDRESS, World, available, build_world, give_points, stocked_gift

MEMBERS = 8
UNITS = 100
POINTS_EACH = 2 * 1_200
COMPLETE = """
mutation Complete($id: ID!) { checkoutComplete(id: $id) { order { status } errors { field code message } } }
"""
CANCEL = "mutation Cancel($id: ID!) { orderCancelByMember(id: $id) { order { status } errors { field code } } }"
FULFILL = """
mutation Fulfill($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) { order { status } errors { field code message } }
}
"""


@dataclass
class Gifts:
    """Two gifts whose stock rows are numbered the other way round from the gifts themselves: locking by
    gift and locking by stock row then go in opposite orders."""

    first: ProductVariant
    second: ProductVariant


async def gifts(world: World) -> Gifts:
    first = await stocked_gift(world.channel, UNITS, sku="MUG-1")
    second = await stocked_gift(world.channel, UNITS, sku="PEN-1")
    depot = await Warehouse.get(slug="dc-mug-1")
    await remove_stock(OPERATOR, first, [str(depot.id)])
    await set_stock_levels(OPERATOR, first, [StockLevel(str(depot.id), UNITS)])
    return Gifts(first, second)


async def paid_checkout(world: World, member: User, pair: Gifts) -> str:
    async with in_transaction():
        checkout = await create_checkout(world.channel.slug, member, None,
                                         [LineRequest(pair.first.id, 1), LineRequest(pair.second.id, 1)])
        await set_address(checkout, ADDRESS, "SHIPPING")
        await set_delivery_method(checkout, world.shipping.id)
        await initialize_points_payment(checkout, None, "pay", f"user:{member.id}")
    return str(checkout.token)


async def placed_order(world: World, member: User, pair: Gifts) -> Order:
    token = await paid_checkout(world, member, pair)
    async with in_transaction():
        return await complete_checkout(token, f"user:{member.id}")


async def fulfil_variables(order: Order, backwards: bool) -> dict:
    """Ship both lines of the order from their warehouses, naming the lines in one order or the other."""
    lines = await OrderLine.filter(order_id=order.id).order_by("variant_id")
    picks = []
    for line in reversed(lines) if backwards else lines:
        stock = await Stock.get(variant_id=line.variant_id)  # type: ignore[attr-defined]
        picks.append({"orderLineId": to_global_id("OrderLine", line.id),
                      "stocks": [{"warehouse": to_global_id("Warehouse", stock.warehouse_id), "quantity": 1}]})  # type: ignore[attr-defined]
    return {"order": to_global_id("Order", order.id), "input": {"lines": picks}}


async def stock_levels(pair: Gifts) -> list[tuple[int, int]]:
    return [
        (row.quantity, row.quantity_allocated)
        for item in (pair.first, pair.second) for row in await Stock.filter(variant_id=item.id)
    ]


@pytest.mark.postgres_only
async def test_completes_cancels_and_fulfils_at_once_all_answer_and_keep_stock_exact(api, settings):
    # given: eight members, each with an order to cancel, an order to ship and a paid checkout to complete,
    # all of the same two gifts
    world = await build_world(settings, stock=0, points=1)
    pair = await gifts(world)
    members = [await make_member(settings, f"member{n}@example.com") for n in range(MEMBERS)]
    cancels, fulfils, completes = [], [], []
    for member in members:
        await give_points(world.channel, member, 3 * POINTS_EACH)
        cancels.append((await placed_order(world, member, pair), token_for(member, settings)))
        fulfils.append(await placed_order(world, member, pair))
        completes.append((await paid_checkout(world, member, pair), token_for(member, settings)))
    operator = token_for(await make_staff("ops@example.com", ["MANAGE_ORDERS"]), settings)

    # when: all of it at once
    requests = [api.post(CANCEL, {"id": to_global_id("Order", order.id)}, token) for order, token in cancels]
    requests += [api.post(COMPLETE, {"id": to_global_id("Checkout", token)}, member) for token, member in completes]
    requests += [api.post(FULFILL, await fulfil_variables(order, n % 2 == 1), operator)
                 for n, order in enumerate(fulfils)]
    responses = await asyncio.gather(*requests)

    # then
    assert [response.errors for response in responses] == [[]] * len(requests)
    payloads = [next(iter(response.data.values())) for response in responses]
    assert [payload["errors"] for payload in payloads] == [[]] * len(requests)
    statuses = sorted(status.value for status in await Order.all().values_list("status", flat=True))
    assert statuses == sorted([OrderStatus.CANCELED.value, OrderStatus.FULFILLED.value,
                               OrderStatus.UNFULFILLED.value] * MEMBERS)
    assert await stock_levels(pair) == [(UNITS - MEMBERS, MEMBERS)] * 2
    assert [await available(world, member) for member in members] == [POINTS_EACH] * MEMBERS
    assert (await verify_ledger()).problems == []
