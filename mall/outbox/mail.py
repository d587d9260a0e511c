"""Outgoing e-mail. By default each message becomes an .eml file in the mail folder (no SMTP needed)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from pathlib import Path

from mall.outbox.models import OutboxMessage
from mall.outbox.services import enqueue

MAIL_TOPIC = "mail.send"
SENDER = "Points Mall <noreply@pointsmall.local>"


async def queue_mail(to: str, subject: str, body: str, dedup_key: str) -> None:
    await enqueue(MAIL_TOPIC, {"to": to, "subject": subject, "body": body}, dedup_key)


def folder_mail_handler(mail_dir: Path) -> Callable[[OutboxMessage], Awaitable[None]]:
    """Write each mail to `<mail_dir>/<message id>.eml`; rewriting the same file makes retries harmless."""

    async def deliver(message: OutboxMessage) -> None:
        mail = EmailMessage()
        mail["From"] = SENDER
        mail["To"] = message.payload["to"]
        mail["Subject"] = message.payload["subject"]
        mail["Message-ID"] = f"<outbox-{message.id}@pointsmall.local>"
        mail.set_content(message.payload["body"])
        await asyncio.to_thread(_write, mail_dir / f"{message.id:08d}.eml", bytes(mail))

    return deliver


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
