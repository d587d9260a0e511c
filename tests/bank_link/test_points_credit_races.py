"""`pointsCredit` retried at once: a bank that sends one transaction several times over parallel connections
gets the one transfer back every time, booked by exactly one of the requests."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bank_link.member_import import import_members
from bank_link.models import Member
from ledger.models import Transfer
from ledger.services import points_balance
from ledger.verify import verify_ledger
from tests.bank_link.helpers import write_file
from tests.bank_link.test_points_credit import REVERSE, bank_app, credit

RETRIES = 10


@pytest.fixture
async def mei(channel, tmp_path) -> int:
    """Bank A's member C001, as a user id; she has no wallet until her first points."""
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", ["customer_reference,name,email,phone,status",
                                                                          "C001,Mei Lin,mei@example.com,,"])))
    return (await Member.get(customer_reference="C001")).user_id  # type: ignore[attr-defined]


async def send_at_once(api, variables: dict, token: str) -> list[dict]:
    """The same request RETRIES times at once; each answer must be a payload, never a server error."""
    responses = await asyncio.gather(*(api.post(REVERSE, variables, token) for _ in range(RETRIES)))
    assert [(response.status_code, response.errors) for response in responses] == [(200, [])] * RETRIES
    return [response.data["pointsCredit"] for response in responses]


@pytest.mark.postgres_only
async def test_simultaneous_retries_of_a_first_credit_book_it_once_and_replay_it(api, channel, mei):
    # given: a member with no wallet yet
    token = await bank_app()

    # when
    answers = await send_at_once(api, credit(120), token)

    # then
    assert Counter(answer["replayed"] for answer in answers) == {False: 1, True: RETRIES - 1}
    assert {answer["transfer"]["id"] for answer in answers} == {answers[0]["transfer"]["id"]}
    assert [answer["errors"] for answer in answers] == [[]] * RETRIES
    assert await Transfer.filter(idempotency_key="bank:BANKA:TX-1").count() == 1
    assert (await points_balance(channel.id, mei)).points_available == 120
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_simultaneous_retries_of_a_take_back_book_it_once_and_replay_it(api, channel, mei):
    # given
    token = await bank_app()
    await api.ok(REVERSE, credit(120), token)

    # when
    answers = await send_at_once(api, credit(-20, "TX-2"), token)

    # then
    assert Counter(answer["replayed"] for answer in answers) == {False: 1, True: RETRIES - 1}
    assert {answer["transfer"]["id"] for answer in answers} == {answers[0]["transfer"]["id"]}
    assert await Transfer.filter(idempotency_key="bank:BANKA:TX-2").count() == 1
    assert (await points_balance(channel.id, mei)).points_available == 100
    assert (await verify_ledger()).problems == []


@pytest.mark.postgres_only
async def test_simultaneous_retries_of_a_reversal_book_it_once_and_replay_it(api, channel, mei):
    # given
    token = await bank_app()
    await api.ok(REVERSE, credit(120), token)

    # when
    answers = await send_at_once(api, credit(-120, "TX-2", reverses="TX-1"), token)

    # then
    assert Counter(answer["replayed"] for answer in answers) == {False: 1, True: RETRIES - 1}
    assert {answer["transfer"]["id"] for answer in answers} == {answers[0]["transfer"]["id"]}
    assert (await points_balance(channel.id, mei)).points_available == 0
    assert (await verify_ledger()).problems == []
