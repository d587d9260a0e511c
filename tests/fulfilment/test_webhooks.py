"""Carrier tracking webhooks: signed, fresh, once; events kept in the member's timeline in carrier-time
order; delivery closes a shipment, a failed delivery gives the points back exactly once."""

from __future__ import annotations

import time

import pytest

from catalog.models import Stock
from fulfilment.models import Shipment, ShipmentStatus, TrackingEvent, WebhookReceipt
from fulfilment.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER
from orders.models import Order, OrderEvent
from partners.models import FailedDeliveryStock, Partner
from tests.factories import token_for
from tests.fulfilment.webhook_client import event, send, stale_headers
from tests.fulfilment.world import GIFT_POINTS, PARTNER_POINTS, build_mall, fulfil, make_carrier, operator_token
from tests.orders.services.world import available

TIMELINE = """
query Order($id: ID!) { order(id: $id) { status fulfillments {
  trackingNumber trackingStatus trackingUrl deliveredAt
  trackingEvents { status occurredAt location description } } } }
"""


async def shipped(api, settings, partner: bool = False):
    """An order whose operator gift (or partner gift) left with carrier `swift` under tracking SF1."""
    mall = await build_mall(settings)
    await make_carrier("swift")
    token = await operator_token(settings)
    pick = (mall.partner_line, mall.partner_warehouse, 1) if partner else (
        mall.operator_line, mall.operator_warehouse, 2)
    answer = await fulfil(api, token, mall, pick, trackingNumber="SF1", carrierCode="swift")
    assert answer["errors"] == []
    return mall


async def state() -> tuple:
    shipment = await Shipment.get()
    return (await TrackingEvent.all().count(), await WebhookReceipt.all().count(), shipment.tracking_status,
            shipment.status, shipment.delivered_at)


async def test_events_build_the_members_timeline_in_carrier_time_order(api, http, settings):
    # given
    mall = await shipped(api, settings)
    newer = event("e2", "SF1", "in_transit", "2026-11-02T08:00:00Z", location="Hangzhou", description="Departed")
    older = event("e1", "SF1", "Picked up", "2026-11-01T09:30:00+08:00", location="Shanghai",
                  description="Collected")

    # when
    answers = [await send(http, newer), await send(http, older)]

    # then
    assert [(a.status_code, a.json()) for a in answers] == [(200, {"status": "applied"}),
                                                             (200, {"status": "recorded"})]
    data = await api.ok(TIMELINE, {"id": _order_id(mall)}, token_for(mall.world.member, settings))
    shipment = data["order"]["fulfillments"][0]
    assert shipment["trackingStatus"] == "IN_TRANSIT"
    assert shipment["trackingUrl"] == "https://track.example.com/SF1"
    assert shipment["trackingEvents"] == [
        {"status": "IN_TRANSIT", "occurredAt": "2026-11-01T01:30:00+00:00", "location": "Shanghai",
         "description": "Collected"},
        {"status": "IN_TRANSIT", "occurredAt": "2026-11-02T08:00:00+00:00", "location": "Hangzhou",
         "description": "Departed"},
    ]


def _order_id(mall) -> str:
    from mall.graphql.ids import to_global_id

    return to_global_id("Order", mall.order.id)


async def test_delivery_closes_the_shipment_and_a_later_older_event_does_not_reopen_it(api, http, settings):
    # given
    await shipped(api, settings)
    await send(http, event("e9", "SF1", "delivered", "2026-11-03T10:00:00Z"))

    # when
    late = await send(http, event("e5", "SF1", "out_for_delivery", "2026-11-03T07:00:00Z"))

    # then
    assert late.json() == {"status": "recorded"}
    shipment = await Shipment.get()
    assert (shipment.tracking_status.value, shipment.delivered_at.isoformat()) == (
        "delivered", "2026-11-03T10:00:00+00:00")


async def test_a_duplicate_event_id_is_ignored(api, http, settings):
    # given
    await shipped(api, settings)
    await send(http, event("e1", "SF1", "in_transit", "2026-11-01T10:00:00Z"))

    # when
    again = await send(http, event("e1", "SF1", "delivered", "2026-11-02T10:00:00Z"))

    # then
    assert again.json() == {"status": "duplicate"}
    assert await TrackingEvent.all().count() == 1
    assert (await Shipment.get()).tracking_status.value == "in_transit"


