"""What a member's order page reads about returns: `Order.returnRequests` (the owner or MANAGE_ORDERS) and
the channel's `returnWindowDays`."""

from __future__ import annotations

from datetime import UTC, datetime

from fulfilment.models import Shipment, ShipmentLine
from tests.factories import make_member, token_for
from tests.fulfilment.webhook_client import event, send
from tests.fulfilment.world import build_mall, fulfil, gid, make_carrier, operator_token

ASK = """
mutation Ask($fulfillment: ID!, $lines: [ReturnRequestLineInput!]!) {
  returnRequestCreate(fulfillment: $fulfillment, lines: $lines, reason: "Wrong colour") {
    returnRequest { id } errors { field code message } } }
"""
RETURNS = """
query Returns($id: ID!) { order(id: $id) {
  channel { returnWindowDays }
  returnRequests { status reason pointsRefunded fulfillmentId lines { fulfillmentLineId quantity } } } }
"""


async def test_the_owner_reads_the_returns_of_their_order_and_another_member_cannot(api, http, settings):
    # given: the partner's gift delivered, and the member asked to return it
    mall = await build_mall(settings)
    await make_carrier("swift")
    operator = await operator_token(settings)
    shipped = await fulfil(api, operator, mall, (mall.partner_line, mall.partner_warehouse, 1),
                           trackingNumber="SF7", carrierCode="swift")
    await send(http, event("d1", "SF7", "delivered", datetime.now(UTC).replace(microsecond=0).isoformat()))
    line_id = gid("FulfillmentLine", (await ShipmentLine.get(shipment_id=(await Shipment.get()).id)).id)
    fulfillment_id = shipped["fulfillments"][0]["id"]
    owner = token_for(mall.world.member, settings)
    asked = await api.ok(ASK, {"fulfillment": fulfillment_id, "lines": [{"fulfillmentLineId": line_id,
                                                                         "quantity": 1}]}, owner)
    assert asked["returnRequestCreate"]["errors"] == []
    order_id = gid("Order", mall.order.id)
    stranger = token_for(await make_member(settings, "stranger@example.com"), settings)

    # when
    as_owner = (await api.ok(RETURNS, {"id": order_id}, owner))["order"]
    as_operator = (await api.ok(RETURNS, {"id": order_id}, operator))["order"]
    as_stranger = await api.post(RETURNS, {"id": order_id}, stranger)

    # then
    assert as_owner == {"channel": {"returnWindowDays": 7}, "returnRequests": [
        {"status": "REQUESTED", "reason": "Wrong colour", "pointsRefunded": 0, "fulfillmentId": fulfillment_id,
         "lines": [{"fulfillmentLineId": line_id, "quantity": 1}]}]}
    assert as_operator == as_owner
    assert as_stranger.error_codes == ["PermissionDenied"]
