"""Settlement uses the partner's terms in force for the month it settles: a fee change recorded in November
from December on leaves November's statement at the old fee, and December's is at the new one."""

from __future__ import annotations

from decimal import Decimal

from partners.models import Partner
from partners.services import TermsChange, change_partner_terms
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, settle_partner


async def test_each_month_is_settled_at_the_fee_in_force_for_it(settings, set_clock):
    # given: a kettle (cost 50.00, 1,200 points, rate 0.01) delivered in November and one in December; on
    # 15 November the operator records a 10 % fee from December on (it was 5 %)
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    await deliver(shop, line, 1, at("2026-11-12T03:00:00"))
    await deliver(shop, line, 1, at("2026-12-03T03:00:00"))
    set_clock("2026-11-15T10:00:00+08:00")
    await change_partner_terms(await Partner.get(code="ACME"), TermsChange(Decimal("10"), "2026-12"), "user:1",
                               "Asia/Shanghai")

    # when
    november = (await settle_partner(settings, "2026-11")).issued[0]
    december = (await settle_partner(settings, "2026-12")).issued[0]

    # then: 5 % then 10 % of 1,200 points x 0.01
    assert (november.fee_amount, november.amount_due) == (Decimal("0.60"), Decimal("49.40"))
    assert (december.fee_amount, december.amount_due) == (Decimal("1.20"), Decimal("48.80"))
