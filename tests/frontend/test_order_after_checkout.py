"""After checkout, on the order's page: cancel while nothing has shipped (points come back), follow each
shipment's tracking timeline (events from the carrier's signed webhook, newest first), and ask to return a
delivered gift. Orders are placed and shipped through the API; the member's part happens in the browser."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from tests.frontend.orders_api import PlacedOrder, carrier_reports, create_carrier, place_order, ship_order

pytestmark = pytest.mark.slow
GIFT_NAME = "Urban Drawing Set"
CARRIER_SECRET = "swift-secret-2026"


def drawing_set(mall_api):
    return next(gift for gift in mall_api.gifts(search="drawing") if gift.name == GIFT_NAME)


async def open_order(visit, member, order: PlacedOrder):
    page = await visit.open(f"/sign-in?next=/orders/{order.id}")
    await visit.sign_in(member.email, member.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")
    await visit.settled()
    return page


def shipped_with_tracking(mall_api, order: PlacedOrder, *events: tuple[str, str, str, timedelta]) -> str:
    """Ship the order with a new carrier that then reports `events` (status, location, text, how long ago)."""
    carrier = f"swift-{uuid.uuid4().hex[:8]}"
    tracking_number = f"SW{uuid.uuid4().hex[:10].upper()}"
    create_carrier(mall_api, carrier, CARRIER_SECRET)
    ship_order(mall_api, order, carrier, tracking_number)
    now = datetime.now(UTC).replace(microsecond=0)
    for status, location, description, ago in events:
        carrier_reports(mall_api, carrier, CARRIER_SECRET, tracking_number, status, (now - ago).isoformat(),
                        location, description)
    return tracking_number


async def test_a_member_cancels_an_order_that_has_not_shipped_and_gets_the_points_back(visit, mall_api):
    # given: a member with 100,000 points who redeemed a drawing set
    member = mall_api.member(points=100_000)
    gift = drawing_set(mall_api)
    order = place_order(mall_api, member, gift)

    # when: they open the order and ask to cancel it
    page = await open_order(visit, member, order)
    await expect(page.locator(".balance-chip")).to_have_text(f"{100_000 - gift.points:,} points")
    await page.get_by_role("button", name="Cancel order").click()
    await expect(page.get_by_text(f"Cancel order {order.number}? The gifts are released")).to_be_visible()
    await visit.shot("order-cancel-question")

    # then: "keep" changes nothing; "yes" cancels, and the points are back in the header and the API
    await page.get_by_role("button", name="Keep the order").click()
    await expect(page.get_by_role("button", name="Cancel order")).to_be_focused()
    await page.get_by_role("button", name="Cancel order").click()
    await page.get_by_role("button", name="Yes, cancel the order").click()
    await expect(page.get_by_role("status").filter(has_text=f"Order {order.number} is cancelled.")).to_be_visible()
    await expect(page.locator(".status")).to_have_text("Cancelled")
    await expect(page.locator(".balance-chip")).to_have_text("100,000 points")
    await expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    await visit.shot("order-canceled")
    assert mall_api.balance(member) == {"available": 100_000, "held": 0}


async def test_a_member_follows_the_tracking_timeline_of_a_shipment(visit, mall_api):
    # given: the order shipped; the carrier reported it picked up, then on its way
    member = mall_api.member(points=50_000)
    order = place_order(mall_api, member, drawing_set(mall_api))
    tracking_number = shipped_with_tracking(
        mall_api, order,
        ("picked_up", "Shanghai depot", "Parcel collected", timedelta(hours=5)),
        ("in_transit", "Hangzhou hub", "Departed sorting centre", timedelta(hours=2)),
    )

    # when
    page = await open_order(visit, member, order)

    # then: the shipment, its status, the carrier's link and its events newest first; no cancel any more
    shipment = page.get_by_role("region", name=re.compile("^Shipment 1"))
    await expect(page.locator(".status")).to_have_text("Shipped")
    await expect(shipment.locator(".shipment-status")).to_have_text("On its way")
    await expect(shipment).to_contain_text(f"Tracking number: {tracking_number}")
    link = shipment.get_by_role("link", name="Track on the carrier's site")
    await expect(link).to_have_attribute("href", f"https://track.example.com/{tracking_number}")
    await expect(shipment).to_contain_text(f"1 × {GIFT_NAME}")
    events = shipment.get_by_role("list", name="Tracking events").get_by_role("listitem")
    await expect(events).to_have_count(2)
    await expect(events.nth(0)).to_contain_text("On its way · Hangzhou hub")
    await expect(events.nth(0)).to_contain_text("Departed sorting centre")
    await expect(events.nth(1)).to_contain_text("Parcel collected")
    await expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    await expect(page.get_by_role("button", name="Return gifts")).to_have_count(0)
    await visit.shot("order-tracking")

    # and: in Chinese too
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("region", name="包裹 1 运输中")).to_contain_text("Hangzhou hub")
    await visit.shot("order-tracking-zh")


async def test_a_member_asks_to_return_a_delivered_gift(visit, mall_api):
    # given: the order was delivered an hour ago (the demo channel's return window is open)
    member = mall_api.member(points=50_000)
    order = place_order(mall_api, member, drawing_set(mall_api))
    shipped_with_tracking(mall_api, order, ("delivered", "Beijing", "Signed for by Ada", timedelta(hours=1)))

    # when: they open the return form, keep the one unit, give a reason and send it
    page = await open_order(visit, member, order)
    shipment = page.get_by_role("region", name=re.compile("^Shipment 1"))
    await expect(shipment.locator(".shipment-status")).to_have_text("Delivered")
    await expect(shipment).to_contain_text("You can ask to return these gifts until")
    await shipment.get_by_role("button", name="Return gifts").click()
    await expect(shipment.get_by_label(f"Units of {GIFT_NAME} to return")).to_have_value("1")
    await shipment.get_by_label("Reason for the return").fill("The colours are not what I expected")
    await visit.shot("order-return-form")
    await shipment.get_by_role("button", name="Ask to return").click()

    # then: the request is sent and its status stays on the order page after a reload
    await expect(page.get_by_role("status").filter(has_text="Your return request is sent.")).to_be_visible()
    await expect(shipment.locator(".return-status")).to_have_text(
        "Return: requested, waiting for the partner's answer")
    await expect(shipment.get_by_role("button", name="Return gifts")).to_have_count(0)
    await page.reload()
    await expect(shipment.locator(".return-status")).to_have_text(
        "Return: requested, waiting for the partner's answer")
    await visit.shot("order-return-requested")
