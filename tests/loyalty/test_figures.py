"""Rolling RFM figures on the standing row: counted in the issuer's calendar, right at month boundaries, and
the same as summing the qualifying months of the window."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from kernel import clock
from loyalty.activity import award_for_member
from loyalty.figures import AWARDS, SPEND, month_index, window_sum
from loyalty.models import RuleKind
from loyalty.tiers import window_start
from mall import sql
from tests.loyalty.helpers import OPERATOR, make_programme, make_rule

ZONE = "Asia/Shanghai"
FIGURES_OF = (f"SELECT {window_sum('pm', AWARDS, '$1')} AS frequency, {window_sum('pm', SPEND, '$1')} AS monetary"
              " FROM loyalty_programme_member pm WHERE pm.member_id = $2")
MONTHS_OF = ("SELECT COALESCE(SUM(awards), 0) AS frequency FROM loyalty_qualifying_month"
             " WHERE member_id = $1 AND month >= $2")


async def frequency_now(member_id: int) -> tuple[int, int]:
    """The member's 12-month frequency read from the row's buckets, and summed from the qualifying months."""
    today = clock.today_in(ZONE)
    row = await sql.fetch_one(FIGURES_OF, month_index(today), member_id)
    months = await sql.fetch_one(MONTHS_OF, member_id, window_start(today, 12))
    assert row is not None
    assert months is not None
    return int(row["frequency"]), int(months["frequency"])


async def award_at(programme, rule_id: int, instant: str, occasion: str, set_clock) -> None:
    set_clock(instant)
    async with in_transaction():
        await award_for_member(rule_id, programme.channel, programme.member.id, occasion, OPERATOR)


async def test_the_window_moves_at_the_issuers_midnight_on_the_first_of_the_month(settings, set_clock):
    # given: an event on 31 December at 23:30 and one on 1 January at 00:30, Shanghai time (both 31 December UTC)
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50)
    await award_at(programme, rule.id, "2025-12-31T23:30:00+08:00", "a", set_clock)
    await award_at(programme, rule.id, "2026-01-01T00:30:00+08:00", "b", set_clock)

    # when: read on the last evening of November, then just after midnight into December, then into January
    set_clock("2026-11-30T23:50:00+08:00")
    november = await frequency_now(programme.member.id)
    set_clock("2026-12-01T00:10:00+08:00")  # still 30 November in UTC
    december = await frequency_now(programme.member.id)
    set_clock("2027-01-01T00:10:00+08:00")
    january = await frequency_now(programme.member.id)

    # then: December 2025 leaves the window with the issuer's December, January 2026 with its January
    assert (november, december, january) == ((2, 2), (1, 1), (0, 0))


async def test_an_award_a_year_later_takes_the_place_of_the_same_month_last_year(settings, set_clock):
    # given: two events in December 2025 and one in March 2026
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50)
    for occasion in ("a", "b"):
        await award_at(programme, rule.id, "2025-12-10T10:00:00+08:00", occasion, set_clock)
    await award_at(programme, rule.id, "2026-03-10T10:00:00+08:00", "c", set_clock)

    # when: an event in December 2026, the same bucket as December 2025
    await award_at(programme, rule.id, "2026-12-01T00:05:00+08:00", "d", set_clock)

    # then: December 2025's two are gone, March and December 2026 count
    assert await frequency_now(programme.member.id) == (2, 2)
    set_clock("2027-02-28T23:59:00+08:00")
    assert await frequency_now(programme.member.id) == (2, 2)
    set_clock("2027-03-01T00:00:00+08:00")  # March 2026 leaves the window
    assert await frequency_now(programme.member.id) == (1, 1)
    set_clock("2027-12-01T00:00:00+08:00")
    assert await frequency_now(programme.member.id) == (0, 0)
