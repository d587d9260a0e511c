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
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Protocol

from ledger.models import AccountKind
from ledger.services import MemberAdjustment, member_adjustments
from settlement.models import CounterpartyKind, LineKind, Statement, StatementEntry, StatementLine


class Rate(Protocol):
    rate: Decimal


RatesOf = Callable[[set[int]], Awaitable[dict[int, Rate | None]]]
MicrosOf = Callable[[Decimal], int]


async def _unsettled(statement: Statement, kind: AccountKind) -> list[MemberAdjustment]:
    """The goodwill of the statement's counterparty booked in its period and on no statement of its kind."""
    found = await member_adjustments(kind, statement.counterparty_code, statement.period_start,
                                     statement.period_end)
    settled = set(await StatementEntry.filter(kind=statement.kind, transfer_id__in=[a.transfer_id for a in found])
                  .values_list("transfer_id", flat=True))
    return [adjustment for adjustment in found if adjustment.transfer_id not in settled]


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
