"""Checkout that tells early, in English and in 简体中文, on a 360x740 phone and a 1280x800 desktop: points short
said on the cart and before any address, the saved default address (and an only delivery method) taken without
a click, and the address form in Chinese order (recipient, mobile, province, city, district, street)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import asyncpg
import pytest
from playwright.async_api import Page, expect

from tests.frontend.mall_api import MallApi, Member

pytestmark = pytest.mark.slow
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LAYOUTS = [pytest.param(language, size, id=f"{language}-{name}") for language in ("en", "zh-Hans")
           for name, size in (("phone", PHONE), ("desktop", DESKTOP))]
SHELF = "/gifts?within=1&sort=price-desc"
ADDRESS_CREATE = """mutation($input: AddressInput!) {
  accountAddressCreate(input: $input, type: SHIPPING) { errors { field code message } } }"""
SAVED_ADDRESS = {"firstName": "Ada", "lastName": "Chen", "streetAddress1": "88 Century Avenue", "city": "Shanghai",
                 "cityArea": "Pudong", "countryArea": "Shanghai", "postalCode": "200120", "country": "CN",
                 "phone": "+8613800000000"}
# The saved address is Chinese (country CN) written in Latin letters: Chinese order, the country in the member's
# language.
SAVED_LINES = {
    "en": ["Ada Chen +8613800000000", "China Shanghai Shanghai Pudong", "88 Century Avenue", "200120"],
    "zh-Hans": ["Ada Chen +8613800000000", "中国 Shanghai Shanghai Pudong", "88 Century Avenue", "200120"],
}
TEXT = {
    "en": {
        "short": "You have 1,000 points; this order needs {total:,} points. You are {short:,} points short.",
        "shortTitle": "Not enough points", "shelf": "See what you can get with your points",
        "form": ["Last name", "First name", "Phone", "Country or region", "Province", "City", "District (optional)",
                 "Street address", "Postal code", "Save in my addresses"],
        "address": {"Last name": "Chen", "First name": "Ada", "Phone": "+8613800000000", "Province": "Shanghai",
                    "City": "Shanghai", "District (optional)": "Pudong", "Street address": "88 Century Avenue",
                    "Postal code": "200120"},
        "lines": ["Ada Chen +8613800000000", "China Shanghai Shanghai Pudong", "88 Century Avenue", "200120"],
        "use": "Use this address", "standard": "^Standard delivery", "redeem": "Redeem for {points:,} points",
        "placed": "is placed and your points are redeemed", "change": "Change address",
    },
    "zh-Hans": {
        "short": "您有 1,000 积分，本订单需要 {total:,} 积分，还差 {short:,} 积分。",
        "shortTitle": "积分不足", "shelf": "看看我的积分能换什么",
        "form": ["姓", "名", "手机号", "国家或地区", "省份", "城市", "区县（选填）", "详细地址", "邮政编码",
                 "保存到我的地址"],
        "address": {"姓": "陈", "名": "静", "手机号": "13800000000", "省份": "上海", "城市": "上海市",
                    "区县（选填）": "浦东新区", "详细地址": "世纪大道88号", "邮政编码": "200120"},
        "lines": ["陈静 13800000000", "中国 上海 上海市 浦东新区", "世纪大道88号", "200120"],
        "use": "使用这个地址", "standard": "^标准配送", "redeem": "兑换（{points:,} 积分）",
        "placed": "已提交，积分已兑换", "change": "更换地址",
    },
}


async def with_gift_in_cart(visit, member: Member, gift_slug: str, language: str, size: dict[str, int]) -> Page:
    """Signed in at `size`, one unit of the gift in the cart, the mall in `language`."""
    page = visit.page
    await page.set_viewport_size(size)
    await visit.open(f"/sign-in?next=/gift/{gift_slug}")
    await visit.sign_in(member.email, member.password)
    await page.get_by_role("button", name="Add to cart").click()
    await expect(page.get_by_role("status").filter(has_text="Added to your cart.")).to_be_visible()
    if language == "zh-Hans":
        await page.get_by_role("button", name="简体中文").click()
    return page


async def form_labels(page: Page) -> list[str]:
    return await page.locator(".address-form label").all_inner_texts()


def set_shipping_method_active(environment: dict[str, str], name: str, active: bool) -> None:
    """Switch a delivery method of the demo channels on or off in the served mall's database: the operator has no
    API for delivery methods (Saleor's shipping zones are empty in a points mall)."""
    url = environment["DATABASE_URL"]
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            connection.execute("UPDATE orders_shipping_method SET is_active = ? WHERE name = ?", (active, name))
        return

    async def update() -> None:
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            await connection.execute("UPDATE orders_shipping_method SET is_active = $1 WHERE name = $2", active, name)
        finally:
            await connection.close()

    asyncio.run(update())


@pytest.fixture
def only_standard_delivery(mall_api: MallApi) -> Iterator[None]:
    set_shipping_method_active(mall_api.environment, "Express", False)
    try:
        yield
    finally:
        set_shipping_method_active(mall_api.environment, "Express", True)


def with_saved_address(mall_api: MallApi, member: Member, address: dict[str, Any]) -> None:
    result = mall_api.data(ADDRESS_CREATE, {"input": address}, member.token)["accountAddressCreate"]
    assert result["errors"] == []


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_points_short_are_said_on_the_cart_and_before_any_address(visit, mall_api, language, size):
    # given: a member with 1,000 points and a gift that costs more, in the cart
    member = mall_api.member(points=1_000)
    gift = next(gift for gift in mall_api.gifts(search="kettle") if gift.name == "Essential Pour-over Kettle")
    text = TEXT[language]
    expected = text["short"].format(total=gift.points, short=gift.points - 1_000)
    page = await with_gift_in_cart(visit, member, gift.slug, language, size)

    # when: they open the cart
    await visit.open("/cart")

    # then: the shortfall is said there, with the way to the gifts their points get
    shortfall = page.get_by_role("region", name=text["shortTitle"])
    await expect(shortfall).to_contain_text(expected)
    await expect(shortfall.get_by_role("link", name=text["shelf"])).to_have_attribute("href", SHELF)
    await visit.shot(f"cart-short-{language}")

    # when: they go on to checkout anyway
    await visit.open("/checkout")

    # then: the shortfall comes first, before the address form a member with no address gets
    await expect(page.locator(".checkout > section").first).to_have_attribute("aria-labelledby", "shortfall-heading")
    await expect(shortfall).to_contain_text(expected)
    await expect(page.locator(".address-form")).to_be_visible()
    await visit.shot(f"checkout-short-{language}")
    assert mall_api.balance(member) == {"available": 1_000, "held": 0}

    # when: they follow the link
    await shortfall.get_by_role("link", name=text["shelf"]).click()

    # then: the gifts within their points
    await expect(page).to_have_url(re.compile(re.escape(SHELF) + "$"))


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_the_saved_default_address_is_taken_without_a_click(visit, mall_api, language, size):
    # given: a member whose address book holds their default address
    member = mall_api.member(points=100_000)
    with_saved_address(mall_api, member, SAVED_ADDRESS)
    gift = next(gift for gift in mall_api.gifts(search="drawing") if gift.name == "Urban Drawing Set")
    page = await with_gift_in_cart(visit, member, gift.slug, language, size)

    # when
    await visit.open("/checkout")

    # then: the checkout delivers there already; no form; the member picks one of the two delivery methods
    lines = page.locator("#address-heading + address .address-line")
    await expect(lines).to_have_text(SAVED_LINES[language])
    await expect(page.get_by_role("button", name=TEXT[language]["change"])).to_be_visible()
    await expect(page.locator(".address-form")).to_have_count(0)
    await expect(page.get_by_label(re.compile(TEXT[language]["standard"]))).not_to_be_checked()
    await visit.shot(f"checkout-default-address-{language}")


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_an_only_delivery_method_is_taken_too_so_the_member_redeems_at_once(
        visit, mall_api, only_standard_delivery, language, size):
    # given: a member with a default address, and a channel delivering one way only
    member = mall_api.member(points=100_000)
    with_saved_address(mall_api, member, SAVED_ADDRESS)
    gift = next(gift for gift in mall_api.gifts(search="drawing") if gift.name == "Urban Drawing Set")
    page = await with_gift_in_cart(visit, member, gift.slug, language, size)

    # when
    await visit.open("/checkout")

    # then: the delivery method, named in the member's language, is chosen and the order can be placed
    await expect(page.get_by_label(re.compile(TEXT[language]["standard"]))).to_be_checked()
    await expect(page.get_by_role("button", name=TEXT[language]["redeem"].format(points=gift.points))).to_be_enabled()
    await visit.shot(f"checkout-ready-without-clicks-{language}")
    assert mall_api.balance(member) == {"available": 100_000, "held": 0}


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_a_chinese_address_is_asked_and_shown_in_chinese_order(visit, mall_api, language, size):
    # given: a member with no saved address and a gift in the cart
    member = mall_api.member(points=100_000)
    gift = next(gift for gift in mall_api.gifts(search="drawing") if gift.name == "Urban Drawing Set")
    text = TEXT[language]
    page = await with_gift_in_cart(visit, member, gift.slug, language, size)

    # when: they open checkout
    await visit.open("/checkout")

    # then: recipient and mobile first, then country, province, city, district and the street
    assert await form_labels(page) == text["form"]
    await visit.shot(f"checkout-chinese-form-{language}")

    # when: they fill it in and choose standard delivery, named in their language
    for label, value in text["address"].items():
        await page.get_by_label(label, exact=True).fill(value)
    await page.get_by_role("button", name=text["use"]).click()
    await page.get_by_label(re.compile(text["standard"])).check()
    await expect(page.locator("#address-heading + address .address-line")).to_have_text(text["lines"])
    await page.get_by_role("button", name=text["redeem"].format(points=gift.points)).click()

    # then: the order's confirmation shows the address in the same order, district and country included
    await expect(page.get_by_role("status").filter(has_text=text["placed"])).to_be_visible()
    delivery = page.locator("#order-delivery ~ address .address-line")
    await expect(delivery).to_have_text(text["lines"])
    await expect(page.locator("#order-delivery + p")).to_have_text(
        "Standard delivery" if language == "en" else "标准配送")
    await visit.shot(f"order-chinese-address-{language}")


async def test_another_country_gets_the_western_form_with_what_was_typed_kept(visit, mall_api):
    # given: an English-speaking member at checkout, the form in Chinese order for China
    member = mall_api.member(points=100_000)
    gift = next(gift for gift in mall_api.gifts(search="drawing") if gift.name == "Urban Drawing Set")
    page = await with_gift_in_cart(visit, member, gift.slug, "en", DESKTOP)
    await visit.open("/checkout")
    await page.get_by_label("First name", exact=True).fill("Ada")

    # when: they choose the United Kingdom
    await page.get_by_label("Country or region").select_option("GB")

    # then: name, phone, street, city, district, province and postal code, country last; the name kept
    assert await form_labels(page) == [
        "First name", "Last name", "Phone", "Street address", "Flat, floor, building (optional)", "City",
        "District (optional)", "Province (optional)", "Postal code", "Country or region", "Save in my addresses"]
    await expect(page.get_by_label("First name", exact=True)).to_have_value("Ada")
    await expect(page.get_by_label("Country or region")).to_be_focused()
