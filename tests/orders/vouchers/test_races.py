"""A voucher's uses under real concurrency (PostgreSQL): many members complete carts paid with one single-use
code, or with a voucher limited to N uses, at the same moment. Exactly the limit is used, the others are
refused VOUCHER_NOT_APPLICABLE with every point they had, and the ledger verifies (orders/vouchers/checkout.py)."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from ledger.balances import points_balance
from ledger.verify import verify_ledger
from orders.models import Order
from orders.vouchers.models import Voucher, VoucherCode
from tests.factories import make_member, token_for
from tests.orders.graphql.helpers import Shopper
from tests.orders.services.world import GIFT_POINTS, build_world, give_points
from tests.orders.vouchers.helpers import ADD_PROMO, DISCOUNTS, NOW, create_voucher, operator_token

pytestmark = [pytest.mark.skipif(not DISCOUNTS.exists(), reason="Saleor's reference operations are not here"),
              pytest.mark.postgres_only]
MEMBERS = 20
PRICE = GIFT_POINTS - 500  # what a cart with the voucher costs


async def carts_with_code(api, settings, code: str, **terms) -> tuple[object, list[tuple[int, Shopper, str]]]:
    """MEMBERS members, each with a cart of one gift with `code` on it, paid (PRICE held: all their points)."""
    world = await build_world(settings, stock=100, points=PRICE)
    await create_voucher(api, await operator_token(settings), world, 500, codes=[code], **terms)
    users = [world.member] + [await make_member(settings, f"buyer{n}@example.com") for n in range(MEMBERS - 1)]
    carts = []
    for user in users:
        if user is not world.member:
            await give_points(world.channel, user, PRICE)
        shopper = Shopper(api, world, token_for(user, settings))
        checkout_id = await shopper.ready()
        added = (await shopper.call(ADD_PROMO, id=checkout_id, promoCode=code))["checkoutAddPromoCode"]
        assert added["errors"] == [], added
        assert (await shopper.pay(checkout_id))["errors"] == []
        carts.append((user.id, shopper, checkout_id))
    return world, carts


async def complete_all(carts: list[tuple[int, Shopper, str]]) -> Counter:
    answers = await asyncio.gather(*(shopper.complete(checkout_id) for _, shopper, checkout_id in carts))
    return Counter(answer["errors"][0]["code"] if answer["errors"] else "ORDER" for answer in answers)


async def losers_balances(world, carts) -> list[tuple[int, int]]:
    buyers = set(await Order.all().values_list("user_id", flat=True))
    return [((balance := await points_balance(world.channel.id, member_id)).points_available, balance.points_held)
            for member_id, _, _ in carts if member_id not in buyers]


async def test_a_single_use_code_is_used_exactly_once(api, settings, set_clock):
    # given 20 members with the same single-use code on their paid carts
    set_clock(NOW)
    world, carts = await carts_with_code(api, settings, "BANK-ONCE", singleUse=True)

    # when all complete at once
    outcomes = await complete_all(carts)

    # then one order, 19 refusals with every point back, one use counted
    assert outcomes == {"ORDER": 1, "VOUCHER_NOT_APPLICABLE": MEMBERS - 1}
    assert await Order.filter(voucher_code="BANK-ONCE").count() == 1
    assert ((await Voucher.first()).used, (await VoucherCode.get(code="BANK-ONCE")).used) == (1, 1)
    assert await losers_balances(world, carts) == [(PRICE, 0)] * (MEMBERS - 1)
    assert (await verify_ledger()).problems == []


async def test_a_voucher_limited_to_five_uses_serves_exactly_five(api, settings, set_clock):
    # given 20 members with a code of a voucher limited to 5 uses
    set_clock(NOW)
    world, carts = await carts_with_code(api, settings, "BANK-FIVE", usageLimit=5)

    # when all complete at once
    outcomes = await complete_all(carts)

    # then five orders, 15 refusals with every point back
    assert outcomes == {"ORDER": 5, "VOUCHER_NOT_APPLICABLE": MEMBERS - 5}
    assert ((await Voucher.first()).used, await Order.filter(voucher_code="BANK-FIVE").count()) == (5, 5)
    assert await losers_balances(world, carts) == [(PRICE, 0)] * (MEMBERS - 5)
    assert (await verify_ledger()).problems == []
