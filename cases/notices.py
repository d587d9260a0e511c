"""What the member hears about their case: a notice through the outbox, written in the use case's
transaction, for each step the member waits for.

    opened     the case is recorded (by the member on the web, or for them by the call centre)
    message    staff wrote to the member (never for an internal note, nor for the member's own message)
    resolved   the case is resolved, with how

A notice is a structured record (topic `cases.member_notice`, payload `{case, member, kind, status}`, one per
step: its dedup key names the step). `mall worker` hands each notice to the notification service
(mall/notifications), which files it in the member's inbox and sends e-mail and SMS as the programme's rules say,
in the member's language, linking to the case in the member mall (`/help/<id>`).
"""

from __future__ import annotations

from enum import StrEnum

from cases.models import Case
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind
from mall.outbox.models import OutboxMessage
from mall.outbox.services import Handler, enqueue

NOTICE_TOPIC = "cases.member_notice"


class NoticeKind(StrEnum):
    OPENED = "opened"
    MESSAGE = "message"
    RESOLVED = "resolved"


KINDS = {
    NoticeKind.OPENED: NotificationKind.CASE_OPENED,
    NoticeKind.MESSAGE: NotificationKind.CASE_ANSWERED,
    NoticeKind.RESOLVED: NotificationKind.CASE_RESOLVED,
}


async def notify_member(case: Case, kind: NoticeKind, step: str) -> None:
    """Queue the notice of one step of the case (`step` tells it apart from the case's other notices, so a
    retried use case queues it once). Call inside the use case's transaction."""
    payload = {"case": case.id, "member": case.member_id, "kind": kind.value,  # type: ignore[attr-defined]
               "status": str(case.status)}
    await enqueue(NOTICE_TOPIC, payload, f"case:{case.id}:{step}")


def notice_teller(public_url: str) -> Handler:
    """Tell the member each notice through the notification service (inbox, e-mail, SMS in their language),
    once per notice: a redelivered notice names the same news. The texts link to the case and never quote the
    conversation: e-mail and SMS sit in clear in the outbox table and the mail folder."""

    async def deliver(message: OutboxMessage) -> None:
        case_id = int(message.payload["case"])
        case = await Case.get_or_none(id=case_id)
        if case is None:
            return
        await notify(int(message.payload["member"]), KINDS[NoticeKind(message.payload["kind"])],
                     {"case": f"#{case_id}", "link": f"{public_url.rstrip('/')}/help/{case_id}"},
                     f"case-notice:{message.id}", channel_id=case.channel_id, link=f"/help/{case_id}")

    return deliver


def notice_handlers(public_url: str) -> dict[str, Handler]:
    return {NOTICE_TOPIC: notice_teller(public_url)}
