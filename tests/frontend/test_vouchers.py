"""Digital gifts in the member mall: a City Perks e-voucher redeemed with points only is delivered at once,
and its order page shows the code with a copy button, a QR code, its validity and how to use it, in English
and Chinese; "My vouchers" lists it, and a Top-Up Hub membership once the worker had the demo partner's API
issue it. Orders are placed through the API; the member's part happens in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from fulfilment.digital.demo import TOPUPS
from tests.frontend.mall_api import CHANNEL, MallApi, Member
from tests.frontend.orders_api import COMPLETE, CREATE, PAY, PlacedOrder

pytestmark = pytest.mark.slow
E_VOUCHERS = """query($channel: String!, $search: String) {
  products(channel: $channel, first: 100, filter: {search: $search}, sortBy: {field: NAME, direction: ASC}) {
    edges { node { name productType { slug } productVariants(first: 5) { edges { node { id quantityAvailable } } } } }
  } }"""
POOL_CODE = re.compile(r"^CP-[0-9A-F]{6}-[0-9A-F]{6}$")
ISSUED_CODE = re.compile(r"^TV-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$")


def e_voucher(mall_api: MallApi, name: str | None = None) -> tuple[str, str]:
    """(name, variant ID) of a single-variant e-voucher: a code-backed one with codes left, or `name`."""
    found = mall_api.data(E_VOUCHERS, {"channel": CHANNEL, "search": name}, mall_api.operator())
    edges = found["products"]["edges"]
    for node in (edge["node"] for edge in edges):
        variants = [edge["node"] for edge in node["productVariants"]["edges"]]
        if node["productType"]["slug"] != "e-voucher" or len(variants) != 1:
            continue
        if node["name"] == name or (name is None and (variants[0]["quantityAvailable"] or 0) > 0):
            return node["name"], variants[0]["id"]
    raise AssertionError(f"no e-voucher {name or 'with codes'} in the demo")


def redeem(mall_api: MallApi, member: Member, variant_id: str) -> PlacedOrder:
    """Checkout with points only: no address, no delivery method."""
    lines = [{"variantId": variant_id, "quantity": 1}]
    created = mall_api.data(CREATE, {"channel": CHANNEL, "lines": lines}, member.token)["checkoutCreate"]
    checkout_id = created["checkout"]["id"]
    assert mall_api.data(PAY, {"id": checkout_id, "key": checkout_id}, member.token)["transactionInitialize"][
        "errors"] == []
    completed = mall_api.data(COMPLETE, {"id": checkout_id}, member.token)["checkoutComplete"]
    assert completed["errors"] == [], completed
    return PlacedOrder(completed["order"]["id"], completed["order"]["number"])


async def test_a_redeemed_e_voucher_shows_its_code_and_qr_code_on_the_order_page(visit, mall_api):
    # given: a member who redeemed a City Perks e-voucher (points only, no address)
    member = mall_api.member(points=100_000)
    name, variant_id = e_voucher(mall_api)
    order = redeem(mall_api, member, variant_id)

    # when: they open the order
    page = await visit.open(f"/sign-in?next=/orders/{order.id}")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")
    await visit.settled()

    # then: delivered, with the voucher's code, a QR code of it, its validity and how to use it
    voucher = page.get_by_test_id("voucher")
    await expect(voucher).to_have_count(1)
    # FULFILLED in Saleor's terms; the code reached the member, so the page says Delivered
    await expect(page.locator(".status")).to_have_text("Delivered")
    await expect(voucher.get_by_role("heading", level=3)).to_contain_text(name)
    await expect(voucher.get_by_text("Ready to use")).to_be_visible()
    code = (await voucher.get_by_test_id("voucher-code").text_content()).strip()
    assert POOL_CODE.match(code), code
    qr = voucher.get_by_role("img", name=f"QR code of the {name} voucher, to scan at the till")
    await expect(qr).to_be_visible()
    assert await qr.locator("path").get_attribute("d")
    await expect(voucher.get_by_text(re.compile(r"^Valid until \d{1,2} \w{3} \d{4}$"))).to_be_visible()
    await expect(voucher.get_by_text("Show the code or its QR code at the counter before paying.")).to_be_visible()
    await expect(page.get_by_role("heading", name="Shipments")).to_have_count(0)  # nothing travels
    await visit.shot("order-voucher")

    # when: they copy the code
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=visit.base_url)
    await voucher.get_by_role("button", name="Copy code").click()

    # then
    await expect(voucher.get_by_role("button", name="Code copied")).to_be_visible()
    assert await page.evaluate("navigator.clipboard.readText()") == code

    # when: they switch to Chinese
    await page.get_by_role("button", name="简体中文").click()

    # then: the same voucher, in Chinese
    await expect(voucher.get_by_text("可使用")).to_be_visible()
    await expect(voucher.get_by_role("heading", name="使用方法")).to_be_visible()
    await expect(voucher.get_by_text("结账前在柜台出示券码或二维码。")).to_be_visible()
    await expect(voucher.get_by_test_id("voucher-code")).to_have_text(code)
    await visit.shot("order-voucher-zh")


async def test_my_vouchers_lists_a_pool_code_and_a_code_the_partners_api_issued(visit, mall_api):
    # given: a City Perks e-voucher and a Top-Up Hub membership, the worker run once since
    member = mall_api.member(points=100_000)
    _, voucher_variant = e_voucher(mall_api)
    membership = next(item for item in TOPUPS if not item.codeless)
    _, membership_variant = e_voucher(mall_api, membership.name)
    redeem(mall_api, member, voucher_variant)
    redeem(mall_api, member, membership_variant)
    mall_api.deliver_mail()  # `mall worker --once`: the demo partner's API issues the membership's code

    # when
    page = await visit.open("/sign-in?next=/vouchers")
    await visit.sign_in(member.email, member.password)

    # then: both, newest order first, each with its code
    await expect(page.get_by_role("heading", level=1)).to_have_text("My vouchers")
    vouchers = page.get_by_test_id("voucher")
    await expect(vouchers).to_have_count(2)
    await expect(vouchers.nth(0).get_by_role("heading", level=3)).to_contain_text(membership.name)
    assert ISSUED_CODE.match((await vouchers.nth(0).get_by_test_id("voucher-code").text_content()).strip())
    assert POOL_CODE.match((await vouchers.nth(1).get_by_test_id("voucher-code").text_content()).strip())
    await expect(vouchers.nth(0).get_by_text(membership.usage[0])).to_be_visible()
    await visit.shot("my-vouchers")
