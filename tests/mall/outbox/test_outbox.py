"""The outbox: stored once per effect, delivered at least once, retried with backoff, dead after a limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mall.outbox.mail import MAIL_TOPIC, queue_mail
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import MAX_ATTEMPTS, backoff, deliver_due, enqueue, retry_dead
from mall.worker import run_once


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
