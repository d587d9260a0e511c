"""Tiers over a rolling window: joined, upgraded at once, retained or downgraded one level at the anniversary,
every change recorded with its reason; the job reads only members whose figures moved or whose anniversary
came; a tier's earn multiplier raises awards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from ledger.verify import verify_ledger
from loyalty.activity import award_for_member
from loyalty.models import Award, ProgrammeMember, RuleKind, TierChange, TierLevel
from loyalty.programmes import ProgrammeChanges, update_programme
from loyalty.rules import update_rule
from loyalty.tiers import LevelTerms, review_tiers, set_tier_levels
from mall.notifications.models import Notification
from mall.outbox.services import deliver_due
from mall.worker import outbox_handlers
from tests.loyalty.helpers import OPERATOR, make_programme, make_rule

LEVELS = [LevelTerms("silver", "Silver", 0), LevelTerms("gold", "Gold", 1_000, earn_multiplier=Decimal("1.5")),
          LevelTerms("platinum", "Platinum", 5_000, earn_multiplier=Decimal(2), free_delivery=True)]


async def tiered_programme(settings, window_months: int = 12):
    programme = await make_programme(settings)
    async with in_transaction():
        await set_tier_levels("BANKA", LEVELS)
        await update_programme("BANKA", ProgrammeChanges(tier_window_months=window_months))
    rule = await make_rule("events", RuleKind.EVENT, points=500)
    return programme, rule


async def earn(programme, rule, when: str, set_clock, event: str, base: int | None = None) -> None:
    set_clock(when)
    if base is not None:
        async with in_transaction():
            await update_rule(rule.id, {"points": base}, OPERATOR)
    async with in_transaction():
        await award_for_member(rule.id, programme.channel, programme.member.id, event, OPERATOR)


async def review(when: str, set_clock) -> int:
    set_clock(when)
    return await review_tiers("BANKA")


async def tier_of(programme) -> str:
    standing = await ProgrammeMember.get(issuer_code="BANKA", member_id=programme.member.id)
    return (await TierLevel.get(id=standing.tier_id)).code


async def history() -> list[tuple[str | None, str | None, str, int, str]]:
    return [(c.from_tier, c.to_tier, c.reason, c.qualifying_value, str(c.happened_on))
            for c in await TierChange.all().order_by("id")]


async def test_upgrade_at_once_retention_at_the_anniversary_then_a_downgrade_one_level(settings, set_clock):
    # given: 500 points in January 2025 and 600 in February
    programme, rule = await tiered_programme(settings)
    await earn(programme, rule, "2025-01-10T10:00:00+08:00", set_clock, "jan")
    joined = await review("2025-01-10T11:00:00+08:00", set_clock)
    await earn(programme, rule, "2025-02-10T10:00:00+08:00", set_clock, "feb", base=600)

    # when: the upgrade is judged at once; in December, gold earns 1.5 x 1,000; anniversaries in 2026 and 2027
    upgraded = await review("2025-02-10T11:00:00+08:00", set_clock)
    await earn(programme, rule, "2025-12-05T10:00:00+08:00", set_clock, "dec", base=1_000)
    await review("2025-12-05T11:00:00+08:00", set_clock)
    quiet_day = await review("2026-01-20T11:00:00+08:00", set_clock)
    await review("2026-02-10T09:00:00+08:00", set_clock)
    retained = await tier_of(programme)
    await review("2027-02-10T09:00:00+08:00", set_clock)

    # then
    assert (joined, upgraded, quiet_day) == (1, 1, 0)
    assert [award.points for award in await Award.all().order_by("id")] == [500, 600, 1_500]
    assert retained == "gold"
    assert await tier_of(programme) == "silver"
    assert await history() == [
        (None, "silver", "joined", 500, "2025-01-10"),
        ("silver", "gold", "upgrade", 1_100, "2025-02-10"),
        ("gold", "gold", "retained", 1_500, "2026-02-10"),
        ("gold", "silver", "downgrade", 0, "2027-02-10"),
    ]
    assert (await verify_ledger()).problems == []


async def test_a_24_month_window_retains_on_points_earned_in_the_year_before_last(settings, set_clock):
    # given: the same member as above, in a programme that counts 24 months
    programme, rule = await tiered_programme(settings, window_months=24)
    await earn(programme, rule, "2025-01-10T10:00:00+08:00", set_clock, "jan")
    await earn(programme, rule, "2025-02-10T10:00:00+08:00", set_clock, "feb", base=600)
    await review("2025-02-10T11:00:00+08:00", set_clock)
    await earn(programme, rule, "2025-12-05T10:00:00+08:00", set_clock, "dec", base=1_000)

    # when
    await review("2026-02-10T09:00:00+08:00", set_clock)
    await review("2027-02-10T09:00:00+08:00", set_clock)

    # then: in February 2027 the window runs from March 2025, so December 2025's 1,500 points still count
    assert await tier_of(programme) == "gold"
    assert [change[:3] for change in await history()] == [(None, "gold", "joined"), ("gold", "gold", "retained"),
                                                         ("gold", "gold", "retained")]


async def test_levels_need_an_entry_level_and_rising_thresholds(settings):
    # given
    await make_programme(settings)

    # when
    with pytest.raises(DomainError) as no_entry:
        await set_tier_levels("BANKA", [LevelTerms("gold", "Gold", 100)])
    with pytest.raises(DomainError) as falling:
        await set_tier_levels("BANKA", [LevelTerms("silver", "Silver", 0), LevelTerms("gold", "Gold", 0)])

    # then
    assert [d.code for d in no_entry.value.details + falling.value.details] == ["INVALID", "INVALID"]
    assert await TierLevel.all().count() == 0


async def test_a_member_whose_level_moves_is_told_and_a_retained_level_is_no_news(settings, set_clock):
    # given: the member joins at silver, then earns gold (on PostgreSQL the review is one statement per id range,
    # on SQLite a Python pass: both must tell the member)
    programme, rule = await tiered_programme(settings)
    await earn(programme, rule, "2025-01-10T10:00:00+08:00", set_clock, "jan")
    await review("2025-01-10T11:00:00+08:00", set_clock)
    await earn(programme, rule, "2025-02-10T10:00:00+08:00", set_clock, "feb", base=600)

    # when: the upgrade is judged, then retained at the anniversary
    await review("2025-02-10T11:00:00+08:00", set_clock)
    await earn(programme, rule, "2025-12-05T10:00:00+08:00", set_clock, "dec", base=1_000)
    await review("2026-02-10T09:00:00+08:00", set_clock)

    # then: one inbox message for reaching gold, told by the worker; none for joining at the entry level, nor for
    # the retention
    await deliver_due(outbox_handlers(settings))
    told = [(n.kind, n.key) for n in await Notification.filter(user_id=programme.member.id,
                                                                kind="tier_changed").order_by("id")]
    assert told == [("tier_changed", "tier:BANKA:2025-02-10:gold")]
