"""A partner's performance by month: parcels handed over and delivered within their carrier's service level,
the share of delivered units sent back, and the points members redeemed on the partner's gifts.

Months are calendar months in the settlement time zone (as partner statements), half-open UTC ranges. Each
figure is one aggregate query whose rows are grouped by a CASE over the months' bounds, so the same SQL runs
on PostgreSQL and SQLite; only the "N days later" arithmetic differs between them (`_plus_days`).

Definitions (what the console's charts say):
- shipped on time: a parcel created in the month and handed to its carrier within the carrier's handover days
  (2 without a carrier, as the late-shipments report);
- delivered on time: of those handed over, delivered within the carrier's delivery days after the hand-over;
- return rate: units in return requests opened in the month (rejected ones left out) over units delivered in
  the month;
- points redeemed: points of the partner's order lines in orders placed in the month, cancelled orders left out.
Reshipments for customer service cases count as parcels (the partner ships them too) but never as deliveries
to return: they were not redeemed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fulfilment.services.reports import DEFAULT_DELIVERY_DAYS, DEFAULT_HANDOVER_DAYS
from mall import sql
from mall.months import Month, month_case


@dataclass(frozen=True)
class MonthPerformance:
    month: Month
    shipments: int = 0
    shipped_on_time: int = 0
    handed_over: int = 0
    delivered_on_time: int = 0
    units_delivered: int = 0
    units_returned: int = 0
    points_redeemed: int = 0


def _later(column: str, base: str, days: str) -> str:
    """SQL: `column` is at most `days` days after `base` (SQLite keeps UTC text, so it compares Julian days)."""
    if sql.is_postgres():
        return f"{column} <= {base} + ({days}) * INTERVAL '1 day'"
    return f"julianday({column}) <= julianday({base}) + ({days})"


async def _shipping(partner_code: str, months: list[Month]) -> dict[int, dict[str, Any]]:
    parameters = sql.Parameters([partner_code])
    month = month_case("s.created_at", months, parameters)
    handover = f"COALESCE(c.handover_days, {DEFAULT_HANDOVER_DAYS})"
    delivery = f"COALESCE(c.delivery_days, {DEFAULT_DELIVERY_DAYS})"
    rows = await sql.fetch(
        f"SELECT month, COUNT(*) AS shipments, SUM(on_time) AS shipped_on_time, SUM(handed) AS handed_over,"
        f" SUM(delivered_on_time) AS delivered_on_time FROM (SELECT {month} AS month,"
        f" CASE WHEN s.handed_over_at IS NOT NULL AND {_later('s.handed_over_at', 's.created_at', handover)}"
        " THEN 1 ELSE 0 END AS on_time, CASE WHEN s.handed_over_at IS NOT NULL THEN 1 ELSE 0 END AS handed,"
        " CASE WHEN s.handed_over_at IS NOT NULL AND s.delivered_at IS NOT NULL"
        f" AND {_later('s.delivered_at', 's.handed_over_at', delivery)} THEN 1 ELSE 0 END AS delivered_on_time"
        " FROM fulfilment_shipment s LEFT JOIN fulfilment_carrier c ON c.id = s.carrier_id"
        " WHERE s.partner_code = $1 AND s.status <> 'canceled') m WHERE month IS NOT NULL GROUP BY month",
        *parameters.values,
    )
    return {int(row["month"]): row for row in rows}


async def _units(partner_code: str, months: list[Month]) -> dict[int, tuple[int, int]]:
    """(units delivered, units in return requests) per month index."""
    parameters = sql.Parameters([partner_code])
    delivered_month = month_case("s.delivered_at", months, parameters)
    returned_month = month_case("r.created_at", months, parameters)
    rows = await sql.fetch(
        f"SELECT month, SUM(delivered) AS delivered, SUM(returned) AS returned FROM ("
        f"SELECT {delivered_month} AS month, l.quantity AS delivered, 0 AS returned FROM fulfilment_shipment_line l"
        " JOIN fulfilment_shipment s ON s.id = l.shipment_id WHERE s.partner_code = $1 AND s.delivered_at IS NOT NULL"
        f" UNION ALL SELECT {returned_month} AS month, 0 AS delivered, rl.quantity AS returned"
        " FROM fulfilment_return_line rl JOIN fulfilment_return r ON r.id = rl.return_request_id"
        " WHERE r.partner_code = $1 AND r.status <> 'rejected') u WHERE month IS NOT NULL GROUP BY month",
        *parameters.values,
    )
    return {int(row["month"]): (int(row["delivered"] or 0), int(row["returned"] or 0)) for row in rows}


async def _points(partner_code: str, months: list[Month]) -> dict[int, int]:
    parameters = sql.Parameters([partner_code])
    month = month_case("o.created_at", months, parameters)
    rows = await sql.fetch(
        f"SELECT month, SUM(points) AS points FROM (SELECT {month} AS month, l.total_price_points AS points"
        " FROM orders_order_line l JOIN orders_order o ON o.id = l.order_id"
        " WHERE l.partner_code = $1 AND o.status NOT IN ('canceled', 'unconfirmed')) p"
        " WHERE month IS NOT NULL GROUP BY month",
        *parameters.values,
    )
    return {int(row["month"]): int(row["points"] or 0) for row in rows}


async def partner_performance(partner_code: str, months: list[Month]) -> list[MonthPerformance]:
    """The partner's figures for each of `months`, in their order (zeros for a month with nothing)."""
    shipping = await _shipping(partner_code, months)
    units = await _units(partner_code, months)
    points = await _points(partner_code, months)
    report = []
    for index, month in enumerate(months):
        row = shipping.get(index, {})
        delivered, returned = units.get(index, (0, 0))
        report.append(MonthPerformance(
            month, int(row.get("shipments") or 0), int(row.get("shipped_on_time") or 0),
            int(row.get("handed_over") or 0), int(row.get("delivered_on_time") or 0), delivered, returned,
            points.get(index, 0)))
    return report
