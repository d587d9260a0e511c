"""Saleor's fulfilment mutations, with the reference SDL's arguments, inputs, payloads and OrderErrorCodes:
`orderFulfill`, `orderFulfillmentUpdateTracking`, `orderFulfillmentCancel`, `orderFulfillmentApprove`.

Each requires MANAGE_ORDERS. The operator's staff ship from any warehouse; a partner's staff only their
partner's lines from their partner's warehouses (the rest looks absent: NOT_FOUND); issuer staff do not ship.
Shipments wait for `orderFulfillmentApprove` when FULFILLMENT_AUTO_APPROVE is false (Saleor's
`fulfillmentAutoApprove`; default true).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from fulfilment.errors import FulfilmentErrorCode
from fulfilment.graphql.types import Fulfillment
from fulfilment.models import Shipment
from fulfilment.services import shipment_changes
from fulfilment.services.access import Shipper
from fulfilment.services.shipments import FulfilRequest, LinePick, StockPick, create_shipments
from mall.accounts.models import ScopeKind
from mall.actors import missing
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id_for_mutation
from mall.graphql.permissions import require_permission
from orders.graphql.common import actor_of, channel_row
from orders.graphql.enums import OrderErrorCode
from orders.graphql.errors import (
    CATALOG_AS_ORDER,
    ERRORS,
    LEDGER_AS_ORDER,
    ORDERS_AS_ORDER,
    OrderError,
    order_errors_alias,
    run_order,
)
from orders.graphql.inputs import uuid_id
from orders.graphql.order import Order
from orders.models import Order as OrderModel
from orders.services.visibility import may_see_order

MANAGE_ORDERS = "MANAGE_ORDERS"
# Shipping takes stock and moves the order; cancelling a shipment may give stock (and points) back.
SHIPMENT_ERRORS = ErrorCodes(
    OrderErrorCode, same_names(FulfilmentErrorCode, OrderErrorCode), ORDERS_AS_ORDER, CATALOG_AS_ORDER, LEDGER_AS_ORDER,
)


@strawberry.input
class OrderFulfillStockInput:
    quantity: int = strawberry.field(description="The number of line items to be fulfilled from given warehouse.")
    warehouse: strawberry.ID = strawberry.field(description="ID of the warehouse from which the item will be "
                                                "fulfilled.")


@strawberry.input
class OrderFulfillLineInput:
    order_line_id: strawberry.ID | None = strawberry.field(default=None, description="The ID of the order line.")
    stocks: list[OrderFulfillStockInput] = strawberry.field(description="List of stock items to create.")


@strawberry.input
class OrderFulfillInput:
    lines: list[OrderFulfillLineInput] = strawberry.field(description="List of items informing how to fulfill "
                                                          "the order.")
    notify_customer: bool | None = strawberry.field(default=None, description="If true, send an email "
                                                    "notification to the customer.")
    allow_stock_to_be_exceeded: bool | None = strawberry.field(default=False, description="If true, then allow "
                                                               "proceed fulfillment when stock is exceeded.")
    tracking_number: str | None = strawberry.field(default=None, description="Fulfillment tracking number.")
    carrier_code: str | None = strawberry.field(default=None, description="Points mall: the carrier collecting "
                                                "the parcels (default: the warehouse's carrier).")


@strawberry.input
class FulfillmentUpdateTrackingInput:
    tracking_number: str | None = strawberry.field(default=None, description="Fulfillment tracking number.")
    notify_customer: bool | None = strawberry.field(default=False, description="If true, send an email "
                                                    "notification to the customer.")


@strawberry.input
class FulfillmentCancelInput:
    warehouse_id: strawberry.ID | None = strawberry.field(default=None, description="ID of a warehouse where "
                                                          "items will be restocked. Optional when fulfillment is "
                                                          "in WAITING_FOR_APPROVAL state.")


@strawberry.type(description="Creates new fulfillments for an order.")
class OrderFulfill:
    fulfillments: list[Fulfillment] | None = strawberry.field(default=None, description="List of created "
                                                              "fulfillments.")
    order: Order | None = strawberry.field(default=None, description="Fulfilled order.")
    order_errors: list[OrderError] = order_errors_alias()
    errors: list[OrderError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type
class FulfillmentPayload:
    fulfillment: Fulfillment | None = strawberry.field(default=None, description="The fulfillment.")
    order: Order | None = strawberry.field(default=None, description="Order of the fulfillment.")
    order_errors: list[OrderError] = order_errors_alias()
    errors: list[OrderError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="Updates a fulfillment for an order.")
class FulfillmentUpdateTracking(FulfillmentPayload):
    pass


@strawberry.type(description="Cancels existing fulfillment and optionally restocks items.")
class FulfillmentCancel(FulfillmentPayload):
    pass


@strawberry.type(description="Approve existing fulfillment.")
class FulfillmentApprove(FulfillmentPayload):
    pass


async def shipper_of(info: Info) -> Shipper:
    """The operator's staff, or a partner's staff confined to their partner. Needs MANAGE_ORDERS."""
    principal = await require_permission(info, MANAGE_ORDERS)
    scope = principal.scope
    if scope is not None and scope.kind != ScopeKind.PARTNER:
        raise PermissionDenied(message="Only the operator and partner merchants ship orders.")
    return Shipper(actor=actor_of(principal), partner_code=scope.code if scope else None)


def _warehouse_pk(global_id: str, field: str) -> str:
    return str(uuid_id(global_id, "Warehouse", field))


def _request(input: OrderFulfillInput, approved: bool) -> FulfilRequest:
    lines = []
    for line in input.lines:
        if line.order_line_id is None:
            raise missing("orderLineId", "OrderLine:None", ApiErrorCode.NOT_FOUND)
        stocks = [StockPick(_warehouse_pk(s.warehouse, "warehouse"), s.quantity) for s in line.stocks]
        lines.append(LinePick(str(uuid_id(line.order_line_id, "OrderLine", "orderLineId")), stocks))
    return FulfilRequest(lines, tracking_number=input.tracking_number or "", carrier_code=input.carrier_code,
                         allow_stock_to_be_exceeded=bool(input.allow_stock_to_be_exceeded), approved=approved,
                         notify_customer=bool(input.notify_customer))


async def _locked_order(shipper: Shipper, info: Info, global_id: str | None) -> OrderModel:
    pk: uuid.UUID = uuid_id(global_id or "", "Order", "order")
    order = await OrderModel.filter(id=pk).select_for_update().first()
    principal = await info.context.principal()
    if order is None or not await may_see_order(principal.scope, order):
        raise missing("order", str(global_id), ApiErrorCode.NOT_FOUND)
    return order


async def order_node(info: Info, order: OrderModel) -> Order:
    fresh = await OrderModel.get(id=order.id)
    return Order.of(fresh, await channel_row(info.context, fresh.channel_id))  # type: ignore[attr-defined]


def _auto_approve(info: Info) -> bool:
    return info.context.settings.extra.get("FULFILLMENT_AUTO_APPROVE", "true").lower() not in {"0", "false", "no"}


async def _shipment_payload(info: Info, payload: type, shipment: Shipment) -> Any:
    order = await order_node(info, shipment.order)
    fresh = await Shipment.get(id=shipment.id)
    return payload(fulfillment=Fulfillment.of(fresh, order.channel_model), order=order)


def _run_on_shipment(info: Info, payload: type, global_id: str, act: Any) -> Any:
    async def work() -> Any:
        shipper = await shipper_of(info)
        shipment_id = parse_int_id_for_mutation(global_id, "Fulfillment", "id")
        shipment = await shipment_changes.shipment_for_change(shipper, shipment_id)
        await act(shipper, shipment)
        return await _shipment_payload(info, payload, shipment)

    return run_order(payload, work, SHIPMENT_ERRORS)


@strawberry.type
class ShipmentMutations:
    @strawberry.mutation(description="Creates new fulfillments for an order: one per warehouse. "
                         "Requires one of the following permissions: MANAGE_ORDERS.")
    async def order_fulfill(
        self, info: Info,
        input: Annotated[OrderFulfillInput, strawberry.argument(description="Fields required to create a "
                                                                "fulfillment.")],
        order: Annotated[strawberry.ID | None, strawberry.argument(description="ID of the order to be "
                                                                   "fulfilled.")] = None,
    ) -> OrderFulfill | None:
        await shipper_of(info)

        async def work() -> OrderFulfill:
            shipper = await shipper_of(info)
            locked = await _locked_order(shipper, info, order)
            shipments = await create_shipments(shipper, locked, _request(input, _auto_approve(info)))
            node = await order_node(info, locked)
            fresh = await Shipment.filter(id__in=[s.id for s in shipments]).order_by("sequence")
            return OrderFulfill(fulfillments=[Fulfillment.of(s, node.channel_model) for s in fresh], order=node)

        return await run_order(OrderFulfill, work, SHIPMENT_ERRORS)

    @strawberry.mutation(description="Updates a fulfillment for an order. "
                         "Requires one of the following permissions: MANAGE_ORDERS.")
    async def order_fulfillment_update_tracking(
        self, info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="ID of a fulfillment to update.")],
        input: Annotated[FulfillmentUpdateTrackingInput, strawberry.argument(description="Fields required to "
                                                                             "update a fulfillment.")],
    ) -> FulfillmentUpdateTracking | None:
        await shipper_of(info)

        async def act(shipper: Shipper, shipment: Shipment) -> None:
            await shipment_changes.update_tracking(shipper, shipment, input.tracking_number or "",
                                                   bool(input.notify_customer))

        return await _run_on_shipment(info, FulfillmentUpdateTracking, id, act)

    @strawberry.mutation(description="Cancels existing fulfillment and optionally restocks items. "
                         "Requires one of the following permissions: MANAGE_ORDERS.")
    async def order_fulfillment_cancel(
        self, info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="ID of a fulfillment to cancel.")],
        input: Annotated[FulfillmentCancelInput | None, strawberry.argument(description="Fields required to "
                                                                            "cancel a fulfillment.")] = None,
    ) -> FulfillmentCancel | None:
        await shipper_of(info)
        warehouse = input.warehouse_id if input is not None else None

        async def act(shipper: Shipper, shipment: Shipment) -> None:
            warehouse_pk = _warehouse_pk(warehouse, "warehouseId") if warehouse else None
            await shipment_changes.cancel_shipment(shipper, shipment, warehouse_pk)

        return await _run_on_shipment(info, FulfillmentCancel, id, act)

    @strawberry.mutation(description="Approve existing fulfillment. "
                         "Requires one of the following permissions: MANAGE_ORDERS.")
    async def order_fulfillment_approve(
        self, info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="ID of a fulfillment to approve.")],
        notify_customer: Annotated[bool, strawberry.argument(description="True if confirmation email should be "
                                                             "send.")],
        allow_stock_to_be_exceeded: Annotated[bool | None, strawberry.argument(description="True if stock could "
                                                                               "be exceeded.")] = False,
    ) -> FulfillmentApprove | None:
        await shipper_of(info)

        async def act(shipper: Shipper, shipment: Shipment) -> None:
            await shipment_changes.approve_shipment(shipper, shipment, bool(allow_stock_to_be_exceeded),
                                                    notify_customer)

        return await _run_on_shipment(info, FulfillmentApprove, id, act)
