"""Issue 20's flash sale on PostgreSQL: 2,000 members complete at once for a sale of 50 units at a reduced price
on a gift with 500 in stock. Exactly 50 are sold at the sale price, no member gets more than the sale's limit,
every loser has all their points again, and the ledger verifies.

The carts are made and paid through the services (the members' 2,000 x 4 earlier requests are not what is
tested, and would take minutes here); the 2,000 completions are real concurrent requests to the ASGI app."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from tortoise.transactions import in_transaction

from ledger.balances import points_balance
from ledger.services import Request, credit_points
from ledger.verify import verify_ledger
from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from orders.flash_sales.models import FlashSale, FlashSaleLine
from orders.models import Checkout, Order, OrderLine
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.payments import initialize_points_payment
from tests.factories import token_for
from tests.graphql_client import GraphQLClient
from tests.orders.flash_sales.helpers import NOW, SALE_POINTS, sale_on
from tests.orders.graphql.helpers import COMPLETE
from tests.orders.services.world import ADDRESS, World, build_world

MEMBERS = 2_000
TWICE = 100  # members with two carts (and the points for both): the limit of one must hold for them
SALE_UNITS = 50
STOCK = 500
PREPARED_AT_ONCE = 16


async def paid_cart(world: World, member: User) -> Checkout:
    async with in_transaction():
        checkout = await create_checkout(world.channel.slug, member, None, [LineRequest(world.item.id, 1)])
        await set_address(checkout, ADDRESS, "SHIPPING")
        await set_delivery_method(checkout, world.shipping.id)
    async with in_transaction():
        await initialize_points_payment(await Checkout.get(token=checkout.token).select_related("channel"), None,
                                        "pay", f"user:{member.id}")
    return checkout


async def crowd(world: World) -> list[tuple[User, Checkout]]:
    """MEMBERS members with the points for one unit at the sale price (TWICE of them for two), each with a
    paid cart, made PREPARED_AT_ONCE at a time."""
    await User.bulk_create([User(email=f"crowd{n}@flash.example") for n in range(MEMBERS)])
    members = list(await User.filter(email__endswith="@flash.example").order_by("id"))
    carts: list[tuple[User, Checkout]] = []
    for start in range(0, MEMBERS, PREPARED_AT_ONCE):
        batch = members[start:start + PREPARED_AT_ONCE]
        await asyncio.gather(*(_credit(world, member, 2 if start + n < TWICE else 1) for n, member in enumerate(batch)))
        carts += zip(batch, await asyncio.gather(*(paid_cart(world, member) for member in batch)), strict=True)
    for member in members[:TWICE]:
        carts.append((member, await paid_cart(world, member)))
    return carts


async def _credit(world: World, member: User, units: int) -> None:
    await credit_points(world.channel, member.id, units * SALE_POINTS, Request(idempotency_key=f"crowd:{member.id}"))


async def complete_all(api: GraphQLClient, settings, carts: list[tuple[User, Checkout]]) -> Counter:
    async def complete(member: User, checkout: Checkout) -> str:
        variables = {"id": to_global_id("Checkout", checkout.token)}
        answer = (await api.ok(COMPLETE, variables, token_for(member, settings)))["checkoutComplete"]
        return answer["errors"][0]["code"] if answer["errors"] else "ORDER"

    return Counter(await asyncio.gather(*(complete(member, checkout) for member, checkout in carts)))


@pytest.mark.slow
@pytest.mark.postgres_only
async def test_two_thousand_members_buy_exactly_the_fifty_units_of_a_sale(api, settings, set_clock):
    # given: a gift of 1,200 points with 500 in stock, a sale of 50 at 500 points (one a member), 2,100 paid carts
    now = set_clock(NOW)
    world = await build_world(settings, stock=STOCK, points=1)
    await sale_on(api, settings, world, now, quantity=SALE_UNITS, limitPerMember=1)
    carts = await crowd(world)

    # when: every cart completes at once
    outcomes = await complete_all(api, settings, carts)

    # then: 50 orders at the sale price, the sale sold out, no member with more than one unit of it
    assert outcomes["ORDER"] == SALE_UNITS
    assert set(outcomes) <= {"ORDER", "INSUFFICIENT_STOCK", "QUANTITY_GREATER_THAN_LIMIT"}  # lost, or past the limit
    assert await OrderLine.filter(unit_price_points=SALE_POINTS).count() == SALE_UNITS
    assert await OrderLine.exclude(unit_price_points=SALE_POINTS).count() == 0
    assert (await FlashSale.get(variant_id=world.item.id)).quantity_sold == SALE_UNITS
    per_member = Counter(await FlashSaleLine.all().values_list("user_id", flat=True))
    assert max(per_member.values()) == 1
    # and: every member has their points back except what they paid for their one unit
    buyers = set(await Order.all().values_list("user_id", flat=True))
    balances = [(member.id in buyers, await points_balance(world.channel.id, member.id)) for member, _ in carts]
    assert {(bought, b.points_held) for bought, b in balances} == {(True, 0), (False, 0)}
    assert all(b.points_available in (0, SALE_POINTS) if bought else b.points_available >= SALE_POINTS
               for bought, b in balances)
    assert (await verify_ledger()).problems == []
