"""Notifications' tables: the member's inbox, their marketing choices, and what providers accepted.

Only `mall.notifications.services` and its delivery handlers write them.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField
from mall.accounts.models import User


class Notification(Model):
    """One message in a member's in-mall inbox. `key` names the news (`order:12:shipped`), so telling the
    same news twice (a retried use case) keeps one row."""

    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=160)
    kind = fields.CharField(max_length=32)
    language = fields.CharField(max_length=8)
    title = fields.CharField(max_length=250)
    body = fields.TextField()
    link = fields.CharField(max_length=500, default="")
    created_at = ClockDatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        unique_together = (("user", "key"),)
        indexes = (("user_id", "read_at"),)


class NotificationPreference(Model):
    """A member's choices: which channels may carry marketing, and the time zone quiet hours follow
    (empty: their programme's). Transactional messages follow the programme's rules, not these."""

    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "mall.User", related_name=False, on_delete=fields.CASCADE
    )
    marketing_email = fields.BooleanField(default=False)
    marketing_sms = fields.BooleanField(default=False)
    marketing_inbox = fields.BooleanField(default=True)
    time_zone = fields.CharField(max_length=64, default="")
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "notification_preference"


class DeliveryReceipt(Model):
    """A provider (SES, SNS, the mail folder) accepted the message with this idempotency key.

    Written right after the provider answers and before the outbox marks the message delivered: a worker
    that dies in between leaves the receipt, and the retry sees it and sends nothing again."""

    id = fields.BigIntField(primary_key=True)
    idempotency_key = fields.CharField(max_length=200, unique=True)
    provider_message_id = fields.CharField(max_length=200, default="")
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "notification_delivery_receipt"
