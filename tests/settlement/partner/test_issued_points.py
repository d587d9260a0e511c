"""Points a partner issued to members (loyalty rules it funds) are charged on its statement at the points' cash
value, net of those taken back, once; the ledger stays clean."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from ledger.verify import verify_ledger
from loyalty.activity import award_for_member
from loyalty.models import RuleKind
from loyalty.spend import run_spend_jobs
from settlement.models import LineKind, StatementEntry, StatementLine
from tests.loyalty.helpers import OPERATOR, make_rule
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, settle_partner, take_back


async def test_a_partners_issued_points_are_charged_on_its_statement_at_their_cash_value(settings, set_clock):
    # given: ACME funds a 500-point welcome and 10% back on its kettles; two kettles (2,400 points) delivered
    # in November, one returned (120 points taken back); the rate is 0.01 CNY a point, the fee 5 %
    shop = await make_shop(settings)
    welcome = await make_rule("acme-welcome", RuleKind.WELCOME, points=500, funding_partner_code="ACME")
    await make_rule("acme-back", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"), funding_partner_code="ACME")
    async with in_transaction():
        await award_for_member(welcome.id, shop.bank.channel, shop.bank.member.id, "", OPERATOR)
    line = await order_gifts(shop, 2)
    shipped = await deliver(shop, line, 2, at("2026-11-12T03:00:00"))
    set_clock("2026-11-12T12:00:00+08:00")
    await run_spend_jobs()
    await take_back(shop, shipped, 1, at("2026-11-20T03:00:00"))
    set_clock("2026-11-20T12:00:00+08:00")
    await run_spend_jobs()

    # when
    november = (await settle_partner(settings, "2026-11")).issued[0]
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # then: 500 + 240 - 120 = 620 points issued, 6.20 CNY charged: 100.00 - 50.00 - 0.60 (5 % of 1,200 points x
    # 0.01) - 6.20 = 43.20
    issued = await StatementLine.get(statement_id=november.id, kind=LineKind.ISSUED_POINTS)
    assert (issued.points_captured, issued.points_refunded, issued.amount_micros, issued.reference) == (
        740, 120, -6_200_000, "issued:ACME")
    assert sorted(e.points for e in await StatementEntry.filter(line_id=issued.id)) == [-120, 240, 500]
    assert (november.gross_amount, november.returns_amount, november.fee_amount, november.amount_due) == (
        Decimal("100.00"), Decimal("50.00"), Decimal("0.60"), Decimal("43.20"))
    assert await StatementLine.filter(statement_id=december.id).count() == 0
    assert december.amount_due == Decimal("0.00")
    assert (await verify_ledger()).problems == []
