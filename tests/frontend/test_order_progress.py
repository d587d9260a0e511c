"""An order's page after checkout, in English and in 简体中文, on a 360x740 phone and a 1280x800 desktop: its
progress from placed to delivered with dates, "Delivered" once every parcel arrived, the partner's return note
and the points given back, and "order not found" for a link naming no order of the member's."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.async_api import Page, expect

from tests.frontend.mall_api import MallApi, Member
from tests.frontend.orders_api import PlacedOrder, place_order
from tests.frontend.test_order_after_checkout import drawing_set, shipped_with_tracking

pytestmark = pytest.mark.slow
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LAYOUTS = [pytest.param(language, size, id=f"{language}-{name}") for language in ("en", "zh-Hans")
           for name, size in (("phone", PHONE), ("desktop", DESKTOP))]
ERRORS = "errors { field code message }"
SHIPMENT_LINES = """query($id: ID!) { order(id: $id) { fulfillments { id lines { id quantity } } } }"""
RETURN_CREATE = f"""mutation($fulfillment: ID!, $lines: [ReturnRequestLineInput!]!) {{
  returnRequestCreate(fulfillment: $fulfillment, lines: $lines, reason: "Too small") {{
    returnRequest {{ id }} {ERRORS} }} }}"""
RETURN_DECIDE = f"""mutation($id: ID!, $note: String!) {{
  returnRequestDecide(id: $id, approve: true, note: $note) {{ {ERRORS} }} }}"""
RETURN_RECEIVE = f"""mutation($id: ID!) {{ returnRequestReceive(id: $id) {{ {ERRORS} }} }}"""
RETURN_NOTE = "Send to: Jade Home returns, 8 Riverside Road, Hangzhou 310000"
TEXT = {
    "en": {"steps": ["Placed", "Paid", "Shipped", "Delivered"], "delivered": "Delivered", "shipped": "Shipped",
           "pending": "Not yet", "notFound": "Order not found", "note": f"The partner's note: {RETURN_NOTE}",
           "received": "Return: received, {points:,} points given back"},
    "zh-Hans": {"steps": ["已下单", "已支付", "已发货", "已签收"], "delivered": "已签收", "shipped": "已发货",
                "pending": "未完成", "notFound": "找不到该订单", "note": f"商家留言：{RETURN_NOTE}",
                "received": "退货：已收货，已退回 {points:,} 积分"},
}


def ok(result: dict[str, Any]) -> dict[str, Any]:
    assert result["errors"] == [], result
    return result


async def open_order(visit, member: Member, order_id: str, language: str, size: dict[str, int]) -> Page:
    """The order's page at `size` in `language`, signed in as `member`."""
    page = visit.page
    await page.set_viewport_size(size)
    await visit.open(f"/sign-in?next=/orders/{order_id}")
    await visit.sign_in(member.email, member.password)
    await expect(page.locator("main h1")).not_to_have_text("Sign in")
    if language == "zh-Hans":
        await page.get_by_role("button", name="简体中文").click()
    await visit.settled()
    return page


def asked_to_return(mall_api: MallApi, member: Member, order: PlacedOrder) -> str:
    """The member asks, through the API, to return every unit of the order's shipment; returns the request's ID."""
    shipment = mall_api.data(SHIPMENT_LINES, {"id": order.id}, member.token)["order"]["fulfillments"][0]
    lines = [{"fulfillmentLineId": line["id"], "quantity": line["quantity"]} for line in shipment["lines"]]
    created = mall_api.data(RETURN_CREATE, {"fulfillment": shipment["id"], "lines": lines}, member.token)
    return ok(created["returnRequestCreate"])["returnRequest"]["id"]


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_a_delivered_order_says_delivered_and_shows_its_progress_with_dates(visit, mall_api, language, size):
    # given: an order the carrier delivered an hour ago
    member = mall_api.member(points=50_000)
    order = place_order(mall_api, member, drawing_set(mall_api))
    shipped_with_tracking(mall_api, order, ("delivered", "Beijing", "Signed for by Ada", timedelta(hours=1)))
    text = TEXT[language]

    # when
    page = await open_order(visit, member, order.id, language, size)

    # then: "Delivered", and each step reached with its date
    await expect(page.locator("main .status")).to_have_text(text["delivered"])
    steps = page.get_by_role("list", name=re.compile("^(Order progress|订单进度)$")).get_by_role("listitem")
    await expect(steps.locator(".order-timeline-step")).to_have_text(text["steps"])
    await expect(steps.locator("time")).to_have_count(4)
    await expect(page.locator(".order-timeline .pending")).to_have_count(0)
    await visit.shot(f"order-delivered-{language}")

    # and: the list of orders says it too
    await visit.open("/orders")
    await expect(page.locator(".order-card .status")).to_have_text(text["delivered"])


