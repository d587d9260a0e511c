"""Carts that buy one gift at its flash-sale price and another, itself on sale, at its own price: completing
them at once never deadlocks (PostgreSQL, real concurrent requests). Every completion locks its sales' rows
in ascending sale id, then the stock rows (mall.locking, 2b and 3)."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from tortoise.transactions import in_transaction

from catalog.models import ProductVariant, Stock
from ledger.verify import verify_ledger
from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from orders.flash_sales.models import FlashSale
from orders.models import OrderLine
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.payments import initialize_points_payment
from tests.factories import make_member, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.flash_sales.helpers import CREATE_SALE, NOW, SALE_POINTS, operator_token, sale_input
from tests.orders.services.world import ADDRESS, GIFT_POINTS, World, build_world, give_points, stocked_gift

PAIRS = 8  # carts of each kind
STOCK = 100
OWN_PRICE_UNITS = 2  # beyond the sales' limit of one per member: the line is at the gift's own price
COMPLETE = """
mutation Complete($id: ID!) { checkoutComplete(id: $id) { order { status } errors { field code message } } }
"""


async def start_sale(api: GraphQLClient, settings, world: World, item: ProductVariant, now: datetime) -> None:
    variables = {
        "variant": to_global_id("ProductVariant", item.id),
        "channel": world.channel.slug,
        "input": sale_input(now, quantity=PAIRS, limitPerMember=1),
    }
    created = (await api.ok(CREATE_SALE, variables, await operator_token(settings)))["flashSaleCreate"]
    assert created["errors"] == [], created


async def mixed_cart(world: World, member: User, at_sale_price: ProductVariant, at_own_price: ProductVariant) -> str:
    """A paid checkout: one unit of a gift at its sale price, two of another gift at its own price."""
    await give_points(world.channel, member, SALE_POINTS + OWN_PRICE_UNITS * GIFT_POINTS)
    lines = [LineRequest(at_sale_price.id, 1), LineRequest(at_own_price.id, OWN_PRICE_UNITS)]
    async with in_transaction():
        checkout = await create_checkout(world.channel.slug, member, None, lines)
        await set_address(checkout, ADDRESS, "SHIPPING")
        await set_delivery_method(checkout, world.shipping.id)
        await initialize_points_payment(checkout, None, "pay", f"user:{member.id}")
    return str(checkout.token)


@pytest.mark.postgres_only
async def test_mixed_carts_bought_the_other_way_round_complete_at_once_without_deadlock(api, settings, set_clock):
    # given: a sale on a kettle and one on a mug; half the carts buy the kettle at its sale price and two mugs at
    # the mug's own price, the other half the mug at its sale price and two kettles at their own price
    now = set_clock(NOW)
    world = await build_world(settings, stock=STOCK)
    kettle, mug = world.item, await stocked_gift(world.channel, STOCK, sku="MUG-1")
    await start_sale(api, settings, world, kettle, now)
    await start_sale(api, settings, world, mug, now)
    carts = []
    for n in range(PAIRS):
        one, other = await make_member(settings, f"a{n}@example.com"), await make_member(settings, f"b{n}@example.com")
        carts += [
            (await mixed_cart(world, one, kettle, mug), token_for(one, settings)),
            (await mixed_cart(world, other, mug, kettle), token_for(other, settings)),
        ]

    # when: every cart completes at once
    responses = await asyncio.gather(
        *(api.post(COMPLETE, {"id": to_global_id("Checkout", token)}, member) for token, member in carts)
    )

    # then: every completion answered with its order; each gift sold 8 units at its sale price and 16 at its own
    assert [response.errors for response in responses] == [[]] * len(carts)
    assert [response.data["checkoutComplete"]["errors"] for response in responses] == [[]] * len(carts)
    for item in (kettle, mug):
        lines = await OrderLine.filter(variant_id=item.id).order_by("unit_price_points")
        assert [(line.unit_price_points, line.quantity) for line in lines] == (
            [(SALE_POINTS, 1)] * PAIRS + [(GIFT_POINTS, OWN_PRICE_UNITS)] * PAIRS
        )
        assert (await FlashSale.get(variant_id=item.id)).quantity_sold == PAIRS
        stock = await Stock.get(variant_id=item.id)
        assert (stock.quantity, stock.quantity_allocated) == (STOCK, PAIRS * (1 + OWN_PRICE_UNITS))
    assert (await verify_ledger()).problems == []
