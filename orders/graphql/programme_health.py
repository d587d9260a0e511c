"""`programmeHealth` (mall-only): the programme across banks for the operator, or one bank's for its own staff;
see orders.services.programme_health for what each figure means."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from kernel import clock
from mall import months as calendar
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.permissions import require_permission
from orders.services import programme_health as health

DEFAULT_MONTHS = 6
DEFAULT_TIME_ZONE = "Asia/Shanghai"  # SETTLEMENT_TIME_ZONE's default: the mall's months
HISTORY_START = datetime(2000, 1, 1, tzinfo=UTC)  # the period by default: the programme's whole history


@strawberry.type(description="Points mall: one month of a programme's points movements.")
class ProgrammeMonth:
    month: str = strawberry.field(description="The calendar month, YYYY-MM, in SETTLEMENT_TIME_ZONE.")
    accrued: int = strawberry.field(description="Points credited to members.")
    redeemed: int = strawberry.field(description="Points members spent on redemptions.")
    expired: int = strawberry.field(description="Points that expired unspent (breakage).")


@strawberry.type(description="Points mall: one bank programme's health. Figures are in its own points unit.")
class ProgrammeHealthRow:
    issuer_code: str = strawberry.field(description="The bank (issuer).")
    issuer_name: str = strawberry.field(description="The bank's name.")
    channel: str = strawberry.field(description="The programme's channel slug.")
    points_unit: str = strawberry.field(description="The programme's points unit (the channel's currency code).")
    members_with_points: int = strawberry.field(description="Members holding points now.")
    points_outstanding: int = strawberry.field(description="Points members hold now (available and held).")
    accrued: int = strawberry.field(description="Points credited to members in the period.")
    redeemed: int = strawberry.field(description="Points spent on redemptions in the period.")
    expired: int = strawberry.field(description="Points that expired unspent in the period.")
    breakage_to_date: int = strawberry.field(description="Points that ever expired unspent.")
    redemption_rate_percent: float | None = strawberry.field(
        description="Redeemed over accrued in the period, in percent; null when nothing was accrued.")
    breakage_rate_percent: float | None = strawberry.field(
        description="Expired over accrued in the period, in percent; null when nothing was accrued.")
    months: list[ProgrammeMonth] = strawberry.field(description="Movements by month, oldest first.")


@strawberry.type(description="Points mall: points redeemed on one partner's or category's gifts in a programme.")
class RedeemedShare:
    channel: str = strawberry.field(description="The programme's channel slug.")
    name: str = strawberry.field(
        description="The partner's code or the category's name; empty for the operator's own gifts or no category.")
    points: int = strawberry.field(description="Points of the lines of orders placed in the period.")


@strawberry.type(description="Points mall: the health of the bank programmes the caller may read.")
class ProgrammeHealth:
    as_of: datetime = strawberry.field(description="When the figures were read.")
    period_start: datetime = strawberry.field(description="Start of the period (included).")
    period_end: datetime = strawberry.field(description="End of the period (excluded).")
    programmes: list[ProgrammeHealthRow] = strawberry.field(description="One row a programme, by bank.")
    redeemed_by_partner: list[RedeemedShare] = strawberry.field(description="Per programme, most first.")
    redeemed_by_category: list[RedeemedShare] = strawberry.field(description="Per programme, most first.")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _row(item: health.ProgrammeHealth) -> ProgrammeHealthRow:
    return ProgrammeHealthRow(
        issuer_code=item.channel.issuer_code or "", issuer_name=item.issuer_name, channel=item.channel.slug,
        points_unit=item.channel.currency_code, members_with_points=item.members_with_points,
        points_outstanding=item.points_outstanding, accrued=item.accrued, redeemed=item.redeemed,
        expired=item.expired, breakage_to_date=item.breakage_to_date,
        redemption_rate_percent=_percent(item.redeemed, item.accrued),
        breakage_rate_percent=_percent(item.expired, item.accrued),
        months=[ProgrammeMonth(month=m.month, accrued=m.accrued, redeemed=m.redeemed, expired=m.expired)
                for m in item.months],
    )


def _shares(rows: list[health.RedeemedShare]) -> list[RedeemedShare]:
    return [RedeemedShare(channel=row.channel_slug, name=row.key, points=row.points) for row in rows]


async def _issuer_of(info: Info, asked: str | None) -> str | None:
    """Whose programmes the caller reads: any bank's or all (the operator), their own (a bank's staff)."""
    principal = await require_permission(info, "VIEW_REPORTS")
    scope = principal.scope
    if scope is None:
        return asked or None
    if scope.kind != ScopeKind.ISSUER or (asked and asked != scope.code):
        raise PermissionDenied(message="Only the operator and a bank's own staff read its programme's health.")
    return scope.code


@strawberry.type
class ProgrammeHealthQueries:
    @strawberry.field(description="Points mall: the health of the bank programmes (members with points, "
                      "accrual, redemption rate, breakage, points redeemed per partner and per category). The "
                      "operator reads every bank's or names one; a bank's staff read their own. Requires "
                      "VIEW_REPORTS.")
    async def programme_health(
        self, info: Info,
        issuer: Annotated[str | None, strawberry.argument(description="One bank's code.")] = None,
        period_start: Annotated[datetime | None, strawberry.argument(
            description="Start of the period (default: the programme's whole history).")] = None,
        period_end: Annotated[datetime | None, strawberry.argument(
            description="End of the period (default: now).")] = None,
        months: Annotated[int, strawberry.argument(
            description=f"Months of movements up to the current one (1-{calendar.MAX_MONTHS}).")] = DEFAULT_MONTHS,
    ) -> ProgrammeHealth:
        code = await _issuer_of(info, issuer)
        now = clock.now()
        start = (period_start or HISTORY_START).astimezone(UTC)
        end = max((period_end or now).astimezone(UTC), start)
        zone = info.context.settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_TIME_ZONE)
        window = calendar.recent_months(now, min(max(months, 1), calendar.MAX_MONTHS), zone)
        channels = await health.programme_channels(code)
        rows = await health.programme_health(channels, now, start, end, window)
        return ProgrammeHealth(
            as_of=now, period_start=start, period_end=end, programmes=[_row(row) for row in rows],
            redeemed_by_partner=_shares(await health.redeemed_by("partner", channels, start, end)),
            redeemed_by_category=_shares(await health.redeemed_by("category", channels, start, end)),
        )
