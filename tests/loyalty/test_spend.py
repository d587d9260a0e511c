"""Spend awards follow the order lifecycle: earned at delivery (or once the return window closed), taken back
in proportion when gifts come back, nothing for what never arrived; the ledger clean after all of it."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from ledger.models import Transfer
from ledger.services import points_balance
from ledger.verify import verify_ledger
from loyalty.models import Award, AwardTakeBack, QualifyingMonth, RuleKind, SpendTiming
from loyalty.programmes import ProgrammeChanges, update_programme
from loyalty.spend import run_spend_jobs
from tests.loyalty.helpers import make_rule
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts, take_back

# The shop's gift is 1,200 points; the member starts with 100,000 (tests.settlement.partner.helpers).
START = 100_000


async def balance(shop) -> int:
    return (await points_balance(shop.bank.channel.id, shop.bank.member.id)).points_available


async def test_spend_points_are_earned_at_delivery_and_taken_back_on_a_return(settings, set_clock):
    # given: 10% of the points value back; two kettles (2,400 points) delivered on 3 December
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    await make_rule("spend", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"), name="10% back")
    line = await order_gifts(shop, 2)
    shipped = await deliver(shop, line, 2, at("2026-12-03T02:00:00"))
    set_clock("2026-12-03T11:00:00+08:00")
    await run_spend_jobs()
    earned = await balance(shop)

    # when: one kettle comes back on 5 December
    await take_back(shop, shipped, 1, at("2026-12-05T02:00:00"))
    set_clock("2026-12-05T11:00:00+08:00")
    await run_spend_jobs()
    await run_spend_jobs()  # a second pass finds nothing more to do

    # then
    assert earned == START - 2_400 + 240
    assert await balance(shop) == START - 2_400 + 120
    award = await Award.get()
    assert (award.points, award.points_taken_back, award.occasion) == (240, 120, f"shipment:{shipped.shipment_id}")
    assert [t.points for t in await AwardTakeBack.all()] == [120]
    month = await QualifyingMonth.get()
    assert (month.points_earned, month.spend) == (120, 1_200)
    assert (await verify_ledger()).problems == []


async def test_a_programme_that_waits_for_the_return_window_awards_only_what_was_kept(settings, set_clock):
    # given: points pending until the channel's 7-day return window closes; two kettles delivered on
    # 3 December, one returned on 5 December
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    async with in_transaction():
        await update_programme("BANKA", ProgrammeChanges(spend_timing=SpendTiming.AFTER_RETURN_WINDOW))
    await make_rule("spend", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"))
    line = await order_gifts(shop, 2)
    shipped = await deliver(shop, line, 2, at("2026-12-03T02:00:00"))
    set_clock("2026-12-04T10:00:00+08:00")
    await run_spend_jobs()
    pending = await Award.all().count()
    await take_back(shop, shipped, 1, at("2026-12-05T02:00:00"))

    # when: the window has closed
    set_clock("2026-12-10T11:00:00+08:00")
    await run_spend_jobs()
    await run_spend_jobs()

    # then
    assert pending == 0
    award = await Award.get()
    assert (award.points, award.points_taken_back) == (120, 0)
    assert await balance(shop) == START - 2_400 + 120
    assert await Transfer.filter(kind="accrual", reference__startswith="loyalty-rule").count() == 1
    assert (await verify_ledger()).problems == []


async def test_points_set_per_product_count_the_units_delivered(settings, set_clock):
    # given: 30 points for each kettle (its SKU), and a product not on the list
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    await make_rule("kettles", RuleKind.PRODUCT_POINTS, product_points={"KETTLE-ACME": 30, "OTHER": 5})
    line = await order_gifts(shop, 3)
    await deliver(shop, line, 3, at("2026-12-03T02:00:00"))

    # when
    set_clock("2026-12-03T11:00:00+08:00")
    await run_spend_jobs()

    # then
    assert [award.points for award in await Award.all()] == [90]
    assert await balance(shop) == START - 3_600 + 90


async def test_an_order_never_delivered_earns_nothing(settings, set_clock):
    # given: an order placed, nothing delivered (e.g. cancelled)
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    await make_rule("spend", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"))
    await order_gifts(shop, 1)

    # when
    set_clock("2026-12-20T10:00:00+08:00")
    await run_spend_jobs()

    # then
    assert await Award.all().count() == 0
    assert await balance(shop) == START - 1_200


async def test_a_new_spend_rule_does_not_pay_for_deliveries_before_it(settings, set_clock):
    # given: a kettle delivered on 3 December, the spend rule made on the 4th
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    line = await order_gifts(shop, 1)
    await deliver(shop, line, 1, at("2026-12-03T02:00:00"))
    set_clock("2026-12-04T10:00:00+08:00")
    await make_rule("spend", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"))

    # when
    await run_spend_jobs()

    # then: no award, but the delivery counts as spend for tiers
    assert await Award.all().count() == 0
    assert (await QualifyingMonth.get()).spend == 1_200
