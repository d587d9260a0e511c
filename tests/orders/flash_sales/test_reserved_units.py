"""A flash sale's units are held apart from the rest of the stock: buyers at the gift's own price, completing
at the same moment as the sale's buyers, never take a unit the sale still has to sell, and the sale never
sells beyond its quantity (PostgreSQL, real concurrent requests; the single-writer case on SQLite too)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass

import pytest

from catalog.models import Stock
from ledger.verify import verify_ledger
from orders.flash_sales.models import FlashSale
from orders.models import OrderLine, OrderStatus
from tests.factories import make_member, token_for
from tests.orders.flash_sales.helpers import NOW, SALE_POINTS, sale_on
from tests.orders.graphql.helpers import Shopper
from tests.orders.services.world import GIFT_POINTS, World, build_world, give_points

STOCK = 20
SALE_UNITS = 10  # held for the sale: 10 units are left for buyers at the gift's own price
NORMAL_UNITS = 2  # a normal-price cart: two units, beyond the sale's limit of one per member


@dataclass(frozen=True)
class Cart:
    shopper: Shopper
    checkout_id: str
    at_sale_price: bool


async def paid_cart(api, settings, world: World, n: int, at_sale_price: bool) -> Cart:
    user = await make_member(settings, f"{'sale' if at_sale_price else 'normal'}{n}@example.com")
    quantity = 1 if at_sale_price else NORMAL_UNITS
    await give_points(world.channel, user, SALE_POINTS if at_sale_price else NORMAL_UNITS * GIFT_POINTS)
    shopper = Shopper(api, world, token_for(user, settings))
    checkout_id = await shopper.ready(quantity)
    assert (await shopper.pay(checkout_id))["errors"] == []
    return Cart(shopper, checkout_id, at_sale_price)


async def complete_all(carts: list[Cart]) -> Counter:
    answers = await asyncio.gather(*(cart.shopper.complete(cart.checkout_id) for cart in carts))
    return Counter((cart.at_sale_price, answer["errors"][0]["code"] if answer["errors"] else "ORDER")
                   for cart, answer in zip(carts, answers, strict=True))


async def units_sold_at(points: int) -> int:
    lines = await OrderLine.filter(order__status__not=OrderStatus.CANCELED, unit_price_points=points)
    return sum(line.quantity for line in lines)


async def test_normal_price_buyers_leave_the_sales_units_in_stock(api, settings, set_clock):
    # given: 20 in stock, a running sale of 10 (one each); 10 sale carts and 10 carts of two at the own price,
    # the normal-price carts paid and completed first
    now = set_clock(NOW)
    world = await build_world(settings, stock=STOCK)
    await sale_on(api, settings, world, now, quantity=SALE_UNITS, limitPerMember=1)
    normal = [await paid_cart(api, settings, world, n, at_sale_price=False) for n in range(10)]
    sale = [await paid_cart(api, settings, world, n, at_sale_price=True) for n in range(10)]

    # when: the normal-price buyers complete before the sale's buyers
    first = await complete_all(normal)
    then = await complete_all(sale)

    # then: the normal-price buyers had the 10 units outside the sale, the sale sold its 10 at its price
    assert first == {(False, "ORDER"): 5, (False, "INSUFFICIENT_STOCK"): 5}
    assert then == {(True, "ORDER"): 10}
    assert (await units_sold_at(SALE_POINTS), await units_sold_at(GIFT_POINTS)) == (10, 10)


@pytest.mark.postgres_only
async def test_exactly_the_sale_is_sold_at_its_price_while_normal_buyers_complete_at_once(api, settings, set_clock):
    # given: the same sale, and 10 sale carts and 10 normal-price carts of two, all paid
    now = set_clock(NOW)
    world = await build_world(settings, stock=STOCK)
    await sale_on(api, settings, world, now, quantity=SALE_UNITS, limitPerMember=1)
    carts = []
    for n in range(10):
        carts += [await paid_cart(api, settings, world, n, at_sale_price=False),
                  await paid_cart(api, settings, world, n, at_sale_price=True)]

    # when: all twenty complete at once
    outcomes = await complete_all(carts)

    # then: every sale buyer got their unit at the sale price, five normal-price buyers the ten others
    assert outcomes == {(True, "ORDER"): 10, (False, "ORDER"): 5, (False, "INSUFFICIENT_STOCK"): 5}
    assert (await units_sold_at(SALE_POINTS), await units_sold_at(GIFT_POINTS)) == (10, 10)
    assert (await FlashSale.get(variant_id=world.item.id)).quantity_sold == SALE_UNITS
    stock = await Stock.get(variant_id=world.item.id)
    assert (stock.quantity, stock.quantity_allocated) == (STOCK, STOCK)
    assert (await verify_ledger()).problems == []
