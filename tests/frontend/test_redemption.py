"""A member on a 360 px phone: browse, search, add to cart, check out with points, see the order and the
points it took. Every page is screenshot; every request the page made stayed on the mall's origin."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.frontend.pages import ADDRESS, assert_fits_the_screen

pytestmark = pytest.mark.slow
PHONE = {"width": 360, "height": 780}


async def test_a_member_finds_a_gift_redeems_it_with_points_and_sees_the_debit(visit, mall_api):
    # given: a member with 100,000 points, and the demo's "Limited Edition Wok" (one variant, in stock)
    member = mall_api.member(points=100_000)
    wok = next(gift for gift in mall_api.gifts(search="wok") if gift.name == "Limited Edition Wok")
    page = visit.page
    await page.set_viewport_size(PHONE)

    # when: the member browses a category, then searches
    await visit.open("/")
    await visit.shot("home-signed-out")
    await page.get_by_role("link", name="Home & Kitchen").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Home & Kitchen")
    await visit.shot("category")
    await page.get_by_role("searchbox", name="Search gifts").fill("wok")
    await page.get_by_role("button", name="Search").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Results for “wok”")
    await visit.shot("search")
    await page.get_by_role("link", name=re.compile("^Limited Edition Wok")).click()

    # then: the gift page shows its points price and what those points are worth
    await expect(page.get_by_role("heading", level=1)).to_have_text("Limited Edition Wok")
    await expect(page.locator(".offer-price")).to_have_text(f"{wok.points:,} points")
    await expect(page.locator(".cash-comparison")).to_contain_text("These points are worth")
    await visit.shot("gift-signed-out")
    await assert_fits_the_screen(page, PHONE["width"])

    # when: they sign in from the gift page and come back to it
    await page.get_by_role("link", name="Sign in to redeem").click()
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Limited Edition Wok")
    await expect(page.locator(".balance-chip")).to_have_text("100,000 points")
    await page.get_by_role("button", name="Add to cart").click()
    await expect(page.get_by_role("status").filter(has_text="Added to your cart.")).to_be_visible()
    await expect(page.get_by_role("link", name="Cart, 1 items")).to_be_visible()
    await visit.shot("gift-added")

    # and: check out: new address, standard delivery, pay with points
    await page.get_by_role("link", name="Go to cart").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Cart")
    await visit.shot("cart")
    await assert_fits_the_screen(page, PHONE["width"])
    await page.get_by_role("link", name="Go to checkout").click()
    for label, value in ADDRESS.items():
        await page.get_by_label(label, exact=True).fill(value)
    await visit.shot("checkout-address")
    await page.get_by_role("button", name="Use this address").click()
    await page.get_by_label(re.compile("^Standard delivery")).check()
    redeem = page.get_by_role("button", name=f"Redeem for {wok.points:,} points")
    await expect(redeem).to_be_enabled()
    await visit.shot("checkout-ready")
    await assert_fits_the_screen(page, PHONE["width"])
    await redeem.click()

    # then: the confirmation names the order, and the points left are in the header
    confirmation = page.get_by_role("status").filter(has_text="is placed and your points are redeemed")
    await expect(confirmation).to_be_visible()
    order_number = re.search(r"Order (\d+)", await confirmation.inner_text()).group(1)
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order_number}")
    await expect(page.locator(".status")).to_have_text("Being prepared")
    await expect(page.locator(".balance-chip")).to_have_text(f"{100_000 - wok.points:,} points")
    await visit.shot("order-confirmation")

    # and: a reload keeps them signed in (a new access token from the refresh token kept in the browser)
    await page.reload()
    await expect(page.locator(".balance-chip")).to_have_text(f"{100_000 - wok.points:,} points")

    # and: "my orders" lists it, "my points" shows the debit in words
    await page.get_by_role("link", name="My orders", exact=True).click()
    await expect(page.locator(".order-card")).to_have_count(1)
    await expect(page.locator(".order-card")).to_contain_text(f"Order {order_number}")
    await expect(page.locator(".order-card")).to_contain_text("1 × Limited Edition Wok")
    await visit.shot("my-orders")
    await page.get_by_role("link", name="Me", exact=True).click()  # the phone's tab bar, then the account's shortcuts
    await page.get_by_role("link", name="My points", exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("My points")
    await expect(page.locator(".figure-main dd")).to_have_text(f"{100_000 - wok.points:,} points")
    debit = page.locator(".history-item").filter(has_text=f"Points redeemed · Order {order_number}")
    await expect(debit).to_contain_text(f"−{wok.points:,} points")
    await visit.shot("my-points")
    await assert_fits_the_screen(page, PHONE["width"])
    assert mall_api.balance(member) == {"available": 100_000 - wok.points, "held": 0}
