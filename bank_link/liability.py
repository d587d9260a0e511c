"""The liability report of an issuer's programme: what its members hold, what will expire, what expired,
and what moved in a period. Figures come from the ledger (ledger.services.liability) in SQL.

Errors: DomainError NOT_FOUND / REQUIRED (the channel, see bank_link.points.points_channel), INVALID (a
period that ends before it starts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bank_link.errors import IssuerErrorCode, issuer_error
from bank_link.models import Issuer
from bank_link.points import points_channel
from kernel import clock
from ledger import services as ledger
from ledger.models import TransferKind
from mall.channels.models import Channel

EXPIRY_WINDOWS_DAYS = (30, 60, 90)


@dataclass(frozen=True)
class LiabilityReport:
    issuer: Issuer
    channel: Channel
    as_of: datetime
    period_start: datetime
    period_end: datetime
    figures: ledger.Liability

    def moved(self, kind: TransferKind) -> ledger.Movement:
        return self.figures.period.get(kind, ledger.Movement())


async def liability_report(
    issuer: Issuer, channel_slug: str | None, period_start: datetime | None, period_end: datetime | None,
    *, now: datetime | None = None,
) -> LiabilityReport:
    """The period defaults to the programme's whole history up to now."""
    now = (now or clock.now()).astimezone(UTC)
    start = (period_start or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC)
    end = (period_end or now).astimezone(UTC)
    if end < start:
        raise issuer_error(IssuerErrorCode.INVALID, "The period must end after it starts.", "period_end")
    channel = await points_channel(issuer, channel_slug)
    figures = await ledger.liability(channel.id, now, start, end, EXPIRY_WINDOWS_DAYS)
    return LiabilityReport(issuer, channel, now, start, end, figures)
