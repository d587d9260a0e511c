"""A mutation's transaction that the database aborts for losing a race is run again before anything is
answered; the attempts are bounded, and any other failure is not retried."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

import asyncpg
import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from ledger.locking import lock_rows
from ledger.models import Account, AccountKind
from mall.graphql.mutations import run_in_transaction
from mall.transactions import MAX_ATTEMPTS, in_retried_transaction, is_transient
from tests.factories import give_points, make_channel, make_member


@dataclass
class Payload:
    done: str = ""
    errors: list = field(default_factory=list)


async def two_wallets(settings) -> tuple[int, int]:
    channel = await make_channel()
    for email in ("mei@example.com", "li@example.com"):
        await give_points(channel, await make_member(settings, email), 10)
    ids = await Account.filter(kind=AccountKind.MEMBER).order_by("id").values_list("id", flat=True)
    return ids[0], ids[1]


@pytest.mark.postgres_only
async def test_two_use_cases_that_deadlock_both_answer(settings):
    # given: two use cases locking two wallets in opposite orders, both holding their first when they meet
    first, second = await two_wallets(settings)
    attempts: Counter[str] = Counter()
    both_hold_one = asyncio.Barrier(2)

    def use_case(name: str, rows: tuple[int, int]):
        async def work() -> Payload:
            attempts[name] += 1
            await lock_rows("ledger_account", [rows[0]])
            if attempts[name] == 1:
                await both_hold_one.wait()
            await lock_rows("ledger_account", [rows[1]])
            return Payload(done=name)

        return run_in_transaction(Payload, object, object, work)

    # when
    answers = await asyncio.gather(use_case("forwards", (first, second)), use_case("backwards", (second, first)))

    # then: PostgreSQL aborted one of them; it ran again and answered too
    assert [answer.done for answer in answers] == ["forwards", "backwards"]
    assert sorted(attempts.values()) == [1, 2]


async def test_a_use_case_that_keeps_losing_is_tried_a_bounded_number_of_times():
    # given
    calls = []

    async def work() -> None:
        calls.append(1)
        raise OperationalError(asyncpg.exceptions.DeadlockDetectedError("deadlock detected"))

    # when
    with pytest.raises(OperationalError):
        await in_retried_transaction(work)

    # then
    assert len(calls) == MAX_ATTEMPTS == 3


@pytest.mark.parametrize("error", [
    ValueError("a bug"),
    IntegrityError(asyncpg.exceptions.UniqueViolationError("duplicate key value")),
    OperationalError(asyncpg.exceptions.QueryCanceledError("canceling statement due to statement timeout")),
])
async def test_other_failures_are_not_tried_again(error):
    # given
    calls = []

    async def work() -> None:
        calls.append(1)
        raise error

    # when
    with pytest.raises(type(error)):
        await in_retried_transaction(work)

    # then
    assert len(calls) == 1


def test_serialization_failures_deadlocks_and_idempotency_races_are_transient():
    # given
    race = asyncpg.exceptions.UniqueViolationError("duplicate key value")
    race.constraint_name = "ledger_transfer_idempotency_key_key"
    other_duplicate = asyncpg.exceptions.UniqueViolationError("duplicate key value")
    other_duplicate.constraint_name = "account_user_email_key"

    # when
    verdicts = [
        is_transient(OperationalError(asyncpg.exceptions.SerializationError("could not serialize access"))),
        is_transient(asyncpg.exceptions.DeadlockDetectedError("deadlock detected")),
        is_transient(IntegrityError(race)),
        is_transient(IntegrityError(other_duplicate)),
        is_transient(RuntimeError("no database involved")),
    ]

    # then
    assert verdicts == [True, True, True, False, False]
