"""`mall worker` runs the ledger's jobs beside the outbox."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from ledger.models import Hold, HoldStatus, Transfer
from ledger.services import hold_points
from mall.worker import run_once, run_worker
from tests.ledger.helpers import credit, request


async def test_one_worker_run_voids_expired_holds_and_seals_transfers(settings, channel, member, set_clock):
    # given
    now = set_clock("2026-11-12T03:00:00+08:00")
    await credit(channel, member, 100, now=now - timedelta(hours=1))
    pending = await hold_points(channel, member.id, 30, request("hold-1"), now=now - timedelta(hours=1),
                                expires_at=now - timedelta(minutes=1))

    # when
    await run_once(settings)

    # then
    assert (await Hold.get(transfer_id=pending.id)).status == HoldStatus.VOIDED
    assert await Transfer.filter(sequence__isnull=True).count() == 0


async def test_the_worker_loop_reports_ledger_work(settings, channel, member):
    # given
    await credit(channel, member, 100)
    lines: list[str] = []

    # when
    await run_worker(settings, asyncio.Event(), once=True, idle_seconds=0.01, echo=lines.append)

    # then
    assert lines == ["ledger: 0 expired holds voided, 0 lots expired, 1 transfers sealed, 0 failures"]


async def test_worker_once_voids_every_expired_hold_not_just_one_batch(settings, channel, member, set_clock):
    # given: 250 holds expired a minute ago (the ledger's jobs take 100 at a time)
    now = set_clock("2026-11-12T03:00:00+08:00")
    await credit(channel, member, 1_000, now=now - timedelta(hours=1))
    for number in range(250):
        await hold_points(channel, member.id, 2, request(f"hold-{number}"), now=now - timedelta(hours=1),
                          expires_at=now - timedelta(minutes=1))

    # when
    await run_worker(settings, asyncio.Event(), once=True, idle_seconds=0.01, echo=lambda _: None)

    # then
    assert await Hold.filter(status=HoldStatus.VOIDED).count() == 250
    assert await Hold.filter(status=HoldStatus.PENDING).count() == 0
