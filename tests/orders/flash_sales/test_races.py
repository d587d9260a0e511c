"""A flash sale under real concurrent requests (PostgreSQL): exactly its quantity is sold at its price, the
per-member limit holds, the losers have their points again at once, and the fast refusal never leaves a sale
unit unsold that the sale could have served (one given back by a cancel, or added by raising the quantity)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import pytest
from tortoise.transactions import in_transaction

from ledger.balances import points_balance
from ledger.verify import verify_ledger
from mall.graphql.ids import to_global_id
from orders.flash_sales.models import FlashSale
from orders.models import Order, OrderLine, OrderStatus
from orders.services.lifecycle import cancel_order
from tests.factories import make_member, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.flash_sales.helpers import NOW, SALE_POINTS, UPDATE_SALE, operator_token, sale_on
from tests.orders.graphql.helpers import Shopper
from tests.orders.services.world import World, build_world, give_points

UNITS = 5
STOCK = 50


@dataclass(frozen=True)
class Cart:
    member_id: int
    shopper: Shopper
    checkout_id: str


async def flash_sale(api: GraphQLClient, settings, now: datetime, members: int, **terms) -> tuple[World, list[Cart]]:
    """A gift of STOCK units with a running sale of UNITS, and `members` members each with a cart of one unit
    paid at the sale's price (SALE_POINTS held, all the points they have)."""
    world = await build_world(settings, stock=STOCK, points=SALE_POINTS)
    await sale_on(api, settings, world, now, quantity=UNITS, **terms)
    users = [world.member] + [await make_member(settings, f"buyer{n}@example.com") for n in range(members - 1)]
    for user in users[1:]:
        await give_points(world.channel, user, SALE_POINTS)
    carts = []
    for user in users:
        shopper = Shopper(api, world, token_for(user, settings))
        checkout_id = await shopper.ready()
        assert (await shopper.pay(checkout_id))["errors"] == []
        carts.append(Cart(user.id, shopper, checkout_id))
    return world, carts


async def complete_all(carts: list[Cart]) -> Counter:
    answers = await asyncio.gather(*(cart.shopper.complete(cart.checkout_id) for cart in carts))
    return Counter(answer["errors"][0]["code"] if answer["errors"] else "ORDER" for answer in answers)


async def sold_at_sale_price() -> int:
    return await OrderLine.filter(order__status__not=OrderStatus.CANCELED, unit_price_points=SALE_POINTS).count()


async def units_sold(world: World) -> int:
    return (await FlashSale.get(variant_id=world.item.id)).quantity_sold


@pytest.mark.postgres_only
async def test_exactly_the_sales_quantity_is_sold_at_its_price(api, settings, set_clock):
    # given: 30 carts paid at the sale price for a sale of 5 units (50 in stock)
    world, carts = await flash_sale(api, settings, set_clock(NOW), members=30)

    # when: all complete at once
    outcomes = await complete_all(carts)

    # then: 5 orders at the sale price, the others refused for stock with all their points again
    assert outcomes == {"ORDER": UNITS, "INSUFFICIENT_STOCK": 30 - UNITS}
    assert (await sold_at_sale_price(), await units_sold(world)) == (UNITS, UNITS)
    buyers = set(await Order.all().values_list("user_id", flat=True))
    losers = [cart.member_id for cart in carts if cart.member_id not in buyers]
    balances = [await points_balance(world.channel.id, member) for member in losers]
    assert [(b.points_available, b.points_held) for b in balances] == [(SALE_POINTS, 0)] * (30 - UNITS)
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_the_per_member_limit_holds_under_concurrency(api, settings, set_clock):
    # given: one member with 6 carts of one unit each, paid, in a sale allowing 2 a member
    now = set_clock(NOW)
    world = await build_world(settings, stock=STOCK, points=6 * SALE_POINTS)
    await sale_on(api, settings, world, now, quantity=UNITS, limitPerMember=2)
    shopper = Shopper(api, world, token_for(world.member, settings))
    carts = []
    for _ in range(6):
        checkout_id = await shopper.ready()
        assert (await shopper.pay(checkout_id))["errors"] == []
        carts.append(Cart(world.member.id, shopper, checkout_id))

    # when
    outcomes = await complete_all(carts)

    # then: two units at the sale price, the other carts refused past the limit (paid at a price they no
    # longer get), and the sale's 3 other units left for other members
    assert outcomes == {"ORDER": 2, "QUANTITY_GREATER_THAN_LIMIT": 4}
    assert (await sold_at_sale_price(), await units_sold(world)) == (2, 2)
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_a_sale_unit_given_back_by_a_cancel_during_the_sale_is_sold_again(api, settings, set_clock):
    # given: the sale's 5 units sold, and 20 more carts paid at its price
    world, carts = await flash_sale(api, settings, set_clock(NOW), members=UNITS + 20)
    assert await complete_all(carts[:UNITS]) == {"ORDER": UNITS}
    assert await complete_all(carts[UNITS:UNITS + 1]) == {"INSUFFICIENT_STOCK": 1}  # this worker now hints
    first_order = await Order.filter(status=OrderStatus.UNFULFILLED).order_by("number").first()

    # when: an order is cancelled while 10 buyers complete, then the last 9 complete
    async def cancel() -> None:
        async with in_transaction():
            await cancel_order(await Order.get(id=first_order.id).select_for_update(), "operator")

    during_outcomes, _ = await asyncio.gather(complete_all(carts[UNITS + 1:UNITS + 11]), cancel())
    after_outcomes = await complete_all(carts[UNITS + 11:])

    # then: the unit given back was sold once more at the sale's price
    assert during_outcomes["ORDER"] + after_outcomes["ORDER"] == 1
    assert (await sold_at_sale_price(), await units_sold(world)) == (UNITS, UNITS)
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_units_added_to_the_sale_while_it_runs_are_sold_and_no_more(api, settings, set_clock):
    # given: 30 carts paid at the sale price for a sale of 5 units
    world, carts = await flash_sale(api, settings, set_clock(NOW), members=30)
    sale = await FlashSale.get(variant_id=world.item.id)
    token = await operator_token(settings)

    async def raise_quantity() -> None:
        variables = {"id": to_global_id("FlashSale", sale.id), "input": {"quantity": UNITS + 3}}
        answer = await api.ok(UPDATE_SALE, variables, token)
        assert answer["flashSaleUpdate"]["errors"] == []

    # when: 15 complete while 3 units are added to the sale, then the other 15 complete
    during_outcomes, _ = await asyncio.gather(complete_all(carts[:15]), raise_quantity())
    after_outcomes = await complete_all(carts[15:])

    # then: exactly the 8 units the sale came to have are sold at its price
    assert during_outcomes["ORDER"] + after_outcomes["ORDER"] == UNITS + 3
    assert (await sold_at_sale_price(), await units_sold(world)) == (UNITS + 3, UNITS + 3)
    assert (await verify_ledger()).problems == []
