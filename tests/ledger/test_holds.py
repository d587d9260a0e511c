"""Two-phase holds: reserve, then capture all or part, or void; each hold resolves once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kernel.errors import DomainError
from ledger.models import Hold, HoldStatus, TransferKind
from ledger.services import capture_hold, hold_points, void_hold
from tests.ledger.helpers import (
    NOW,
    assert_ledger_consistent,
    balances,
    codes,
    credit,
    hold,
    request,
    snapshot,
    wallet,
)


async def test_hold_moves_points_from_available_to_held(channel, member):
    # given
    await credit(channel, member, 100)

    # when
    transfer = await hold(channel, member, 30)

    # then
    account = await wallet(channel, member)
    stored = await Hold.get(transfer_id=transfer.id)
    assert await balances(channel, member) == (70, 30)
    assert (transfer.kind, transfer.points, transfer.debit_account_id) == (TransferKind.HOLD, 30, account.id)
    assert (stored.status, stored.points_held) == (HoldStatus.PENDING, 30)
    assert stored.expires_at == NOW + timedelta(minutes=15)
    await assert_ledger_consistent()


async def test_hold_beyond_available_is_refused_and_changes_nothing(channel, member):
    # given
    await credit(channel, member, 100)
    await hold(channel, member, 80, key="hold-1")
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await hold(channel, member, 21, key="hold-2")

    # then
    assert codes(failure) == ["INSUFFICIENT_POINTS"]
    assert await snapshot() == before


async def test_hold_for_a_member_without_points_is_refused(channel, member):
    # given
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await hold(channel, member, 1)

    # then
    assert codes(failure) == ["INSUFFICIENT_POINTS"]
    assert await snapshot() == before


@pytest.mark.parametrize("points", [0, -5, True, 2**31])
async def test_hold_of_an_invalid_amount_is_refused(channel, member, points):
    # given
    await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await hold_points(channel, member.id, points, request("hold-1"), now=NOW)

    # then
    assert codes(failure) == ["INVALID"]
    assert await snapshot() == before


@pytest.mark.parametrize("expires_in", [timedelta(0), timedelta(minutes=-1), timedelta(days=7, seconds=1)])
async def test_hold_expiring_now_in_the_past_or_too_late_is_refused(channel, member, expires_in):
    # given
    await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await hold_points(channel, member.id, 10, request("hold-1"), expires_at=NOW + expires_in, now=NOW)

    # then
    assert codes(failure) == ["INVALID"]
    assert await snapshot() == before


async def test_hold_without_expiry_lasts_thirty_minutes(channel, member):
    # given
    await credit(channel, member, 100)

    # when
    transfer = await hold_points(channel, member.id, 10, request("hold-1"), now=NOW)

    # then
    assert (await Hold.get(transfer_id=transfer.id)).expires_at == NOW + timedelta(minutes=30)


async def test_capture_posts_the_whole_hold(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30)

    # when
    transfer = await capture_hold(pending.id, request("capture-1"), now=NOW)

    # then
    stored = await Hold.get(transfer_id=pending.id)
    assert await balances(channel, member) == (70, 0)
    assert (transfer.kind, transfer.points, transfer.pending_id) == (TransferKind.CAPTURE, 30, pending.id)  # type: ignore[attr-defined]
    assert (stored.status, stored.points_captured) == (HoldStatus.CAPTURED, 30)
    await assert_ledger_consistent()


async def test_partial_capture_releases_the_rest(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30)

    # when
    transfer = await capture_hold(pending.id, request("capture-1"), points=20, now=NOW)

    # then
    assert transfer.points == 20
    assert await balances(channel, member) == (80, 0)
    assert (await Hold.get(transfer_id=pending.id)).points_captured == 20
    await assert_ledger_consistent()


async def test_void_releases_the_whole_hold(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30)

    # when
    transfer = await void_hold(pending.id, request("void-1"), now=NOW)

    # then
    assert (transfer.kind, transfer.points, transfer.pending_id) == (TransferKind.VOID, 30, pending.id)  # type: ignore[attr-defined]
    assert await balances(channel, member) == (100, 0)
    assert (await Hold.get(transfer_id=pending.id)).status == HoldStatus.VOIDED
    await assert_ledger_consistent()


@pytest.mark.parametrize(
    ("first", "second"),
    [("capture", "capture"), ("capture", "void"), ("void", "capture"), ("void", "void")],
)
async def test_a_resolved_hold_is_not_resolved_again(channel, member, first, second):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30)
    resolve = {"capture": capture_hold, "void": void_hold}
    await resolve[first](pending.id, request("first"), now=NOW)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await resolve[second](pending.id, request("second"), now=NOW)

    # then
    assert codes(failure) == ["HOLD_ALREADY_RESOLVED"]
    assert await snapshot() == before


async def test_an_expired_hold_cannot_be_captured(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30, minutes=15)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await capture_hold(pending.id, request("capture-1"), now=NOW + timedelta(minutes=15))

    # then
    assert codes(failure) == ["HOLD_EXPIRED"]
    assert await snapshot() == before


async def test_an_expired_hold_can_still_be_voided(channel, member):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30, minutes=15)

    # when
    await void_hold(pending.id, request("void-1"), now=NOW + timedelta(hours=1))

    # then
    assert await balances(channel, member) == (100, 0)


@pytest.mark.parametrize("points", [31, 0])
async def test_capture_outside_the_held_amount_is_refused(channel, member, points):
    # given
    await credit(channel, member, 100)
    pending = await hold(channel, member, 30)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await capture_hold(pending.id, request("capture-1"), points=points, now=NOW)

    # then
    assert codes(failure) == ["INVALID"]
    assert await snapshot() == before


@pytest.mark.parametrize("resolve", [capture_hold, void_hold])
async def test_resolving_an_unknown_hold_is_refused(channel, member, resolve):
    # given
    await credit(channel, member, 100)
    before = await snapshot()

    # when
    with pytest.raises(DomainError) as failure:
        await resolve(999, request("resolve-1"), now=NOW)

    # then
    assert codes(failure) == ["NOT_FOUND"]
    assert await snapshot() == before
