"""Partner statements: cost of delivered goods minus returns minus the service fee, per period."""

from __future__ import annotations

from decimal import Decimal

from orders.models import Order
from orders.services.lifecycle import cancel_order
from settlement.models import LineKind, RunStatus, Statement, StatementLine, StatementStatus
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, settle_partner, take_back


async def lines_of(statement: Statement) -> list[tuple]:
    return await StatementLine.filter(statement_id=statement.id).order_by("id").values_list(
        "kind", "quantity", "unit_cost", "amount_micros", "points_value"
    )


async def test_the_partner_is_owed_the_cost_of_deliveries_less_returns_and_the_service_fee(settings):
    # given: 3 kettles (cost 50.00, 1,200 points each) delivered in November, 1 returned; fee 5 %, rate 0.01
    shop = await make_shop(settings)
    line = await order_gifts(shop, 3)
    shipped = await deliver(shop, line, 3, at("2026-11-12T03:00:00"))
    await take_back(shop, shipped, 1, at("2026-11-20T03:00:00"))

    # when
    statement = (await settle_partner(settings)).issued[0]

    # then: 150.00 - 50.00 - 5 % of (2,400 points x 0.01) = 98.80
    assert await lines_of(statement) == [
        (LineKind.DELIVERY, 3, Decimal("50.00"), 150_000_000, 3_600),
        (LineKind.RETURN, -1, Decimal("50.00"), -50_000_000, -1_200),
    ]
    figures = (statement.gross_amount, statement.returns_amount, statement.fee_amount, statement.amount_due)
    assert figures == (Decimal("150.00"), Decimal("50.00"), Decimal("1.20"), Decimal("98.80"))
    assert (statement.points_net, statement.currency, statement.status) == (2_400, "CNY", StatementStatus.ISSUED)


async def test_deliveries_count_in_the_month_they_arrive_in_the_operators_time_zone(settings):
    # given: one kettle delivered just before midnight of 30 November in Shanghai, one just after
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    await deliver(shop, line, 1, at("2026-11-30T15:59:59"))
    await deliver(shop, line, 1, at("2026-11-30T16:00:00"))

    # when
    november = (await settle_partner(settings, "2026-11")).issued[0]
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # then
    assert (november.gross_amount, december.gross_amount) == (Decimal("50.00"), Decimal("50.00"))


async def test_re_running_a_partner_period_doubles_nothing(settings):
    # given
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    await deliver(shop, line, 1, at("2026-11-12T03:00:00"))
    first = await settle_partner(settings)

    # when
    second = await settle_partner(settings)

    # then
    assert (len(first.issued), len(second.issued), len(second.skipped)) == (1, 0, 1)
    assert await StatementLine.all().count() == 1


async def test_goods_of_a_refunded_order_refuse_the_run(settings):
    # given: the order was canceled (its points refunded) yet a shipment of it was delivered
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    order = await Order.get(id=line.order_id)
    await cancel_order(order, "user:1")
    await deliver(shop, line, 1, at("2026-11-12T03:00:00"))

    # when
    outcome = await settle_partner(settings)

    # then
    assert outcome.run.status == RunStatus.REFUSED
    assert outcome.differences == [
        f"partner ACME 2026-11: order {order.id} has goods worth 1,200 points settled with partners but "
        "0 points captured in the ledger"
    ]
    assert await Statement.all().count() == 0
