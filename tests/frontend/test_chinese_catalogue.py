"""The demo catalogue in both languages, on a phone and on a desktop: a Chinese word in a Chinese gift name
finds the gift, the search box suggests gifts as the member types, gift and category names follow the
member's language, and the points unit reads 积分 in Chinese."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
CHINESE = "zh-Hans"
# The demo's first wok (catalog/demo.py names it, catalog/demo_zh.py translates it).
WOK = ("Classic Wok", "经典炒锅")


async def in_language(visit, size: dict[str, int], language: str) -> None:
    """The member's language as the mall remembers it in this browser, set before the first page loads."""
    await visit.page.set_viewport_size(size)
    await visit.page.add_init_script(f"window.localStorage.setItem('mall.language', '{language}')")


async def search_from_the_header(page, text: str) -> None:
    await page.locator("#site-search").fill(text)
    await page.locator("#site-search").press("Enter")


@pytest.mark.parametrize("size", SIZES)
async def test_a_chinese_word_finds_the_gift_named_with_it_in_chinese(visit, size):
    # given
    await in_language(visit, size, CHINESE)
    page = await visit.open("/")

    # when
    await search_from_the_header(page, "炒锅")

    # then: gifts named 炒锅 come first, under their Chinese names
    await expect(page.get_by_role("heading", level=1)).to_contain_text("炒锅")
    await visit.settled()
    names = await page.locator(".gift-card-name").all_inner_texts()
    assert WOK[1] in names
    assert all("炒锅" in name for name in names)
    await visit.shot("search-wok-zh")


@pytest.mark.parametrize("size", SIZES)
async def test_a_chinese_word_finds_the_gift_in_the_english_mall_too(visit, size):
    # given
    await in_language(visit, size, "en")
    page = await visit.open("/")

    # when
    await search_from_the_header(page, "炒锅")

    # then: the same gifts, under their English names
    await visit.settled()
    names = await page.locator(".gift-card-name").all_inner_texts()
    assert WOK[0] in names
    assert all(name.endswith("Wok") for name in names)


@pytest.mark.parametrize(("language", "typed", "suggested"),
                         [(CHINESE, "耳机", "经典无线耳机"), ("en", "earbuds", "Classic Wireless Earbuds")])
@pytest.mark.parametrize("size", SIZES)
async def test_the_search_box_suggests_gift_names_as_the_member_types(visit, size, language, typed, suggested):
    # given
    await in_language(visit, size, language)
    page = await visit.open("/")

    # when
    await page.locator("#site-search").press_sequentially(typed)

    # then: links to the gifts found, named in the member's language
    suggestions = page.locator("#site-search-suggestions a")
    await expect(suggestions.first).to_be_visible()
    names = await suggestions.all_inner_texts()
    assert suggested in names
    assert all(typed in name.lower() for name in names)

    # and when the member picks one, its page opens
    await suggestions.filter(has_text=re.compile(f"^{suggested}$")).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(suggested)


@pytest.mark.parametrize("size", SIZES)
async def test_a_gift_page_and_its_category_in_chinese(visit, size):
    # given
    await in_language(visit, size, CHINESE)

    # when
    page = await visit.open("/gift/cookware-classic-wok-1")

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text(WOK[1])
    await expect(page.locator(".breadcrumb")).to_contain_text("厨具")
    await expect(page.locator(".gift-description")).to_contain_text("玉家居厨具出品的经典炒锅")
    await expect(page).to_have_title(re.compile(WOK[1]))
    await visit.shot("gift-zh")


@pytest.mark.parametrize(("language", "balance"), [(CHINESE, "12,000 积分"), ("en", "12,000 points")])
@pytest.mark.parametrize("size", SIZES)
async def test_the_points_unit_reads_in_the_member_s_language(visit, mall_api, size, language, balance):
    # given: a member with 12,000 points, signed in
    member = mall_api.member(points=12_000)
    await in_language(visit, size, "en")
    page = await visit.open("/sign-in")
    await visit.sign_in(member.email, member.password)
    await expect(page.locator(".balance-chip")).to_have_text("12,000 points")

    # when
    await page.get_by_role("button", name=re.compile("English|简体中文")).and_(
        page.locator(f"[lang='{language}']")).click()

    # then
    await expect(page.locator(".balance-chip")).to_have_text(balance)
