"""Expiry: the worker moves what is left of expired lots to the expired (breakage) account, on time."""

from __future__ import annotations

from datetime import timedelta

from ledger.jobs import run_ledger_jobs
from ledger.models import Account, Hold, HoldStatus, Transfer, TransferKind
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import capture_hold, refund_capture, void_hold
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    credit,
    hold,
    lots_remaining,
    request,
    snapshot,
)

IN_10_DAYS = ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10)
EXPIRY = NOW + timedelta(days=10)


async def test_nothing_expires_before_its_time(channel, member):
    # given
    await credit(channel, member, 40, policy=IN_10_DAYS)
    before = await snapshot()

    # when
    report = await run_ledger_jobs(now=EXPIRY - timedelta(microseconds=1))

    # then
    assert report.lots_expired == 0
    assert (await snapshot())["ledger_lot"] == before["ledger_lot"]
    assert await balances(channel, member) == (40, 0)


async def test_an_expired_lot_moves_to_the_expired_account(channel, member):
    # given
    await credit(channel, member, 40, key="c-10", policy=IN_10_DAYS)
    await credit(channel, member, 25, key="c-never")

    # when
    report = await run_ledger_jobs(now=EXPIRY)

    # then
    expiry = await Transfer.get(kind=TransferKind.EXPIRY)
    expired = await Account.get(channel_id=channel.id, name="expired")
    assert report.lots_expired == 1
    assert (expiry.points, expiry.credit_account_id, expiry.actor) == (40, expired.id, "system:worker")  # type: ignore[attr-defined]
    assert await balances(channel, member) == (25, 0)
    assert await lots_remaining(channel, member) == [0, 25]
    await assert_ledger_consistent()


async def test_only_the_unspent_rest_of_a_lot_expires(channel, member):
    # given
    await credit(channel, member, 40, policy=IN_10_DAYS)
    pending = await hold(channel, member, 15)
    await capture_hold(pending.id, request("capture-1"), now=NOW)

    # when
    await run_ledger_jobs(now=EXPIRY)

    # then
    assert (await Transfer.get(kind=TransferKind.EXPIRY)).points == 25
    assert await balances(channel, member) == (0, 0)
    await assert_ledger_consistent()


async def test_points_returned_to_an_expired_lot_expire_on_the_next_run(channel, member):
    # given: points held before the lot expired come back after it
    await credit(channel, member, 40, policy=IN_10_DAYS, now=NOW - timedelta(days=5))
    pending = await hold(channel, member, 15, minutes=60 * 24 * 7)
    lot_expiry = NOW + timedelta(days=5)
    await run_ledger_jobs(now=lot_expiry)
    await void_hold(pending.id, request("void-1"), now=lot_expiry + timedelta(hours=1))

    # when
    await run_ledger_jobs(now=lot_expiry + timedelta(hours=1))

    # then
    expiries = await Transfer.filter(kind=TransferKind.EXPIRY).order_by("id").values_list("points", "idempotency_key")
    assert expiries == [(25, "expiry:lot:1:1"), (15, "expiry:lot:1:2")]
    assert await balances(channel, member) == (0, 0)
    await assert_ledger_consistent()


async def test_a_refund_into_an_expired_lot_expires_too(channel, member):
    # given
    await credit(channel, member, 40, policy=IN_10_DAYS)
    pending = await hold(channel, member, 40)
    capture = await capture_hold(pending.id, request("capture-1"), now=NOW)

    # when
    await refund_capture(capture.id, request("refund-1"), now=EXPIRY + timedelta(days=1))
    await run_ledger_jobs(now=EXPIRY + timedelta(days=1))

    # then
    assert (await Transfer.get(kind=TransferKind.EXPIRY)).points == 40
    assert await balances(channel, member) == (0, 0)
    await assert_ledger_consistent()


async def test_the_worker_voids_expired_holds(channel, member):
    # given
    await credit(channel, member, 100)
    expiring = await hold(channel, member, 30, key="hold-1", minutes=15)
    lasting = await hold(channel, member, 20, key="hold-2", minutes=60)

    # when
    report = await run_ledger_jobs(now=NOW + timedelta(minutes=15))

    # then
    void = await Transfer.get(kind=TransferKind.VOID)
    assert report.holds_voided == 1
    assert (void.pending_id, void.points, void.actor, void.reason) == (expiring.id, 30, "system:worker", "Hold expired")  # type: ignore[attr-defined]
    assert (await Hold.get(transfer_id=lasting.id)).status == HoldStatus.PENDING
    assert await balances(channel, member) == (80, 20)
    await assert_ledger_consistent()


async def test_a_hold_voided_by_the_worker_stays_uncapturable(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30, minutes=15)
    await run_ledger_jobs(now=NOW + timedelta(minutes=16))

    # when
    again = await run_ledger_jobs(now=NOW + timedelta(minutes=17))

    # then
    assert again.holds_voided == 0
    assert (await Hold.get(transfer_id=pending.id)).status == HoldStatus.VOIDED
    assert await balances(channel, member) == (100, 0)
