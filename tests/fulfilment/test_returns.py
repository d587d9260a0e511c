"""Member returns: asked within the return window, decided by the partner, refunded when received; and the
reads settlement uses (partner lines delivered / returned in a period)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from catalog.models import Stock
from fulfilment.models import ReturnRequest, ReturnStatus, Shipment, ShipmentLine
from fulfilment.services.reports import delivered_lines, late_shipments, returned_lines
from tests.factories import make_member, token_for
from tests.fulfilment.webhook_client import event, send
from tests.fulfilment.world import PARTNER_POINTS, build_mall, fulfil, gid, make_carrier, operator_token, partner_token
from tests.orders.services.world import available

ASK = """
mutation Ask($fulfillment: ID!, $lines: [ReturnRequestLineInput!]!) {
  returnRequestCreate(fulfillment: $fulfillment, lines: $lines, reason: "Wrong colour") {
    returnRequest { id status } errors { field code message } } }
"""
DECIDE = """
mutation Decide($id: ID!) { returnRequestDecide(id: $id, approve: true) { returnRequest { status } errors { code } } }
"""
RECEIVE = """
mutation Receive($id: ID!) { returnRequestReceive(id: $id) {
  returnRequest { status pointsRefunded events { status } } errors { code } } }
"""


async def delivered_partner_gift(api, http, settings, delivered_at: str):
    mall = await build_mall(settings)
    await make_carrier("swift")
    answer = await fulfil(api, await operator_token(settings), mall, (mall.partner_line, mall.partner_warehouse, 1),
                          trackingNumber="SF7", carrierCode="swift")
    await send(http, event("d1", "SF7", "delivered", delivered_at))
    shipment = await Shipment.get()
    line = await ShipmentLine.get(shipment_id=shipment.id)
    return mall, answer["fulfillments"][0]["id"], [{"fulfillmentLineId": gid("FulfillmentLine", line.id),
                                                    "quantity": 1}]


async def test_a_member_returns_a_delivered_gift_and_gets_the_points_back_when_it_is_received(api, http, settings):
    # given
    now = datetime.now(UTC).replace(microsecond=0)
    mall, shipment_id, lines = await delivered_partner_gift(api, http, settings, now.isoformat())
    member = token_for(mall.world.member, settings)
    partner = await partner_token(settings)
    before = await available(mall.world)

    # when
    asked = (await api.ok(ASK, {"fulfillment": shipment_id, "lines": lines}, member))["returnRequestCreate"]
    approved = (await api.ok(DECIDE, {"id": asked["returnRequest"]["id"]}, partner))["returnRequestDecide"]
    received = (await api.ok(RECEIVE, {"id": asked["returnRequest"]["id"]}, partner))["returnRequestReceive"]

    # then
    assert (asked["returnRequest"]["status"], approved["returnRequest"]["status"]) == ("REQUESTED", "APPROVED")
    assert received["returnRequest"] == {"status": "RECEIVED", "pointsRefunded": PARTNER_POINTS,
                                         "events": [{"status": "REQUESTED"}, {"status": "APPROVED"},
                                                    {"status": "RECEIVED"}]}
    assert await available(mall.world) == before + PARTNER_POINTS
    assert (await Stock.get(variant_id=mall.partner_item.id)).quantity == 4
    period = (now - timedelta(days=1), now + timedelta(days=1))
    assert [(line.quantity, line.unit_price_points) for line in await delivered_lines("ACME", *period)] == [
        (1, PARTNER_POINTS)]
    assert [line.quantity for line in await returned_lines("ACME", *period)] == [1]
    assert await delivered_lines("OTHER", *period) == []


async def test_a_return_after_the_window_is_refused(api, http, settings):
    # given: delivered 8 days ago, the channel's window is 7 days
    delivered = (datetime.now(UTC) - timedelta(days=8)).replace(microsecond=0)
    mall, shipment_id, lines = await delivered_partner_gift(api, http, settings, delivered.isoformat())

    # when
    asked = (await api.ok(ASK, {"fulfillment": shipment_id, "lines": lines},
                          token_for(mall.world.member, settings)))["returnRequestCreate"]

    # then
    assert [(e["field"], e["code"]) for e in asked["errors"]] == [("fulfillment", "INVALID")]
    assert await ReturnRequest.all().count() == 0


async def test_another_member_cannot_return_the_gift(api, http, settings):
    # given
    _, shipment_id, lines = await delivered_partner_gift(api, http, settings, datetime.now(UTC).isoformat())
    stranger = token_for(await make_member(settings, "lu@example.com"), settings)

    # when
    asked = (await api.ok(ASK, {"fulfillment": shipment_id, "lines": lines}, stranger))["returnRequestCreate"]

    # then
    assert [(e["field"], e["code"]) for e in asked["errors"]] == [("fulfillment", "NOT_FOUND")]
    assert await ReturnRequest.filter(status=ReturnStatus.REQUESTED).count() == 0


async def test_a_shipment_not_handed_over_in_time_is_late(api, settings):
    # given: a manual shipment without a tracking number, created just now
    mall = await build_mall(settings)
    await make_carrier("swift")
    await fulfil(api, await operator_token(settings), mall, (mall.operator_line, mall.operator_warehouse, 2),
                 carrierCode="swift")

    # when: looked at three days later (the carrier's hand-over limit is two)
    late = await late_shipments(datetime.now(UTC) + timedelta(days=3))
    on_time = await late_shipments(datetime.now(UTC))

    # then
    assert [(item.shipment.id, item.late_for) for item in late] == [((await Shipment.get()).id, "handover")]
    assert on_time == []
