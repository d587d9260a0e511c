"""Deliver queued notifications: e-mail (a folder, or Amazon SES) and SMS (a folder, or Amazon SNS).

The outbox delivers at least once; these handlers make a second delivery of the same message harmless:
- each message carries its idempotency key (the news, the member and the channel);
- before sending, a handler looks for the key's `DeliveryReceipt`; after the provider accepts, it writes
  one. A worker that dies after the send and before the outbox marks the message delivered leaves the
  receipt behind, and the next worker marks the message without sending it again;
- the one window left, a worker dying while the provider answers, can only resend: e-mail then carries the
  same `Message-ID` (the key), which mail clients and archives fold into one message; a text message would
  arrive twice (SNS takes no idempotency key for SMS), which is the price of never losing one;
- files are named by the key, so writing one again changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from mall.notifications.models import DeliveryReceipt
from mall.notifications.services import EMAIL_TOPIC, EVENT_TOPIC, SMS_TOPIC, tell_event
from mall.outbox.models import OutboxMessage
from mall.settings import Settings

Handler = Callable[[OutboxMessage], Awaitable[None]]
Sender = Callable[[dict[str, Any]], str]  # sends one payload (blocking), returns the provider's message id


def notification_handlers(settings: Settings) -> dict[str, Handler]:
    """The outbox handlers of both channels, with the providers the settings name."""
    email = _ses_sender(settings) if settings.mail_backend == "ses" else _mail_file_writer(settings)
    sms = _sns_sender(settings) if settings.sms_backend == "sns" else _sms_file_writer(settings.sms_folder)
    return {EMAIL_TOPIC: _once(email), SMS_TOPIC: _once(sms), EVENT_TOPIC: _fan_out}


async def _fan_out(message: OutboxMessage) -> None:
    """A domain's news told later: its inbox row and channel messages, all or nothing (a retry after a
    failure finds what a committed try wrote and adds nothing: every row is keyed)."""
    async with in_transaction():
        await tell_event(message.payload)


def _once(send: Sender) -> Handler:
    async def deliver(message: OutboxMessage) -> None:
        key = message.payload["key"]
        if await DeliveryReceipt.exists(idempotency_key=key):
            return  # sent by a worker that died before marking the message: mark it, send nothing
        provider_id = await asyncio.to_thread(send, message.payload)
        await DeliveryReceipt.get_or_create(idempotency_key=key, defaults={"provider_message_id": provider_id})

    return deliver


def email_message(payload: dict[str, Any], sender: str) -> EmailMessage:
    """The e-mail of a payload; its Message-ID is derived from the idempotency key, so a resent copy is
    the same message to the receiving side."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = payload["to"]
    mail["Subject"] = payload["subject"]
    mail["Message-ID"] = f"<{_digest(payload['key'])}@pointsmall.local>"
    mail.set_content(payload["body"])
    return mail


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _mail_file_writer(settings: Settings) -> Sender:
    def write(payload: dict[str, Any]) -> str:
        name = f"notify-{_digest(payload['key'])}.eml"
        _write(settings.mail_dir / name, bytes(email_message(payload, settings.mail_sender)))
        return name

    return write


def _sms_file_writer(folder: Path) -> Sender:
    def write(payload: dict[str, Any]) -> str:
        name = f"{_digest(payload['key'])}.txt"
        _write(folder / name, f"To: {payload['to']}\n\n{payload['text']}\n".encode())
        return name

    return write


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _client(service: str, settings: Settings, endpoint_url: str) -> Any:
    import boto3  # only when a provider is configured: the embedded default needs no AWS

    return boto3.client(service, region_name=settings.aws_region, endpoint_url=endpoint_url or None)


def _ses_sender(settings: Settings) -> Sender:
    client = _client("ses", settings, settings.ses_endpoint_url)

    def send(payload: dict[str, Any]) -> str:
        mail = email_message(payload, settings.mail_sender)
        answer = client.send_raw_email(Source=settings.mail_sender, Destinations=[payload["to"]],
                                       RawMessage={"Data": bytes(mail)})
        return str(answer["MessageId"])

    return send


def _sns_sender(settings: Settings) -> Sender:
    client = _client("sns", settings, settings.sns_endpoint_url)

    def send(payload: dict[str, Any]) -> str:
        # Transactional: the carriers' fast lane, not the marketing one (which networks may delay or drop).
        attributes = {"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}}
        answer = client.publish(PhoneNumber=payload["to"], Message=payload["text"], MessageAttributes=attributes)
        return str(answer["MessageId"])

    return send


__all__ = ["email_message", "notification_handlers"]
