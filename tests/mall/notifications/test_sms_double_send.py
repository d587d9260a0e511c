"""A worker killed after SNS accepted a text message and before anything recorded it: the next worker finds
the send begun and not acknowledged, and does not text the member a second time (SNS takes no idempotency
key); the message is marked delivered as uncertain. A text the provider refused is sent again as usual."""

from __future__ import annotations

from mall import sql
from mall.notifications.delivery import UNCERTAIN
from mall.notifications.models import DeliveryReceipt
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind
from mall.outbox.models import OutboxMessage, OutboxStatus
from tests.mall.notifications.test_delivery import worker
from tests.mall.notifications.world import build_world

KILL_AFTER_THE_SEND = {
    # the receipt of an accepted text fails, and so does recording the failure: the process dies with the text
    # gone to SNS and nothing of its answer kept (the ':sending' mark, written before the send, goes through)
    "sqlite": ["CREATE TRIGGER kill_after_send BEFORE INSERT ON notification_delivery_receipt "
               "WHEN NEW.idempotency_key LIKE '%:sms' BEGIN SELECT RAISE(ABORT, 'killed after the send'); END",
               "CREATE TRIGGER kill_the_report BEFORE UPDATE OF last_error ON outbox_message "
               "WHEN NEW.last_error IS NOT NULL BEGIN SELECT RAISE(ABORT, 'killed after the send'); END"],
    "postgres": ["CREATE FUNCTION kill_after_send() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                 "RAISE EXCEPTION 'killed after the send'; END $$",
                 "CREATE TRIGGER kill_after_send BEFORE INSERT ON notification_delivery_receipt FOR EACH ROW "
                 "WHEN (NEW.idempotency_key LIKE '%:sms') EXECUTE FUNCTION kill_after_send()",
                 "CREATE TRIGGER kill_the_report BEFORE UPDATE OF last_error ON outbox_message FOR EACH ROW "
                 "WHEN (NEW.last_error IS NOT NULL) EXECUTE FUNCTION kill_after_send()"],
}
HEAL = {"sqlite": ["DROP TRIGGER kill_after_send", "DROP TRIGGER kill_the_report"],
        "postgres": ["DROP TRIGGER kill_after_send ON notification_delivery_receipt",
                     "DROP TRIGGER kill_the_report ON outbox_message", "DROP FUNCTION kill_after_send()"]}


async def test_a_worker_killed_after_sns_accepted_a_text_never_texts_it_twice(set_clock, tmp_path, settings, aws):
    # given: a text for Lin (phone only), and a database that kills the worker right after SNS accepts it
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await notify(world.lin.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")
    kind = "postgres" if sql.is_postgres() else "sqlite"
    for statement in KILL_AFTER_THE_SEND[kind]:
        await sql.execute(statement)

    # when: a `mall worker` process sends the text and dies before recording SNS's answer
    died = worker(settings, aws, "2026-12-07T10:00:00+08:00")

    # then: the text went, nothing says SNS took it, the outbox still holds it
    assert died.returncode != 0
    assert "killed after the send" in died.stderr
    assert aws.texts() == [("+8613800000002", "订单 1007 已送达。")]
    text = await OutboxMessage.get(topic="notify.sms")
    assert (text.status, await DeliveryReceipt.filter(idempotency_key=text.payload["key"]).count()) == (
        OutboxStatus.PENDING, 0)

    # when: the database heals and another worker comes after the first one's lease ran out
    for statement in HEAL[kind]:
        await sql.execute(statement)
    finished = worker(settings, aws, "2026-12-07T10:05:00+08:00")

    # then: delivered, marked uncertain, and Lin got one text
    assert finished.returncode == 0, finished.stderr
    assert (await OutboxMessage.get(id=text.id)).status == OutboxStatus.DELIVERED
    receipt = await DeliveryReceipt.get(idempotency_key=text.payload["key"])
    assert receipt.provider_message_id == UNCERTAIN
    assert len(aws.texts()) == 1
