"""Goodwill a party paid: points the ledger credited to members from its account (customer service
compensation for a complaint it was at fault for), and their reversals.

Partner: each such transfer of the period, from the partner's payable account, becomes a `goodwill` line of
the partner's statement, valued at the rate of the issuer whose channel it was booked in, and deducted from
the amount due: the operator pays the partner that much less. The line moves no goods (quantity 0) and is
not charged the service fee (points value 0).

Issuer: each such transfer from the issuer's liability account (the bank granted the points) becomes a
`goodwill` line of the issuer's statement showing the points (points value), with no amount: the bank pays
for points when they are redeemed, and its liability summary counts them as adjusted.

Each line's entry names the transfer (unique per counterparty kind: no goodwill is settled twice).

Goodwill is booked when the case is resolved, into the period open then: a complaint about an order of a
month already settled is paid on the next statement, and an issued statement never changes. A goodwill
transfer stamped inside a settled period but committed after that period's run (its transaction was open
across the run) is a late arrival: the next run settles it on a goodwill line of its own, whose entry names
the transfer and so the period it was stamped in. Which transfers can be late is bounded by the ledger's
sealing sequence, as for the issuer's captures (settlement.issuer.statements): each statement records the
sequence it was built at (`ledger_watermark`), and only transfers sealed after the latest one, or not sealed
yet, are looked at, then checked against the entries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from ledger.models import AccountKind
from ledger.services import MemberAdjustment, member_adjustments, member_adjustments_sealed_after
from settlement.models import CounterpartyKind, LineKind, Statement, StatementEntry, StatementLine


class Rate(Protocol):
    rate: Decimal


RatesOf = Callable[[set[int]], Awaitable[dict[int, Rate | None]]]
MicrosOf = Callable[[Decimal], int]


async def _unsettled(statement: Statement, kind: AccountKind) -> list[MemberAdjustment]:
    """The goodwill of the statement's counterparty booked in its period, or late in a settled one, and on
    no statement of its kind."""
    found = await member_adjustments(kind, statement.counterparty_code, statement.period_start,
                                     statement.period_end)
    found += await _late(statement, kind)
    settled = set(await StatementEntry.filter(kind=statement.kind, transfer_id__in=[a.transfer_id for a in found])
                  .values_list("transfer_id", flat=True))
    return [adjustment for adjustment in found if adjustment.transfer_id not in settled]


async def _late(statement: Statement, kind: AccountKind) -> list[MemberAdjustment]:
    """Goodwill stamped in a period another statement of the counterparty settled that its run could not see
    (sealed after the latest watermark, or not sealed yet). Runs of one counterparty are serialised."""
    settled = await Statement.filter(kind=statement.kind, counterparty_code=statement.counterparty_code).exclude(
        id=statement.id).values("period_start", "period_end", "ledger_watermark")
    if not settled:
        return []
    periods: list[tuple[datetime, datetime]] = [(row["period_start"], row["period_end"]) for row in settled]
    watermark = max(int(row["ledger_watermark"]) for row in settled)
    found = await member_adjustments_sealed_after(kind, statement.counterparty_code, watermark,
                                                  max(end for _, end in periods))
    return [adjustment for adjustment in found
            if any(start <= adjustment.created_at < end for start, end in periods)]


async def add_partner_goodwill_lines(statement: Statement, rates_of: RatesOf, micros_of: MicrosOf) -> None:
    """The goodwill the partner paid in the period, deducted. `rates_of`: each channel's issuer rate
    (settlement.partner.statements.channel_rates); `micros_of`: a rate in millionths (issuer statements')."""
    found = await _unsettled(statement, AccountKind.PARTNER_PAYABLE)
    rates = await rates_of({adjustment.channel_id for adjustment in found})
    for adjustment in found:
        rate = rates.get(adjustment.channel_id)
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.GOODWILL, channel_id=adjustment.channel_id,
            reference=adjustment.reference, quantity=0, points_value=0,
            amount_micros=adjustment.points * micros_of(rate.rate) if rate else 0,
        )
        await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.PARTNER,
                                    source=f"goodwill:{adjustment.transfer_id}", transfer_id=adjustment.transfer_id,
                                    points=adjustment.points)


async def add_issuer_goodwill_lines(statement: Statement) -> None:
    """The goodwill the issuer granted in the period: points shown, no amount (see the module's docstring)."""
    for adjustment in await _unsettled(statement, AccountKind.ISSUER_LIABILITY):
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.GOODWILL, channel_id=adjustment.channel_id,
            reference=adjustment.reference, quantity=0, points_value=-adjustment.points, amount_micros=0,
        )  # granted to members: positive points on the statement
        await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.ISSUER,
                                    source=f"goodwill:{adjustment.transfer_id}", transfer_id=adjustment.transfer_id,
                                    points=0)
