"""checkoutAddPromoCode / checkoutRemovePromoCode and checkoutComplete with a voucher, through HTTP as Saleor's
checkout clients send them: the cart shows the discount, completion charges exactly that, the order records
the voucher, and a cancel gives the use back (orders/services/promo_codes.py, orders/vouchers/checkout.py)."""

from __future__ import annotations

import pytest

from ledger.verify import verify_ledger
from mall.graphql.ids import to_global_id
from orders.models import Checkout, Order
from orders.services.lifecycle import cancel_order
from orders.vouchers.models import Voucher, VoucherCode
from tests.orders.graphql.helpers import Shopper, shopper
from tests.orders.services.world import GIFT_POINTS, available
from tests.orders.vouchers.helpers import (
    ADD_PROMO,
    DISCOUNTS,
    NOW,
    ORDER_VOUCHER,
    REMOVE_PROMO,
    create_voucher,
    operator_token,
)
from tests.reference import SALEOR_OPERATIONS

pytestmark = pytest.mark.skipif(not DISCOUNTS.exists(), reason="Saleor's reference operations are not here")


async def welcome(member: Shopper, settings, **terms) -> str:
    """WELCOME500: 500 points off carts of at least 1,000 points."""
    return await create_voucher(member.api, await operator_token(settings), member.world, 500, codes=["WELCOME500"],
                                min_spent=1_000, **terms)


async def test_a_code_lowers_the_total_and_completion_charges_exactly_that(api, settings, set_clock):
    # given a member's cart of two 1,200-point gifts and the WELCOME500 voucher
    set_clock(NOW)
    member = await shopper(api, settings, points=10_000)
    await welcome(member, settings)
    checkout_id = await member.ready(quantity=2)

    # when the member adds the code, pays and completes
    added = (await member.call(ADD_PROMO, id=checkout_id, promoCode="WELCOME500"))["checkoutAddPromoCode"]
    assert (await member.pay(checkout_id))["errors"] == []
    completed = await member.complete(checkout_id)

    # then the cart showed 2,400 - 500, and exactly 1,900 points left the balance
    cart = added["checkout"]
    assert added["errors"] == []
    assert (cart["voucherCode"], cart["discountName"], cart["discount"]["amount"],
            cart["subtotalPrice"]["gross"]["amount"], cart["totalPrice"]["gross"]["amount"]) == (
        "WELCOME500", "Welcome", 500, 2 * GIFT_POINTS, 2 * GIFT_POINTS - 500)
    assert completed["errors"] == []
    assert await available(member.world) == 10_000 - (2 * GIFT_POINTS - 500)
    order = (await member.call(ORDER_VOUCHER, id=completed["order"]["id"]))["order"]
    assert (order["voucherCode"], order["total"]["gross"]["amount"], order["undiscountedTotal"]["gross"]["amount"],
            order["discounts"]) == ("WELCOME500", 1_900, 2_400,
                                    [{"type": "VOUCHER", "name": "Welcome", "amount": {"amount": 500}}])
    voucher = await Voucher.get(name="Welcome")
    assert (voucher.used, (await VoucherCode.get(code="WELCOME500")).used) == (1, 1)
    assert (await verify_ledger()).problems == []


async def test_an_unknown_code_is_refused_invalid_and_nothing_changes(api, settings, set_clock):
    # given a cart without a code
    set_clock(NOW)
    member = await shopper(api, settings)
    await welcome(member, settings)
    checkout_id = await member.ready()

    # when
    answer = (await member.call(ADD_PROMO, id=checkout_id, promoCode="NOPE"))["checkoutAddPromoCode"]

    # then
    assert answer["errors"] == [{"field": "promoCode", "code": "INVALID", "message": "Promo code is invalid"}]
    assert [row.voucher_code for row in await Checkout.all()] == [None]


async def test_a_cart_below_the_minimum_points_is_refused_not_applicable(api, settings, set_clock):
    # given a cart of one 1,200-point gift and a voucher for carts of 3,000 points or more
    set_clock(NOW)
    member = await shopper(api, settings)
    await create_voucher(api, await operator_token(settings), member.world, 500, codes=["BIG"], min_spent=3_000)
    checkout_id = await member.ready()

    # when
    answer = (await member.call(ADD_PROMO, id=checkout_id, promoCode="BIG"))["checkoutAddPromoCode"]

    # then
    assert answer["errors"] == [{"field": "promoCode", "code": "VOUCHER_NOT_APPLICABLE",
                                 "message": "Minimum spent of 3000 points required."}]
    assert [row.voucher_code for row in await Checkout.all()] == [None]


async def test_a_code_before_its_start_is_invalid(api, settings, set_clock):
    set_clock(NOW)
    member = await shopper(api, settings)
    await welcome(member, settings, startDate="2026-12-01T00:00:00+00:00")
    checkout_id = await member.ready()

    answer = (await member.call(ADD_PROMO, id=checkout_id, promoCode="WELCOME500"))["checkoutAddPromoCode"]

    assert [error["code"] for error in answer["errors"]] == ["INVALID"]


