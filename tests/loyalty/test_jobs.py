"""The loyalty share of `mall worker`: spend awards, tier reviews and member states in one pass."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from loyalty.jobs import run_loyalty_jobs
from loyalty.models import Award, ProgrammeMember, RuleKind, TierChange
from loyalty.tiers import LevelTerms, set_tier_levels
from tests.loyalty.helpers import make_rule
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import deliver, make_shop, order_gifts


async def test_one_pass_awards_a_delivery_judges_the_tier_and_scores_the_member(settings, set_clock):
    # given: 10% back, tiers silver (0) and gold (200); a kettle (1,200 points) delivered
    set_clock("2026-12-01T10:00:00+08:00")
    shop = await make_shop(settings)
    await make_rule("spend", RuleKind.SPEND_RATIO, ratio=Decimal("0.1"))
    async with in_transaction():
        await set_tier_levels("BANKA", [LevelTerms("silver", "Silver", 0), LevelTerms("gold", "Gold", 100)])
    line = await order_gifts(shop, 1)
    await deliver(shop, line, 1, at("2026-12-03T02:00:00"))
    set_clock("2026-12-03T11:00:00+08:00")

    # when
    first = await run_loyalty_jobs()
    second = await run_loyalty_jobs()

    # then
    assert [award.points for award in await Award.all()] == [120]
    assert (first.tiers_judged, second.tiers_judged) == (1, 0)
    assert [(c.to_tier, c.reason) for c in await TierChange.all()] == [("gold", "joined")]
    standing = await ProgrammeMember.get()
    assert (standing.state, standing.segment) == ("active", "hibernating")
