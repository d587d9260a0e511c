"""The outbox: stored once per effect, delivered at least once, retried with backoff, dead after a limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kernel import clock
from mall.outbox.mail import MAIL_TOPIC, queue_mail
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import LEASE_SECONDS, MAX_ATTEMPTS, backoff, deliver_due, enqueue, retry_dead
from mall.worker import run_once

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def test_the_same_effect_is_stored_once():
    # when
    first = await enqueue("demo.topic", {"n": 1}, "key-1")
    again = await enqueue("demo.topic", {"n": 1}, "key-1")

    # then
    assert first.id == again.id
    assert await OutboxMessage.all().count() == 1


async def test_mail_is_written_to_the_mail_folder(settings):
    # given
    await queue_mail("mei@example.com", "Hello", "Your gift is on its way.\n", "mail-1")

    # when
    report = await run_once(settings)

    # then
    message = await OutboxMessage.get(dedup_key="mail-1")
    written = (settings.mail_dir / f"{message.id:08d}.eml").read_text()
    assert report.delivered == 1
    assert message.status == OutboxStatus.DELIVERED
    assert "To: mei@example.com" in written
    assert "Subject: Hello" in written
    assert "Your gift is on its way." in written


async def test_failed_delivery_is_retried_later_with_backoff():
    # given
    await enqueue("flaky", {}, "k")
    calls = []

    async def failing(message: OutboxMessage) -> None:
        calls.append(message.id)
        raise ConnectionError("carrier down")

    # when
    report = await deliver_due({"flaky": failing})
    immediately_again = await deliver_due({"flaky": failing})

    # then
    message = await OutboxMessage.get(dedup_key="k")
    assert (report.failed, immediately_again.failed) == (1, 0)
    assert len(calls) == 1
    assert message.attempts == 1
    assert message.status == OutboxStatus.PENDING
    assert message.last_error == "ConnectionError: carrier down"
    assert message.available_at > datetime.now(UTC) + timedelta(seconds=3)


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert backoff(30).total_seconds() == 3600


async def test_message_is_dead_after_the_limit_and_can_be_retried():
    # given
    message = await enqueue("flaky", {}, "k")
    await OutboxMessage.filter(id=message.id).update(attempts=MAX_ATTEMPTS - 1)

    async def failing(_: OutboxMessage) -> None:
        raise ConnectionError("still down")

    # when
    report = await deliver_due({"flaky": failing})
    revived = await retry_dead(message.id)

    # then
    assert report.dead == 1
    assert revived is True
    reloaded = await OutboxMessage.get(id=message.id)
    assert (reloaded.status, reloaded.attempts, reloaded.last_error) == (OutboxStatus.PENDING, 0, None)


async def test_a_message_claimed_by_one_worker_is_not_delivered_by_another():
    # given
    await enqueue("slow", {}, "k")
    delivered = []

    async def handler(message: OutboxMessage) -> None:
        delivered.append(message.id)
        # a second worker polls while the first is still delivering
        assert (await deliver_due({"slow": handler})).delivered == 0

    # when
    report = await deliver_due({"slow": handler})

    # then
    assert report.delivered == 1
    assert len(delivered) == 1


async def test_topics_without_a_handler_wait():
    # given
    await enqueue(MAIL_TOPIC + ".unknown", {}, "k")

    # when
    report = await deliver_due({})

    # then
    assert (report.delivered, report.failed) == (0, 0)
    assert (await OutboxMessage.get(dedup_key="k")).status == OutboxStatus.PENDING


async def test_a_message_whose_worker_died_is_delivered_once_its_lease_ends_with_a_shanghai_clock(set_clock):
    # given: a worker claimed the message at 03:00 in Shanghai (19:00 UTC the day before) and died
    set_clock("2026-11-12T03:00:00+08:00")
    await enqueue("slow", {}, "k")

    async def dying(_: OutboxMessage) -> None:
        raise WorkerDied  # not an Exception: delivery stops with no failure recorded

    with pytest.raises(WorkerDied):
        await deliver_due({"slow": dying})
    leased = await OutboxMessage.get(dedup_key="k")

    # when: the lease has ended
    clock.advance(timedelta(seconds=LEASE_SECONDS + 1))
    report = await deliver_due({"slow": _ignore})

    # then
    claimed_at = leased.available_at - timedelta(seconds=LEASE_SECONDS)  # the clock runs on from 19:00 UTC
    assert datetime(2026, 11, 11, 19, 0, tzinfo=UTC) <= claimed_at < datetime(2026, 11, 11, 19, 0, 10, tzinfo=UTC)
    assert report.delivered == 1
    assert (await OutboxMessage.get(dedup_key="k")).status == OutboxStatus.DELIVERED


async def test_a_message_deferred_to_a_local_time_is_due_at_that_instant(set_clock):
    # given: at 03:00 in Shanghai a message is deferred to 03:30 Shanghai time (an ORM update, local zone)
    set_clock("2026-11-12T03:00:00+08:00")
    message = await enqueue("later", {}, "k")
    await OutboxMessage.filter(id=message.id).update(available_at=datetime(2026, 11, 12, 3, 30, tzinfo=SHANGHAI))
    early = await deliver_due({"later": _ignore})

    # when
    clock.advance(timedelta(minutes=31))
    report = await deliver_due({"later": _ignore})

    # then
    assert (early.delivered, report.delivered) == (0, 1)


class WorkerDied(BaseException):
    """The worker process ends mid-delivery (killed, machine lost)."""


async def _ignore(_: OutboxMessage) -> None:
    return None
