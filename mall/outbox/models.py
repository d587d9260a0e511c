"""The outbox: side effects recorded in the transaction that causes them, delivered later by `mall worker`."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


class OutboxMessage(Model):
    id = fields.BigIntField(primary_key=True)
    topic = fields.CharField(max_length=64)
    payload: fields.Field[dict[str, Any]] = fields.JSONField()
    # Unique per topic: enqueueing the same effect twice (a retried use case) stores it once.
    dedup_key = fields.CharField(max_length=200)
    status = fields.CharEnumField(OutboxStatus, max_length=16, default=OutboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    available_at = fields.DatetimeField()
    last_error = fields.TextField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)
    delivered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_message"
        unique_together = (("topic", "dedup_key"),)
        indexes = (("status", "available_at"),)
