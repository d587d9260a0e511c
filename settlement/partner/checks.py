"""Reconciling a partner statement before it is issued.

    totals     the statement's figures vs the same figures recomputed from its stored lines
    prices     every line has a cost price, in the partner's currency, and an issuer rate in that currency
    ledger     for every order on the statement, the points value of all partners' goods settled for it
               (this statement and issued ones) is covered by the order's net captured points in the ledger
               up to the end of the period: nobody is paid for goods whose points were never captured or
               were given back
"""

from __future__ import annotations

from ledger.services import redeemed_by_subject
from mall import sql
from partners.models import Partner
from settlement.issuer.statements import cash
from settlement.models import Statement, StatementLine
from settlement.partner.statements import channel_rates, partner_totals

MAX_ORDERS_CHECKED_AT_ONCE = 500
SETTLED_POINTS = (
    "SELECT l.order_id AS order_id, SUM(l.points_value) AS points FROM settlement_statement_line l"
    " JOIN settlement_statement s ON s.id = l.statement_id WHERE s.kind = 'partner' AND l.order_id IN ({ids})"
    " AND (s.id = $1 OR s.status <> 'draft') GROUP BY l.order_id"
)


def _label(statement: Statement) -> str:
    return f"partner {statement.counterparty_code} {statement.period}"


async def reconcile_partner_statement(statement: Statement, partner: Partner) -> list[str]:
    """Every difference found; empty when the statement may be issued."""
    return [*await _total_differences(statement, partner), *await _price_differences(statement),
            *await _ledger_differences(statement)]


async def _total_differences(statement: Statement, partner: Partner) -> list[str]:
    totals = await partner_totals(statement, partner)
    expected = cash(totals.gross_micros) - cash(totals.returns_micros) - totals.fee
    if (statement.amount_due, statement.fee_amount, statement.line_count) != (expected, totals.fee, totals.lines):
        return [f"{_label(statement)}: amount due {statement.amount_due} with fee {statement.fee_amount} over "
                f"{statement.line_count} lines, its lines give {expected} with fee {totals.fee} over {totals.lines}"]
    return []


async def _price_differences(statement: Statement) -> list[str]:
    lines = await StatementLine.filter(statement_id=statement.id).order_by("id")
    rates = await channel_rates({line.channel_id for line in lines})
    differences = []
    for line in lines:
        where = f"{_label(statement)}: order {line.order_number} line {line.product_sku or line.order_line_id}"
        if line.unit_cost is None:
            differences.append(f"{where} has no cost price")
        rate = rates.get(line.channel_id)
        if rate is None or rate.currency != statement.currency:
            differences.append(f"{where}: its channel has no issuer rate in {statement.currency}")
    return differences


async def _ledger_differences(statement: Statement) -> list[str]:
    order_ids = sorted({o for o in await StatementLine.filter(statement_id=statement.id)
                        .values_list("order_id", flat=True) if o})
    differences = []
    for start in range(0, len(order_ids), MAX_ORDERS_CHECKED_AT_ONCE):
        chunk = order_ids[start:start + MAX_ORDERS_CHECKED_AT_ONCE]
        settled = await _settled_points(chunk, statement.id)
        captured = await redeemed_by_subject("order", chunk, statement.period_end)
        differences += [
            f"{_label(statement)}: order {order_id} has goods worth {settled[order_id]:,} points settled with "
            f"partners but {captured.get(order_id, 0):,} points captured in the ledger"
            for order_id in chunk if settled.get(order_id, 0) > captured.get(order_id, 0)
        ]
    return differences


async def _settled_points(order_ids: list[str], statement_id: int) -> dict[str, int]:
    """Points value of the partners' goods settled for each order, by this statement and issued ones."""
    rows = await sql.fetch(SETTLED_POINTS.format(ids=sql.placeholders(len(order_ids), first=2)), statement_id,
                           *order_ids)
    return {str(row["order_id"]): int(row["points"] or 0) for row in rows}
