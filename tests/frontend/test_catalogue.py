"""Browsing on a desktop: paging that keeps its place, filters kept in the URL, stock states."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow


async def card_names(page) -> list[str]:
    return await page.locator(".gift-card-name").all_inner_texts()


async def card_points(page) -> list[int]:
    prices = await page.locator(".gift-card-price .points").all_inner_texts()
    return [int(re.sub(r"\D", "", price)) for price in prices]


async def test_paging_keeps_its_place_when_the_member_comes_back_from_a_gift(visit):
    # given: the second page of all gifts by name
    page = await visit.open("/gifts?sort=name")
    first_page = await card_names(page)
    await page.get_by_role("link", name="Next page").click()
    await expect(page).to_have_url(re.compile(r"after="))
    await visit.settled()
    second_page = await card_names(page)
    await visit.shot("gifts-page-two")

    # when: the member opens a gift on it, then goes back
    await page.locator(".gift-card-link").nth(5).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(second_page[5])
    await page.go_back()

    # then: the same page of the list, in the same order
    await expect(page.get_by_role("heading", level=1)).to_have_text("All gifts")
    await expect(page.locator(".gift-card-name")).to_have_text(second_page)
    assert len(first_page) == len(second_page) == 12
    assert first_page[-1] < second_page[0]
    await page.get_by_role("link", name="Previous page").click()
    await expect(page.locator(".gift-card-name")).to_have_text(first_page)


async def test_within_my_points_and_a_points_range_narrow_the_list(visit, mall_api):
    # given: a member with 12,000 points
    member = mall_api.member(points=12_000)
    page = await visit.open("/sign-in?next=/gifts")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text("All gifts")

    # when: only gifts within their points, cheapest first
    await page.get_by_label("Within my points").check()
    await page.get_by_label("Sort by").select_option(label="Points: low to high")
    await page.get_by_role("button", name="Show gifts").click()

    # then
    await expect(page).to_have_url(re.compile(r"within=1.*sort=price-asc|sort=price-asc.*within=1"))
    await visit.settled()
    within = await card_points(page)
    assert within
    assert all(points <= 12_000 for points in within)
    assert within == sorted(within)
    await visit.shot("within-my-points")

    # when: a range in a category, most expensive first
    await page.get_by_label("Category").select_option(label="Electronics")
    await page.get_by_label("Within my points").uncheck()
    await page.get_by_label("Points from").fill("20000")
    await page.get_by_label("Points up to").fill("60000")
    await page.get_by_label("Sort by").select_option(label="Points: high to low")
    await page.get_by_role("button", name="Show gifts").click()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("Electronics")
    await visit.settled()
    ranged = await card_points(page)
    assert ranged
    assert all(20_000 <= points <= 60_000 for points in ranged)
    assert ranged == sorted(ranged, reverse=True)
    await visit.shot("category-range")


async def test_a_sold_out_gift_says_so_and_cannot_be_added(visit, mall_api):
    # given: a gift the demo has none of
    sold_out = mall_api.gifts(stockAvailability="OUT_OF_STOCK")[0]
    member = mall_api.member(points=500_000)
    page = await visit.open(f"/sign-in?next=/gift/{sold_out.slug}")
    await visit.sign_in(member.email, member.password)

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text(sold_out.name)
    await expect(page.locator(".stock-state")).to_have_text("Sold out")
    await expect(page.get_by_role("button", name="Sold out")).to_be_disabled()
    await visit.shot("gift-sold-out")


async def test_a_sold_out_gift_says_when_it_comes_back(visit, mall_api):
    # given: the partner expects a sold-out gift back on 7 December 2099
    sold_out = mall_api.gifts(stockAvailability="OUT_OF_STOCK")[-1]
    mall_api.set_restock_date(sold_out.variant_id, "2099-12-07")

    # when
    page = await visit.open(f"/gift/{sold_out.slug}")

    # then
    await expect(page.locator(".stock-state")).to_have_text("Sold out, back on 7 Dec 2099")
    await visit.shot("gift-sold-out-back-on")
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.locator(".stock-state")).to_have_text("已售罄，预计 2099年12月7日 补货")


async def test_a_gift_running_low_says_how_many_are_left(visit, mall_api):
    # given: the partner has 3 of a gift left
    gift = next(gift for gift in mall_api.gifts(search="yoga mat") if gift.name == "Limited Edition Yoga Mat")
    mall_api.set_units_left(gift.variant_id, 3)

    # when
    page = await visit.open(f"/gift/{gift.slug}")

    # then
    await expect(page.locator(".stock-state")).to_have_text("Only 3 left")
    await visit.shot("gift-only-3-left")
    await visit.open(f"/gifts?q={gift.name.replace(' ', '+')}")
    card = page.locator(".gift-card").filter(has_text=gift.name)
    await expect(card.locator(".badge")).to_have_text("Only 3 left")
