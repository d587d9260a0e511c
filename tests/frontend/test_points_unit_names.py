"""The programme's name for its points in the member's language (the demo's Bank A: "points" and 积分), on a gift
page and at checkout, where the mall used to show the unit's code (PTS)."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.frontend.test_checkout_tells_early import SAVED_ADDRESS, with_gift_in_cart, with_saved_address

pytestmark = pytest.mark.slow
DESKTOP = {"width": 1280, "height": 800}
UNIT = {"en": "points", "zh-Hans": "积分"}
REDEEM = {"en": "Redeem for {points:,} points", "zh-Hans": "兑换（{points:,} 积分）"}


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
async def test_a_member_reads_the_programmes_unit_on_a_gift_page_and_at_checkout(visit, mall_api, language):
    # given: a member with enough points and a saved address, the kettle in the cart, the mall in `language`
    member = mall_api.member(points=100_000)
    with_saved_address(mall_api, member, SAVED_ADDRESS)
    gift = next(gift for gift in mall_api.gifts(search="kettle") if gift.name == "Essential Pour-over Kettle")
    page = await with_gift_in_cart(visit, member, gift.slug, language, DESKTOP)

    # when
    await visit.open(f"/gift/{gift.slug}")

    # then: the price and the balance name the unit as the bank does in that language, never its code
    await expect(page.locator(".offer-price")).to_have_text(f"{gift.points:,} {UNIT[language]}")
    await expect(page.locator(".balance-chip")).to_have_text(f"100,000 {UNIT[language]}")
    await visit.shot(f"unit-gift-{language}")

    # when
    await visit.open("/checkout")

    # then
    await expect(page.get_by_role("button", name=REDEEM[language].format(points=gift.points))).to_be_visible()
    await expect(page.locator("main")).not_to_contain_text("PTS")
    await visit.shot(f"unit-checkout-{language}")
