"""Many transactions at once against one member: never below zero, every hold backed, each hold resolved once.

On PostgreSQL the pool runs the transactions on concurrent connections; on SQLite they are serialised,
so there these tests only show the results are the same.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from kernel.errors import DomainError
from ledger.models import Hold, HoldStatus, Transfer, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import (
    adjust_points,
    capture_hold,
    credit_points,
    hold_points,
    lock_member_wallets,
    refund_capture,
    reverse_transfer,
    void_hold,
)
from tests.factories import make_member
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    credit,
    lots_remaining,
    partner_settlement,
    request,
    wallet,
)

HOLDS = 250
POINTS_EACH = 7


async def outcome(work: Callable[[], Awaitable[Any]]) -> str:
    """Run `work` in its own transaction: 'ok', or the refusal's code."""
    try:
        async with in_transaction():
            await work()
        return "ok"
    except DomainError as refusal:
        return refusal.details[0].code


async def given_1000_points_in_lots(channel, member) -> None:
    await credit(channel, member, 400, key="c1", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 30))
    await credit(channel, member, 350, key="c2")
    await credit(channel, member, 250, key="c3", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10))


async def hold_and_maybe_capture(channel, member, index: int) -> None:
    transfer = await hold_points(channel, member.id, POINTS_EACH, request(f"hold-{index}"), now=NOW,
                                 expires_at=NOW + timedelta(minutes=30))
    if index % 2:
        await capture_hold(transfer.id, request(f"capture-{index}"), now=NOW)


async def test_simultaneous_holds_never_overdraw_the_member(channel, member):
    # given: 1,000 points; 250 requests of 7 points ask for 1,750
    await given_1000_points_in_lots(channel, member)

    # when
    results = await asyncio.gather(
        *(outcome(lambda i=i: hold_and_maybe_capture(channel, member, i)) for i in range(HOLDS))
    )

    # then: 142 x 7 = 994 points were taken, the 6 left are not enough for one more
    accepted = await Transfer.filter(kind=TransferKind.HOLD).count()
    pending = await Hold.filter(status=HoldStatus.PENDING).count()
    assert Counter(results) == {"ok": 142, "INSUFFICIENT_POINTS": 108}
    assert accepted == 142
    assert await balances(channel, member) == (6, pending * POINTS_EACH)
    assert sum(await lots_remaining(channel, member)) == 6
    await assert_ledger_consistent()


async def test_simultaneous_resolutions_resolve_each_hold_once(channel, member):
    # given: 40 pending holds
    await given_1000_points_in_lots(channel, member)
    holds = [
        await hold_points(channel, member.id, 20, request(f"hold-{i}"), now=NOW, expires_at=NOW + timedelta(hours=1))
        for i in range(40)
    ]

    # when: three racers per hold (two captures of different sizes and a void), 120 transactions at once
    attempts = []
    for index, pending in enumerate(holds):
        attempts += [
            outcome(lambda h=pending, i=index: capture_hold(h.id, request(f"capture-a-{i}"), now=NOW)),
            outcome(lambda h=pending, i=index: capture_hold(h.id, request(f"capture-b-{i}"), points=5, now=NOW)),
            outcome(lambda h=pending, i=index: void_hold(h.id, request(f"void-{i}"), now=NOW)),
        ]
    results = await asyncio.gather(*attempts)

    # then
    resolved = Transfer.filter(kind__in=[TransferKind.CAPTURE, TransferKind.VOID])
    resolutions = await resolved.values_list("pending_id", flat=True)
    captured = await Transfer.filter(kind=TransferKind.CAPTURE).values_list("points", flat=True)
    assert Counter(results) == {"ok": 40, "HOLD_ALREADY_RESOLVED": 80}
    assert sorted(resolutions) == sorted(h.id for h in holds)
    assert await balances(channel, member) == (1000 - sum(captured), 0)
    await assert_ledger_consistent()