@pytest.mark.parametrize(("language", "size"), [LAYOUTS[0], LAYOUTS[3]])
async def test_a_shipped_order_waits_for_its_delivery_on_the_timeline(visit, mall_api, language, size):
    # given: an order on its way
    member = mall_api.member(points=50_000)
    order = place_order(mall_api, member, drawing_set(mall_api))
    shipped_with_tracking(mall_api, order, ("in_transit", "Hangzhou hub", "Departed", timedelta(hours=2)))
    text = TEXT[language]

    # when
    page = await open_order(visit, member, order.id, language, size)

    # then: placed, paid and shipped with their dates; delivered not yet
    await expect(page.locator("main .status")).to_have_text(text["shipped"])
    await expect(page.locator(".order-timeline .done .order-timeline-step")).to_have_text(text["steps"][:3])
    await expect(page.locator(".order-timeline .pending")).to_have_text(f"{text['steps'][3]}{text['pending']}")
    await visit.shot(f"order-shipped-{language}")


@pytest.mark.parametrize(("language", "size"), LAYOUTS)
async def test_the_partner_s_return_note_and_the_points_given_back_reach_the_member(visit, mall_api, language, size):
    # given: a delivered order the member asked to return; the partner approved it with where to send the gifts
    member = mall_api.member(points=50_000)
    gift = drawing_set(mall_api)
    order = place_order(mall_api, member, gift)
    shipped_with_tracking(mall_api, order, ("delivered", "Beijing", "Signed for by Ada", timedelta(hours=1)))
    request = asked_to_return(mall_api, member, order)
    ok(mall_api.data(RETURN_DECIDE, {"id": request, "note": RETURN_NOTE}, mall_api.operator())["returnRequestDecide"])
    text = TEXT[language]

    # when
    page = await open_order(visit, member, order.id, language, size)

    # then: the partner's note, return address included
    await expect(page.locator(".return-note")).to_have_text(text["note"])
    await visit.shot(f"order-return-approved-{language}")

    # when: the partner receives the gifts
    ok(mall_api.data(RETURN_RECEIVE, {"id": request}, mall_api.operator())["returnRequestReceive"])
    await page.reload()

    # then: the points given back, the unit said once
    await expect(page.locator(".return-status")).to_have_text(text["received"].format(points=gift.points))
    await visit.shot(f"order-return-received-{language}")
    assert mall_api.balance(member) == {"available": 50_000, "held": 0}


@pytest.mark.parametrize(("language", "size"), [LAYOUTS[1], LAYOUTS[2]])
async def test_a_wrong_or_foreign_order_link_says_order_not_found(visit, mall_api, language, size):
    # given: a member, and an order of someone else
    member = mall_api.member(points=0)
    someone = mall_api.member(points=50_000)
    foreign = place_order(mall_api, someone, drawing_set(mall_api))
    text = TEXT[language]

    # when: a mistyped link
    page = await open_order(visit, member, "T3JkZXI6bm90LWFuLWlk", language, size)

    # then
    await expect(page.locator("main h1")).to_have_text(text["notFound"])
    await expect(page.get_by_role("alert")).to_have_count(0)
    await visit.shot(f"order-link-wrong-{language}")

    # when: another member's order
    await visit.open(f"/orders/{foreign.id}")

    # then: the same, and nothing of that order shows
    await expect(page.locator("main h1")).to_have_text(text["notFound"])
    await expect(page.locator("main")).not_to_contain_text(foreign.number)
