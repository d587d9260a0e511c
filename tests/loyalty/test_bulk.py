"""Bulk awards: one rule to many members with the single award's guarantees (once per occasion, caps, the
ledger's double entry and keys), per-member refusals reported, a refused batch leaving nothing written."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from ledger.models import Account, Lot, Transfer
from ledger.verify import verify_ledger
from loyalty.activity import sign_in
from loyalty.bulk import award_to_members, sign_in_members
from loyalty.models import Award, CapUsage, QualifyingMonth, RuleKind
from loyalty.rules import update_rule
from tests.factories import make_member
from tests.loyalty.helpers import OPERATOR, available, make_programme, make_rule


async def members(settings, count: int) -> list[int]:
    return [(await make_member(settings, email=f"m{n}@banka.example")).id for n in range(count)]


async def test_a_batch_of_sign_ins_books_each_member_once_through_the_ledger(settings, set_clock):
    # given
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365, name="Daily sign-in")
    others = await members(settings, 2)
    everyone = [programme.member.id, *others]
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    async with in_transaction():
        first = await sign_in_members(programme.channel, everyone, OPERATOR)
    async with in_transaction():
        again = await sign_in_members(programme.channel, everyone, OPERATOR)

    # then
    assert first.booked == {member: 1 for member in everyone}
    assert (first.replayed, first.refused) == ([], {})
    assert (again.booked, sorted(again.replayed), again.refused) == ({}, sorted(everyone), {})
    awards = await Award.all().order_by("member_id")
    assert [(award.occasion, award.rule_version, award.points) for award in awards] == [("day:2026-12-07", 1, 1)] * 3
    transfers = await Transfer.filter(kind="accrual").order_by("id")
    assert sorted(transfer.idempotency_key for transfer in transfers) == sorted(
        f"loyalty:{rule.id}:{member}:day:2026-12-07" for member in everyone)
    assert {(transfer.reason, transfer.reference) for transfer in transfers} == {
        ("Daily sign-in", f"loyalty-rule:{rule.id}:v1")}
    assert {award.transfer_id for award in awards} == {transfer.id for transfer in transfers}  # type: ignore[attr-defined]
    assert await Lot.all().count() == 3
    assert await available(programme) == 1
    assert sorted(month.points_earned for month in await QualifyingMonth.all()) == [1, 1, 1]
    assert (await verify_ledger()).problems == []


async def test_a_member_who_signed_in_alone_is_replayed_by_the_batch(settings, set_clock):
    # given: the member signed in through the app this morning
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1)
    other = (await members(settings, 1))[0]
    set_clock("2026-12-07T09:00:00+08:00")
    async with in_transaction():
        await sign_in(programme.channel, programme.member.id, "user:2")

    # when
    async with in_transaction():
        result = await sign_in_members(programme.channel, [programme.member.id, other], OPERATOR)

    # then
    assert (result.booked, result.replayed) == ({other: 1}, [programme.member.id])
    assert await available(programme) == 1
    assert await Transfer.filter(kind="accrual").count() == 2


async def test_a_member_at_a_cap_is_refused_and_the_others_are_booked(settings, set_clock):
    # given: events give 50 points, at most 2 a year; the member had two events already
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50, year_cap=2)
    other = (await members(settings, 1))[0]
    set_clock("2026-12-07T10:00:00+08:00")
    for event in ("event:run", "event:quiz"):
        async with in_transaction():
            await award_to_members(programme.channel, rule, [programme.member.id], event, OPERATOR)
    counters_before = sorted((usage.member_id, usage.awards) for usage in await CapUsage.all())  # type: ignore[attr-defined]

    # when
    async with in_transaction():
        result = await award_to_members(programme.channel, rule, [programme.member.id, other], "event:draw",
                                        OPERATOR)

    # then
    assert (result.booked, result.refused) == ({other: 50}, {programme.member.id: "CAP_REACHED"})
    assert await available(programme) == 100
    assert await Award.filter(member_id=programme.member.id).count() == 2
    counters = sorted((usage.member_id, usage.awards) for usage in await CapUsage.all())  # type: ignore[attr-defined]
    assert counters == sorted([*counters_before, (other, 1)])
    assert (await verify_ledger()).problems == []


async def test_an_unknown_member_is_refused_and_the_others_are_booked(settings, set_clock):
    # given
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    async with in_transaction():
        result = await sign_in_members(programme.channel, [programme.member.id, 999_999], OPERATOR)

    # then
    assert (result.booked, result.refused) == ({programme.member.id: 1}, {999_999: "NOT_FOUND"})
    assert await Account.filter(member_id=999_999).count() == 0


async def test_a_batch_for_a_switched_off_rule_is_refused_with_nothing_written(settings, set_clock):
    # given
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1)
    async with in_transaction():
        rule = await update_rule(rule.id, {"is_active": False}, OPERATOR)
    everyone = [programme.member.id, *await members(settings, 2)]
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await award_to_members(programme.channel, rule, everyone, "day:2026-12-07", OPERATOR)

    # then
    assert [(detail.field, detail.code) for detail in refused.value.details] == [("rule", "RULE_INACTIVE")]
    assert await Award.all().count() == 0
    assert await CapUsage.all().count() == 0
    assert await Transfer.all().count() == 0
    assert await Account.all().count() == 0
    assert await QualifyingMonth.all().count() == 0


async def test_a_batch_naming_a_member_twice_is_refused_with_nothing_written(settings, set_clock):
    # given
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await award_to_members(programme.channel, rule, [programme.member.id] * 2, "day:2026-12-07", OPERATOR)

    # then
    assert [(detail.field, detail.code) for detail in refused.value.details] == [("members", "INVALID")]
    assert await Award.all().count() == 0
    assert await Transfer.all().count() == 0


async def batch_at_once(programme, rule, members_of_each: list[list[int]], occasions: list[str]):
    """Each batch in its own transaction, all started together (real concurrency on PostgreSQL)."""

    async def one(member_ids: list[int], occasion: str):
        async with in_transaction():
            return await award_to_members(programme.channel, rule, member_ids, occasion, OPERATOR)

    return await asyncio.gather(*(one(ids, occasion) for ids, occasion in zip(members_of_each, occasions,
                                                                                strict=True)))


@pytest.mark.postgres_only
async def test_two_overlapping_batches_at_once_book_each_members_sign_in_once(settings, set_clock):
    # given: two batches of today's sign-ins, 8 members in both, none with a wallet yet
    programme = await make_programme(settings)
    rule = await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)
    everyone = await members(settings, 20)
    first_batch, second_batch = everyone[:14], everyone[6:]
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    first, second = await batch_at_once(programme, rule, [first_batch, second_batch], ["day:2026-12-07"] * 2)

    # then: each member booked by exactly one batch, the other replays them
    assert sorted([*first.booked, *second.booked]) == sorted(everyone)
    assert sorted([*first.replayed, *second.replayed]) == sorted(everyone[6:14])
    assert (first.refused, second.refused) == ({}, {})
    assert await Award.all().count() == 20
    assert await Transfer.filter(kind="accrual").count() == 20
    assert sorted(set(await Account.filter(kind="member").values_list("member_id", flat=True))) == sorted(everyone)
    assert {(usage.period, usage.awards) for usage in await CapUsage.all()} == {("day", 1), ("year", 1)}
    assert await CapUsage.all().count() == 40
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_two_batches_for_the_same_members_at_once_never_pass_a_cap(settings, set_clock):
    # given: events give 50 points, at most one a year; two events awarded to the same 12 members at once
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=50, year_cap=1)
    everyone = await members(settings, 12)
    set_clock("2026-12-07T10:00:00+08:00")

    # when
    results = await batch_at_once(programme, rule, [everyone, everyone], ["event:run", "event:quiz"])

    # then: the first batch to raise a member's counter books them, the other is refused CAP_REACHED for them
    for member in everyone:
        outcomes = sorted(("booked" if member in result.booked else result.refused.get(member, "?"))
                          for result in results)
        assert outcomes == ["CAP_REACHED", "booked"]
    assert await Award.all().count() == 12
    assert await Transfer.filter(kind="accrual").count() == 12
    assert [(usage.awards, usage.points) for usage in await CapUsage.all()] == [(1, 50)] * 12
    assert sorted(month.points_earned for month in await QualifyingMonth.all()) == [50] * 12
    assert (await verify_ledger()).problems == []
