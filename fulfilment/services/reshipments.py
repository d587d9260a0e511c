"""Reshipment: the same goods again, in a new shipment, when the first one was lost or arrived damaged (a
customer service case decides it).

The new shipment leaves the original's warehouse with the original's lines and units, taking free stock
(the order's allocation was shipped with the original). It does not count as more units fulfilled on the
order lines (the member ordered them once) and it starts its own hand-off to the carrier. The order's
timeline records it. Partner staff reship only their own shipments.

Errors (DomainError codes, FulfilmentErrorCode): NOT_FOUND (no such shipment, or another partner's), INVALID
(the original never shipped); OrdersErrorCode.INSUFFICIENT_STOCK (the warehouse lacks the units).
"""

from __future__ import annotations

from catalog.models import ProductVariant  # read-only: is the gift's inventory tracked?
from catalog.services.stock import lock_stocks, ship_free, stock_row
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import Shipment, ShipmentLine, ShipmentStatus
from fulfilment.services.access import Shipper
from fulfilment.services.carriers import warehouse_carrier
from fulfilment.services.handoff import begin_handoff
from kernel.errors import DomainError
from mall.actors import missing
from orders.errors import OrdersErrorCode
from orders.models import Order, OrderLine
from orders.services.shipments import record_event

NEVER_SHIPPED = {ShipmentStatus.CANCELED, ShipmentStatus.WAITING_FOR_APPROVAL}
RESHIPMENT_OF = "reshipment_of"  # private metadata of a reshipment: the shipment it replaces


async def _stock_for(line: OrderLine, warehouse_id: object, quantity: int) -> int | None:
    """Take `quantity` free units of the line's gift in the warehouse; the stock row used (None: untracked)."""
    variant = await ProductVariant.get_or_none(id=line.variant_id)  # type: ignore[attr-defined]
    if variant is not None and not variant.track_inventory:
        return None
    stock = await stock_row(warehouse_id, line.variant_id)  # type: ignore[attr-defined]
    if stock is None or not await ship_free(stock.id, quantity):
        raise DomainError.single("fulfillment", f"Insufficient product stock: {line.product_name}",
                                 OrdersErrorCode.INSUFFICIENT_STOCK)
    return stock.id


async def reship(shipper: Shipper, shipment_id: int, reason: str) -> Shipment:
    """A new shipment of the original's lines, from the same warehouse, handed to its carrier."""
    original = await Shipment.get_or_none(id=shipment_id).select_related("carrier")
    if original is None or not shipper.owns(original):
        raise missing("fulfillment", f"Fulfillment:{shipment_id}", FulfilmentErrorCode.NOT_FOUND)
    if ShipmentStatus(original.status) in NEVER_SHIPPED:
        raise DomainError.single("fulfillment", "Only a shipment that left can be sent again.",
                                 FulfilmentErrorCode.INVALID)
    order = await Order.get(id=original.order_id)  # type: ignore[attr-defined]
    lines = await ShipmentLine.filter(shipment_id=original.id).select_related("order_line")
    await lock_stocks(warehouse_ids=[original.warehouse_id],  # type: ignore[attr-defined]
                      variant_ids=[line.order_line.variant_id for line in lines])  # type: ignore[attr-defined]
    last = await Shipment.filter(order_id=order.id).order_by("-sequence").first()
    shipment = await Shipment.create(
        order=order, sequence=(last.sequence if last else 0) + 1, warehouse_id=original.warehouse_id,  # type: ignore[attr-defined]
        partner_code=original.partner_code, status=ShipmentStatus.FULFILLED,
        private_metadata={RESHIPMENT_OF: str(original.id)},
    )
    for line in lines:
        stock_id = await _stock_for(line.order_line, original.warehouse_id, line.quantity)  # type: ignore[attr-defined]
        await ShipmentLine.create(shipment=shipment, order_line=line.order_line, stock_id=stock_id,
                                  quantity=line.quantity)
    shipment.carrier = original.carrier or await warehouse_carrier(original.warehouse_id)  # type: ignore[attr-defined]
    await begin_handoff(shipment, "")
    await record_event(order, "OTHER", shipper.actor, f"Reshipped: {reason}"[:500],
                       {"fulfillment": shipment.id, "reshipment_of": original.id})
    return shipment
