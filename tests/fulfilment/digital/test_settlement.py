"""Digital lines count for the partner when their codes are delivered, and appear on its statement like any
line; a top-up counts from the moment the partner's API issued it, not from the order."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import httpx

from kernel import clock
from mall.outbox.services import deliver_due
from settlement.models import LineKind, StatementLine
from tests.fulfilment.digital.test_issuing import FakeIssuer
from tests.fulfilment.digital.world import COFFEE_PARTNER, TOPUP_PARTNER, build_digital_mall, redeem, stock_codes
from tests.settlement.helpers import make_bank
from tests.settlement.partner.helpers import settle_partner


async def statement_lines(outcome) -> list[tuple]:
    [statement] = outcome.issued
    return await StatementLine.filter(statement_id=statement.id).order_by("id").values_list(
        "kind", "quantity", "unit_cost", "points_value")


async def test_vouchers_delivered_at_completion_are_on_the_partners_statement_of_that_month(settings, set_clock):
    # given: two coffee vouchers redeemed (and delivered) on 12 November
    set_clock("2026-11-12T11:00:00+08:00")
    bank = await make_bank(settings)
    mall = await build_digital_mall(settings, channel=bank.channel, member=bank.member)
    await stock_codes(mall, "BREW-NOV-0001", "BREW-NOV-0002", today=clock.today_in("UTC"))
    await redeem(mall, [(mall.coffee, 2)])

    # when
    outcome = await settle_partner(settings, "2026-11", code=COFFEE_PARTNER)

    # then: cost 50.00 a voucher (tests.catalog builders), 300 points each
    assert await statement_lines(outcome) == [(LineKind.DELIVERY, 2, Decimal("50.00"), 600)]
    assert outcome.issued[0].gross_amount == Decimal("100.00")


async def test_a_top_up_counts_in_the_month_the_partner_issued_it(settings, set_clock):
    # given: a top-up redeemed on 30 November (Shanghai), issued by the partner on 1 December
    set_clock("2026-11-30T23:50:00+08:00")
    bank = await make_bank(settings)
    mall = await build_digital_mall(settings, channel=bank.channel, member=bank.member)
    await redeem(mall, [(mall.topup, 1)])
    clock.advance(timedelta(minutes=20))
    partner = FakeIssuer(httpx.Response(200, json={"reference": "TOPUP-1", "status": "done"}))
    await deliver_due(partner.handlers(settings))

    # when
    november = await settle_partner(settings, "2026-11", code=TOPUP_PARTNER)
    december = await settle_partner(settings, "2026-12", code=TOPUP_PARTNER)

    # then
    assert await statement_lines(november) == []
    assert await statement_lines(december) == [(LineKind.DELIVERY, 1, Decimal("50.00"), 500)]
