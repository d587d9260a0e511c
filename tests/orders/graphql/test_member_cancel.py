"""`orderCancelByMember`: a member cancels their own order while nothing has shipped (points and stock go
back exactly); another member's order and a shipped order are refused with nothing changed."""

from __future__ import annotations

from catalog.models import Stock, Warehouse
from mall.graphql.ids import to_global_id
from orders.models import Order, OrderLine, OrderStatus
from tests.factories import make_member, make_staff, token_for
from tests.orders.graphql.helpers import shopper, snapshot
from tests.orders.services.world import GIFT_POINTS, available

CANCEL = """
mutation Cancel($id: ID!) {
  orderCancelByMember(id: $id) {
    order { number status paymentStatus totalRefunded { amount } }
    errors { field code message }
  }
}
"""
FULFILL = """
mutation Fulfill($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) { order { status } errors { field code message } }
}
"""


async def allocated(world) -> int:
    return sum(await Stock.filter(variant_id=world.item.id).values_list("quantity_allocated", flat=True))


async def ship_everything(api, settings, order: dict) -> None:
    """The operator ships every unit of the order from the gift's warehouse."""
    operator = token_for(await make_staff("ops@example.com", ["MANAGE_ORDERS"]), settings)
    row = await Order.get(number=int(order["number"]))
    line = await OrderLine.get(order_id=row.id)
    depot = await Warehouse.get(slug="dc-tea-1")
    stocks = [{"warehouse": to_global_id("Warehouse", depot.id), "quantity": line.quantity}]
    variables = {"order": order["id"], "input": {"lines": [
        {"orderLineId": to_global_id("OrderLine", line.id), "stocks": stocks}]}}
    answer = (await api.ok(FULFILL, variables, operator))["orderFulfill"]
    assert answer["errors"] == [], answer


async def test_a_member_cancels_their_own_order_and_gets_points_and_stock_back(api, settings):
    # given: 10,000 points, an order of two gifts
    member = await shopper(api, settings, stock=5, points=10_000)
    order = await member.placed_order(quantity=2)
    spent = await available(member.world)

    # when
    canceled = (await member.call(CANCEL, id=order["id"]))["orderCancelByMember"]

    # then
    assert spent == 10_000 - 2 * GIFT_POINTS
    assert canceled == {"errors": [], "order": {
        "number": order["number"], "status": "CANCELED", "paymentStatus": "FULLY_REFUNDED",
        "totalRefunded": {"amount": 2.0 * GIFT_POINTS}}}
    assert await available(member.world) == 10_000
    assert await allocated(member.world) == 0


async def test_another_members_order_is_not_found_and_nothing_changes(api, settings):
    # given
    member = await shopper(api, settings)
    order = await member.placed_order()
    stranger = token_for(await make_member(settings, "stranger@example.com"), settings)
    before = await snapshot(member.world)

    # when
    refused = (await api.ok(CANCEL, {"id": order["id"]}, stranger))["orderCancelByMember"]
    anonymous = await api.post(CANCEL, {"id": order["id"]})

    # then
    assert refused == {"order": None, "errors": [
        {"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {order['id']}"}]}
    assert (anonymous.data, anonymous.error_codes) == ({"orderCancelByMember": None}, ["PermissionDenied"])
    assert await snapshot(member.world) == before
    assert (await Order.get(number=int(order["number"]))).status == OrderStatus.UNFULFILLED


async def test_a_shipped_order_cannot_be_canceled_and_nothing_changes(api, settings):
    # given: the order has left the warehouse
    member = await shopper(api, settings)
    order = await member.placed_order()
    await ship_everything(api, settings, order)
    before = await snapshot(member.world)

    # when
    refused = (await member.call(CANCEL, id=order["id"]))["orderCancelByMember"]

    # then
    assert refused == {"order": None, "errors": [
        {"field": "id", "code": "CANNOT_CANCEL_ORDER", "message": "This order can't be canceled."}]}
    assert await snapshot(member.world) == before
    assert (await Order.get(number=int(order["number"]))).status == OrderStatus.FULFILLED