@pytest.mark.parametrize("by", ["code", "id"])
async def test_removing_the_code_restores_the_total(api, settings, set_clock, by):
    # given a cart with WELCOME500 on it
    set_clock(NOW)
    member = await shopper(api, settings)
    await welcome(member, settings)
    checkout_id = await member.ready()
    await member.call(ADD_PROMO, id=checkout_id, promoCode="WELCOME500")
    code_id = to_global_id("VoucherCode", (await VoucherCode.get(code="WELCOME500")).id)

    # when it is removed by its code, or by its VoucherCode ID
    named = {"promoCode": "WELCOME500"} if by == "code" else {"promoCodeId": code_id}
    answer = (await member.call(REMOVE_PROMO, id=checkout_id, **named))["checkoutRemovePromoCode"]

    # then
    assert answer["errors"] == []
    assert (answer["checkout"]["voucherCode"], answer["checkout"]["discount"]["amount"],
            answer["checkout"]["totalPrice"]["gross"]["amount"]) == (None, 0, GIFT_POINTS)


async def test_a_single_use_code_serves_one_order_and_a_cancel_gives_it_back(api, settings, set_clock):
    # given a single-use code used by one completed order
    set_clock(NOW)
    member = await shopper(api, settings, points=10_000, stock=10)
    await welcome(member, settings, singleUse=True)
    first = await member.ready(quantity=1)
    await member.call(ADD_PROMO, id=first, promoCode="WELCOME500")
    assert (await member.pay(first))["errors"] == []
    assert (await member.complete(first))["errors"] == []
    second = await member.ready(quantity=1)

    # when the same code is tried again, then after the first order is cancelled
    refused = (await member.call(ADD_PROMO, id=second, promoCode="WELCOME500"))["checkoutAddPromoCode"]
    order = await Order.get(voucher_code="WELCOME500")
    await cancel_order(order, "operator")
    accepted = (await member.call(ADD_PROMO, id=second, promoCode="WELCOME500"))["checkoutAddPromoCode"]

    # then: refused while used, accepted once the cancel gave the use back
    assert [error["code"] for error in refused["errors"]] == ["VOUCHER_NOT_APPLICABLE"]
    assert accepted["errors"] == []
    assert ((await Voucher.first()).used, (await VoucherCode.get(code="WELCOME500")).used) == (0, 0)


async def test_a_cart_that_drops_below_the_minimum_completes_without_the_voucher(api, settings, set_clock):
    # given a cart of two gifts with a voucher for carts of 2,000 points or more, then one gift taken out
    set_clock(NOW)
    member = await shopper(api, settings, points=10_000)
    await create_voucher(api, await operator_token(settings), member.world, 500, codes=["TWO"], min_spent=2_000)
    checkout_id = await member.ready(quantity=2)
    assert (await member.call(ADD_PROMO, id=checkout_id, promoCode="TWO"))["checkoutAddPromoCode"]["errors"] == []
    checkout = await Checkout.first()
    line = await checkout.lines.all().first()  # type: ignore[union-attr]
    line.quantity = 1
    await line.save()

    # when the member pays what the cart now shows and completes
    assert (await member.pay(checkout_id))["errors"] == []
    completed = await member.complete(checkout_id)

    # then the order is at the full price, with no voucher, and no use is counted
    assert completed["errors"] == []
    assert await available(member.world) == 10_000 - GIFT_POINTS
    assert ((await Order.first()).voucher_code, (await Voucher.first()).used) == (None, 0)


async def test_the_storefronts_own_promo_code_documents_apply_and_remove_a_code(api, settings, set_clock):
    # given a cart and WELCOME500, and Saleor's checkout app's documents (they name the cart `checkoutId`)
    set_clock(NOW)
    member = await shopper(api, settings)
    await welcome(member, settings)
    checkout_id = await member.ready()
    add, remove = ((SALEOR_OPERATIONS / "checkout" / f"{name}.graphql").read_text()
                   for name in ("checkoutAddPromoCode", "checkoutRemovePromoCode"))

    # when
    added = (await member.call(add, checkoutId=checkout_id, promoCode="WELCOME500", languageCode="EN_US"))
    removed = (await member.call(remove, checkoutId=checkout_id, promoCode="WELCOME500", languageCode="EN_US"))

    # then
    assert (added["checkoutAddPromoCode"]["errors"], added["checkoutAddPromoCode"]["checkout"]["voucherCode"]) == (
        [], "WELCOME500")
    assert (removed["checkoutRemovePromoCode"]["errors"],
            removed["checkoutRemovePromoCode"]["checkout"]["voucherCode"]) == ([], None)
