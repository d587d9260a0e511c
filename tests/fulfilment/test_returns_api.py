"""Returns through the API with partner scoping: `returnRequests` lists a partner's returns to that partner's
staff and the operator only; another partner can neither decide nor receive them (NOT_FOUND, nothing
changed); the points come back exactly once however often the goods are reported received."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from catalog.models import Stock
from fulfilment.models import ReturnEvent, ReturnRequest
from ledger.verify import verify_ledger
from orders.models import Order, OrderEvent
from tests.factories import make_staff, token_for
from tests.fulfilment.test_returns import ASK, DECIDE, RECEIVE, delivered_partner_gift
from tests.fulfilment.world import PARTNER_POINTS, Mall, partner_token
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import available

RETURNS = "query { returnRequests { id status reason pointsRefunded lines { quantity } } }"
REJECT = """
mutation Reject($id: ID!) { returnRequestDecide(id: $id, approve: false, note: "Used") {
  returnRequest { status } errors { field code } } }
"""


async def requested_return(api: GraphQLClient, http, settings) -> tuple[Mall, str]:
    """A member asked to return ACME's delivered umbrella."""
    mall, shipment_id, lines = await delivered_partner_gift(api, http, settings, datetime.now(UTC).isoformat())
    asked = (await api.ok(ASK, {"fulfillment": shipment_id, "lines": lines},
                          token_for(mall.world.member, settings)))["returnRequestCreate"]
    return mall, asked["returnRequest"]["id"]


async def operator(settings) -> str:
    return token_for(await make_staff("returns@example.com", ["MANAGE_ORDERS"]), settings)


async def snapshot(mall: Mall) -> tuple[object, ...]:
    """What a refused return mutation must leave untouched."""
    request = await ReturnRequest.get()
    return (request.status, request.points_refunded, await ReturnEvent.all().count(), await available(mall.world),
            (await Stock.get(variant_id=mall.partner_item.id)).quantity,
            await OrderEvent.filter(order_id=mall.order.id).count())


async def test_returns_are_listed_for_their_partner_and_the_operator_only(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    expected = [{"id": return_id, "status": "REQUESTED", "reason": "Wrong colour", "pointsRefunded": 0,
                 "lines": [{"quantity": 1}]}]

    # when
    as_operator = (await api.ok(RETURNS, token=await operator(settings)))["returnRequests"]
    as_acme = (await api.ok(RETURNS, token=await partner_token(settings)))["returnRequests"]
    as_other = (await api.ok(RETURNS, token=await partner_token(settings, "OTHER")))["returnRequests"]
    as_member = await api.post(RETURNS, token=token_for(mall.world.member, settings))
    anonymous = await api.post(RETURNS)

    # then
    assert (as_operator, as_acme, as_other) == (expected, expected, [])
    assert [(a.data, a.error_codes) for a in (as_member, anonymous)] == [(None, ["PermissionDenied"])] * 2


async def test_another_partner_can_neither_decide_nor_receive_the_return(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    other = await partner_token(settings, "OTHER")
    before = await snapshot(mall)

    # when
    decided = (await api.ok(DECIDE, {"id": return_id}, other))["returnRequestDecide"]
    received = (await api.ok(RECEIVE, {"id": return_id}, other))["returnRequestReceive"]

    # then
    assert decided == {"returnRequest": None, "errors": [{"code": "NOT_FOUND"}]}
    assert received == {"returnRequest": None, "errors": [{"code": "NOT_FOUND"}]}
    assert await snapshot(mall) == before


async def test_members_cannot_decide_their_own_return(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    before = await snapshot(mall)

    # when
    answer = await api.post(DECIDE, {"id": return_id}, token_for(mall.world.member, settings))

    # then
    assert (answer.data, answer.error_codes) == ({"returnRequestDecide": None}, ["PermissionDenied"])
    assert await snapshot(mall) == before


async def test_goods_received_twice_give_the_points_back_once(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    acme = await partner_token(settings)
    await api.ok(DECIDE, {"id": return_id}, acme)
    before = await available(mall.world)

    # when
    first = (await api.ok(RECEIVE, {"id": return_id}, acme))["returnRequestReceive"]
    second = (await api.ok(RECEIVE, {"id": return_id}, acme))["returnRequestReceive"]

    # then
    assert first["returnRequest"]["pointsRefunded"] == PARTNER_POINTS
    assert second == {"returnRequest": None, "errors": [{"code": "INVALID"}]}
    assert await available(mall.world) == before + PARTNER_POINTS
    assert (await Order.get(id=mall.order.id)).points_refunded == PARTNER_POINTS
    assert (await Stock.get(variant_id=mall.partner_item.id)).quantity == 4
    assert await ReturnEvent.filter(status="received").count() == 1
    assert (await verify_ledger()).ok


async def test_goods_reported_received_at_once_by_two_staff_give_the_points_back_once(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    acme = await partner_token(settings)
    await api.ok(DECIDE, {"id": return_id}, acme)
    staff = [acme, await operator(settings)] * 3
    before = await available(mall.world)

    # when
    answers = await asyncio.gather(*(api.ok(RECEIVE, {"id": return_id}, token) for token in staff))

    # then
    outcomes = sorted("received" if a["returnRequestReceive"]["returnRequest"] else
                      a["returnRequestReceive"]["errors"][0]["code"] for a in answers)
    assert outcomes == ["INVALID"] * 5 + ["received"]
    assert await available(mall.world) == before + PARTNER_POINTS
    assert (await Order.get(id=mall.order.id)).points_refunded == PARTNER_POINTS
    assert (await Stock.get(variant_id=mall.partner_item.id)).quantity == 4
    assert (await verify_ledger()).ok


async def test_a_rejected_return_is_never_received(api, http, settings):
    # given
    mall, return_id = await requested_return(api, http, settings)
    acme = await partner_token(settings)
    rejected = (await api.ok(REJECT, {"id": return_id}, acme))["returnRequestDecide"]
    before = await snapshot(mall)

    # when
    received = (await api.ok(RECEIVE, {"id": return_id}, acme))["returnRequestReceive"]
    approved = (await api.ok(DECIDE, {"id": return_id}, acme))["returnRequestDecide"]

    # then
    assert rejected == {"returnRequest": {"status": "REJECTED"}, "errors": []}
    assert received == {"returnRequest": None, "errors": [{"code": "INVALID"}]}
    assert approved == {"returnRequest": None, "errors": [{"code": "INVALID"}]}
    assert await snapshot(mall) == before
