"""Activity awards: the daily sign-in counted in the issuer's days, caps at day and year boundaries of its time
zone, idempotent occasions, refusals that change nothing, and the ledger clean after all of it."""

from __future__ import annotations

from datetime import datetime

import pytest
from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from ledger.models import Account, Lot, Transfer
from ledger.policy import ExpiryRule
from ledger.verify import verify_ledger
from loyalty.activity import award_for_member, share, sign_in
from loyalty.models import Award, CapUnit, RuleKind
from loyalty.rules import RuleTerms, create_rule, update_rule
from mall import sql
from tests.catalog.services.builders import active_partner
from tests.factories import make_channel, make_member
from tests.loyalty.helpers import OPERATOR, available, make_programme, make_rule


async def signed_in(programme):
    async with in_transaction():
        return await sign_in(programme.channel, programme.member.id, f"user:{programme.member.id}")


async def shared(programme, what: str):
    async with in_transaction():
        return await share(programme.channel, programme.member.id, what, f"user:{programme.member.id}")


async def refusal_of(work) -> list[tuple[str | None, str]]:
    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await work()
    return [(detail.field, detail.code) for detail in refused.value.details]


async def test_a_double_tapped_sign_in_books_one_point_once(settings, set_clock):
    # given
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    first = await signed_in(programme)
    again = await signed_in(programme)

    # then
    assert (first.booked.replayed, again.booked.replayed) == (False, True)
    assert again.booked.award.id == first.booked.award.id
    assert (first.streak, again.streak) == (1, 1)
    assert await available(programme) == 1
    assert await Transfer.filter(kind="accrual").count() == 1
    assert (await verify_ledger()).problems == []


async def test_the_day_turns_at_midnight_in_the_issuers_time_zone_not_in_utc(settings, set_clock):
    # given: signed in at 23:59 in Shanghai (15:59 UTC)
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)
    set_clock("2026-12-07T23:59:00+08:00")
    await signed_in(programme)

    # when: one minute later it is the 8th in Shanghai, still the 7th in UTC
    set_clock("2026-12-08T00:00:30+08:00")
    next_day = await signed_in(programme)

    # then
    assert next_day.booked.replayed is False
    assert next_day.streak == 2
    assert sorted(str(award.local_date) for award in await Award.all()) == ["2026-12-07", "2026-12-08"]
    assert await available(programme) == 2


async def test_a_year_cap_refuses_the_next_share_until_the_issuers_new_year(settings, set_clock):
    # given: sharing gives 2 points, at most 3 times a year; three shares on New Year's Eve in Shanghai
    programme = await make_programme(settings)
    await make_rule("share", RuleKind.SHARE, points=2, year_cap=3)
    set_clock("2026-12-31T23:50:00+08:00")
    for gift in ("kettle", "lamp", "scarf"):
        await shared(programme, gift)

    # when: a fourth the same evening, then one at 00:10 on 1 January in Shanghai (16:10 on 31 December UTC)
    refused = await refusal_of(lambda: share(programme.channel, programme.member.id, "mug", "user:2"))
    after_refusal = (await available(programme), await Award.all().count())
    set_clock("2027-01-01T00:10:00+08:00")
    new_year = await shared(programme, "mug")

    # then
    assert refused == [("rule", "CAP_REACHED")]
    assert after_refusal == (6, 3)
    assert new_year.replayed is False
    assert await available(programme) == 8
    assert (await verify_ledger()).problems == []


async def test_a_points_cap_stops_at_the_points_a_day_gives(settings, set_clock):
    # given: events give 50 points, at most 100 points a day
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50, cap_unit=CapUnit.POINTS, day_cap=100)
    set_clock("2026-12-07T10:00:00+08:00")

    # when
    for event in ("run", "quiz"):
        async with in_transaction():
            await award_for_member(rule.id, programme.channel, programme.member.id, event, OPERATOR)
    refused = await refusal_of(lambda: award_for_member(rule.id, programme.channel, programme.member.id, "draw",
                                                        OPERATOR))

    # then
    assert refused == [("rule", "CAP_REACHED")]
    assert await available(programme) == 100


async def test_a_rule_outside_its_window_or_switched_off_refuses_and_changes_nothing(settings, set_clock):
    # given: a sign-in rule that starts on 1 January 2027
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1,
                           starts_at=datetime.fromisoformat("2027-01-01T00:00:00+08:00"))
    set_clock("2026-12-31T23:00:00+08:00")

    # when
    too_early = await refusal_of(lambda: sign_in(programme.channel, programme.member.id, "user:2"))
    async with in_transaction():
        await update_rule(rule.id, {"is_active": False, "starts_at": None}, OPERATOR)
    switched_off = await refusal_of(lambda: sign_in(programme.channel, programme.member.id, "user:2"))

    # then
    assert too_early == switched_off == [("rule", "RULE_INACTIVE")]
    assert await Award.all().count() == 0
    assert await Transfer.all().count() == 0


