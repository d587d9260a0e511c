"""Shipments (Saleor's fulfilments): an order's lines leave in one shipment per warehouse.

Creating one counts the units as fulfilled on the order lines, ships the allocated stock (unless the
shipment waits for approval), starts the hand-off to the carrier and moves the order's status
(UNFULFILLED -> PARTIALLY_FULFILLED -> FULFILLED). Partner staff ship only their own lines from their own
warehouses.

Errors (DomainError, FulfilmentErrorCode): NOT_FOUND (order line, warehouse, another partner's rows),
ZERO_QUANTITY, DUPLICATED_INPUT_ITEM, FULFILL_ORDER_LINE, INSUFFICIENT_STOCK, INVALID (order or shipment
status), CANNOT_CANCEL_FULFILLMENT.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from catalog.models import Warehouse  # read-only: which partner owns the warehouse
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import ReturnLine, ReturnStatus, Shipment, ShipmentLine, ShipmentStatus
from fulfilment.services.access import Shipper
from fulfilment.services.carriers import active_carrier, warehouse_carrier
from fulfilment.services.handoff import begin_handoff
from fulfilment.services.notices import tell_shipped
from kernel.errors import DomainError
from mall.actors import missing
from orders.models import Order, OrderLine, OrderStatus
from orders.services.shipments import fulfil_units, lock_stock_for_shipping, record_change, ship_units

FULFILLABLE = {OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.PARTIALLY_RETURNED}
NOT_SHIPPED = {ShipmentStatus.CANCELED, ShipmentStatus.WAITING_FOR_APPROVAL}
FAILED = {ShipmentStatus.REFUNDED, ShipmentStatus.REFUNDED_AND_RETURNED}


@dataclass(frozen=True)
class StockPick:
    warehouse_id: str
    quantity: int


@dataclass(frozen=True)
class LinePick:
    order_line_id: str
    stocks: list[StockPick]


@dataclass(frozen=True)
class FulfilRequest:
    lines: list[LinePick]
    tracking_number: str = ""
    carrier_code: str | None = None
    allow_stock_to_be_exceeded: bool = False
    approved: bool = True
    notify_customer: bool = False


@dataclass
class Plan:
    """The checked request: per warehouse, the lines and units leaving it."""

    warehouses: dict[str, Warehouse] = field(default_factory=dict)
    picks: dict[str, list[tuple[OrderLine, int]]] = field(default_factory=lambda: defaultdict(list))


def _check_order(order: Order) -> None:
    if OrderStatus(order.status) not in FULFILLABLE:
        label = OrderStatus(order.status).value.replace("_", " ")
        raise DomainError.single("order", f"Cannot fulfill an order that is {label}.", FulfilmentErrorCode.INVALID)


def _check_quantities(pick: LinePick, line: OrderLine) -> None:
    total = sum(stock.quantity for stock in pick.stocks)
    if total <= 0 or any(stock.quantity < 0 for stock in pick.stocks):
        raise DomainError.single("lines", "Total quantity must be larger than 0.", FulfilmentErrorCode.ZERO_QUANTITY,
                                 order_lines=[str(line.id)])
    if total > line.quantity - line.quantity_fulfilled:
        raise DomainError.single(
            "order_line_id", f"Only {line.quantity - line.quantity_fulfilled} items can be fulfilled on this line.",
            FulfilmentErrorCode.FULFILL_ORDER_LINE, order_lines=[str(line.id)],
        )


async def _lines(shipper: Shipper, order: Order, picks: list[LinePick]) -> dict[str, OrderLine]:
    ids = [pick.order_line_id for pick in picks]
    if not ids:
        raise DomainError.single("lines", "Give at least one order line to fulfil.", FulfilmentErrorCode.REQUIRED)
    if len(set(ids)) != len(ids):
        raise DomainError.single(
            "order_line_id", "Duplicated order line ID.", FulfilmentErrorCode.DUPLICATED_INPUT_ITEM
        )
    rows = {str(line.id): line for line in await OrderLine.filter(order_id=order.id, id__in=ids)}
    for pick in picks:
        line = rows.get(pick.order_line_id)
        if line is None or not shipper.owns(line):
            raise missing("order_line_id", f"OrderLine:{pick.order_line_id}", FulfilmentErrorCode.NOT_FOUND)
        _check_quantities(pick, line)
    return rows


async def _warehouses(shipper: Shipper, picks: list[LinePick]) -> dict[str, Warehouse]:
    wanted = {stock.warehouse_id for pick in picks for stock in pick.stocks}
    rows = {str(row.id): row for row in await Warehouse.filter(id__in=list(wanted))}
    for warehouse_id in sorted(wanted):
        if warehouse_id not in rows or not shipper.owns(rows[warehouse_id]):
            raise missing("warehouse", f"Warehouse:{warehouse_id}", FulfilmentErrorCode.NOT_FOUND)
    return rows


async def plan_shipments(shipper: Shipper, order: Order, request: FulfilRequest) -> Plan:
    _check_order(order)
    lines = await _lines(shipper, order, request.lines)
    plan = Plan(warehouses=await _warehouses(shipper, request.lines))
    for pick in request.lines:
        for stock in pick.stocks:
            if stock.quantity > 0:
                plan.picks[stock.warehouse_id].append((lines[pick.order_line_id], stock.quantity))
    return plan


async def _next_sequence(order_id: object) -> int:
    last = await Shipment.filter(order_id=order_id).order_by("-sequence").first()
    return (last.sequence if last else 0) + 1


async def _create_one(order: Order, warehouse: Warehouse, picks: list[tuple[OrderLine, int]],
                      request: FulfilRequest) -> Shipment:
    status = ShipmentStatus.FULFILLED if request.approved else ShipmentStatus.WAITING_FOR_APPROVAL
    shipment = await Shipment.create(order=order, sequence=await _next_sequence(order.id), warehouse=warehouse,
                                     partner_code=warehouse.partner_code, status=status)
    for line, quantity in picks:
        await fulfil_units(line, quantity)
        stock_id = None
        if request.approved:
            stock_id = await ship_units(line, warehouse.id, quantity, request.allow_stock_to_be_exceeded)
        await ShipmentLine.create(shipment=shipment, order_line=line, stock_id=stock_id, quantity=quantity)
    return shipment


async def create_shipments(shipper: Shipper, order: Order, request: FulfilRequest) -> list[Shipment]:
    """Ship the requested units, one shipment per warehouse. Call with the order row locked."""
    plan = await plan_shipments(shipper, order, request)
    named = await active_carrier(request.carrier_code, "carrier_code") if request.carrier_code else None
    if request.approved:
        lines = [line for picks in plan.picks.values() for line, _ in picks]
        await lock_stock_for_shipping(lines, list(plan.picks))
    shipments = []
    for warehouse_id, picks in plan.picks.items():
        shipment = await _create_one(order, plan.warehouses[warehouse_id], picks, request)
        shipment.carrier = named or await warehouse_carrier(warehouse_id)
        await begin_handoff(shipment, request.tracking_number.strip())
        shipments.append(shipment)
    event = "FULFILLMENT_FULFILLED_ITEMS" if request.approved else "FULFILLMENT_AWAITS_APPROVAL"
    await record_on_order(order, shipments, shipper.actor, event)
    if request.notify_customer and request.approved:
        await notify_shipped(order, shipments)
    return shipments


async def record_on_order(order: Order, shipments: list[Shipment], actor: str, event: str) -> None:
    shipped, returned = await order_units(order.id)
    units = await ShipmentLine.filter(shipment_id__in=[s.id for s in shipments]).values_list("quantity", flat=True)
    data = {"fulfillments": [s.id for s in shipments], "quantity": sum(units)}
    await record_change(order, shipped, returned, actor, event, data=data)


async def order_units(order_id: object) -> tuple[int, int]:
    """(units shipped, units given back) of an order: failed deliveries and received returns count as back."""
    rows = await ShipmentLine.filter(shipment__order_id=order_id).values_list("quantity", "shipment__status")
    shipped = sum(quantity for quantity, status in rows if status not in NOT_SHIPPED)
    failed = sum(quantity for quantity, status in rows if status in FAILED)
    received = await ReturnLine.filter(
        return_request__order_id=order_id, return_request__status=ReturnStatus.RECEIVED
    ).values_list("quantity", flat=True)
    return shipped, failed + sum(received)


async def notify_shipped(order: Order, shipments: list[Shipment]) -> None:
    """Tell the member their gifts left (once per set of shipments, however often the use case is retried).
    A later tracking number is news of its own: it is keyed by the number (see update_tracking)."""
    keys = "-".join(str(s.id) for s in shipments)
    await tell_shipped(order, shipments, f"shipments:{keys}:shipped")


async def notify_tracking(order: Order, shipment: Shipment) -> None:
    """Tell the member a shipment's (new) tracking number: once per number."""
    await tell_shipped(order, [shipment], f"shipments:{shipment.id}:tracking:{shipment.tracking_number}")
