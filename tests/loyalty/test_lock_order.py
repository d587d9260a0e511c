"""Lock order: every loyalty path that writes several members' standings locks them in ascending member id
(mall.locking), so a states batch, a tier review or a segment range never deadlocks with a bulk award."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from tortoise.transactions import in_transaction

from kernel import clock
from ledger.verify import verify_ledger
from loyalty.bulk import award_to_members
from loyalty.models import Award, ProgrammeMember, RuleKind
from loyalty.states import assign_states
from mall import sql
from tests.factories import make_member
from tests.loyalty.helpers import OPERATOR, make_programme, make_rule

ROUNDS = 20
MEMBERS = 60
STEP_SECONDS = 0.01  # the award's batch writes the standings some tens of milliseconds in


async def lapse_in_reverse_order(member_ids: list[int]) -> None:
    """Every standing active but last seen over a year ago, the highest member id seen longest ago: the state
    job then reaches them in descending member id (by its index or by the standings' ids), the award's batch
    in ascending."""
    long_ago = clock.now() - timedelta(days=400)
    for offset, member in enumerate(member_ids):
        await sql.execute("UPDATE loyalty_programme_member SET state = 'active', last_activity_at = $1"
                          " WHERE member_id = $2", long_ago - timedelta(minutes=offset), member)


@pytest.mark.postgres_only
async def test_a_states_batch_and_an_overlapping_bulk_award_never_deadlock(settings, set_clock):
    # given: members with standings, lapsing in descending member id
    programme = await make_programme(settings)
    rule = await make_rule("events", RuleKind.EVENT, points=5)
    member_ids = [programme.member.id, *[(await make_member(settings, f"m{n}@banka.example")).id
                                         for n in range(MEMBERS - 1)]]
    set_clock("2026-12-07T09:00:00+08:00")
    for member in reversed(member_ids):  # standings made in descending member id: their own ids ascend the other way
        async with in_transaction():
            await award_to_members(programme.channel, rule, [member], "event:setup", OPERATOR)

    async def award(occasion: str) -> tuple[int, dict[int, str]]:
        async with in_transaction():
            result = await award_to_members(programme.channel, rule, member_ids, occasion, OPERATOR)
        return len(result.booked), result.refused

    async def states_after(delay_seconds: float) -> int:
        await asyncio.sleep(delay_seconds)
        return await assign_states("BANKA")

    await lapse_in_reverse_order(member_ids)
    assert await assign_states("BANKA") == MEMBERS  # alone, the state job lapses them all

    # when: each round the state job and an award to the same members run at once, the state job starting a
    # little later each round, so that some round meets the award while it writes the standings
    booked: list[tuple[int, dict[int, str]]] = []
    for round_number in range(ROUNDS):
        await lapse_in_reverse_order(member_ids)
        awarded, _ = await asyncio.gather(award(f"event:round-{round_number}"),
                                          states_after(round_number * STEP_SECONDS))
        booked.append(awarded)

    # then: no deadlock was raised, every round booked every member once
    assert booked == [(MEMBERS, {})] * ROUNDS
    assert await Award.all().count() == MEMBERS * (ROUNDS + 1)
    assert await ProgrammeMember.all().count() == MEMBERS
    assert (await verify_ledger()).problems == []
