"""A partner's clerk in the console: ships an order with a carrier and a tracking number (pick list and packing
slip on the way) and later sees the carrier's webhook mark it delivered; answers a member's return request and
receives the goods. The member's side is done through the API; the partner's in the browser."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import PARTNER, TABLET, go, partner_gift, sign_in
from tests.frontend.orders_api import carrier_reports, create_carrier, place_order, ship_order

pytestmark = pytest.mark.slow
CARRIER_SECRET = "console-carrier-2026"
SHIPMENTS = "query($id: ID!) { order(id: $id) { fulfillments { lines { id quantity } } returnRequests { status } } }"
RETURN = """mutation($shipment: ID!, $lines: [ReturnRequestLineInput!]!, $reason: String!) {
  returnRequestCreate(fulfillment: $shipment, lines: $lines, reason: $reason) { errors { field code message } } }"""
FULFILLMENT_IDS = "query($id: ID!) { order(id: $id) { fulfillments { id lines { id quantity } } } }"


def new_carrier(mall_api) -> str:
    code = f"swift-{uuid.uuid4().hex[:8]}"
    create_carrier(mall_api, code, CARRIER_SECRET)
    return code


async def test_a_partner_ships_an_order_that_the_carrier_later_delivers(visit, mall_api):
    # given: a member redeemed one of the partner's gifts; a carrier collects for the partner
    gift = partner_gift(mall_api)
    member = mall_api.member(points=gift.points + 1_000)
    order = place_order(mall_api, member, gift)
    carrier = new_carrier(mall_api)
    tracking_number = f"SW{uuid.uuid4().hex[:10].upper()}"

    # when: the clerk finds the order among those to ship, reads the pick list and packing slip, and ships it
    page = await sign_in(visit, PARTNER, "Orders to ship")
    await page.get_by_label("Search").fill(order.number)
    await page.get_by_role("button", name="Apply").click()
    # (the search also matches e-mails holding the number's digits: other tests' random members may match too)
    await expect(page.get_by_role("link", name=f"#{order.number}", exact=True)).to_have_count(1)
    await visit.shot("partner-orders-to-ship")
    await page.get_by_role("link", name=f"#{order.number}").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Order #{order.number}")
    await visit.settled()
    pick_list = page.get_by_role("table", name="Pick list")
    await expect(pick_list.get_by_role("row")).to_have_count(2)
    await expect(pick_list).to_contain_text(gift.name)
    slip = page.get_by_role("region", name=f"Packing slip, order #{order.number}")
    await expect(slip).to_contain_text("88 Century Avenue")
    await expect(slip).to_contain_text(gift.name)
    await visit.shot("partner-order-pick-list")
    await page.get_by_label("Carrier").select_option(carrier)
    await page.get_by_label("Tracking number").fill(tracking_number)
    await page.get_by_role("button", name="Ship everything").click()

    # then: the order has a shipment with the carrier and the number, and nothing left to pick
    await expect(page.locator("article.shipment h3")).to_have_text(f"Swift Express · {tracking_number}")
    await expect(page.get_by_role("table", name="Pick list")).to_have_count(0)
    await visit.shot("partner-order-shipped")

    # when: the carrier reports the parcel delivered through its signed webhook
    delivered_at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    carrier_reports(mall_api, carrier, CARRIER_SECRET, tracking_number, "delivered", delivered_at.isoformat(),
                    "Shanghai", "Signed for by Ada")
    await page.reload()
    await visit.settled()

    # then: the clerk sees it delivered, with the carrier's event
    shipment = page.locator("article.shipment")
    await expect(shipment.locator(".badge")).to_have_text("Delivered")
    await expect(shipment).to_contain_text("Signed for by Ada")
    await visit.shot("partner-order-delivered")

    # and: in Chinese, on a tablet
    await page.set_viewport_size(TABLET)
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"订单 #{order.number}")
    await expect(shipment.locator(".badge")).to_have_text("已签收")
    await visit.shot("partner-order-delivered-zh-tablet")


async def test_a_partner_answers_a_return_request_and_receives_the_goods(visit, mall_api):
    # given: a delivered order whose member asks to return it
    gift = partner_gift(mall_api)
    member = mall_api.member(points=gift.points)
    order = place_order(mall_api, member, gift)
    carrier = new_carrier(mall_api)
    tracking_number = f"SW{uuid.uuid4().hex[:10].upper()}"
    ship_order(mall_api, order, carrier, tracking_number)
    delivered_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    carrier_reports(mall_api, carrier, CARRIER_SECRET, tracking_number, "delivered", delivered_at.isoformat(),
                    "Shanghai", "Delivered")
    shipment = mall_api.data(FULFILLMENT_IDS, {"id": order.id}, member.token)["order"]["fulfillments"][0]
    reason = f"Wrong colour ({uuid.uuid4().hex[:6]})"
    lines = [{"fulfillmentLineId": line["id"], "quantity": line["quantity"]} for line in shipment["lines"]]
    answer = mall_api.data(RETURN, {"shipment": shipment["id"], "lines": lines, "reason": reason}, member.token)
    assert answer["returnRequestCreate"]["errors"] == []
    assert mall_api.balance(member)["available"] == 0

    # when: the clerk finds the request and approves it with the return address
    page = await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Returns")
    await page.get_by_label("Search").fill(reason)
    await page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text=reason)
    await expect(row).to_have_count(1)
    await visit.shot("partner-return-requested")
    await row.get_by_label("Decision").select_option("true")
    await row.get_by_label("Note to the member").fill("Please send it to 1 Jade Road, Hangzhou 310000")
    await row.get_by_role("button", name="Send decision").click()

    # then: it leaves the requested list and waits to be received
    await expect(page.get_by_role("row").filter(has_text=reason)).to_have_count(0)
    await page.get_by_label("Status").select_option("approved")
    await page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text=reason)
    await expect(row.locator(".badge")).to_have_text("Approved")
    await visit.shot("partner-return-approved")

    # when: the goods arrive
    await row.get_by_role("button", name="Goods received").click()

    # then: the points are back with the member
    await expect(page.get_by_role("row").filter(has_text=reason)).to_have_count(0)
    statuses = mall_api.data(SHIPMENTS, {"id": order.id}, member.token)["order"]["returnRequests"]
    assert statuses == [{"status": "RECEIVED"}]
    assert mall_api.balance(member)["available"] == gift.points

    # and: in Chinese
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("退货")
    await visit.shot("partner-returns-zh")
