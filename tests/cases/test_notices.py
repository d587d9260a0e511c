"""The member hears of each step of their case through the outbox: opened, each staff answer (never an
internal note), resolved; the worker tells them through the notification service (inbox, e-mail), with a link,
never the conversation."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from cases.models import Case, ResolutionKind
from cases.notices import NOTICE_TOPIC
from cases.services import Resolution, post_message, resolve_case
from mall.notifications.models import Notification
from mall.notifications.services import EMAIL_TOPIC
from mall.outbox.models import OutboxMessage
from mall.outbox.services import deliver_due
from mall.worker import outbox_handlers
from tests.cases.world import ACME_STAFF, build_mall, opened, shipment_case

SECRET_NOTE = "Carrier lost it; refund from the depot budget"


async def notices() -> list[tuple[str, str]]:
    rows = await OutboxMessage.filter(topic=NOTICE_TOPIC).order_by("id")
    return [(row.payload["kind"], row.payload["status"]) for row in rows]


async def written(viewer, case: Case, body: str, internal: bool = False) -> None:
    async with in_transaction():
        await post_message(viewer, case.id, body, internal)


async def test_the_member_is_noticed_of_the_opening_each_answer_and_the_resolution(settings):
    # given
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))

    # when: the member writes, ACME notes internally, answers, then resolves
    await written(mall.member, case, "Any news?")
    await written(ACME_STAFF, case, SECRET_NOTE, internal=True)
    await written(ACME_STAFF, case, "It is on its way.")
    async with in_transaction():
        await resolve_case(ACME_STAFF, case.id, Resolution(ResolutionKind.EXPLANATION, "Delivered today."))

    # then: one notice per step the member waits for, none for their own message or the note
    assert await notices() == [("opened", "open"), ("message", "answered"), ("resolved", "resolved")]
    [first] = await OutboxMessage.filter(topic=NOTICE_TOPIC).order_by("id").limit(1)
    assert first.payload == {"case": case.id, "member": mall.shop.bank.member.id, "kind": "opened",
                             "status": "open"}


async def test_the_worker_tells_the_member_through_the_inbox_and_e_mail_never_the_conversation(settings):
    # given: an opening and an answer waiting in the outbox
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))
    await written(ACME_STAFF, case, SECRET_NOTE)

    # when: the worker delivers the notices twice over (a redelivery tells nothing twice)
    await deliver_due(outbox_handlers(settings))
    tell = outbox_handlers(settings)[NOTICE_TOPIC]
    for notice in await OutboxMessage.filter(topic=NOTICE_TOPIC):
        async with in_transaction():
            await tell(notice)

    # then: the inbox holds each step once, linking to the case; the e-mails link to it and never quote it
    inbox = [(n.kind, n.title, n.link) for n in await Notification.filter(user_id=mall.shop.bank.member.id,
                                                                              kind__startswith="case_").order_by("id")]
    assert inbox == [("case_opened", f"We have your request #{case.id}", f"/help/{case.id}"),
                     ("case_answered", f"New answer to your request #{case.id}", f"/help/{case.id}")]
    mails = [row.payload for row in await OutboxMessage.filter(
        topic=EMAIL_TOPIC, dedup_key__startswith="case-notice:").order_by("id")]
    assert [(mail["to"], mail["subject"]) for mail in mails] == [
        ("member@banka.example", f"We have your request #{case.id}"),
        ("member@banka.example", f"New answer to your request #{case.id}"),
    ]
    assert f"{settings.public_url}/help/{case.id}" in mails[1]["body"]
    assert not any(SECRET_NOTE in mail["body"] for mail in mails)
    assert await OutboxMessage.filter(topic=NOTICE_TOPIC, status="pending").count() == 0
