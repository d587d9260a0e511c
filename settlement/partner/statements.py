"""Partner statements: what the operator owes a partner for the goods it delivered in the period.

    cost of deliveries  - cost of returns  - service fee  - goodwill  - points it issued  = amount due

Each delivery or return of an order line is one line, priced at the cost price frozen on the order line.
A delivery or return stamped in a period settled before it was recorded is a `late_arrival` line of the
next statement (settlement.partner.late_arrivals): positive quantities count as deliveries, negative ones
as returns, whatever the line's kind.
The service fee is the partner's percentage of the points value consumed (deliveries minus returns, at
the points price frozen on the order line), converted to cash at the rate of the issuer whose channel
the order was placed in. Goodwill is what the partner paid members for complaints it was at fault for
(settlement.goodwill), at the issuer's rate. Points the partner issued to members (loyalty rules it funds)
are charged at the points' cash value (settlement.partner.issued_points). Partners are paid in cash, so
issuing a partner statement moves no points.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ledger.services import last_sealed_sequence
from partners.models import Partner
from partners.services import terms_in_force
from settlement.goodwill import add_partner_goodwill_lines
from settlement.issuer.statements import MICROS, cash, rate_micros
from settlement.models import (
    CounterpartyKind,
    LineKind,
    SettlementRun,
    Statement,
    StatementEntry,
    StatementLine,
)
from settlement.partner.goods import DeliveredGoods, PlacedMovement, place
from settlement.partner.issued_points import add_issued_points
from settlement.partner.late_arrivals import late_arrivals
from settlement.partner.rates import ChannelRate, channel_rates
from settlement.periods import Period

CENTS = Decimal("0.01")


def line_amount_micros(placed: PlacedMovement) -> int:
    cost = placed.movement.unit_cost_price or Decimal(0)
    return int((cost * placed.movement.quantity * MICROS).to_integral_value(ROUND_HALF_UP))


def _line_kind(placed: PlacedMovement) -> LineKind:
    if placed.movement.late:
        return LineKind.LATE_ARRIVAL
    return LineKind.DELIVERY if placed.movement.quantity > 0 else LineKind.RETURN


async def _add_line(statement: Statement, placed: PlacedMovement) -> None:
    movement = placed.movement
    line = await StatementLine.create(
        statement_id=statement.id, kind=_line_kind(placed),
        channel_id=placed.channel_id, reference=f"order:{placed.order_id}", order_id=placed.order_id,
        order_number=placed.order_number, order_line_id=movement.order_line_id, product_sku=placed.product_sku,
        quantity=movement.quantity, unit_cost=movement.unit_cost_price, amount_micros=line_amount_micros(placed),
        points_value=movement.unit_price_points * movement.quantity,
    )
    await StatementEntry.create(statement_id=statement.id, line_id=line.id, kind=CounterpartyKind.PARTNER,
                                source=movement.source, points=line.points_value, quantity=movement.quantity)


def service_fee(points_by_channel: dict[int, int], rates: dict[int, ChannelRate | None], percent: Decimal) -> Decimal:
    """percent x the cash value of the points consumed, each channel at its issuer's rate."""
    value = sum((Decimal(points) * rate.rate for channel, points in points_by_channel.items()
                 if (rate := rates.get(channel)) is not None), Decimal(0))
    return (value * percent / 100).quantize(CENTS, ROUND_HALF_UP)


async def build_partner_statement(partner: Partner, period: Period, run: SettlementRun,
                                  goods: DeliveredGoods) -> Statement:
    """A draft statement of the partner's deliveries and returns in the period, then its late arrivals,
    with its totals."""
    # One run of a partner at a time (PostgreSQL; SQLite has one writer anyway): a run must see the
    # statements of the runs before it, or a late arrival below their watermark would be missed.
    await Partner.filter(id=partner.id).select_for_update().first()
    # Read before the facts: every fact accepted up to here is visible to the reads below.
    watermark = await goods.watermark()
    statement = await Statement.create(
        kind=CounterpartyKind.PARTNER, counterparty_code=partner.code, period=period.name,
        time_zone=period.time_zone, period_start=period.start, period_end=period.end, run=run,
        currency=partner.settlement_currency, fulfilment_watermark=watermark,
        ledger_watermark=await last_sealed_sequence(),  # for its goodwill's late arrivals (settlement.goodwill)
    )
    in_period = await place(await goods.movements(partner.code, period.start, period.end))
    late = await place(await late_arrivals(statement, goods))
    for movement in [*in_period, *late]:
        await _add_line(statement, movement)
    await add_partner_goodwill_lines(statement, channel_rates, rate_micros)  # type: ignore[arg-type]
    await add_issued_points(statement, partner.code, period.end)
    await store_partner_totals(statement, partner)
    return statement


@dataclass(frozen=True)
class PartnerTotals:
    points_delivered: int
    points_returned: int
    gross_micros: int
    returns_micros: int
    fee: Decimal
    lines: int
    goodwill_micros: int = 0  # what the partner paid members (positive), deducted from the amount due
    issued_micros: int = 0  # points the partner issued, at their cash value (negative: charged to the partner)

    @property
    def amount_due(self) -> Decimal:
        return (cash(self.gross_micros) - cash(self.returns_micros) - self.fee - cash(self.goodwill_micros)
                + cash(self.issued_micros))


async def partner_totals(statement: Statement, partner: Partner) -> PartnerTotals:
    """The statement's figures recomputed from its stored lines."""
    lines = await StatementLine.filter(statement_id=statement.id).values("kind", "quantity", "channel_id",
                                                                         "points_value", "amount_micros")
    points_by_channel: dict[int, int] = defaultdict(int)
    for line in lines:
        points_by_channel[int(line["channel_id"])] += int(line["points_value"])
    rates = await channel_rates(set(points_by_channel))
    # The fee of the terms in force for the statement's month, whenever it is (re)computed: a change recorded
    # later takes effect from a later month only (partners.services.change_partner_terms).
    terms = await terms_in_force(partner, statement.period)
    # By sign rather than kind: a late arrival line is either.
    deliveries = [line for line in lines if int(line["quantity"]) > 0]
    returns = [line for line in lines if int(line["quantity"]) < 0]
    return PartnerTotals(
        points_delivered=sum(int(line["points_value"]) for line in deliveries),
        points_returned=-sum(int(line["points_value"]) for line in returns),
        gross_micros=sum(int(line["amount_micros"]) for line in deliveries),
        returns_micros=-sum(int(line["amount_micros"]) for line in returns),
        fee=service_fee(points_by_channel, rates, terms.service_fee_percent),
        lines=len(lines),
        goodwill_micros=-sum(int(line["amount_micros"]) for line in lines if line["kind"] == LineKind.GOODWILL),
        issued_micros=sum(int(line["amount_micros"]) for line in lines if line["kind"] == LineKind.ISSUED_POINTS),
    )


async def store_partner_totals(statement: Statement, partner: Partner) -> None:
    totals = await partner_totals(statement, partner)
    gross, returned = cash(totals.gross_micros), cash(totals.returns_micros)
    changes = {
        "line_count": totals.lines, "points_captured": totals.points_delivered,
        "points_refunded": totals.points_returned, "points_net": totals.points_delivered - totals.points_returned,
        "gross_amount": gross, "returns_amount": returned, "fee_amount": totals.fee,
        "amount_due": totals.amount_due,
    }
    await Statement.filter(id=statement.id).update(**changes)
    for name, value in changes.items():
        setattr(statement, name, value)
