"""The mall on a phone and on a desktop, in both languages: on a 360x740 phone the header is short, the filters
fold behind one line so gifts show on the first screen, a tab bar at the bottom leads to the main places and a
gift's redeem button stays on screen; on a desktop the filters stay open and the menu is in the header."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.frontend.pages import assert_fits_the_screen

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = [pytest.param("en", "Filter and sort", "Category", id="en"),
             pytest.param("zh-Hans", "筛选与排序", "分类", id="zh")]


async def open_category(visit, size: dict[str, int], language: str):
    await visit.page.set_viewport_size(size)
    await visit.page.add_init_script(f"window.localStorage.setItem('mall.language', '{language}')")
    return await visit.open("/gifts?category=cookware")


@pytest.mark.parametrize(("language", "summary", "category_label"), LANGUAGES)
async def test_on_a_phone_the_filters_fold_and_gifts_show_on_the_first_screen(visit, language, summary,
                                                                              category_label):
    # given
    page = await open_category(visit, PHONE, language)

    # when: nothing yet
    first_card = await page.locator(".gift-card").first.bounding_box()

    # then: the first gift starts on the first screen, the filters wait behind their summary
    assert first_card is not None
    assert first_card["y"] < PHONE["height"]
    await expect(page.get_by_label(category_label, exact=True)).to_be_hidden()
    await visit.shot("phone-folded")

    # and when the member taps the summary, the filters open
    await page.locator(".filters-summary").filter(has_text=summary).click()
    await expect(page.get_by_label(category_label, exact=True)).to_be_visible()


@pytest.mark.parametrize(("language", "summary", "category_label"), LANGUAGES)
async def test_on_a_desktop_the_filters_stay_open(visit, language, summary, category_label):
    # when
    page = await open_category(visit, DESKTOP, language)

    # then
    await expect(page.get_by_label(category_label, exact=True)).to_be_visible()
    await expect(page.locator(".filters-summary")).to_be_hidden()


# The header, the tab bar and the gift page's buttons, at both sizes and in both languages.
SIZES_AND_LANGUAGES = [
    pytest.param(PHONE, "en", id="phone-en"),
    pytest.param(PHONE, "zh-Hans", id="phone-zh"),
    pytest.param(DESKTOP, "en", id="desktop-en"),
    pytest.param(DESKTOP, "zh-Hans", id="desktop-zh"),
]
TAB_NAMES = {"en": ["Home", "Gifts", "Cart, 0 items", "My orders", "Me"],
             "zh-Hans": ["首页", "分类", "购物车，0 件", "我的订单", "我的"]}
REDEEM = {"en": "Redeem now", "zh-Hans": "立即兑换"}
MOST_HEADER_SHARE = 0.12  # of a phone's screen height


async def open_as_member(visit, mall_api, size: dict[str, int], language: str, path: str):
    member = mall_api.member(points=50_000)
    await visit.page.set_viewport_size(size)
    await visit.page.add_init_script(f"window.localStorage.setItem('mall.language', '{language}')")
    page = await visit.open(f"/sign-in?next={path}")
    await page.locator("input[name=email]").fill(member.email)
    await page.locator("input[name=password]").fill(member.password)
    await page.locator("main button[type=submit]").click()
    await expect(page.locator(".balance-chip")).to_be_visible()
    await visit.settled()
    return page


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_phones_get_a_short_header_and_a_tab_bar_with_the_current_tab_marked(visit, mall_api, size, language):
    # given
    page = await open_as_member(visit, mall_api, size, language, "/gifts?category=cookware")

    # when
    header = await page.locator("#site-header").bounding_box()
    tabs = page.get_by_role("navigation", name="Tabs" if language == "en" else "标签栏")

    # then
    assert header is not None
    await assert_fits_the_screen(page, size["width"])
    await visit.shot(f"gifts-{language}")
    if size is DESKTOP:
        await expect(tabs).to_be_hidden()
        await expect(page.locator(".site-nav")).to_be_visible()
        return
    assert header["height"] <= PHONE["height"] * MOST_HEADER_SHARE
    await expect(page.locator(".site-nav")).to_be_hidden()
    await expect(tabs.get_by_role("link")).to_have_count(5)
    for name in TAB_NAMES[language]:
        await expect(tabs.get_by_role("link", name=name, exact=True)).to_be_visible()
    await expect(tabs.locator("[aria-current=page]")).to_have_text(TAB_NAMES[language][1])

    # and when the member taps "Me", that tab is the current one
    await tabs.get_by_role("link", name=TAB_NAMES[language][4], exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("My account" if language == "en" else "我的账户")
    await expect(tabs.locator("[aria-current=page]")).to_have_text(TAB_NAMES[language][4])
    await assert_fits_the_screen(page, size["width"])


@pytest.mark.parametrize(("size", "language"), SIZES_AND_LANGUAGES)
async def test_on_a_phone_the_gift_page_keeps_its_redeem_button_on_screen(visit, mall_api, size, language):
    # given
    page = await open_as_member(visit, mall_api, size, language, "/gift/cookware-classic-wok-1")
    redeem = page.get_by_role("button", name=REDEEM[language])

    # when: the member scrolls to the end of the description
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = await redeem.bounding_box()

    # then: on a phone the button is still on the screen, above the tab bar; on a desktop it is in the page
    assert box is not None
    await assert_fits_the_screen(page, size["width"])
    position = await redeem.evaluate("button => getComputedStyle(button.parentElement).position")
    if size is PHONE:
        assert position == "fixed"
        tab_bar = await page.locator("#tab-bar").bounding_box()
        assert tab_bar is not None
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= tab_bar["y"]
    else:
        assert position == "static"
    await visit.shot(f"gift-{language}")

    # and when the member taps it, the gift is in the cart and checkout opens
    await redeem.click()
    await expect(page).to_have_url(re.compile(r"/checkout$"))
