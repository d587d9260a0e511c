"""Checkout refusals said plainly: not enough points, and a gift that sold out while the member shopped.
Each refusal leaves the member's points untouched."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow


async def test_a_member_short_of_points_is_told_how_many_they_lack(visit, mall_api):
    # given: a member with 1,000 points and a gift that costs more
    member = mall_api.member(points=1_000)
    gift = next(gift for gift in mall_api.gifts(search="kettle") if gift.name == "Essential Pour-over Kettle")
    short = gift.points - 1_000

    # when
    await visit.checkout_with(member.email, member.password, gift.slug, gift.name)
    page = visit.page

    # then: the amount missing is said, and the order cannot be placed
    await expect(page.get_by_role("alert")).to_have_text(
        f"Not enough points: this order needs {gift.points:,} points and you have 1,000 points "
        f"({short:,} points short). "
        "Your bank lets you pay at most 30% of an order by card.")
    await expect(page.get_by_role("button", name=f"Redeem for {gift.points:,} points")).to_be_disabled()
    await visit.shot("checkout-not-enough-points")
    await visit.open(f"/gift/{gift.slug}")
    await expect(page.locator(".hint-warning")).to_have_text(f"You need {short:,} points more.")
    await visit.shot("gift-not-enough-points")
    assert mall_api.balance(member) == {"available": 1_000, "held": 0}


async def test_a_gift_that_sells_out_during_checkout_is_refused_before_any_points_are_held(visit, mall_api):
    # given: a member at checkout with a gift in the cart
    member = mall_api.member(points=200_000)
    gift = next(gift for gift in mall_api.gifts(search="backpack") if gift.name == "Premium Backpack")
    await visit.checkout_with(member.email, member.password, gift.slug, gift.name)
    page = visit.page
    redeem = page.get_by_role("button", name=f"Redeem for {gift.points:,} points")
    await expect(redeem).to_be_enabled()

    # when: the last one goes to someone else, then the member presses "redeem"
    mall_api.set_units_left(gift.variant_id, 0)
    await redeem.click()

    # then
    alert = page.get_by_role("alert").first
    await expect(alert).to_contain_text("Some gifts ran out while you were shopping. Check your cart.")
    await expect(page.get_by_role("alert").filter(has_text="Sold out now: remove it to continue.")).to_be_visible()
    await visit.shot("checkout-sold-out")
    assert mall_api.balance(member) == {"available": 200_000, "held": 0}

    # and: the cart says what to do, and removing the gift empties it
    await page.get_by_role("link", name="Cart, 1 items").click()
    await expect(page.get_by_text("Sold out now: remove it to continue.")).to_be_visible()
    await expect(page.get_by_role("link", name="Go to checkout")).to_have_count(0)
    await visit.shot("cart-sold-out")
    await page.get_by_role("button", name=f"Remove {gift.name}").click()
    await expect(page.get_by_text("Your cart is empty.")).to_be_visible()
