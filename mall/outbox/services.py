"""Write side effects into the outbox (inside the caller's transaction) and deliver them later.

Delivery is at least once: a message is claimed with a lease (a conditional update, safe with several
workers on PostgreSQL), handed to the handler registered for its topic, then marked delivered. Handlers
must be idempotent. Failures back off exponentially; after MAX_ATTEMPTS the message is dead and waits for
an operator to retry it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.expressions import F

from kernel import clock
from mall import sql
from mall.outbox.models import OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 8
LEASE_SECONDS = 60
BATCH_SIZE = 50
BACKOFF_BASE_SECONDS = 5
BACKOFF_LIMIT_SECONDS = 3600

_PAYLOAD = OutboxMessage._meta.fields_map["payload"]
_INSERT_UNLESS_PRESENT = """
INSERT INTO outbox_message (topic, dedup_key, payload, status, attempts, available_at, created_at)
VALUES ($1, $2, $3, $4, 0, $5, $6)
ON CONFLICT (topic, dedup_key) DO NOTHING
RETURNING id
"""

Handler = Callable[[OutboxMessage], Awaitable[None]]
log = logging.getLogger("mall.outbox")


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    dead: int = 0


async def enqueue(
    topic: str, payload: dict[str, Any], dedup_key: str, available_at: datetime | None = None
) -> OutboxMessage:
    """Record a side effect; the same (topic, dedup_key) is stored once, so retried use cases are safe.
    `available_at` defers it (a text message waiting for the end of quiet hours); default: now."""
    now = clock.now()
    message = OutboxMessage(
        topic=topic,
        dedup_key=dedup_key,
        payload=payload,
        status=OutboxStatus.PENDING,
        attempts=0,
        available_at=available_at or now,
        created_at=now,
    )
    # One statement where get_or_create took four (a read, a savepoint, the insert, its release): every
    # redemption writes two messages while it holds its gifts' stock rows (bench/README.md, issue 23).
    inserted = await sql.fetch(
        _INSERT_UNLESS_PRESENT,
        topic,
        dedup_key,
        _PAYLOAD.to_db_value(payload, message),
        OutboxStatus.PENDING.value,
        message.available_at,
        now,
    )
    if not inserted:
        return await OutboxMessage.get(topic=topic, dedup_key=dedup_key)
    message.id = int(inserted[0]["id"])
    message._saved_in_db = True
    return message


async def enqueue_all(messages: Sequence[tuple[str, dict[str, Any], str]]) -> None:
    """Record several side effects, each (topic, payload, dedup_key) as `enqueue` does, available now, in one
    statement: a completion writes its two notices while it holds its gifts' stock rows (issue 23)."""
    if not messages:
        return
    now = clock.now()
    rows: list[str] = []
    values: list[Any] = []
    for topic, payload, dedup_key in messages:
        first = len(values) + 1
        rows.append(f"(${first}, ${first + 1}, ${first + 2}, ${first + 3}, 0, ${first + 4}, ${first + 4})")
        message = OutboxMessage(topic=topic, dedup_key=dedup_key, payload=payload)
        values += [topic, dedup_key, _PAYLOAD.to_db_value(payload, message), OutboxStatus.PENDING.value, now]
    await sql.execute(
        "INSERT INTO outbox_message (topic, dedup_key, payload, status, attempts, available_at, created_at) "
        f"VALUES {', '.join(rows)} ON CONFLICT (topic, dedup_key) DO NOTHING",
        *values,
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_LIMIT_SECONDS))


async def _claim(message: OutboxMessage, now: datetime) -> bool:
    """Take the message for LEASE_SECONDS; False when another worker took it first.

    The lease's end is written in UTC whatever zone `now` is in: instants stored with mixed offsets do
    not compare as instants everywhere (SQLite compares their text)."""
    lease_ends_at = (now + timedelta(seconds=LEASE_SECONDS)).astimezone(UTC)
    claimed = await OutboxMessage.filter(
        id=message.id, status=OutboxStatus.PENDING, attempts=message.attempts, available_at__lte=now.astimezone(UTC)
    ).update(attempts=F("attempts") + 1, available_at=lease_ends_at)
    return claimed == 1


async def _record_failure(message: OutboxMessage, error: Exception, report: DeliveryReport) -> None:
    attempts = message.attempts + 1
    dead = attempts >= MAX_ATTEMPTS
    await OutboxMessage.filter(id=message.id).update(
        status=OutboxStatus.DEAD if dead else OutboxStatus.PENDING,
        available_at=clock.now() + backoff(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    report.dead += dead
    report.failed += not dead
    log.warning("outbox delivery failed", extra={"topic": message.topic, "message_id": message.id})


async def deliver_due(handlers: dict[str, Handler], limit: int = BATCH_SIZE) -> DeliveryReport:
    """Deliver up to `limit` messages that are due; returns what happened."""
    report = DeliveryReport()
    now = clock.now()
    due = await OutboxMessage.filter(status=OutboxStatus.PENDING, available_at__lte=now).order_by("id").limit(limit)
    for message in due:
        handler = handlers.get(message.topic)
        if handler is None or not await _claim(message, now):
            continue
        try:
            await handler(message)
        except Exception as error:  # any handler failure is retried later, never lost
            await _record_failure(message, error, report)
            continue
        await OutboxMessage.filter(id=message.id).update(status=OutboxStatus.DELIVERED, delivered_at=clock.now())
        report.delivered += 1
    return report


async def retry_dead(message_id: int) -> bool:
    """Give a dead message a fresh start (operator action). False when it is not dead."""
    updated = await OutboxMessage.filter(id=message_id, status=OutboxStatus.DEAD).update(
        status=OutboxStatus.PENDING, attempts=0, available_at=clock.now(), last_error=None
    )
    return updated == 1
