"""Issuer statements: what the bank owes for the points its members redeemed in the period.

Lines, one per order, are the ledger's capture and refund transfers of the issuer's channels written in
the period, grouped by the order they are for (subject 'order' in the ledger's TRANSFER_REPORT). A refund in
the period of an order captured earlier becomes an adjustment line, so a refund after the close lands in
the next period and issued statements never change. Each line's transfers are kept as entries (unique per
transfer: nothing is settled twice). Everything is aggregated in SQL: a period of a million transfers never
passes through Python row by row.

Late arrivals: a transfer stamped inside a period but committed after that period's run (its transaction
was open across the run) is on no statement of its period. The next run picks it up on a line of kind
`late_arrival`, whose entries name the transfers, so the bank can trace them to the period they were
stamped in. Which transfers can be late is bounded by the ledger's sealing sequence, which follows commit
order (ids do not, see ledger.sealing.last_sealed_sequence): each statement records the sequence it
was built at, and only transfers sealed after the latest one, or not sealed yet, are looked at.

Goodwill the issuer granted members (customer service) is shown on lines of its own, with points and no
amount (settlement.goodwill).

The liability summary reads member-side movements: opening (outstanding points at the start), accrued,
adjusted, redeemed (captured minus refunded), expired, closing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from bank_link.models import Issuer
from ledger.services import TRANSFER_REPORT, last_sealed_sequence
from mall import sql  # portable raw SQL; the ledger's transfers are read through its TRANSFER_REPORT
from settlement.goodwill import add_issuer_goodwill_lines
from settlement.models import CounterpartyKind, SettlementRun, Statement
from settlement.periods import Period

MICROS = 1_000_000
CENTS = Decimal("0.01")
ISSUER_CHANNELS = "SELECT id FROM channel_channel WHERE issuer_code = $1"
REDEMPTION_KINDS = "t.kind IN ('capture', 'refund')"
IN_PERIOD = "t.created_at >= $2 AND t.created_at < $3"


def late_arrival(issuer_code: str, statement_id: str) -> str:
    """Transfers stamped in a period already settled with the issuer (by another statement than this one)
    that no issuer statement settled yet: they committed after that period's run. `issuer_code` and
    `statement_id` are the query's parameters holding them (e.g. "$1", "$4").

    Every transfer sealed up to the latest statement's watermark was visible to that run, which settled it
    in its period or as a late arrival (runs of one issuer are serialised), so only transfers above the
    watermark or not sealed yet need the anti-join against the entries."""
    others = f"s.kind = 'issuer' AND s.counterparty_code = {issuer_code} AND s.id <> {statement_id}"
    return (
        "(t.sequence IS NULL OR t.sequence >"
        f" (SELECT COALESCE(MAX(s.ledger_watermark), 0) FROM settlement_statement s WHERE {others}))"
        f" AND EXISTS (SELECT 1 FROM settlement_statement s WHERE {others}"
        " AND t.created_at >= s.period_start AND t.created_at < s.period_end)"
        " AND NOT EXISTS (SELECT 1 FROM settlement_statement_entry e WHERE e.kind = 'issuer'"
        f" AND e.transfer_id = t.id AND e.statement_id <> {statement_id})"
    )


# Capture and refund transfers of the issuer's channels written in [start, end), and the late arrivals
# ($1 issuer code, $2 start, $3 end, $4 the statement being built or checked).
STATEMENT_REDEMPTIONS = (
    f"t.channel_id IN ({ISSUER_CHANNELS}) AND {REDEMPTION_KINDS}"
    f" AND (({IN_PERIOD}) OR ({late_arrival('$1', '$4')}))"
)
ORDER_REFERENCED = "t.subject_kind = 'order'"
LATE_FLAG = f"CASE WHEN {IN_PERIOD} THEN 0 ELSE 1 END"


def rate_micros(rate: Decimal) -> int:
    """The cash value of a point in millionths (the rate has at most six decimal places)."""
    return int((rate * MICROS).to_integral_value(ROUND_HALF_UP))


def cash(amount_micros: int) -> Decimal:
    return (Decimal(amount_micros) / MICROS).quantize(CENTS, ROUND_HALF_UP)


def _order_id_text() -> str:
    # PostgreSQL stores the order id as uuid, SQLite as its text: compare as text on both.
    return "CAST(o.id AS TEXT)" if sql.is_postgres() else "o.id"


def _insert_lines_sql() -> str:
    captured = "SUM(CASE WHEN t.kind = 'capture' THEN t.points ELSE 0 END)"
    refunded = "SUM(CASE WHEN t.kind = 'refund' THEN t.points ELSE 0 END)"
    return (
        "INSERT INTO settlement_statement_line (statement_id, kind, channel_id, reference, order_id, order_number,"
        " points_captured, points_refunded, quantity, amount_micros, points_value)"
        f" SELECT $4, {_line_kind(captured)}, MIN(t.channel_id), t.reference,"
        f" MIN(t.subject_id), MIN(o.number), {captured}, {refunded}, 0, ({captured} - {refunded}) * $5, 0"
        f" FROM {TRANSFER_REPORT} t LEFT JOIN orders_order o ON {_order_id_text()} = t.subject_id"
        f" WHERE {STATEMENT_REDEMPTIONS} AND {ORDER_REFERENCED} GROUP BY t.reference, {LATE_FLAG}"
    )


def _line_kind(captured: str) -> str:
    # An order's late transfers get a line of their own, apart from its transfers of the period.
    return (f"CASE WHEN MAX({LATE_FLAG}) = 1 THEN 'late_arrival' WHEN {captured} > 0 THEN 'order'"
            " ELSE 'adjustment' END")


INSERT_ENTRIES = (
    "INSERT INTO settlement_statement_entry (statement_id, line_id, kind, source, transfer_id, points, quantity)"
    " SELECT $4, l.id, 'issuer', 'transfer:' || t.id, t.id,"
    " CASE WHEN t.kind = 'capture' THEN t.points ELSE -t.points END, 0"
    f" FROM {TRANSFER_REPORT} t JOIN settlement_statement_line l ON l.statement_id = $4 AND l.reference = t.reference"
    f" AND CASE WHEN l.kind = 'late_arrival' THEN 1 ELSE 0 END = {LATE_FLAG}"
    f" WHERE {STATEMENT_REDEMPTIONS} AND {ORDER_REFERENCED} ORDER BY t.id"  # sources listed in transfer order
)
LINE_TOTALS = (
    "SELECT COUNT(*) AS lines, COALESCE(SUM(points_captured), 0) AS captured,"
    " COALESCE(SUM(points_refunded), 0) AS refunded FROM settlement_statement_line WHERE statement_id = $1"
)
# Member-side movements: + into a wallet, - out of it. Holds and voids are not posted.
MEMBER_MOVEMENT = "t.member_movement"
MEMBER_TRANSFERS = (
    f"t.channel_id IN ({ISSUER_CHANNELS}) AND t.member_account_id IS NOT NULL AND t.kind NOT IN ('hold', 'void')"
)
LATE_MEMBER_REDEMPTIONS = (
    f"SELECT COALESCE(SUM({MEMBER_MOVEMENT}), 0) AS points FROM {TRANSFER_REPORT} t"
    f" WHERE {MEMBER_TRANSFERS} AND {REDEMPTION_KINDS} AND {late_arrival('$1', '$2')}"
)
# The issuer's goodwill this statement settles although stamped before its period (late arrivals,
# settlement.goodwill): its entries name the transfers ($1 the statement, $2 the period's start).
LATE_MEMBER_GOODWILL = (
    f"SELECT COALESCE(SUM({MEMBER_MOVEMENT}), 0) AS points FROM {TRANSFER_REPORT} t"
    " JOIN settlement_statement_entry e ON e.transfer_id = t.id"
    " WHERE e.statement_id = $1 AND e.kind = 'issuer' AND e.source LIKE 'goodwill:%' AND t.created_at < $2"
)


@dataclass(frozen=True)
class Liability:
    opening: int
    accrued: int
    adjusted: int
    redeemed: int
    expired: int

    @property
    def closing(self) -> int:
        return self.opening + self.accrued + self.adjusted - self.redeemed - self.expired


async def liability_summary(issuer_code: str, period: Period, statement_id: int) -> Liability:
    """The issuer's outstanding member points at the start of the period and how they moved in it.

    Late arrivals the statement settles count as redeemed (or, the issuer's goodwill, adjusted) in this
    period, so they are taken out of the opening figure (which, summing everything stamped before the
    start, already holds them): the previous statement's closing did not include them, and they must not
    be counted twice here. Call once the statement's goodwill lines are in."""
    late = await sql.fetch_one(LATE_MEMBER_REDEMPTIONS, issuer_code, statement_id)
    late_moved = int(late["points"] or 0) if late else 0
    goodwill = await sql.fetch_one(LATE_MEMBER_GOODWILL, statement_id, period.start)
    late_goodwill = int(goodwill["points"] or 0) if goodwill else 0
    opening = await sql.fetch_one(
        f"SELECT COALESCE(SUM({MEMBER_MOVEMENT}), 0) AS points FROM {TRANSFER_REPORT} t"
        f" WHERE {MEMBER_TRANSFERS} AND t.created_at < $2",
        issuer_code, period.start,
    )
    rows = await sql.fetch(
        f"SELECT t.kind AS kind, SUM({MEMBER_MOVEMENT}) AS points FROM {TRANSFER_REPORT} t"
        f" WHERE {MEMBER_TRANSFERS} AND t.created_at >= $2 AND t.created_at < $3 GROUP BY t.kind",
        issuer_code, period.start, period.end,
    )
    moved = {row["kind"]: int(row["points"] or 0) for row in rows}
    return Liability(
        opening=(int(opening["points"] or 0) if opening else 0) - late_moved - late_goodwill,
        accrued=moved.get("accrual", 0),
        adjusted=moved.get("adjustment", 0) + late_goodwill,
        redeemed=-(moved.get("capture", 0) + moved.get("refund", 0) + late_moved),
        expired=-moved.get("expiry", 0),
    )


async def build_issuer_statement(issuer: Issuer, period: Period, run: SettlementRun) -> Statement:
    """A draft statement for the issuer's period, with its lines, entries, totals and liability summary."""
    # One run of an issuer at a time (PostgreSQL; SQLite has one writer anyway): a run must see the
    # statements of the runs before it, or a late arrival below their watermark would be missed.
    await Issuer.filter(id=issuer.id).select_for_update().first()
    # Read before the lines: every transfer sealed up to here is visible to the statements below.
    watermark = await last_sealed_sequence()
    statement = await Statement.create(
        kind=CounterpartyKind.ISSUER, counterparty_code=issuer.code, period=period.name,
        time_zone=period.time_zone, period_start=period.start, period_end=period.end, run=run,
        currency=issuer.cash_currency, cash_value_per_point=issuer.cash_value_per_point,
        ledger_watermark=watermark,
    )
    arguments = (issuer.code, period.start, period.end, statement.id)
    await sql.execute(_insert_lines_sql(), *arguments, rate_micros(issuer.cash_value_per_point))
    await sql.execute(INSERT_ENTRIES, *arguments)
    await add_issuer_goodwill_lines(statement)
    await _store_totals(statement, await liability_summary(issuer.code, period, statement.id))
    return statement


async def _store_totals(statement: Statement, liability: Liability) -> None:
    totals = await sql.fetch_one(LINE_TOTALS, statement.id)
    assert totals is not None
    captured, refunded = int(totals["captured"]), int(totals["refunded"])
    rate = Decimal(statement.cash_value_per_point or 0)
    gross = (Decimal(captured - refunded) * rate).quantize(CENTS, ROUND_HALF_UP)
    changes = {
        "line_count": int(totals["lines"]), "points_captured": captured, "points_refunded": refunded,
        "points_net": captured - refunded, "gross_amount": gross, "amount_due": gross,
        "liability_opening": liability.opening, "liability_accrued": liability.accrued,
        "liability_adjusted": liability.adjusted, "liability_redeemed": liability.redeemed,
        "liability_expired": liability.expired, "liability_closing": liability.closing,
    }
    await Statement.filter(id=statement.id).update(**changes)
    for name, value in changes.items():
        setattr(statement, name, value)


async def net_points_by_channel(statement: Statement) -> dict[int, int]:
    """Net points (captured - refunded) per channel: what the settlement transfers move."""
    rows = await sql.fetch(
        "SELECT channel_id, SUM(points_captured - points_refunded) AS points FROM settlement_statement_line"
        " WHERE statement_id = $1 GROUP BY channel_id ORDER BY channel_id",
        statement.id,
    )
    return {int(row["channel_id"]): int(row["points"] or 0) for row in rows}


def period_of(statement: Statement) -> Period:
    start: datetime = statement.period_start
    end: datetime = statement.period_end
    return Period(statement.period, statement.time_zone, start, end)
