"""What the member hears about their case: a notice through the outbox, written in the use case's
transaction, for each step the member waits for.

    opened     the case is recorded (by the member on the web, or for them by the call centre)
    message    staff wrote to the member (never for an internal note, nor for the member's own message)
    resolved   the case is resolved, with how

A notice is a structured record (topic `cases.member_notice`, payload `{case, member, kind, status}`, one per
step: its dedup key names the step), so the notification service can render it for any channel. Until it
takes the topic over, `mall worker` hands each notice to e-mail: a short message in English and Simplified
Chinese linking to the case in the member mall (`/help/<id>`). The mail never quotes the conversation: mail
sits in clear in the outbox table and the mail folder.
"""

from __future__ import annotations

from enum import StrEnum

from cases.models import Case
from mall.accounts.models import User
from mall.outbox.mail import queue_mail
from mall.outbox.models import OutboxMessage
from mall.outbox.services import Handler, enqueue

NOTICE_TOPIC = "cases.member_notice"
UNDELIVERABLE = ".invalid"  # RFC 2606: the placeholder addresses of members the bank gave no e-mail


class NoticeKind(StrEnum):
    OPENED = "opened"
    MESSAGE = "message"
    RESOLVED = "resolved"


SUBJECTS = {
    NoticeKind.OPENED: ("We have your request {number}", "我们已收到您的服务请求 {number}"),
    NoticeKind.MESSAGE: ("New answer to your request {number}", "您的服务请求 {number} 有新回复"),
    NoticeKind.RESOLVED: ("Your request {number} is resolved", "您的服务请求 {number} 已处理完毕"),
}


async def notify_member(case: Case, kind: NoticeKind, step: str) -> None:
    """Queue the notice of one step of the case (`step` tells it apart from the case's other notices, so a
    retried use case queues it once). Call inside the use case's transaction."""
    payload = {"case": case.id, "member": case.member_id, "kind": kind.value,  # type: ignore[attr-defined]
               "status": str(case.status)}
    await enqueue(NOTICE_TOPIC, payload, f"case:{case.id}:{step}")


def _mail_body(kind: NoticeKind, number: str, link: str) -> tuple[str, str]:
    english, chinese = SUBJECTS[kind]
    subject = f"{english.format(number=number)} / {chinese.format(number=number)}"
    body = (f"{english.format(number=number)}.\nRead it in the mall: {link}\n\n"
            f"{chinese.format(number=number)}。请在商城中查看：{link}\n")
    return subject, body


def notice_mail_handler(public_url: str) -> Handler:
    """Deliver notices by e-mail (queued as mail, once per notice) while no notification service takes them."""

    async def deliver(message: OutboxMessage) -> None:
        member = await User.get_or_none(id=message.payload["member"])
        if member is None or not member.email or member.email.endswith(UNDELIVERABLE):
            return  # a member the bank gave no e-mail: the notice waits in the member mall's case page
        number = f"#{message.payload['case']}"
        subject, body = _mail_body(NoticeKind(message.payload["kind"]), number,
                                   f"{public_url.rstrip('/')}/help/{message.payload['case']}")
        await queue_mail(member.email, subject, body, f"case-notice:{message.id}")

    return deliver


def notice_handlers(public_url: str) -> dict[str, Handler]:
    return {NOTICE_TOPIC: notice_mail_handler(public_url)}
