"""What a shipment's last tracking status means for the member and the partner.

    delivered                      the shipment is closed: `delivered_at` is the carrier's time of delivery
    return_to_sender, failure      the member gets the lines' points (and cash) back automatically, once,
                                   and the goods are restocked or written off as the partner chose

Errors: none expected (the conditional updates make a second outcome a no-op); the ledger's refusals
propagate as DomainError and roll the webhook's transaction back.
"""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q

from catalog.services.stock import add_to_stock
from fulfilment.models import Shipment, ShipmentLine, ShipmentStatus, TrackingStatus
from fulfilment.services.lifecycle import move_shipment
from fulfilment.services.notices import tell_delivered
from fulfilment.services.shipments import record_on_order
from orders.models import Order
from orders.services.refunds import LineQuantity, RefundRequest, refund_lines
from orders.services.shipments import record_event
from partners.models import FailedDeliveryStock, Partner  # read-only: the partner's failed-delivery setting

FAILURES = {TrackingStatus.RETURN_TO_SENDER, TrackingStatus.FAILURE}


async def close_delivered(shipment: Shipment, delivered_at: datetime, actor: str) -> bool:
    """Record the delivery once; False when it was already recorded."""
    if not await Shipment.filter(id=shipment.id, delivered_at__isnull=True, status=ShipmentStatus.FULFILLED).update(
        delivered_at=delivered_at
    ):
        return False
    order = await Order.get(id=shipment.order_id)  # type: ignore[attr-defined]
    await record_event(order, "TRACKING_UPDATED", actor, "Delivered.",
                       {"fulfillment": shipment.id, "status": TrackingStatus.DELIVERED.value})
    await tell_delivered(order, shipment)
    return True


async def stock_policy(partner_code: str | None) -> FailedDeliveryStock:
    partner = await Partner.get_or_none(code=partner_code) if partner_code else None
    return FailedDeliveryStock(partner.failed_delivery_stock) if partner else FailedDeliveryStock.RESTOCK


async def refund_failed(shipment: Shipment, status: TrackingStatus, failed_at: datetime, actor: str) -> bool:
    """Give the member the shipment's value back, exactly once, and restock or write off its goods.
    False when the shipment had already failed (or was cancelled or delivered)."""
    policy = await stock_policy(shipment.partner_code)
    restocked = policy == FailedDeliveryStock.RESTOCK
    outcome = ShipmentStatus.REFUNDED_AND_RETURNED if restocked else ShipmentStatus.REFUNDED
    not_closed = Q(failed_at__isnull=True, delivered_at__isnull=True)
    if not await move_shipment(shipment.id, [ShipmentStatus.FULFILLED], outcome, not_closed, failed_at=failed_at):
        return False
    order = await Order.get(id=shipment.order_id)  # type: ignore[attr-defined]
    lines = await ShipmentLine.filter(shipment_id=shipment.id).select_related("order_line")
    reason = f"delivery failed ({status.value})"
    refunded = await refund_lines(order, [LineQuantity(line.order_line, line.quantity) for line in lines],
                                  RefundRequest(f"shipment:{shipment.id}:failed", actor, reason))
    await Shipment.filter(id=shipment.id).update(points_refunded=refunded.points)
    await _dispose(order, shipment, lines, restocked, actor)
    await record_on_order(order, [shipment], actor, "FULFILLMENT_RETURNED")
    return True


async def _dispose(order: Order, shipment: Shipment, lines: list[ShipmentLine], restocked: bool, actor: str) -> None:
    quantity = sum(line.quantity for line in lines)
    data = {"fulfillment": shipment.id, "quantity": quantity, "warehouse": str(shipment.warehouse_id)}  # type: ignore[attr-defined]
    if not restocked:
        await record_event(order, "OTHER", actor, "Failed delivery written off.", data)
        return
    for line in sorted(lines, key=lambda line: line.stock_id or 0):  # the global lock order: mall.locking
        if line.stock_id is not None:
            await add_to_stock(line.stock_id, line.quantity)
    await record_event(order, "FULFILLMENT_RESTOCKED_ITEMS", actor, "Failed delivery restocked.", data)
