"""Delivery through Amazon SES and SNS (moto's server), in both languages, and a worker that dies after the
send and before the outbox marks the message delivered: the message is neither lost nor sent twice."""

from __future__ import annotations

import os
import subprocess
import sys

from mall import sql
from mall.accounts.services import ProfileChanges, update_profile
from mall.notifications.models import DeliveryReceipt
from mall.notifications.services import notify
from mall.notifications.templates import NotificationKind
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.worker import run_once
from tests.mall.notifications.world import build_world

SHIPPED = {"order": "1007", "tracking": "SF123", "tracking_link": "https://track.example/SF123"}


def body_of(mail) -> str:
    return mail.get_body(("plain",)).get_content().strip()


async def test_email_goes_through_ses_and_sms_through_sns_in_each_members_language(set_clock, tmp_path, settings,
                                                                                    aws):
    # given: Mei reads English and has an e-mail and a phone; Lin reads Chinese and has a phone only
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await notify(world.mei.id, NotificationKind.ORDER_SHIPPED, SHIPPED, "order:7:shipped")
    await notify(world.lin.id, NotificationKind.ORDER_SHIPPED, SHIPPED, "order:8:shipped")

    # when
    report = await run_once(aws.settings(settings))

    # then
    assert await OutboxMessage.filter(topic__startswith="notify.", status=OutboxStatus.DELIVERED).count() == 3
    [mail] = aws.emails()
    assert (mail["To"], mail["Subject"], body_of(mail)) == (
        "mei@example.com", "Order 1007 shipped",
        "Your gifts from order 1007 are on their way.\nTracking: SF123 https://track.example/SF123")
    assert aws.texts() == [
        ("+8613800000001", "Order 1007 shipped. Tracking SF123 https://track.example/SF123"),
        ("+8613800000002", "订单 1007 已发货，物流单号 SF123 https://track.example/SF123"),
    ]
    assert report.failed == 0


async def test_a_chinese_email_reads_chinese_through_ses(set_clock, tmp_path, settings, aws):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await update_profile(world.mei, ProfileChanges(language_code="ZH_HANS"))
    await notify(world.mei.id, NotificationKind.POINTS_REDEEMED, {"order": "1007", "points": "500", "unit": "PTS"},
                 "order:7:redeemed", channel_id=world.channel.id)

    # when
    await run_once(aws.settings(settings))

    # then
    [mail] = aws.emails()
    assert (mail["Subject"], body_of(mail)) == (
        "订单 1007 已使用 500 积分", "您在订单 1007 中使用了Bank A的 500 积分。")
    assert aws.texts() == [("+8613800000001", "【Bank A】订单 1007 已使用 500 积分。")]


async def test_a_message_delivered_twice_by_the_outbox_is_sent_once(set_clock, tmp_path, settings, aws):
    # given: the message was sent, then the outbox lost track of it (its mark never happened)
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")
    await run_once(aws.settings(settings))
    await OutboxMessage.filter(topic__startswith="notify.").update(status=OutboxStatus.PENDING, delivered_at=None)

    # when
    set_clock("2026-12-07T10:05:00+08:00")
    report = await run_once(aws.settings(settings))

    # then: marked again, sent once
    assert await OutboxMessage.filter(topic__startswith="notify.", status=OutboxStatus.DELIVERED).count() == 2
    assert report.failed == 0
    assert len(aws.emails()) == 1
    assert len(aws.texts()) == 1


FAIL_THE_MARK = {
    # the worker's UPDATE that marks a notification delivered fails: the process dies between the send and the
    # mark (other topics, such as the roster's member.joined, go through)
    "sqlite": ["CREATE TRIGGER kill_before_mark BEFORE UPDATE OF status ON outbox_message "
               "WHEN NEW.status = 'delivered' AND NEW.topic LIKE 'notify.%' "
               "BEGIN SELECT RAISE(ABORT, 'killed before the mark'); END"],
    "postgres": ["CREATE FUNCTION kill_before_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                 "RAISE EXCEPTION 'killed before the mark'; END $$",
                 "CREATE TRIGGER kill_before_mark BEFORE UPDATE OF status ON outbox_message FOR EACH ROW "
                 "WHEN (NEW.status = 'delivered' AND NEW.topic LIKE 'notify.%') EXECUTE FUNCTION kill_before_mark()"],
}
HEAL = {"sqlite": ["DROP TRIGGER kill_before_mark"],
        "postgres": ["DROP TRIGGER kill_before_mark ON outbox_message", "DROP FUNCTION kill_before_mark()"]}


def worker(settings, aws, start: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | aws.environment() | {
        "DATABASE_URL": settings.database_url, "MALL_VAR_DIR": str(settings.var_dir), "MALL_CLOCK_START": start}
    return subprocess.run([sys.executable, "-m", "mall", "worker", "--once"], env=environment, capture_output=True,
                          text=True, timeout=120, check=False)


async def test_a_worker_dying_after_the_send_and_before_the_mark_neither_loses_nor_repeats(
        set_clock, tmp_path, settings, aws):
    # given: an e-mail and a text for Mei, and a database that kills the worker at its first mark
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")
    kind = "postgres" if sql.is_postgres() else "sqlite"
    for statement in FAIL_THE_MARK[kind]:
        await sql.execute(statement)

    # when: a `mall worker` process sends the e-mail and dies before marking it
    died = worker(settings, aws, "2026-12-07T10:00:00+08:00")

    # then: the e-mail went, the outbox still holds it, the receipt says it went
    assert died.returncode != 0
    assert "killed before the mark" in died.stderr
    assert len(aws.emails()) == 1
    email = await OutboxMessage.get(topic="notify.email")
    assert (email.status, email.attempts) == (OutboxStatus.PENDING, 1)
    assert await DeliveryReceipt.filter(idempotency_key=email.payload["key"]).count() == 1

    # when: the database heals and another worker comes after the first one's lease ran out
    for statement in HEAL[kind]:
        await sql.execute(statement)
    finished = worker(settings, aws, "2026-12-07T10:05:00+08:00")

    # then: everything delivered, each message sent exactly once
    assert finished.returncode == 0, finished.stderr
    assert await OutboxMessage.filter(topic__startswith="notify.", status=OutboxStatus.DELIVERED).count() == 2
    assert [mail["Subject"] for mail in aws.emails()] == ["Order 1007 delivered"]
    assert aws.texts() == [("+8613800000001", "Order 1007 delivered.")]
