"""`issuerLiability` (mall-only name): an issuer's points liability, for the operator and the bank's staff."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from graphql import GraphQLError

from bank_link.graphql.issuers import Issuer, readable_issuer
from bank_link.liability import LiabilityReport, liability_report
from ledger.models import TransferKind
from mall.graphql.context import Info
from mall.graphql.errors import DomainError
from mall.graphql.permissions import require_permission
from mall.graphql.scalars import SaleorDecimal

REPORT_PERMISSIONS = ("VIEW_REPORTS", "MANAGE_ISSUERS")
WHOLE = "Whole points (a Decimal: programme totals outgrow GraphQL's 32-bit Int)."


def _points(value: int) -> SaleorDecimal:
    return SaleorDecimal(Decimal(value))


@strawberry.type(description="Points mall: points that expire within a number of days.")
class PointsExpiringWithin:
    within_days: int = strawberry.field(description="The window, in days from now.")
    points: SaleorDecimal = strawberry.field(description=f"Points expiring in the window. {WHOLE}")


@strawberry.type(description="Points mall: what moved in and out of members' wallets in the period.")
class LiabilityPeriod:
    start: datetime = strawberry.field(description="Start of the period (included).")
    end: datetime = strawberry.field(description="End of the period (excluded).")
    accrued: SaleorDecimal = strawberry.field(description=f"Points credited by the bank. {WHOLE}")
    accrual_reversed: SaleorDecimal = strawberry.field(description=f"Points the bank took back. {WHOLE}")
    redeemed: SaleorDecimal = strawberry.field(description=f"Points spent on redemptions. {WHOLE}")
    refunded: SaleorDecimal = strawberry.field(description=f"Spent points given back. {WHOLE}")
    expired: SaleorDecimal = strawberry.field(description=f"Points that expired (breakage). {WHOLE}")
    adjusted_in: SaleorDecimal = strawberry.field(description=f"Points added by staff corrections. {WHOLE}")
    adjusted_out: SaleorDecimal = strawberry.field(description=f"Points deducted by staff corrections. {WHOLE}")


@strawberry.type(description="Points mall: an issuer's points liability in one channel (points unit).")
class IssuerLiability:
    report: strawberry.Private[LiabilityReport]

    @strawberry.field(description="The issuer.")
    def issuer(self) -> Issuer:
        return Issuer(model=self.report.issuer)

    @strawberry.field(description="Slug of the channel whose ledger the figures come from.")
    def channel(self) -> str:
        return self.report.channel.slug

    @strawberry.field(description="The points unit.")
    def currency(self) -> str:
        return self.report.channel.currency_code

    @strawberry.field(description="When the figures were taken.")
    def as_of(self) -> datetime:
        return self.report.as_of

    @strawberry.field(description=f"Points members hold (available and reserved): the bank's liability. {WHOLE}")
    def points_outstanding(self) -> SaleorDecimal:
        return _points(self.report.figures.points_outstanding)

    @strawberry.field(description=f"Points reserved for redemptions not complete yet. {WHOLE}")
    def points_held(self) -> SaleorDecimal:
        return _points(self.report.figures.points_held)

    @strawberry.field(description="How many members hold points.")
    def members_with_points(self) -> int:
        return self.report.figures.members_with_points

    @strawberry.field(description="Available points expiring within 30, 60 and 90 days.")
    def expiring(self) -> list[PointsExpiringWithin]:
        return [PointsExpiringWithin(within_days=days, points=_points(points))
                for days, points in self.report.figures.expiring_within_days.items()]

    @strawberry.field(description=f"Breakage: every point that expired since the programme began. {WHOLE}")
    def points_expired_to_date(self) -> SaleorDecimal:
        return _points(self.report.figures.points_expired_to_date)

    @strawberry.field(description="Movements in the requested period.")
    def period(self) -> LiabilityPeriod:
        moved = self.report.moved
        return LiabilityPeriod(
            start=self.report.period_start, end=self.report.period_end,
            accrued=_points(moved(TransferKind.ACCRUAL).to_members),
            accrual_reversed=_points(moved(TransferKind.ACCRUAL).from_members),
            redeemed=_points(moved(TransferKind.CAPTURE).from_members),
            refunded=_points(moved(TransferKind.REFUND).to_members),
            expired=_points(moved(TransferKind.EXPIRY).from_members),
            adjusted_in=_points(moved(TransferKind.ADJUSTMENT).to_members),
            adjusted_out=_points(moved(TransferKind.ADJUSTMENT).from_members),
        )


@strawberry.type
class LiabilityQueries:
    @strawberry.field(description="Points mall: an issuer's points liability: outstanding, expiring in 30/60/90 "
                      "days, breakage to date, and what moved in a period (default: since the start). Requires "
                      "VIEW_REPORTS or MANAGE_ISSUERS; a bank's staff see their own issuer only.")
    async def issuer_liability(
        self, info: Info,
        issuer: Annotated[str, strawberry.argument(description="The issuer's code.")],
        channel: Annotated[str | None, strawberry.argument(description="Channel slug, when the issuer has several.")]
        = None,
        period_start: Annotated[datetime | None, strawberry.argument(description="Start of the period.")] = None,
        period_end: Annotated[datetime | None, strawberry.argument(description="End of the period (default: now).")]
        = None,
    ) -> IssuerLiability | None:
        await require_permission(info, *REPORT_PERMISSIONS)
        model = await readable_issuer(info, issuer)
        try:
            report = await liability_report(model, channel, period_start, period_end)
        except DomainError as failure:
            raise GraphQLError(failure.details[0].message) from failure
        return IssuerLiability(report=report)
