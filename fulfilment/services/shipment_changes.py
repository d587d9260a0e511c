"""Changes to an existing shipment: approve one that waits, cancel one that has not left, type its tracking
number (the manual hand-off).

Each is a conditional update on the shipment's status, so two staff acting at once cannot both apply.

Errors (DomainError, FulfilmentErrorCode): NOT_FOUND (another partner's shipment or warehouse),
INVALID (not waiting for approval, no stock row to restock into), CANNOT_CANCEL_FULFILLMENT (already with
the carrier, or cancelled), INSUFFICIENT_STOCK (approval).
"""

from __future__ import annotations

from tortoise.expressions import Q

from catalog.models import Warehouse  # read-only: whose warehouse it is
from catalog.services.stock import lock_stocks, stock_row
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import HandoffStatus, Shipment, ShipmentLine, ShipmentStatus, TrackingStatus
from fulfilment.services.access import Shipper
from fulfilment.services.handoff import begin_handoff
from fulfilment.services.lifecycle import move_shipment
from fulfilment.services.shipments import notify_shipped, notify_tracking, record_on_order
from kernel import clock
from kernel.errors import DomainError
from mall.actors import missing
from orders.models import Order, OrderLine
from orders.services.shipments import (
    lock_stock_for_shipping,
    put_back,
    record_event,
    ship_units,
    unfulfil_units,
)

CANCELLABLE = [ShipmentStatus.FULFILLED, ShipmentStatus.WAITING_FOR_APPROVAL]
NOT_LEFT_YET = [TrackingStatus.PRE_TRANSIT]


async def shipment_for_change(shipper: Shipper, shipment_id: int, field: str = "id") -> Shipment:
    """The shipment with its order row locked (one change of an order at a time); another partner's is absent."""
    shipment = await Shipment.get_or_none(id=shipment_id)
    if shipment is None or not shipper.owns(shipment):
        raise missing(field, f"Fulfillment:{shipment_id}", FulfilmentErrorCode.NOT_FOUND)
    await Order.filter(id=shipment.order_id).select_for_update().first()  # type: ignore[attr-defined]
    await shipment.fetch_related("order", "warehouse", "carrier")
    return shipment


async def approve_shipment(shipper: Shipper, shipment: Shipment, allow_stock_to_be_exceeded: bool,
                           notify_customer: bool) -> Shipment:
    """A shipment waiting for approval leaves: its stock ships and its hand-off starts."""
    if not await move_shipment(shipment.id, [ShipmentStatus.WAITING_FOR_APPROVAL], ShipmentStatus.FULFILLED):
        raise DomainError.single(
            "id",
            "Invalid fulfillment status, only WAITING_FOR_APPROVAL fulfillments can be accepted.",
            FulfilmentErrorCode.INVALID,
        )
    shipment.status = ShipmentStatus.FULFILLED
    lines = await ShipmentLine.filter(shipment_id=shipment.id).select_related("order_line")
    await lock_stock_for_shipping([line.order_line for line in lines], [shipment.warehouse_id])  # type: ignore[attr-defined]
    for line in lines:
        stock_id = await ship_units(line.order_line, shipment.warehouse_id, line.quantity,  # type: ignore[attr-defined]
                                    allow_stock_to_be_exceeded)
        await ShipmentLine.filter(id=line.id).update(stock_id=stock_id)
    await begin_handoff(shipment, shipment.tracking_number)
    await record_on_order(shipment.order, [shipment], shipper.actor, "FULFILLMENT_FULFILLED_ITEMS")
    if notify_customer:
        await notify_shipped(shipment.order, [shipment])
    return shipment


async def _restock_row(line: ShipmentLine, warehouse_id: str | None) -> int | None:
    if warehouse_id is None:
        return line.stock_id
    row = await stock_row(warehouse_id, line.order_line.variant_id)
    if row is None:
        raise DomainError.single(
            "warehouse_id", "This warehouse does not stock the shipped gift.", FulfilmentErrorCode.INVALID
        )
    return row.id


async def cancel_shipment(shipper: Shipper, shipment: Shipment, warehouse_id: str | None) -> Shipment:
    """Cancel a shipment that has not left: its units are to be fulfilled again, its stock goes back on the
    shelf (into `warehouse_id` when given) promised to the order again."""
    if warehouse_id is not None and not shipper.owns(await _warehouse(warehouse_id)):
        raise missing("warehouse_id", f"Warehouse:{warehouse_id}", FulfilmentErrorCode.NOT_FOUND)
    was_shipped = shipment.status == ShipmentStatus.FULFILLED
    cancelled = await move_shipment(shipment.id, CANCELLABLE, ShipmentStatus.CANCELED, _not_left())
    if not cancelled:
        raise DomainError.single(
            "id", "This fulfillment can't be canceled.", FulfilmentErrorCode.CANNOT_CANCEL_FULFILLMENT
        )
    shipment.status = ShipmentStatus.CANCELED
    lines = await ShipmentLine.filter(shipment_id=shipment.id).select_related("order_line")
    restock_rows = [await _restock_row(line, warehouse_id) if was_shipped else None for line in lines]
    await lock_stocks([row for row in restock_rows if row is not None])  # the global lock order: mall.locking
    for line, restock_row in zip(lines, restock_rows, strict=True):
        await unfulfil_units(line.order_line.id, line.quantity)
        if was_shipped:
            await put_back(line.order_line.id, restock_row, line.quantity)
    await record_on_order(shipment.order, [shipment], shipper.actor, "FULFILLMENT_CANCELED")
    return shipment


def _not_left() -> Q:
    return Q(tracking_status__isnull=True) | Q(tracking_status__in=NOT_LEFT_YET)


async def _warehouse(warehouse_id: str) -> Warehouse:
    found = await Warehouse.get_or_none(id=warehouse_id)
    if found is None:
        raise missing("warehouse_id", f"Warehouse:{warehouse_id}", FulfilmentErrorCode.NOT_FOUND)
    return found


async def update_tracking(shipper: Shipper, shipment: Shipment, tracking_number: str,
                          notify_customer: bool) -> Shipment:
    """Type the tracking number: a shipped parcel without one is then handed over (manual mode)."""
    if shipment.status == ShipmentStatus.CANCELED:
        raise DomainError.single("id", "A cancelled fulfillment has no tracking.", FulfilmentErrorCode.INVALID)
    values: dict[str, object] = {"tracking_number": tracking_number.strip()}
    if shipment.status == ShipmentStatus.FULFILLED and shipment.handoff_status != HandoffStatus.HANDED_OVER:
        values.update(handoff_status=HandoffStatus.HANDED_OVER, handed_over_at=clock.now())
    await Shipment.filter(id=shipment.id).update(**values)
    await shipment.refresh_from_db()
    await record_event(shipment.order, "TRACKING_UPDATED", shipper.actor, "",
                       {"fulfillment": shipment.id, "tracking_number": shipment.tracking_number})
    if notify_customer:
        await notify_tracking(shipment.order, shipment)
    return shipment


async def lines_of(shipment: Shipment) -> list[tuple[OrderLine, int]]:
    rows = await ShipmentLine.filter(shipment_id=shipment.id).select_related("order_line")
    return [(row.order_line, row.quantity) for row in rows]
