"""A sale that sells out, through the API with real concurrent requests: the losers are refused for stock and
have all their points again at once, and a refusal never leaves a unit unsold that stock could have served
(one given back by a cancel, or added while the sale runs)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass

import pytest
from tortoise.transactions import in_transaction

from catalog.models import Stock
from catalog.services.stock import add_to_stock
from ledger.balances import points_balance
from ledger.verify import verify_ledger
from orders.models import Order, OrderStatus
from orders.services.lifecycle import cancel_order
from tests.factories import make_member, token_for
from tests.orders.graphql.helpers import Shopper
from tests.orders.services.world import GIFT_POINTS, World, build_world, give_points

UNITS = 5


@dataclass(frozen=True)
class Cart:
    member_id: int
    shopper: Shopper
    checkout_id: str


async def sale(api, settings, members: int) -> tuple[World, list[Cart]]:
    """A gift with UNITS units, and `members` members each with a paid cart of one unit."""
    world = await build_world(settings, stock=UNITS, points=GIFT_POINTS)
    users = [world.member] + [await make_member(settings, f"buyer{n}@example.com") for n in range(members - 1)]
    carts = []
    for user in users[1:]:
        await give_points(world.channel, user, GIFT_POINTS)
    for user in users:
        shopper = Shopper(api, world, token_for(user, settings))
        checkout_id = await shopper.ready()
        assert (await shopper.pay(checkout_id))["errors"] == []
        carts.append(Cart(user.id, shopper, checkout_id))
    return world, carts


async def complete_all(carts: list[Cart]) -> Counter:
    answers = await asyncio.gather(*(cart.shopper.complete(cart.checkout_id) for cart in carts))
    return Counter(answer["errors"][0]["code"] if answer["errors"] else "ORDER" for answer in answers)


async def units(world: World) -> tuple[int, int]:
    stock = await Stock.get(variant_id=world.item.id)
    return stock.quantity, stock.quantity_allocated


async def points_of(world: World, member_id: int) -> tuple[int, int]:
    balance = await points_balance(world.channel.id, member_id)
    return balance.points_available, balance.points_held


@pytest.mark.postgres_only
async def test_the_losers_of_a_sell_out_have_all_their_points_again_at_once(api, settings):
    # given: 30 paid carts for 5 units
    world, carts = await sale(api, settings, members=30)

    # when: all complete at once
    outcomes = await complete_all(carts)

    # then
    assert outcomes == {"ORDER": UNITS, "INSUFFICIENT_STOCK": 30 - UNITS}
    assert await units(world) == (UNITS, UNITS)
    buyers = set(await Order.all().values_list("user_id", flat=True))
    losers = [cart.member_id for cart in carts if cart.member_id not in buyers]
    assert [await points_of(world, member) for member in losers] == [(GIFT_POINTS, 0)] * (30 - UNITS)
    assert [await points_of(world, member) for member in buyers] == [(0, 0)] * UNITS
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_a_unit_given_back_by_a_cancel_during_the_sale_is_sold_again(api, settings):
    # given: the 5 units sold, and 20 more paid carts
    world, carts = await sale(api, settings, members=UNITS + 20)
    assert await complete_all(carts[:UNITS]) == {"ORDER": UNITS}
    first_order = await Order.filter(status=OrderStatus.UNFULFILLED).order_by("number").first()

    # when: an order is cancelled while 10 buyers complete, then the last 10 complete
    async def cancel() -> None:
        async with in_transaction():
            await cancel_order(await Order.get(id=first_order.id).select_for_update(), "operator")

    during = asyncio.gather(complete_all(carts[UNITS:UNITS + 10]), cancel())
    (during_outcomes, _) = await during
    after_outcomes = await complete_all(carts[UNITS + 10:])

    # then: the unit given back was sold once, during or after the cancel
    assert during_outcomes["ORDER"] + after_outcomes["ORDER"] == 1
    assert await Order.filter(status=OrderStatus.UNFULFILLED).count() == UNITS
    assert await units(world) == (UNITS, UNITS)
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_units_added_while_the_sale_runs_are_sold_and_no_more(api, settings):
    # given: 30 paid carts for 5 units
    world, carts = await sale(api, settings, members=30)
    stock = await Stock.get(variant_id=world.item.id)

    # when: 15 complete while 3 units are added, then the other 15 complete
    during_outcomes, _ = await asyncio.gather(complete_all(carts[:15]), add_to_stock(stock.id, 3))
    after_outcomes = await complete_all(carts[15:])

    # then: exactly the 8 units there came to be are sold
    assert during_outcomes["ORDER"] + after_outcomes["ORDER"] == UNITS + 3
    assert await Order.all().count() == UNITS + 3
    assert await units(world) == (UNITS + 3, UNITS + 3)
    assert (await verify_ledger()).problems == []
