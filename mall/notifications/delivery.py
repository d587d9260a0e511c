"""Deliver queued notifications: e-mail (a folder, or Amazon SES) and SMS (a folder, or Amazon SNS).

The outbox delivers at least once; these handlers make a second delivery of the same message harmless:
- each message carries its idempotency key (the news, the member and the channel);
- before sending, a handler looks for the key's `DeliveryReceipt`; after the provider accepts, it writes
  one. A worker that dies after the send and before the outbox marks the message delivered leaves the
  receipt behind, and the next worker marks the message without sending it again;
- the one window left is a worker dying while the provider answers. Before calling the provider a handler
  records that a send began (a receipt keyed `<key>:sending`, committed; removed again when the provider
  refuses). An e-mail found begun but not accepted is sent again: it carries the same `Message-ID` (the key),
  which mail clients and archives fold into one message. A text message cannot be recognised that way (SNS
  takes no idempotency key for SMS and offers no lookup of what it accepted), so one found begun but not
  accepted is NOT sent again: it is marked delivered as uncertain (its receipt's provider id says so, and a
  warning is logged). The limit: a worker killed after recording the start and before SNS accepted loses that
  text; a second text of the same news can no longer happen. Members waiting for a code ask for a new one;
- files are named by the key, so writing one again changes nothing.

A message that carries a secret (a gift's code) is rendered here, in memory, just before it is sent: the
source named in its payload opens the secret (mall/notifications/secrets.py), and neither the outbox row, the
receipt nor any log line ever holds it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from mall.notifications.models import DeliveryReceipt
from mall.notifications.secrets import Secret, SecretSources
from mall.notifications.services import EMAIL_TOPIC, EVENT_TOPIC, SMS_TOPIC, tell_event
from mall.notifications.templates import Language, NotificationKind, render_secret
from mall.outbox.models import OutboxMessage
from mall.settings import Settings

log = logging.getLogger("mall.notifications")
Handler = Callable[[OutboxMessage], Awaitable[None]]
Sender = Callable[[dict[str, Any]], str]  # sends one payload (blocking), returns the provider's message id


def notification_handlers(settings: Settings, secrets: SecretSources | None = None) -> dict[str, Handler]:
    """The outbox handlers of both channels, with the providers the settings name; `secrets` open what
    messages carry for their member alone (by source name, mall.worker fills them)."""
    email = _ses_sender(settings) if settings.mail_backend == "ses" else _mail_file_writer(settings)
    sms = _sns_sender(settings) if settings.sms_backend == "sns" else _sms_file_writer(settings.sms_folder)
    sources = secrets or {}
    return {EMAIL_TOPIC: _once(email, sources, resend_begun=True), SMS_TOPIC: _once(sms, sources, resend_begun=False),
            EVENT_TOPIC: _fan_out}


async def _fan_out(message: OutboxMessage) -> None:
    """A domain's news told later: its inbox row and channel messages, all or nothing (a retry after a
    failure finds what a committed try wrote and adds nothing: every row is keyed)."""
    async with in_transaction():
        await tell_event(message.payload)


UNCERTAIN = "uncertain: a worker died while the provider answered"


def _once(send: Sender, secrets: SecretSources, *, resend_begun: bool) -> Handler:
    """`resend_begun`: whether a send begun by a worker that died before the provider's answer is sent again
    (e-mail: yes, folded by its Message-ID) or marked uncertain (SMS: a second text would reach the phone)."""

    async def deliver(message: OutboxMessage) -> None:
        key = message.payload["key"]
        if await DeliveryReceipt.exists(idempotency_key=key):
            return  # sent by a worker that died before marking the message: mark it, send nothing
        begun = f"{key}:sending"
        _, fresh = await DeliveryReceipt.get_or_create(idempotency_key=begun)
        if not fresh and not resend_begun:
            log.warning("text message may have gone: not sent again", extra={"message_id": message.id})
            await DeliveryReceipt.get_or_create(idempotency_key=key, defaults={"provider_message_id": UNCERTAIN})
            return
        payload = await _opened(message.payload, secrets)
        if payload is None:
            return  # its secret is gone (a gift's codes withdrawn before the message went): nothing to tell
        try:
            provider_id = await asyncio.to_thread(send, payload)
        except Exception:
            await DeliveryReceipt.filter(idempotency_key=begun).delete()  # refused: nothing went, try again later
            raise
        await DeliveryReceipt.get_or_create(idempotency_key=key, defaults={"provider_message_id": provider_id})

    return deliver


async def _opened(payload: dict[str, Any], secrets: SecretSources) -> dict[str, Any] | None:
    """The payload ready to send: as stored, or, when it carries a secret, with its texts rendered around the
    opened secret (in memory only). Raises KeyError for a source this worker lacks: the message waits for a
    worker that has it, never goes without its secret."""
    if "secret" not in payload:
        return payload
    secret = Secret.from_payload(payload["secret"])
    language = Language(payload["language"])
    opened = await secrets[secret.source](secret.reference, language)
    if opened is None:
        return None
    rendered = render_secret(NotificationKind(payload["kind"]), language, {**payload["params"], **opened})
    return {"to": payload["to"], "key": payload["key"], "subject": rendered.title, "body": rendered.body,
            "text": rendered.sms}


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
