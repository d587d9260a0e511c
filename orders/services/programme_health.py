"""The programme's health across banks, for the operator (and a bank's staff, for their own programme):
members holding points, accrual, redemption and its rate, breakage, and where the points were redeemed
(per partner and per gift category), over a period and month by month.

Every figure is an aggregate query. Each bank's points are its own unit, so nothing is summed across banks:
every row names its channel (one bank programme). Ledger figures come through the ledger's public reads
(`liability`, TRANSFER_REPORT); the split by partner and category comes from the redeemed orders' lines.

Definitions (what the console says):
- redeemed: points members spent on captured redemptions in the period (the ledger's captures);
- redemption rate: redeemed over accrued in the period, in percent;
- breakage: points that expired unspent, to date and in the period; breakage rate: expired over accrued in
  the period;
- redeemed per partner / per category: points of the order lines of orders placed in the period (cancelled
  and unconfirmed orders left out), by the partner that supplies the gift (none: the operator's own) and by
  the gift's category (none: uncategorised).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bank_link.models import Issuer  # read-only: each programme's name
from ledger import services as ledger
from ledger.models import TransferKind
from mall import sql
from mall.channels.models import Channel
from mall.months import Month, month_case

EXPIRY_WINDOWS_DAYS = ()  # the bank's liability page shows expiring points; the health page does not


@dataclass(frozen=True)
class MonthMovement:
    month: str
    accrued: int
    redeemed: int
    expired: int


@dataclass(frozen=True)
class ProgrammeHealth:
    channel: Channel
    issuer_name: str
    members_with_points: int
    points_outstanding: int
    accrued: int
    redeemed: int
    expired: int
    breakage_to_date: int
    months: list[MonthMovement]


@dataclass(frozen=True)
class RedeemedShare:
    channel_slug: str
    key: str  # the partner's code, or the category's name; "" for the operator's own / uncategorised
    points: int


async def programme_channels(issuer_code: str | None) -> list[Channel]:
    """The banks' channels, or one bank's."""
    query = Channel.filter(issuer_code__isnull=False)
    if issuer_code is not None:
        query = query.filter(issuer_code=issuer_code)
    return list(await query.order_by("issuer_code", "slug"))


async def programme_health(
    channels: list[Channel], now: datetime, start: datetime, end: datetime, months: list[Month],
) -> list[ProgrammeHealth]:
    """Each channel's figures now and in [start, end), with its movements in each of `months`."""
    names = {issuer.code: issuer.name for issuer in await Issuer.filter(
        code__in=[channel.issuer_code for channel in channels])}
    monthly = await _monthly_movements([channel.id for channel in channels], months)
    report = []
    for channel in channels:
        figures = await ledger.liability(channel.id, now, start, end, EXPIRY_WINDOWS_DAYS)
        moved = figures.period.get
        report.append(ProgrammeHealth(
            channel, names.get(channel.issuer_code or "", channel.name), figures.members_with_points,
            figures.points_outstanding, moved(TransferKind.ACCRUAL, ledger.Movement()).to_members,
            moved(TransferKind.CAPTURE, ledger.Movement()).from_members,
            moved(TransferKind.EXPIRY, ledger.Movement()).from_members, figures.points_expired_to_date,
            monthly.get(channel.id, [MonthMovement(month.name, 0, 0, 0) for month in months])))
    return report


async def _monthly_movements(channel_ids: list[int], months: list[Month]) -> dict[int, list[MonthMovement]]:
    if not channel_ids or not months:
        return {}
    parameters = sql.Parameters()
    channels = parameters.each(channel_ids)
    month = month_case("created_at", months, parameters)
    rows = await sql.fetch(
        "SELECT channel_id, month,"
        " SUM(CASE WHEN kind = 'accrual' AND member_movement > 0 THEN member_movement ELSE 0 END) AS accrued,"
        " SUM(CASE WHEN kind = 'capture' AND member_movement < 0 THEN -member_movement ELSE 0 END) AS redeemed,"
        " SUM(CASE WHEN kind = 'expiry' AND member_movement < 0 THEN -member_movement ELSE 0 END) AS expired"
        f" FROM (SELECT channel_id, kind, member_movement, {month} AS month FROM {ledger.TRANSFER_REPORT} t"
        f" WHERE channel_id IN ({channels}) AND member_account_id IS NOT NULL) m"
        " WHERE month IS NOT NULL GROUP BY channel_id, month",
        *parameters.values,
    )
    found = {(int(row["channel_id"]), int(row["month"])): row for row in rows}
    return {channel_id: [MonthMovement(item.name, *(int(found[(channel_id, index)][name] or 0)
                                                      if (channel_id, index) in found else 0
                                                      for name in ("accrued", "redeemed", "expired")))
                         for index, item in enumerate(months)] for channel_id in channel_ids}


REDEEMED_LINES = (
    "FROM orders_order_line l JOIN orders_order o ON o.id = l.order_id JOIN channel_channel c ON c.id = o.channel_id"
    " LEFT JOIN catalog_product_variant v ON v.id = l.variant_id LEFT JOIN catalog_product p ON p.id = v.product_id"
    " LEFT JOIN catalog_category g ON g.id = p.category_id"
    " WHERE o.status NOT IN ('canceled', 'unconfirmed') AND o.created_at >= $1 AND o.created_at < $2"
)


async def redeemed_by(
    group: str, channels: list[Channel], start: datetime, end: datetime,
) -> list[RedeemedShare]:
    """Points redeemed in [start, end) per channel and `group` ("partner" or "category"), most first."""
    if not channels:
        return []
    column = {"partner": "l.partner_code", "category": "g.name"}[group]
    parameters = sql.Parameters([start, end])
    ids = parameters.each([channel.id for channel in channels])
    rows = await sql.fetch(
        f"SELECT c.slug AS channel, COALESCE({column}, '') AS grouped, SUM(l.total_price_points) AS points"
        f" {REDEEMED_LINES} AND o.channel_id IN ({ids}) GROUP BY c.slug, COALESCE({column}, '')"
        " ORDER BY c.slug, points DESC, grouped",
        *parameters.values,
    )
    return [RedeemedShare(str(row["channel"]), str(row["grouped"]), int(row["points"] or 0)) for row in rows]
