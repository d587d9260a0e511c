"""Real concurrent requests on PostgreSQL: 50 retries of one sign-in book it once, and simultaneous shares
never pass the year cap."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from ledger.models import Transfer
from ledger.verify import verify_ledger
from loyalty.models import Award, CapUsage, RuleKind
from tests.factories import token_for
from tests.loyalty.graphql.test_member_api import SHARE, SIGN_IN
from tests.loyalty.helpers import available, make_programme, make_rule

RETRIES = 50


async def at_once(api, query: str, variables: list[dict], token: str) -> list[dict]:
    """Every request at the same time; each answer must be a payload, never a server error."""
    responses = await asyncio.gather(*(api.post(query, each, token) for each in variables))
    assert [(response.status_code, response.errors) for response in responses] == [(200, [])] * len(variables)
    return [next(iter(response.data.values())) for response in responses]


@pytest.mark.postgres_only
async def test_fifty_simultaneous_retries_of_a_sign_in_book_one_point_once(api, settings, set_clock):
    # given: a member with no wallet yet
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)
    set_clock("2026-12-07T08:00:00+08:00")
    token = token_for(programme.member, settings)

    # when
    answers = await at_once(api, SIGN_IN, [{"channel": "banka-mall"}] * RETRIES, token)

    # then
    assert Counter(answer["replayed"] for answer in answers) == {False: 1, True: RETRIES - 1}
    assert [answer["errors"] for answer in answers] == [[]] * RETRIES
    assert await Award.all().count() == 1
    assert await Transfer.filter(kind="accrual").count() == 1
    assert await available(programme) == 1
    assert [(usage.period, usage.awards) for usage in await CapUsage.all().order_by("period")] == [
        ("day", 1), ("year", 1)]
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_simultaneous_shares_never_pass_the_year_cap(api, settings, set_clock):
    # given: at most 5 shares a year, 20 different gifts shared at once
    programme = await make_programme(settings)
    await make_rule("share", RuleKind.SHARE, points=2, year_cap=5)
    set_clock("2026-12-07T08:00:00+08:00")
    token = token_for(programme.member, settings)

    # when
    answers = await at_once(api, SHARE, [{"channel": "banka-mall", "shared": f"gift-{n}"} for n in range(20)], token)

    # then
    outcomes = Counter(tuple(error["code"] for error in answer["errors"]) for answer in answers)
    assert outcomes == {(): 5, ("CAP_REACHED",): 15}
    assert await Award.all().count() == 5
    assert await available(programme) == 10
    assert [(usage.period, usage.awards, usage.points) for usage in await CapUsage.all()] == [("year", 5, 10)]
    assert (await verify_ledger()).problems == []
