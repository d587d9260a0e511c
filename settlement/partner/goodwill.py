"""Goodwill a partner paid: points the ledger credited to members from the partner's payable account (customer
service compensation for a complaint the partner was at fault for), and their reversals.

Each such transfer of the period becomes a `goodwill` line of the partner's statement, valued at the rate
of the issuer whose channel it was booked in, and deducted from the amount due: the operator pays the
partner that much less. The line moves no goods (quantity 0) and is not charged the service fee (points
value 0). Its entry names the transfer (unique per counterparty kind: no goodwill is deducted twice).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Protocol

from mall import sql  # portable raw SQL (read-only use of the ledger's tables here)
from settlement.issuer.statements import rate_micros
from settlement.models import CounterpartyKind, LineKind, Statement, StatementEntry, StatementLine


class Rate(Protocol):
    rate: Decimal


RatesOf = Callable[[set[int]], Awaitable[dict[int, Rate | None]]]

# Transfers between a member wallet and the partner's payable account of kind adjustment, in [$2, $3), not
# on any partner statement yet. Negative points: the partner paid the member; positive: a reversal.
PARTNER_GOODWILL = (
    "SELECT t.id AS id, t.channel_id AS channel_id, t.reference AS reference,"
    " CASE WHEN t.debit_account_id = a.id THEN -t.points ELSE t.points END AS points"
    " FROM ledger_transfer t JOIN ledger_account a ON a.id IN (t.debit_account_id, t.credit_account_id)"
    " WHERE a.kind = 'partner_payable' AND a.name = $1 AND t.kind = 'adjustment'"
    " AND t.member_account_id IS NOT NULL AND t.created_at >= $2 AND t.created_at < $3"
    " AND NOT EXISTS (SELECT 1 FROM settlement_statement_entry e WHERE e.kind = 'partner' AND e.transfer_id = t.id)"
    " ORDER BY t.id"
)


async def add_goodwill_lines(statement: Statement, rates_of: RatesOf) -> None:
    """`rates_of`: each channel's issuer rate (settlement.partner.statements.channel_rates)."""
    rows = await sql.fetch(PARTNER_GOODWILL, f"partner:{statement.counterparty_code}", statement.period_start,
                           statement.period_end)
    rates = await rates_of({int(row["channel_id"]) for row in rows})
    for row in rows:
        rate = rates.get(int(row["channel_id"]))
        points = int(row["points"])
        line = await StatementLine.create(
            statement_id=statement.id, kind=LineKind.GOODWILL, channel_id=int(row["channel_id"]),
            reference=str(row["reference"]), quantity=0, points_value=0,
            amount_micros=points * rate_micros(rate.rate) if rate else 0,
        )
        await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.PARTNER,
                                    source=f"goodwill:{row['id']}", transfer_id=int(row["id"]), points=points)
