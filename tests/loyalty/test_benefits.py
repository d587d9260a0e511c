"""Tier benefits where they apply: a gold member's points-price discount and free delivery at checkout (the
cart shows it, the payment holds it, the order records it and charges exactly it), and gifts reserved for
a tier refused to the tiers below with their own code, nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from catalog.models import Product
from catalog.tier_benefits import tier_benefits
from kernel.errors import DomainError
from ledger.verify import verify_ledger
from loyalty.services import LevelTerms, set_tier_levels
from loyalty.standing import record_activity
from loyalty.tiers import review_tiers
from orders.errors import OrdersErrorCode
from orders.models import Checkout, CheckoutLine, OrderLine, ShippingMethod
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.payments import initialize_points_payment
from orders.services.totals import checkout_totals
from tests.factories import make_member
from tests.orders.services.world import ADDRESS, GIFT_POINTS, available, build_world, complete, give_points
from tests.settlement.helpers import make_issuer

DELIVERY_POINTS = 30


async def tiered_world(settings, set_clock, reserve_gift: bool = False):
    """Bank A's mall with silver (entry) and gold (10% off, free delivery, the gift reserved for gold when
    `reserve_gift`), paid delivery, and a member who reached gold."""
    set_clock("2026-12-07T10:00:00+08:00")
    await make_issuer("BANKA")
    world = await build_world(settings)
    world.shipping = await ShippingMethod.create(channel=world.channel, name="Courier", price_points=DELIVERY_POINTS)
    reserved = ((await Product.get(variants__id=world.item.id)).slug,) if reserve_gift else ()
    async with in_transaction():
        await set_tier_levels("BANKA", [
            LevelTerms("silver", "Silver", 0),
            LevelTerms("gold", "Gold", 1_000, points_discount_percent=Decimal(10), free_delivery=True,
                       exclusive_products=reserved),
        ])
    await reach(world.member.id, 1_000)
    return world


async def reach(member_id: int, points_earned: int) -> None:
    async with in_transaction():
        await record_activity("BANKA", member_id, date(2026, 12, 7), points_earned=points_earned)
    await review_tiers("BANKA", date(2026, 12, 7))


async def paid_checkout(world, member, quantity: int = 2) -> Checkout:
    checkout = await create_checkout(world.channel.slug, member, None, [LineRequest(world.item.id, quantity)])
    await set_address(checkout, ADDRESS, "SHIPPING")
    await set_delivery_method(checkout, world.shipping.id)
    await initialize_points_payment(checkout, None, f"pay-{member.id}", f"user:{member.id}")
    return checkout


async def test_a_gold_member_pays_the_tier_price_and_no_delivery_exactly_as_the_cart_showed(settings, set_clock):
    # given: two gifts of 1,200 points, 10% off for gold, delivery free
    world = await tiered_world(settings, set_clock)
    checkout = await paid_checkout(world, world.member)
    shown = await checkout_totals(checkout)

    # when
    order = await complete(checkout.token)

    # then
    assert (shown.subtotal_points, shown.shipping_points, shown.total_points) == (2_160, 0, 2_160)
    assert (order.total_points, order.points_charged, order.shipping_price_points) == (2_160, 2_160, 0)
    assert (order.tier_code, order.tier_discount_points) == ("gold", 240)
    assert await OrderLine.filter(order_id=order.id).values_list(
        "unit_price_points", "undiscounted_unit_price_points", "total_price_points") == [(1_080, GIFT_POINTS, 2_160)]
    assert await available(world) == 10_000 - 2_160
    assert (await verify_ledger()).problems == []


async def test_an_entry_level_member_pays_list_prices_and_delivery(settings, set_clock):
    # given: a second member, never judged by the tier job (the entry level)
    world = await tiered_world(settings, set_clock)
    silver = await make_member(settings, email="bo@example.com")
    await give_points(world.channel, silver, 10_000)
    checkout = await paid_checkout(world, silver)

    # when
    order = await complete(checkout.token)

    # then
    assert (order.total_points, order.shipping_price_points, order.tier_code, order.tier_discount_points) == (
        2 * GIFT_POINTS + DELIVERY_POINTS, DELIVERY_POINTS, None, 0)
    assert await available(world, silver) == 10_000 - 2 * GIFT_POINTS - DELIVERY_POINTS


async def test_a_gift_reserved_for_gold_is_refused_to_silver_with_its_own_code_and_nothing_written(settings,
                                                                                                     set_clock):
    # given
    world = await tiered_world(settings, set_clock, reserve_gift=True)
    silver = await make_member(settings, email="bo@example.com")

    # when
    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await create_checkout(world.channel.slug, silver, None, [LineRequest(world.item.id, 1)])

    # then
    assert [(d.code, d.message) for d in refused.value.details] == [
        (OrdersErrorCode.TIER_REQUIRED, "Only Gold members and above may redeem this gift.")]
    assert (await Checkout.all().count(), await CheckoutLine.all().count()) == (0, 0)


async def test_a_gold_member_redeems_the_gift_reserved_for_gold(settings, set_clock):
    # given
    world = await tiered_world(settings, set_clock, reserve_gift=True)
    checkout = await paid_checkout(world, world.member, quantity=1)

    # when
    order = await complete(checkout.token)

    # then
    assert (order.total_points, order.tier_code) == (1_080, "gold")


async def test_a_visitor_sees_list_prices_and_the_reserved_gifts(settings, set_clock):
    # given
    world = await tiered_world(settings, set_clock, reserve_gift=True)

    # when
    visitor, gold = await tier_benefits(world.channel, None), await tier_benefits(world.channel, world.member.id)

    # then
    assert (visitor.tier_code, visitor.price_for(GIFT_POINTS), [r.tier_code for r in visitor.reserved.values()]) == (
        None, GIFT_POINTS, ["gold"])
    assert (gold.tier_code, gold.price_for(GIFT_POINTS), gold.free_delivery) == ("gold", 1_080, True)
    assert gold.reserved_above(next(iter(gold.reserved))) is None
