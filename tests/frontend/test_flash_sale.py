"""A flash sale in the member mall: the gift page shows the sale price beside the usual one, a countdown to the
sale's end that ticks, and how many units are left at the price; the cart charges the sale price."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.async_api import expect

from kernel import clock

pytestmark = pytest.mark.slow

CREATE_SALE = """
mutation FlashSaleCreate($variant: ID!, $channel: String!, $input: FlashSaleInput!) {
  flashSaleCreate(variant: $variant, channel: $channel, input: $input) { flashSale { id } errors { field code } }
}
"""


async def test_the_gift_page_counts_down_a_flash_sale_and_says_how_many_are_left(visit, mall_api):
    # given: a panda plush toy (no other browser test buys it), 10 in stock, on sale at half its points for an
    # hour: 3 units, 2 a member
    toy = mall_api.gifts(search="plush panda")[0]
    mall_api.set_units_left(toy.variant_id, 10)
    now = clock.now()
    terms = {"price": toy.points // 2, "quantity": 3, "limitPerMember": 2,
             "startsAt": (now - timedelta(minutes=1)).isoformat(), "endsAt": (now + timedelta(hours=1)).isoformat()}
    created = mall_api.data(CREATE_SALE, {"variant": toy.variant_id, "channel": "bank-a-mall", "input": terms},
                            mall_api.operator())["flashSaleCreate"]
    assert created["errors"] == [], created
    member = mall_api.member(points=toy.points)

    # when: a member opens the gift
    page = await visit.open(f"/sign-in?next=/gift/{toy.slug}")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text(toy.name)

    # then: the sale's price, the usual one struck through, a ticking countdown, units left, the limit
    sale = page.locator(".flash-sale")
    await expect(sale.locator(".flash-sale-title")).to_have_text("Flash sale")
    await expect(sale.locator(".flash-sale-price")).to_have_text(f"{toy.points // 2:,} points")
    await expect(sale.locator(".flash-sale-was")).to_have_text(f"Usually {toy.points:,} points")
    await expect(sale.locator(".flash-left")).to_have_text("3 left at this price")
    await expect(sale.locator(".hint")).to_have_text("Up to 2 per member")
    countdown = sale.locator(".flash-countdown")
    await expect(countdown).to_have_text(re.compile(r"^Ends in 00:[05]\d:\d\d$"))
    first = await countdown.inner_text()
    await expect(countdown).not_to_have_text(first)  # it ticks
    await visit.shot("gift-flash-sale")

    # and: in the cart the gift costs the sale price
    await page.get_by_role("button", name="Add to cart").click()
    await expect(page.get_by_role("status").filter(has_text="Added to your cart.")).to_be_visible()
    await page.get_by_role("link", name="Go to cart").click()
    await expect(page.locator(".cart-total")).to_contain_text(f"{toy.points // 2:,} points")
    await visit.shot("cart-flash-sale")

    # and: in Chinese
    await visit.open(f"/gift/{toy.slug}")
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.locator(".flash-sale .flash-left")).to_have_text("秒杀价仅剩 3 件")
