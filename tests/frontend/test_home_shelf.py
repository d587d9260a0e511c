"""The home page of a signed-in member, on a phone and on a desktop, in both languages: "what can I get with
my points" (the dearest gifts the balance covers) and the nudge about points that expire soon."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from mall.demo import DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD
from orders.demo import DEMO_EXPIRING_POINTS

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


async def signed_in_home(visit, size: dict[str, int], email: str, password: str):
    await visit.page.set_viewport_size(size)
    page = await visit.open("/sign-in")
    await visit.sign_in(email, password)
    await expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Welcome|Hello|Points|Ada|Mei"))
    await visit.settled()
    return page


async def switch_to_chinese(visit) -> None:
    await visit.page.get_by_role("button", name="简体中文").click()
    await visit.settled()


@pytest.mark.parametrize("size", SIZES)
async def test_the_shelf_shows_the_dearest_gifts_within_the_balance(visit, mall_api, size):
    # given: a member with 12,000 points
    member = mall_api.member(points=12_000)

    # when
    page = await signed_in_home(visit, size, member.email, member.password)

    # then
    shelf = page.get_by_role("region", name="What your 12,000 points can get")
    await expect(shelf.locator(".gift-card")).to_have_count(4)
    texts = await shelf.locator(".gift-card-price .points").all_inner_texts()
    prices = [int(re.sub(r"\D", "", text)) for text in texts]
    assert all(price <= 12_000 for price in prices)
    assert prices == sorted(prices, reverse=True)
    await visit.shot("home-shelf")

    # and in Chinese
    await switch_to_chinese(visit)
    await expect(page.get_by_role("region", name="您的 12,000 积分 可兑换").locator(".gift-card")).to_have_count(4)


@pytest.mark.parametrize("size", SIZES)
async def test_the_demo_member_is_nudged_about_points_expiring_soon(visit, size):
    # when
    page = await signed_in_home(visit, size, DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD)

    # then
    await expect(page.locator(".balance .expiring")).to_contain_text(f"{DEMO_EXPIRING_POINTS:,} points expire on")
    await switch_to_chinese(visit)
    await expect(page.locator(".balance .expiring")).to_contain_text(f"{DEMO_EXPIRING_POINTS:,} 积分 将于")
