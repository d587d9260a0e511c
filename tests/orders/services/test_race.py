"""Many members racing for a few units: exactly as many orders as units, nothing negative, ledger intact."""

from __future__ import annotations

import asyncio

from tortoise.transactions import in_transaction

from catalog.models import Stock
from kernel.errors import DomainError
from ledger.models import Account, AccountKind
from ledger.verify import verify_ledger
from orders.models import Order
from orders.services.checkouts import LineRequest, create_checkout, set_address, set_delivery_method
from orders.services.completion import complete_checkout
from orders.services.payments import initialize_points_payment
from tests.factories import make_member
from tests.orders.services.world import ADDRESS, GIFT_POINTS, build_world, give_points

RACERS = 300
UNITS = 20


async def _paid_checkout(world, member):
    async with in_transaction():
        checkout = await create_checkout(world.channel.slug, member, None, [LineRequest(world.item.id, 1)])
        await set_address(checkout, ADDRESS, "SHIPPING")
        await set_delivery_method(checkout, world.shipping.id)
        await initialize_points_payment(checkout, None, "pay", f"user:{member.id}")
    return checkout.token


async def _complete(token) -> bool | str:
    try:
        async with in_transaction():
            await complete_checkout(token, "racer")
    except DomainError as refusal:
        return refusal.details[0].code  # the losers' reason
    return True


async def test_racing_members_get_exactly_the_units_there_are(settings):
    # given: every racer holds points for a paid cart with one unit of a gift that has 20 units
    world = await build_world(settings, stock=UNITS, points=GIFT_POINTS)
    members = [world.member] + [await make_member(settings, f"racer{n}@example.com") for n in range(RACERS - 1)]
    for member in members[1:]:
        await give_points(world.channel, member, GIFT_POINTS)
    tokens = [await _paid_checkout(world, member) for member in members]

    # when: they all complete at the same time
    results = await asyncio.gather(*(_complete(token) for token in tokens))

    # then
    assert results.count(True) == UNITS
    assert set(results) - {True} == {"INSUFFICIENT_STOCK"}
    assert await Order.all().count() == UNITS
    stock = await Stock.filter(variant_id=world.item.id).values_list("quantity", "quantity_allocated")
    assert stock == [(UNITS, UNITS)]
    wallets = await Account.filter(kind=AccountKind.MEMBER).values_list("points_available", "points_held")
    assert min(min(row) for row in wallets) >= 0
    assert sum(available for available, _ in wallets) == 0  # winners spent theirs, losers' are held
    assert sum(held for _, held in wallets) == (RACERS - UNITS) * GIFT_POINTS  # losers' holds wait for expiry
    report = await verify_ledger()
    assert report.problems == []
