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

from mall import sql  # portable raw SQL (read-only use of the ledger's tables here)
from settlement.models import CounterpartyKind, LineKind, Statement, StatementEntry, StatementLine


class Rate(Protocol):
    rate: Decimal


RatesOf = Callable[[set[int]], Awaitable[dict[int, Rate | None]]]
MicrosOf = Callable[[Decimal], int]



def _goodwill_sql(account_kind: str, counterparty: CounterpartyKind) -> str:
    """Transfers of kind adjustment between a member wallet and the party's account ($1 its name), in
    [$2, $3), on no statement of the counterparty kind yet. Negative points: the party paid the member;
    positive: a reversal."""
    return (
        "SELECT t.id AS id, t.channel_id AS channel_id, t.reference AS reference,"
        " CASE WHEN t.debit_account_id = a.id THEN -t.points ELSE t.points END AS points"
        " FROM ledger_transfer t JOIN ledger_account a ON a.id IN (t.debit_account_id, t.credit_account_id)"
        f" WHERE a.kind = '{account_kind}' AND a.name = $1 AND t.kind = 'adjustment'"
        " AND t.member_account_id IS NOT NULL AND t.created_at >= $2 AND t.created_at < $3"
        f" AND NOT EXISTS (SELECT 1 FROM settlement_statement_entry e WHERE e.kind = '{counterparty.value}'"
        " AND e.transfer_id = t.id) ORDER BY t.id"
    )


PARTNER_GOODWILL = _goodwill_sql("partner_payable", CounterpartyKind.PARTNER)
ISSUER_GOODWILL = _goodwill_sql("issuer_liability", CounterpartyKind.ISSUER)


async def add_partner_goodwill_lines(statement: Statement, rates_of: RatesOf, micros_of: MicrosOf) -> None:
    """The goodwill the partner paid in the period, deducted. `rates_of`: each channel's issuer rate
    (settlement.partner.statements.channel_rates); `micros_of`: a rate in millionths (issuer statements')."""
    rows = await sql.fetch(PARTNER_GOODWILL, f"partner:{statement.counterparty_code}", statement.period_start,
                           statement.period_end)
    rates = await rates_of({int(row["channel_id"]) for row in rows})
    for row in rows:
        rate = rates.get(int(row["channel_id"]))
        points = int(row["points"])
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.GOODWILL, channel_id=int(row["channel_id"]),
            reference=str(row["reference"]), quantity=0, points_value=0,
            amount_micros=points * micros_of(rate.rate) if rate else 0,
        )
        await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.PARTNER,
                                    source=f"goodwill:{row['id']}", transfer_id=int(row["id"]), points=points)


async def add_issuer_goodwill_lines(statement: Statement) -> None:
    """The goodwill the issuer granted in the period: points shown, no amount (see the module's docstring)."""
    rows = await sql.fetch(ISSUER_GOODWILL, f"issuer:{statement.counterparty_code}", statement.period_start,
                           statement.period_end)
    for row in rows:
        points = -int(row["points"])  # granted to members: positive on the statement
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.GOODWILL, channel_id=int(row["channel_id"]),
            reference=str(row["reference"]), quantity=0, points_value=points, amount_micros=0,
        )
        await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.ISSUER,
                                    source=f"goodwill:{row['id']}", transfer_id=int(row["id"]), points=0)
