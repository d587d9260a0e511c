"""Saleor's fulfilment mutations: shipping lines per warehouse, the order's status, stock, cancelling,
approving, tracking numbers, and partner staff confined to their own lines and warehouses."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from fulfilment.models import Shipment, ShipmentLine
from mall.app import create_app
from orders.models import OrderEvent, OrderLine, OrderStatus
from tests.conftest import TEST_PUBLIC_URL
from tests.fulfilment.world import (
    FULFILL,
    build_mall,
    fulfil,
    fulfil_input,
    gid,
    make_carrier,
    operator_token,
    partner_token,
    stock_of,
)
from tests.graphql_client import GraphQLClient

CANCEL = """
mutation Cancel($id: ID!, $input: FulfillmentCancelInput) {
  orderFulfillmentCancel(id: $id, input: $input) { fulfillment { status } order { status } errors { field code } }
}
"""
TRACKING = """
mutation Tracking($id: ID!, $input: FulfillmentUpdateTrackingInput!) {
  orderFulfillmentUpdateTracking(id: $id, input: $input) {
    fulfillment { trackingNumber trackingUrl } order { status } errors { field code }
  }
}
"""
APPROVE = """
mutation Approve($id: ID!) {
  orderFulfillmentApprove(id: $id, notifyCustomer: false) { fulfillment { status } order { status } errors { code } }
}
"""


async def test_fulfilling_every_line_ships_the_stock_and_fulfils_the_order(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)

    # when
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2),
                          (mall.partner_line, mall.partner_warehouse, 1), trackingNumber="SF100")

    # then
    assert answer["errors"] == []
    assert [(f["fulfillmentOrder"], f["status"], f["trackingNumber"], f["warehouse"]["name"])
            for f in answer["fulfillments"]] == [(1, "FULFILLED", "SF100", "DC TEA-1"),
                                                  (2, "FULFILLED", "SF100", "ACME Depot")]
    assert answer["order"]["status"] == "FULFILLED"
    assert sorted((line["productSku"], line["quantityFulfilled"], line["quantityToFulfill"])
                  for line in answer["order"]["lines"]) == [("TEA-1", 2, 0), ("UMB-1", 1, 0)]
    assert await stock_of(mall.world.item.id, mall.operator_warehouse) == (3, 0)
    assert await stock_of(mall.partner_item.id, mall.partner_warehouse) == (3, 0)
    types = await OrderEvent.filter(order_id=mall.order.id).values_list("type", flat=True)
    assert types == ["PLACED", "FULFILLMENT_FULFILLED_ITEMS"]


async def test_a_partial_fulfilment_then_the_rest(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)

    # when
    first = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 1))
    second = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 1),
                          (mall.partner_line, mall.partner_warehouse, 1))

    # then
    assert (first["order"]["status"], second["order"]["status"]) == ("PARTIALLY_FULFILLED", "FULFILLED")
    assert [f["fulfillmentOrder"] for f in second["fulfillments"]] == [2, 3]


async def test_more_units_than_left_are_refused_and_nothing_changes(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)

    # when
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 3))

    # then
    assert [(e["field"], e["code"], e["orderLines"]) for e in answer["errors"]] == [
        ("orderLineId", "FULFILL_ORDER_LINE", [gid("OrderLine", mall.operator_line.id)])
    ]
    assert await Shipment.all().count() == 0
    assert await stock_of(mall.world.item.id, mall.operator_warehouse) == (5, 2)
    assert (await OrderLine.get(id=mall.operator_line.id)).quantity_fulfilled == 0


async def test_partner_staff_ship_their_own_lines_from_their_own_warehouse(api, settings):
    # given
    mall = await build_mall(settings)
    token = await partner_token(settings)

    # when
    answer = await fulfil(api, token, mall, (mall.partner_line, mall.partner_warehouse, 1))

    # then
    assert answer["errors"] == []
    assert answer["order"]["status"] == "PARTIALLY_FULFILLED"
    assert (await Shipment.get()).partner_code == "ACME"


@pytest.mark.parametrize(("line", "depot", "field"), [
    ("operator_line", "partner_warehouse", "orderLineId"),  # another owner's line
    ("partner_line", "operator_warehouse", "warehouse"),  # another owner's warehouse
])
async def test_partner_staff_cannot_ship_what_is_not_theirs(api, settings, line, depot, field):
    # given
    mall = await build_mall(settings)
    token = await partner_token(settings)

    # when
    answer = await fulfil(api, token, mall, (getattr(mall, line), getattr(mall, depot), 1))

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [(field, "NOT_FOUND")]
    assert await Shipment.all().count() == 0
    assert (await OrderLine.get(id=getattr(mall, line).id)).quantity_fulfilled == 0


async def test_issuer_staff_and_members_do_not_ship(api, settings):
    # given
    mall = await build_mall(settings)
    from mall.accounts.models import ScopeKind
    from tests.factories import make_staff, token_for

    issuer = token_for(await make_staff("bank@example.com", ["MANAGE_ORDERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                       settings)
    variables = {"order": gid("Order", mall.order.id),
                 "input": fulfil_input((mall.operator_line, mall.operator_warehouse, 1))}

    # when
    as_issuer = await api.post(FULFILL, variables, issuer)

    # then
    assert as_issuer.error_codes == ["PermissionDenied"]
    assert await Shipment.all().count() == 0


async def test_cancelling_a_shipment_puts_the_stock_back_and_reopens_the_order(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2))
    shipment_id = answer["fulfillments"][0]["id"]

    # when
    cancelled = (await api.ok(CANCEL, {"id": shipment_id}, token))["orderFulfillmentCancel"]

    # then
    assert cancelled == {"fulfillment": {"status": "CANCELED"}, "order": {"status": "UNFULFILLED"}, "errors": []}
    assert await stock_of(mall.world.item.id, mall.operator_warehouse) == (5, 2)
    assert (await OrderLine.get(id=mall.operator_line.id)).quantity_fulfilled == 0


async def test_a_cancelled_shipment_cannot_be_cancelled_again(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)
    shipment_id = (await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2)))[
        "fulfillments"][0]["id"]
    await api.ok(CANCEL, {"id": shipment_id}, token)

    # when
    again = (await api.ok(CANCEL, {"id": shipment_id}, token))["orderFulfillmentCancel"]

    # then
    assert again["errors"] == [{"field": "id", "code": "CANNOT_CANCEL_FULFILLMENT"}]
    assert await stock_of(mall.world.item.id, mall.operator_warehouse) == (5, 2)


async def test_typing_the_tracking_number_hands_a_manual_shipment_over(api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)
    await make_carrier("swift")
    answer = await fulfil(api, token, mall, (mall.operator_line, mall.operator_warehouse, 2), carrierCode="swift")
    shipment_id = answer["fulfillments"][0]["id"]

    # when
    updated = (await api.ok(TRACKING, {"id": shipment_id, "input": {"trackingNumber": "SF42"}}, token))[
        "orderFulfillmentUpdateTracking"]

    # then
    assert updated["fulfillment"] == {"trackingNumber": "SF42", "trackingUrl": "https://track.example.com/SF42"}
    shipment = await Shipment.get()
    assert (shipment.handoff_status.value, shipment.handed_over_at is not None) == ("handed_over", True)


@pytest.fixture
async def approving_api(settings):
    app = create_app(replace(settings, extra={"FULFILLMENT_AUTO_APPROVE": "false"}), manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.2", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield GraphQLClient(client)


async def test_without_auto_approval_a_shipment_waits_and_ships_its_stock_when_approved(approving_api, settings):
    # given
    mall = await build_mall(settings)
    token = await operator_token(settings)
    answer = await fulfil(approving_api, token, mall, (mall.operator_line, mall.operator_warehouse, 2))
    waiting = answer["fulfillments"][0]
    stock_while_waiting = await stock_of(mall.world.item.id, mall.operator_warehouse)

    # when
    approved = (await approving_api.ok(APPROVE, {"id": waiting["id"]}, token))["orderFulfillmentApprove"]
    again = (await approving_api.ok(APPROVE, {"id": waiting["id"]}, token))["orderFulfillmentApprove"]

    # then
    assert (waiting["status"], answer["order"]["status"]) == ("WAITING_FOR_APPROVAL", "UNFULFILLED")
    assert stock_while_waiting == (5, 2)
    assert approved == {"fulfillment": {"status": "FULFILLED"}, "order": {"status": "PARTIALLY_FULFILLED"},
                        "errors": []}
    assert await stock_of(mall.world.item.id, mall.operator_warehouse) == (3, 0)
    assert again["errors"] == [{"code": "INVALID"}]
    assert await ShipmentLine.filter(stock_id__isnull=False).count() == 1
    assert OrderStatus((await mall.order.__class__.get(id=mall.order.id)).status) == OrderStatus.PARTIALLY_FULFILLED
