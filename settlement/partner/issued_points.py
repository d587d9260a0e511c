"""Points a partner issued to members (coalition: loyalty rules the partner funds), charged on its statement.

Each issuer of points pays for what it issued: a partner's issued points leave its issued-points account in the
ledger (`issued:<partner>` in each channel) and come back to it when taken back (a returned purchase). The
statement charges the net points at the cash value of a point (the rate of the channel's issuer), one line per
channel, each transfer tied to it by an entry (`transfer:<id>`), so a transfer is charged once, whichever
period's run first sees it: a transfer stamped in a settled period but committed after its run is charged on
the next statement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from ledger.services import ACCOUNT_TRANSFER_REPORT
from mall import sql  # portable raw SQL; the ledger's transfers are read through its ACCOUNT_TRANSFER_REPORT
from settlement.issuer.statements import MICROS
from settlement.models import CounterpartyKind, LineKind, Statement, StatementEntry, StatementLine
from settlement.partner.rates import ChannelRate, channel_rates

ISSUED_TRANSFERS = (
    "SELECT t.id, t.channel_id, t.points, t.into_account AS taken_back"
    f" FROM {ACCOUNT_TRANSFER_REPORT} t WHERE t.account_name = $1 AND t.created_at < $2"
    " AND NOT EXISTS (SELECT 1 FROM settlement_statement_entry e WHERE e.kind = 'partner'"
    " AND e.source = 'transfer:' || CAST(t.id AS TEXT)) ORDER BY t.id"
)


@dataclass
class ChannelIssue:
    issued: int = 0
    taken_back: int = 0
    transfers: list[tuple[int, int]] = field(default_factory=list)  # (transfer id, signed points)

    @property
    def net(self) -> int:
        return self.issued - self.taken_back


def issued_amount_micros(points: int, rate: ChannelRate | None) -> int:
    """What the partner owes for `points` issued, as a negative amount (it reduces what the partner is paid)."""
    if rate is None:
        return 0
    return -int((Decimal(points) * rate.rate * MICROS).to_integral_value(ROUND_HALF_UP))


async def add_issued_points(statement: Statement, partner_code: str, period_end: datetime) -> None:
    """One line per channel for the partner's issued points not charged yet, up to the end of the period."""
    rows = await sql.fetch(ISSUED_TRANSFERS, f"issued:{partner_code}", period_end)
    by_channel: dict[int, ChannelIssue] = defaultdict(ChannelIssue)
    for row in rows:
        issue = by_channel[int(row["channel_id"])]
        points = int(row["points"])
        if int(row["taken_back"]):
            issue.taken_back += points
            issue.transfers.append((int(row["id"]), -points))
        else:
            issue.issued += points
            issue.transfers.append((int(row["id"]), points))
    rates = await channel_rates(set(by_channel))
    for channel_id, issue in sorted(by_channel.items()):
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.ISSUED_POINTS, channel_id=channel_id,
            reference=f"issued:{partner_code}", points_captured=issue.issued, points_refunded=issue.taken_back,
            amount_micros=issued_amount_micros(issue.net, rates.get(channel_id)),
        )
        for transfer_id, points in issue.transfers:
            await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.PARTNER,
                                        source=f"transfer:{transfer_id}", transfer_id=transfer_id, points=points)
