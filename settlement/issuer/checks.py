"""Reconciling an issuer statement with the ledger, before it is issued.

Each check compares a figure of the stored statement with the same figure read independently from the
ledger; a difference is one readable line naming the statement, the figure and the transfers behind it:

    captured / refunded   the statement's lines vs every capture / refund transfer of the period in the
                          issuer's channels, and every late arrival (a transfer that names no order is on
                          no line)
    redeemed              the statement's net points vs the member-side movements (liability summary)
    entries               each line's figures vs the transfers recorded as its entries
    amount                the statement's cash amount vs net points x the issuer's rate
"""

from __future__ import annotations

from ledger.services import TRANSFER_REPORT
from mall import sql
from settlement.issuer.statements import STATEMENT_REDEMPTIONS, cash, period_of, rate_micros
from settlement.models import Statement

MAX_TRANSFERS_NAMED = 20
LEDGER_REDEMPTIONS = (
    f"SELECT t.kind AS kind, COALESCE(SUM(t.points), 0) AS points FROM {TRANSFER_REPORT} t"
    f" WHERE {STATEMENT_REDEMPTIONS}"
    " GROUP BY t.kind"
)
UNSETTLED_TRANSFERS = (
    f"SELECT t.id AS id, t.kind AS kind, t.points AS points, t.reference AS reference FROM {TRANSFER_REPORT} t"
    f" WHERE {STATEMENT_REDEMPTIONS} AND NOT EXISTS (SELECT 1 FROM settlement_statement_entry e"
    "  WHERE e.kind = 'issuer' AND e.transfer_id = t.id AND e.statement_id = $4)"
    f" ORDER BY t.id LIMIT {MAX_TRANSFERS_NAMED}"
)
LINES_AGAINST_ENTRIES = (
    "SELECT l.id AS id, l.reference AS reference, l.points_captured - l.points_refunded AS line_points,"
    " COALESCE(SUM(e.points), 0) AS entry_points FROM settlement_statement_line l"
    " LEFT JOIN settlement_statement_entry e ON e.line_id = l.id WHERE l.statement_id = $1"
    " GROUP BY l.id, l.reference, l.points_captured, l.points_refunded"
    " HAVING l.points_captured - l.points_refunded <> COALESCE(SUM(e.points), 0)"
    f" ORDER BY l.id LIMIT {MAX_TRANSFERS_NAMED}"
)
LINE_AMOUNTS = "SELECT COALESCE(SUM(amount_micros), 0) AS micros FROM settlement_statement_line WHERE statement_id = $1"


def _label(statement: Statement) -> str:
    return f"issuer {statement.counterparty_code} {statement.period}"


async def reconcile_issuer_statement(statement: Statement) -> list[str]:
    """Every difference between the draft statement and the ledger; empty when they agree."""
    differences = await _ledger_differences(statement)
    if statement.liability_redeemed != statement.points_net:
        differences.append(
            f"{_label(statement)}: net redeemed points {statement.points_net:,} on the lines, "
            f"{statement.liability_redeemed:,} out of member wallets"
        )
    differences += await _entry_differences(statement)
    differences += await _amount_differences(statement)
    return differences


async def _ledger_differences(statement: Statement) -> list[str]:
    period = period_of(statement)
    arguments = (statement.counterparty_code, period.start, period.end, statement.id)
    ledger = {row["kind"]: int(row["points"]) for row in await sql.fetch(LEDGER_REDEMPTIONS, *arguments)}
    differences = []
    for kind, on_statement in (("capture", statement.points_captured), ("refund", statement.points_refunded)):
        in_ledger = ledger.get(kind, 0)
        if in_ledger != on_statement:
            differences.append(f"{_label(statement)}: {kind}s {in_ledger:,} points in the ledger, "
                               f"{on_statement:,} on the statement (difference {in_ledger - on_statement:,})")
    if differences:
        for row in await sql.fetch(UNSETTLED_TRANSFERS, *arguments):
            differences.append(f"{_label(statement)}: {row['kind']} transfer {row['id']} of {int(row['points']):,}"
                               f" points is on no line (reference '{row['reference']}' names no order)")
    return differences


async def _entry_differences(statement: Statement) -> list[str]:
    return [
        f"{_label(statement)}: line {row['id']} ({row['reference']}) shows {int(row['line_points']):,} net points, "
        f"its transfers {int(row['entry_points']):,}"
        for row in await sql.fetch(LINES_AGAINST_ENTRIES, statement.id)
    ]


async def _amount_differences(statement: Statement) -> list[str]:
    rate = rate_micros(statement.cash_value_per_point or 0)  # type: ignore[arg-type]
    lines = await sql.fetch_one(LINE_AMOUNTS, statement.id)
    line_micros = int(lines["micros"]) if lines else 0
    expected = statement.points_net * rate
    if line_micros != expected or cash(expected) != statement.gross_amount:
        return [f"{_label(statement)}: amount {statement.gross_amount} on the statement, lines add up to "
                f"{cash(line_micros)}, net points x rate = {cash(expected)}"]
    return []
