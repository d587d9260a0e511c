"""The gift list on a phone and on a desktop, in both languages: on a 360x740 phone the filters fold behind
one line so gifts show on the first screen, and open with a tap; on a desktop they stay open."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

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
