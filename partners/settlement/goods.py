"""What a partner delivered and got back in a period: the facts a partner statement is priced from.

Deliveries count at the carrier's delivery time (`Shipment.delivered_at`) and returns at the time the
partner received them (`ReturnRequest.received_at`, status received), read from fulfilment's models.
Each fact is given the order it belongs to (number, channel) by a read of the orders tables, and a source
key that is unique per fact (the shipment line or return line), so a delivery or a return is settled once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from fulfilment.models import ReturnLine, ReturnStatus, ShipmentLine  # read-only: deliveries and returns
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


class FulfilmentGoods:
    """Fulfilment's shipments (by `delivered_at`) and received returns (by `received_at`).

    Read straight from fulfilment's models: main has them but not yet fulfilment's report service
    (`delivered_lines` / `returned_lines`, same rules); switch to it once it lands.
    """

    async def movements(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]:
        return [*await self._delivered(partner_code, start, end), *await self._returned(partner_code, start, end)]

    async def _delivered(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]:
        rows = await ShipmentLine.filter(
            shipment__partner_code=partner_code, shipment__delivered_at__gte=start, shipment__delivered_at__lt=end
        ).values("id", "order_line_id", "quantity")
        lines = await _order_lines({str(row["order_line_id"]) for row in rows})
        return [_movement(f"delivery:{row['id']}", lines[str(row["order_line_id"])], int(row["quantity"]))
                for row in rows]

    async def _returned(self, partner_code: str, start: datetime, end: datetime) -> list[GoodsMovement]:
        rows = await ReturnLine.filter(
            return_request__partner_code=partner_code, return_request__status=ReturnStatus.RECEIVED,
            return_request__received_at__gte=start, return_request__received_at__lt=end,
        ).values("id", "shipment_line__order_line_id", "quantity")
        lines = await _order_lines({str(row["shipment_line__order_line_id"]) for row in rows})
        return [_movement(f"return:{row['id']}", lines[str(row["shipment_line__order_line_id"])],
                          -int(row["quantity"])) for row in rows]


async def _order_lines(ids: set[str]) -> dict[str, OrderLine]:
    return {str(line.id): line for line in await OrderLine.filter(id__in=sorted(ids))}


def _movement(source: str, line: OrderLine, quantity: int) -> GoodsMovement:
    return GoodsMovement(source, str(line.id), quantity, line.unit_price_points, line.unit_cost_price,
                         line.cost_currency)


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
