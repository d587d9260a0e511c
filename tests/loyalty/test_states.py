"""Member states by the programme's thresholds, and RFM scores 1-5 with named segments."""

from __future__ import annotations

from datetime import date

from tortoise.transactions import in_transaction

from loyalty.activity import award_for_member
from loyalty.figures import month_index
from loyalty.models import ProgrammeMember, RuleKind
from loyalty.states import SCORE_PROGRAMME, assign_states, score_segments
from mall import sql
from mall.channels.models import Channel
from tests.factories import make_member
from tests.loyalty.helpers import OPERATOR, make_programme, make_rule


async def three_members(settings, set_clock):
    """Ann active today, Bo last active 100 days ago, Cy 400 days ago (thresholds: 90 and 365 days)."""
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50)
    members = {"ann": programme.member, "bo": await make_member(settings, "bo@example.com"),
               "cy": await make_member(settings, "cy@example.com")}
    for name, when in (("cy", "2025-11-02T10:00:00+08:00"), ("bo", "2026-08-29T10:00:00+08:00"),
                       ("ann", "2026-12-07T10:00:00+08:00")):
        set_clock(when)
        async with in_transaction():
            await award_for_member(rule.id, programme.channel, members[name].id, "run", OPERATOR)
    return members


async def standing(members) -> dict[str, tuple]:
    rows = {row.member_id: row for row in await ProgrammeMember.all()}  # type: ignore[attr-defined]
    return {name: (rows[user.id].state, rows[user.id].recency_score, rows[user.id].frequency_score,
                   rows[user.id].monetary_score, rows[user.id].segment) for name, user in members.items()}


async def test_states_follow_the_days_since_the_last_activity(settings, set_clock):
    # given
    members = await three_members(settings, set_clock)
    set_clock("2026-12-07T12:00:00+08:00")

    # when
    moved = await assign_states("BANKA")
    again = await assign_states("BANKA")

    # then
    assert (moved, again) == (2, 0)
    assert {name: row[0] for name, row in (await standing(members)).items()} == {
        "ann": "active", "bo": "sleeping", "cy": "lapsed"}


async def test_a_sleeping_member_who_earns_again_is_active(settings, set_clock):
    # given
    members = await three_members(settings, set_clock)
    set_clock("2026-12-07T12:00:00+08:00")
    await assign_states("BANKA")
    rule = await make_rule("share", RuleKind.SHARE, points=2)
    programme_channel = await Channel.get(slug="banka-mall")

    # when
    async with in_transaction():
        await award_for_member(rule.id, programme_channel, members["bo"].id, "kettle", OPERATOR)
    await assign_states("BANKA")

    # then
    assert (await standing(members))["bo"][0] == "active"


async def test_rfm_scores_rank_members_in_fifths_and_name_their_segments(settings, set_clock):
    # given
    members = await three_members(settings, set_clock)
    set_clock("2026-12-07T12:00:00+08:00")
    await assign_states("BANKA")

    # when
    await score_segments("BANKA")

    # then: recency ranks Cy, Bo, Ann; frequency counts awards of the last 12 months (Cy's is older); no spend
    assert await standing(members) == {
        "ann": ("active", 5, 3, 1, "promising"),
        "bo": ("sleeping", 3, 3, 1, "needs_attention"),
        "cy": ("lapsed", 1, 1, 1, "hibernating"),
    }


async def test_scoring_a_range_of_members_at_a_time_gives_the_whole_programmes_ranking(settings, set_clock,
                                                                                      monkeypatch):
    # given: seven members with spread figures, scored in ranges of two standings (PostgreSQL; SQLite ranks
    # the whole programme in one statement either way)
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50)
    users = [programme.member, *[await make_member(settings, f"m{n}@example.com") for n in range(6)]]
    for n, user in enumerate(users):
        set_clock(f"2026-{n + 3:02d}-0{1 + n % 3}T10:00:00+08:00")
        for event in range(n % 4 + 1):
            async with in_transaction():
                await award_for_member(rule.id, programme.channel, user.id, f"run{event}", OPERATOR)
    set_clock("2026-12-07T12:00:00+08:00")
    monkeypatch.setattr("loyalty.states.RANGE_WIDTH", 2)

    # when
    await score_segments("BANKA")
    in_ranges = [(row.recency_score, row.frequency_score, row.segment)
                 for row in await ProgrammeMember.all().order_by("member_id")]
    await ProgrammeMember.all().update(recency_score=0, frequency_score=0, monetary_score=0, segment="")
    await sql.execute(SCORE_PROGRAMME, "BANKA", month_index(date(2026, 12, 7)))
    whole = [(row.recency_score, row.frequency_score, row.segment)
             for row in await ProgrammeMember.all().order_by("member_id")]

    # then
    assert in_ranges == whole
    assert [score for score, _, _ in in_ranges] == [1, 1, 2, 3, 4, 5, 5]
