"""What a partner delivered and got back in a period: the facts a partner statement is priced from.

Deliveries count at the carrier's delivery time (`Shipment.delivered_at`) and returns at the time the
partner received them (`ReturnRequest.received_at`, status received), as fulfilment's reports read them.
Each fact is given the order it belongs to (number, channel) by a read of the orders tables, and a source
key that is unique per fact (the shipment line or return line), so a delivery or a return is settled once.

Late arrivals: a delivery or return stamped inside a settled period but recorded (or committed) after that
period's run was on no statement. `accepted_after` lists the facts fulfilment accepted after a watermark
(its accepted sequence follows commit order); settlement.partner.late_arrivals picks the late ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from fulfilment.services.reports import (
    PartnerLine,
    delivered_lines,
    last_accepted_sequence,
    lines_accepted_after,
    returned_lines,
)
from orders.models import OrderLine  # read-only: which order and channel a delivered line belongs to


@dataclass(frozen=True)
class GoodsMovement:
    """Units of one order line delivered (positive quantity) or returned (negative), priced as ordered."""

    source: str  # delivery:<shipment line id> or return:<return line id>
    order_line_id: str
    quantity: int
    unit_price_points: int
    unit_cost_price: Decimal | None
    cost_currency: str
    at: datetime  # the carrier's delivery time, or when the return was received
    late: bool = False  # stamped in a period settled before it was recorded

    def as_late(self) -> GoodsMovement:
        return replace(self, late=True)


@dataclass(frozen=True)
class PlacedMovement:
    movement: GoodsMovement
    order_id: str
    order_number: int
    channel_id: int
    product_sku: str | None


class DeliveredGoods(Protocol):
    """Where deliveries and returns come from: fulfilment in the mall (`FulfilmentGoods`)."""

    async def movements(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]: ...

    async def watermark(self) -> int:
        """A commit-ordered mark: every fact accepted up to it is visible to the caller."""
        ...

    async def accepted_after(self, partner_code: str, watermark: int) -> list[GoodsMovement]:
        """Every movement accepted after `watermark`, or not accepted yet, whenever it is stamped."""
        ...


class FulfilmentGoods:
    """Fulfilment's shipments (by `delivered_at`) and received returns (by `received_at`), through its reads."""

    async def movements(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]:
        delivered = await delivered_lines(partner_code, start, end)
        returned = await returned_lines(partner_code, start, end)
        return [*(_movement(line, line.quantity) for line in delivered),
                *(_movement(line, -line.quantity) for line in returned)]

    async def watermark(self) -> int:
        return await last_accepted_sequence()

    async def accepted_after(self, partner_code: str, watermark: int) -> list[GoodsMovement]:
        accepted = await lines_accepted_after(partner_code, watermark)
        return [*(_movement(line, line.quantity) for line in accepted.delivered),
                *(_movement(line, -line.quantity) for line in accepted.returned)]


def _movement(line: PartnerLine, quantity: int) -> GoodsMovement:
    return GoodsMovement(line.source, line.order_line_id, quantity, line.unit_price_points, line.unit_cost_price,
                         line.cost_currency, line.at)


async def place(movements: Sequence[GoodsMovement]) -> list[PlacedMovement]:
    """Each movement with its order's id, number and channel, in source order."""
    ids = sorted({m.order_line_id for m in movements})
    rows = await OrderLine.filter(id__in=ids).values("id", "order_id", "order__number", "order__channel_id",
                                                     "product_sku")
    orders = {str(row["id"]): row for row in rows}
    placed = []
    for movement in sorted(movements, key=lambda m: m.source):
        row = orders[movement.order_line_id]
        placed.append(PlacedMovement(movement, str(row["order_id"]), int(row["order__number"]),
                                     int(row["order__channel_id"]), row["product_sku"]))
    return placed
