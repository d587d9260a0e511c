"""Reads for the operator and for settlement: late shipments, and partner lines delivered or returned.

Settlement counts a partner's goods by the carrier's delivery time (`Shipment.delivered_at`) and the time
a return was received (`ReturnRequest.received_at`), over half-open periods [start, end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from tortoise.expressions import Q

from fulfilment.models import Carrier, ReturnLine, ReturnStatus, Shipment, ShipmentLine, ShipmentStatus

# Service level of shipments without a carrier (the partner delivers them itself).
DEFAULT_HANDOVER_DAYS = 2
DEFAULT_DELIVERY_DAYS = 5
MAX_ROWS = 500


@dataclass(frozen=True)
class LateShipment:
    shipment: Shipment
    late_for: str  # "handover" or "delivery"
    due_at: datetime


@dataclass(frozen=True)
class PartnerLine:
    """Units of an order line delivered (or returned) at `at`, with what settlement prices them at."""

    order_line_id: str
    shipment_id: int
    quantity: int
    at: datetime
    unit_price_points: int
    unit_cost_price: Decimal | None
    cost_currency: str


def _days(carrier: Carrier | None) -> tuple[int, int]:
    if carrier is None:
        return DEFAULT_HANDOVER_DAYS, DEFAULT_DELIVERY_DAYS
    return carrier.handover_days, carrier.delivery_days


async def _late_for(carrier: Carrier | None, now: datetime, partner_code: str | None) -> list[LateShipment]:
    handover_days, delivery_days = _days(carrier)
    base = Shipment.filter(status=ShipmentStatus.FULFILLED, delivered_at__isnull=True,
                           carrier_id=carrier.id if carrier else None)
    if partner_code is not None:
        base = base.filter(partner_code=partner_code)
    handover = await base.filter(handed_over_at__isnull=True,
                                 created_at__lt=now - timedelta(days=handover_days)).limit(MAX_ROWS)
    delivery = await base.filter(Q(tracking_status__isnull=True) | Q(tracking_status__not_in=["delivered"]),
                                 handed_over_at__lt=now - timedelta(days=delivery_days)).limit(MAX_ROWS)
    return ([LateShipment(s, "handover", s.created_at + timedelta(days=handover_days)) for s in handover]
            + [LateShipment(s, "delivery", s.handed_over_at + timedelta(days=delivery_days)) for s in delivery])


async def late_shipments(now: datetime, partner_code: str | None = None) -> list[LateShipment]:
    """Shipments not handed over, or not delivered, within their carrier's service level, oldest due first."""
    late: list[LateShipment] = []
    for carrier in [None, *await Carrier.all()]:
        late += await _late_for(carrier, now, partner_code)
    return sorted(late, key=lambda item: (item.due_at, item.shipment.id))[:MAX_ROWS]


async def delivered_lines(partner_code: str, start: datetime, end: datetime) -> list[PartnerLine]:
    """The partner's lines whose shipment was delivered in [start, end)."""
    rows = await ShipmentLine.filter(shipment__partner_code=partner_code, shipment__delivered_at__gte=start,
                                     shipment__delivered_at__lt=end).select_related("order_line", "shipment")
    return [PartnerLine(str(row.order_line.id), row.shipment.id, row.quantity, row.shipment.delivered_at,  # type: ignore[arg-type]
                        row.order_line.unit_price_points, row.order_line.unit_cost_price,
                        row.order_line.cost_currency) for row in rows]


async def returned_lines(partner_code: str, start: datetime, end: datetime) -> list[PartnerLine]:
    """The partner's lines whose return was received in [start, end)."""
    rows = await ReturnLine.filter(return_request__partner_code=partner_code,
                                   return_request__status=ReturnStatus.RECEIVED,
                                   return_request__received_at__gte=start,
                                   return_request__received_at__lt=end).select_related("shipment_line",
                                                                                       "return_request")
    found = []
    for row in rows:
        line = await row.shipment_line.order_line
        found.append(PartnerLine(str(line.id), row.shipment_line.shipment_id, row.quantity,  # type: ignore[attr-defined]
                                 row.return_request.received_at, line.unit_price_points,  # type: ignore[arg-type]
                                 line.unit_cost_price, line.cost_currency))
    return found