async def test_each_award_names_the_rule_version_that_produced_it(settings, set_clock):
    # given: a sign-in rule giving 1 point, then changed to give 3
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, name="Daily sign-in")
    set_clock("2026-12-07T09:00:00+08:00")
    await signed_in(programme)
    async with in_transaction():
        changed = await update_rule(rule.id, {"points": 3}, OPERATOR)
    set_clock("2026-12-08T09:00:00+08:00")

    # when
    await signed_in(programme)

    # then
    awards = await Award.all().order_by("id")
    assert [(award.rule_version, award.points) for award in awards] == [(1, 1), (2, 3)]
    assert changed.version == 2
    transfers = await Transfer.filter(kind="accrual").order_by("id")
    assert [(t.reference, t.reason) for t in transfers] == [(f"loyalty-rule:{rule.id}:v1", "Daily sign-in"),
                                                           (f"loyalty-rule:{rule.id}:v2", "Daily sign-in")]


async def test_merchant_funded_points_come_from_the_partners_issued_points_account(settings, set_clock):
    # given: a welcome rule paid for by the partner ACME
    programme = await make_programme(settings)
    await active_partner("ACME")
    rule = await make_rule("welcome", RuleKind.WELCOME, points=200, funding_partner_code="ACME")
    set_clock("2026-12-07T09:00:00+08:00")

    # when: booked twice (a bank retrying)
    for _ in range(2):
        async with in_transaction():
            await award_for_member(rule.id, programme.channel, programme.member.id, "", OPERATOR)

    # then
    issued = await Account.get(channel_id=programme.channel.id, name="issued:ACME")
    transfer = await Transfer.get(kind="accrual")
    assert (issued.kind, transfer.debit_account_id, transfer.points) == ("partner_issued", issued.id, 200)
    assert await available(programme) == 200
    assert (await verify_ledger()).problems == []


async def test_a_channel_without_a_programme_is_not_eligible(settings, set_clock):
    # given
    channel = await make_channel(slug="no-bank", issuer_code=None)
    member = await make_member(settings)

    # when
    refused = await refusal_of(lambda: sign_in(channel, member.id, "user:2"))

    # then
    assert refused == [("channel", "NOT_ELIGIBLE")]


async def test_awarded_points_expire_by_the_rules_policy_in_the_issuers_time_zone(settings, set_clock):
    # given: event points that expire at the end of the year after the one they were earned in
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50, expiry_rule=ExpiryRule.END_OF_YEAR, expiry_count=1)
    set_clock("2026-12-31T23:30:00+08:00")  # still 2026 in Shanghai, though 15:30 UTC

    # when
    async with in_transaction():
        await award_for_member(rule.id, programme.channel, programme.member.id, "gala", OPERATOR)

    # then: the end of 2027 in Shanghai
    lot = await Lot.get()
    assert lot.expires_at == datetime.fromisoformat("2028-01-01T00:00:00+08:00")


async def test_an_expiry_the_ledger_cannot_keep_is_refused(settings):
    # given
    await make_programme(settings)

    # when
    refused = await refusal_of(lambda: create_rule("BANKA", "events", RuleTerms(
        "Events", RuleKind.EVENT, points=50, expiry_rule=ExpiryRule.FIXED_DAYS, expiry_count=0), OPERATOR))

    # then
    assert refused == [("expiry_count", "INVALID")]


async def test_a_rule_another_worker_changed_is_read_again_before_the_next_sign_in_books(settings, set_clock):
    # given: a sign-in of 1 point booked, so this worker holds the rule (version 1) in its cache
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)
    set_clock("2026-12-07T09:00:00+08:00")
    await signed_in(programme)
    # another worker makes it 5 points (version 2): this worker's cache is not told
    await sql.execute("UPDATE loyalty_rule SET points = 5, version = 2 WHERE id = $1", rule.id)

    # when: the next day's sign-in
    set_clock("2026-12-08T09:00:00+08:00")
    next_day = await signed_in(programme)

    # then: booked once, with the rule as it is now
    assert (next_day.booked.replayed, next_day.booked.award.points, next_day.booked.award.rule_version) == (False, 5, 2)
    assert [(a.points, a.rule_version) for a in await Award.all().order_by("id")] == [(1, 1), (5, 2)]
    assert await available(programme) == 6
    assert (await verify_ledger()).problems == []