@pytest.mark.parametrize(("how", "status_code"), [
    ("unsigned", 401), ("bad signature", 401), ("stale", 401), ("unknown carrier", 404),
    ("unknown shipment", 404), ("not an event", 400),
])
async def test_refused_requests_change_nothing(api, http, settings, how, status_code):
    # given
    await shipped(api, settings)
    before = await state()
    body = event("e1", "SF404" if how == "unknown shipment" else "SF1", "delivered", "2026-11-03T10:00:00Z")
    options = {
        "unsigned": {"headers": {}},
        "bad signature": {"secret": "not-the-secret"},
        "stale": {"headers": stale_headers(body)},
        "unknown carrier": {"code": "nobody"},
        "unknown shipment": {},
        "not an event": {},
    }[how]
    if how == "not an event":
        body = b'{"event_id": "e1", "tracking_number": "SF1", "status": "teleported"}'

    # when
    answer = await send(http, body, **options)

    # then
    assert answer.status_code == status_code
    assert await state() == before


async def test_a_replayed_request_is_refused(api, http, settings):
    # given
    await shipped(api, settings)
    body = event("e1", "SF1", "in_transit", "2026-11-01T10:00:00Z")
    first = await send(http, body)
    before = await state()

    # when: the very same signed request again
    replay = await http.post("/webhooks/carriers/swift", content=body, headers={
        TIMESTAMP_HEADER: first.request.headers[TIMESTAMP_HEADER],
        SIGNATURE_HEADER: first.request.headers[SIGNATURE_HEADER]})

    # then
    assert (first.status_code, replay.status_code) == (200, 409)
    assert await state() == before


async def test_a_failed_delivery_refunds_the_points_once_and_restocks(api, http, settings):
    # given
    mall = await shipped(api, settings)
    points_before = await available(mall.world)

    # when: the failure arrives twice (a carrier retry with a new event id, and the same event again)
    first = await send(http, event("f1", "SF1", "return_to_sender", "2026-11-04T10:00:00Z"))
    second = await send(http, event("f2", "SF1", "failure", "2026-11-04T11:00:00Z"))
    third = await send(http, event("f1", "SF1", "return_to_sender", "2026-11-04T10:00:00Z"),
                       now_seconds=time.time() + 5)  # re-sent later: signed anew

    # then
    assert [a.json()["status"] for a in (first, second, third)] == ["applied", "recorded", "duplicate"]
    assert await available(mall.world) == points_before + 2 * GIFT_POINTS
    order = await Order.get(id=mall.order.id)
    assert (order.points_refunded, order.status.value) == (2 * GIFT_POINTS, "partially_returned")
    shipment = await Shipment.get()
    assert (shipment.status, shipment.points_refunded) == (ShipmentStatus.REFUNDED_AND_RETURNED, 2 * GIFT_POINTS)
    assert (await Stock.get(variant_id=mall.world.item.id)).quantity == 5
    types = await OrderEvent.filter(order_id=mall.order.id).values_list("type", flat=True)
    assert types[-3:] == ["FULFILLMENT_REFUNDED", "FULFILLMENT_RESTOCKED_ITEMS", "FULFILLMENT_RETURNED"]


async def test_a_partner_that_writes_failed_deliveries_off_gets_no_stock_back(api, http, settings):
    # given
    mall = await shipped(api, settings, partner=True)
    await Partner.filter(code="ACME").update(failed_delivery_stock=FailedDeliveryStock.WRITE_OFF)
    points_before = await available(mall.world)

    # when
    await send(http, event("f1", "SF1", "failure", "2026-11-04T10:00:00Z", description="Parcel damaged"))

    # then
    assert await available(mall.world) == points_before + PARTNER_POINTS
    assert (await Shipment.get()).status == ShipmentStatus.REFUNDED
    assert (await Stock.get(variant_id=mall.partner_item.id)).quantity == 3