async def test_simultaneous_refunds_never_exceed_the_capture(channel, member):
    # given
    await given_1000_points_in_lots(channel, member)
    pending = await hold_points(channel, member.id, 30, request("hold-1"), now=NOW)
    capture = await capture_hold(pending.id, request("capture-1"), now=NOW)

    # when: 50 refunds of 1 point for a capture of 30
    results = await asyncio.gather(
        *(outcome(lambda i=i: refund_capture(capture.id, request(f"refund-{i}"), points=1, now=NOW)) for i in range(50))
    )

    # then
    assert Counter(results) == {"ok": 30, "REFUND_EXCEEDS_CAPTURE": 20}
    assert await balances(channel, member) == (1000, 0)
    await assert_ledger_consistent()


async def test_simultaneous_retries_of_one_request_apply_it_once(channel, member):
    # given
    await credit(channel, member, 100)

    async def credit_once() -> str:
        try:
            return await outcome(lambda: credit_points(channel, member.id, 50, request("feed:77"), now=NOW))
        except IntegrityError:
            return "lost the race on the key"  # rolled back: a retry returns the original

    # when
    results = await asyncio.gather(*(credit_once() for _ in range(20)))

    # then
    assert set(results) <= {"ok", "lost the race on the key"}
    assert await Transfer.filter(idempotency_key="feed:77").count() == 1
    assert await balances(channel, member) == (150, 0)
    await assert_ledger_consistent()


async def test_batches_over_the_same_members_in_opposite_orders_do_not_deadlock(channel, settings):
    # given: 20 members with wallets, and batch corrections that visit them forwards or backwards
    members = [await make_member(settings, f"member{index}@example.com") for index in range(20)]
    for member in members:
        await credit(channel, member, 100, key=f"open-{member.id}")

    async def batch(number: int) -> None:
        order = members if number % 2 else list(reversed(members))
        async with in_transaction():
            await lock_member_wallets(channel, [member.id for member in order])
            for member in order:
                await adjust_points(channel, member.id, -1, request(f"batch-{number}-{member.id}"), now=NOW)

    # when
    await asyncio.gather(*(batch(number) for number in range(10)))

    # then
    assert {await balances(channel, member) for member in members} == {(90, 0)}
    await assert_ledger_consistent()


async def test_lock_member_wallets_returns_the_wallets_that_exist(channel, member, settings):
    # given
    await credit(channel, member, 1)
    without_wallet = await make_member(settings, "li@example.com")

    # when
    async with in_transaction():
        locked = await lock_member_wallets(channel, [without_wallet.id, member.id, member.id])

    # then
    assert locked == [(await wallet(channel, member)).id]


async def test_simultaneous_reversals_of_one_credit_apply_once_and_refuse_the_rest_as_already_reversed(
    channel, member
):
    # given: two credits, so the wallet could pay a second reversal of the first out of the other lot
    accrual = await credit(channel, member, 100, key="c1")
    await credit(channel, member, 100, key="c2")

    # when: eight different requests reverse the same credit at once
    outcomes = await asyncio.gather(*(
        outcome(lambda n=n: reverse_transfer(accrual.id, request(f"reverse-{n}"), now=NOW)) for n in range(8)
    ))

    # then
    assert Counter(outcomes) == {"ok": 1, "ALREADY_REVERSED": 7}
    assert await lots_remaining(channel, member) == [0, 100]
    assert await balances(channel, member) == (100, 0)
    assert await Transfer.filter(reverses_id=accrual.id).count() == 1
    await assert_ledger_consistent()


async def test_simultaneous_reversals_of_one_settlement_apply_once(channel, member):
    # given
    settlement = await partner_settlement(channel, member)

    # when
    outcomes = await asyncio.gather(*(
        outcome(lambda n=n: reverse_transfer(settlement.id, request(f"reverse-{n}"), now=NOW)) for n in range(6)
    ))

    # then
    assert Counter(outcomes) == {"ok": 1, "ALREADY_REVERSED": 5}
    assert await Transfer.filter(reverses_id=settlement.id).count() == 1
    await assert_ledger_consistent()
