"""Reads for the operator and for settlement: late shipments, and partner lines delivered or returned.

A reshipment (the same goods sent again for a customer service case, fulfilment.services.reshipments) is
never a partner's delivery or return: the goods were paid for once, with the shipment they replace.

Settlement counts a partner's goods by the carrier's delivery time (`Shipment.delivered_at`) and the time
a return was received (`ReturnRequest.received_at`), over half-open periods [start, end). Facts recorded
after their period was settled are found by their accepted sequence, which follows commit order
(`last_accepted_sequence` is the watermark, `lines_accepted_after` what lies above it; see
fulfilment.services.acceptance).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q

from fulfilment.models import Carrier, ReturnLine, ReturnStatus, Shipment, ShipmentLine, ShipmentStatus
from fulfilment.services.acceptance import last_accepted_sequence
from fulfilment.services.reshipments import RESHIPMENT_OF
from orders.models import OrderLine  # read-only: what a delivered line was ordered at

# Service level of shipments without a carrier (the partner delivers them itself).
DEFAULT_HANDOVER_DAYS = 2
DEFAULT_DELIVERY_DAYS = 5
MAX_ROWS = 500

__all__ = ["AcceptedLines", "LateShipment", "PartnerLine", "delivered_lines", "last_accepted_sequence",
           "late_shipments", "lines_accepted_after", "returned_lines"]


@dataclass(frozen=True)
class LateShipment:
    shipment: Shipment
    late_for: str  # "handover" or "delivery"
    due_at: datetime


@dataclass(frozen=True)
class PartnerLine:
    """Units of an order line delivered (or returned) at `at`, with what settlement prices them at."""

    source: str  # delivery:<shipment line id> or return:<return line id>: unique, so each is settled once
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


def _paid_for(rows: list[dict[str, Any]], metadata: str) -> list[dict[str, Any]]:
    """The rows whose shipment is not a reshipment (its private metadata, `metadata`, names none)."""
    kept = []
    for row in rows:
        value = row[metadata]
        found = json.loads(value) if isinstance(value, str) else value or {}
        if RESHIPMENT_OF not in found:
            kept.append(row)
    return kept


async def delivered_lines(partner_code: str, start: datetime, end: datetime) -> list[PartnerLine]:
    """The partner's lines whose shipment was delivered in [start, end)."""
    rows = _paid_for(await ShipmentLine.filter(
        shipment__partner_code=partner_code, shipment__delivered_at__gte=start, shipment__delivered_at__lt=end
    ).values("id", "order_line_id", "shipment_id", "quantity", "shipment__delivered_at",
             "shipment__private_metadata"), "shipment__private_metadata")
    return await _priced([(f"delivery:{row['id']}", row["order_line_id"], row["shipment_id"], row["quantity"],
                           row["shipment__delivered_at"]) for row in rows])


async def returned_lines(partner_code: str, start: datetime, end: datetime) -> list[PartnerLine]:
    """The partner's lines whose return was received in [start, end)."""
    rows = _paid_for(await ReturnLine.filter(
        return_request__partner_code=partner_code, return_request__status=ReturnStatus.RECEIVED,
        return_request__received_at__gte=start, return_request__received_at__lt=end,
    ).values("id", "shipment_line__order_line_id", "shipment_line__shipment_id", "quantity",
             "return_request__received_at", "return_request__shipment__private_metadata"),
        "return_request__shipment__private_metadata")
    return await _priced([(f"return:{row['id']}", row["shipment_line__order_line_id"],
                           row["shipment_line__shipment_id"], row["quantity"], row["return_request__received_at"])
                          for row in rows])


def _above(watermark: int, prefix: str) -> Q:
    # Unnumbered facts are not accepted yet: they count as above every watermark.
    return Q(**{f"{prefix}accepted_sequence__isnull": True}) | Q(**{f"{prefix}accepted_sequence__gt": watermark})


@dataclass(frozen=True)
class AcceptedLines:
    delivered: list[PartnerLine]
    returned: list[PartnerLine]


async def lines_accepted_after(partner_code: str, watermark: int) -> AcceptedLines:
    """The partner's delivered lines and received return lines whose fact is numbered above `watermark` or
    not numbered yet, whenever they are stamped: every fact that a reader who saw `watermark` may have missed."""
    deliveries = _paid_for(await ShipmentLine.filter(
        _above(watermark, "shipment__"), shipment__partner_code=partner_code, shipment__delivered_at__isnull=False
    ).values("id", "order_line_id", "shipment_id", "quantity", "shipment__delivered_at",
             "shipment__private_metadata"), "shipment__private_metadata")
    returns = _paid_for(await ReturnLine.filter(
        _above(watermark, "return_request__"), return_request__partner_code=partner_code,
        return_request__status=ReturnStatus.RECEIVED, return_request__received_at__isnull=False,
    ).values("id", "shipment_line__order_line_id", "shipment_line__shipment_id", "quantity",
             "return_request__received_at", "return_request__shipment__private_metadata"),
        "return_request__shipment__private_metadata")
    return AcceptedLines(
        await _priced([(f"delivery:{row['id']}", row["order_line_id"], row["shipment_id"], row["quantity"],
                        row["shipment__delivered_at"]) for row in deliveries]),
        await _priced([(f"return:{row['id']}", row["shipment_line__order_line_id"],
                        row["shipment_line__shipment_id"], row["quantity"], row["return_request__received_at"])
                       for row in returns]),
    )


async def _priced(facts: list[tuple[str, object, int, int, datetime]]) -> list[PartnerLine]:
    """(source, order line id, shipment id, quantity, when) -> lines priced as ordered: one read of the
    order lines for all of them."""
    ids = sorted({str(order_line_id) for _, order_line_id, *_ in facts})
    lines = {str(line.id): line for line in await OrderLine.filter(id__in=ids)}
    priced = []
    for source, order_line_id, shipment_id, quantity, at in facts:
        line = lines[str(order_line_id)]
        priced.append(PartnerLine(source, str(line.id), shipment_id, quantity, at, line.unit_price_points,
                                  line.unit_cost_price, line.cost_currency))
    return priced
