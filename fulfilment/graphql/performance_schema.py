"""`partnerPerformance` (mall-only): a partner's shipping, returns and redemptions by month, for the console's
performance page. A partner's staff read their own partner only; the operator names the partner."""

from __future__ import annotations

from typing import Annotated

import strawberry

from fulfilment.services import performance
from kernel import clock
from mall import months as calendar
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import require_permission

DEFAULT_MONTHS = 6
DEFAULT_TIME_ZONE = "Asia/Shanghai"  # SETTLEMENT_TIME_ZONE's default: months close as partner statements do


@strawberry.type(description="Points mall: one month of a partner's performance.")
class PartnerMonthPerformance:
    month: str = strawberry.field(description="The calendar month, YYYY-MM, in SETTLEMENT_TIME_ZONE.")
    shipments: int = strawberry.field(description="Parcels created in the month (cancelled ones left out).")
    shipped_on_time: int = strawberry.field(
        description="Of those, parcels handed to the carrier within its handover days.")
    handed_over: int = strawberry.field(description="Of those, parcels handed to the carrier at all.")
    delivered_on_time: int = strawberry.field(
        description="Of those handed over, parcels delivered within the carrier's delivery days.")
    units_delivered: int = strawberry.field(description="Units delivered to members in the month.")
    units_returned: int = strawberry.field(
        description="Units in return requests opened in the month (rejected requests left out).")
    points_redeemed: int = strawberry.field(
        description="Points of the partner's gifts in orders placed in the month (cancelled orders left out).")
    shipped_on_time_percent: float | None = strawberry.field(
        description="shippedOnTime over shipments, in percent; null without shipments.")
    return_rate_percent: float | None = strawberry.field(
        description="unitsReturned over unitsDelivered, in percent; null without deliveries.")


@strawberry.type(description="Points mall: a partner's performance by month, oldest month first.")
class PartnerPerformance:
    partner_code: str = strawberry.field(description="The partner the figures are for.")
    months: list[PartnerMonthPerformance] = strawberry.field(description="One entry a month, oldest first.")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _month(row: performance.MonthPerformance) -> PartnerMonthPerformance:
    return PartnerMonthPerformance(
        month=row.month.name, shipments=row.shipments, shipped_on_time=row.shipped_on_time,
        handed_over=row.handed_over, delivered_on_time=row.delivered_on_time, units_delivered=row.units_delivered,
        units_returned=row.units_returned, points_redeemed=row.points_redeemed,
        shipped_on_time_percent=_percent(row.shipped_on_time, row.shipments),
        return_rate_percent=_percent(row.units_returned, row.units_delivered),
    )


async def _partner_of(info: Info, asked: str | None) -> str:
    """The partner whose figures the caller may read: their own (partner staff), or the one the operator names."""
    principal = await require_permission(info, "MANAGE_ORDERS", "MANAGE_SETTLEMENTS")
    scope = principal.scope
    if scope is None:
        if not asked:
            raise PermissionDenied(message="Name the partner whose performance to read.")
        return asked
    if scope.kind != ScopeKind.PARTNER or (asked and asked != scope.code):
        # Another partner's figures, or a bank's staff: refused alike, nothing about the partner is told.
        raise PermissionDenied(message="Only the operator and the partner's own staff read its performance.")
    return scope.code


@strawberry.type
class PerformanceQueries:
    @strawberry.field(description="Points mall: a partner's performance by month (parcels shipped and delivered "
                      "on time against the carrier's service level, return rate, points redeemed). Partner staff "
                      "read their own partner; the operator names one. Requires MANAGE_ORDERS or "
                      "MANAGE_SETTLEMENTS.")
    async def partner_performance(
        self, info: Info,
        partner: Annotated[str | None, strawberry.argument(
            description="The partner's code; partner staff may leave it out.")] = None,
        months: Annotated[int, strawberry.argument(
            description=f"How many months up to the current one (1-{calendar.MAX_MONTHS}).")] = DEFAULT_MONTHS,
    ) -> PartnerPerformance:
        code = await _partner_of(info, partner)
        count = min(max(months, 1), calendar.MAX_MONTHS)
        zone = info.context.settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_TIME_ZONE)
        window = calendar.recent_months(clock.now(), count, zone)
        rows = await performance.partner_performance(code, window)
        return PartnerPerformance(partner_code=code, months=[_month(row) for row in rows])
