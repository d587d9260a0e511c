"""`notify`: one piece of news, rendered in the member's language, filed in the inbox and queued once per
channel the rules allow; text messages wait for the end of quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime

from mall.notifications.models import Notification
from mall.notifications.services import PreferenceChanges, Via, notify, notify_guest, update_preferences
from mall.notifications.templates import NotificationKind
from mall.outbox.models import OutboxMessage
from tests.factories import make_staff
from tests.mall.notifications.world import build_world

SHIPPED = {"order": "1007", "tracking": "SF123", "tracking_link": "https://track.example/SF123"}


async def outbox() -> list[tuple[str, str, dict[str, str], datetime]]:
    """The queued messages, each with the minute it may go (the test clock runs on from the instant set)."""
    rows = await OutboxMessage.filter(topic__startswith="notify.").order_by("id")
    return [(row.topic, row.dedup_key, row.payload, row.available_at.astimezone(UTC).replace(second=0, microsecond=0))
            for row in rows]


async def test_transactional_news_goes_to_the_inbox_email_and_sms(set_clock, tmp_path):
    # given: 10:00 in Shanghai
    now = set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)

    # when
    channels = await notify(world.mei.id, NotificationKind.ORDER_SHIPPED, SHIPPED, "order:7:shipped",
                            channel_id=world.channel.id, link="/orders/7")

    # then
    assert channels == [Via.INBOX, Via.EMAIL, Via.SMS]
    key = f"order:7:shipped:u{world.mei.id}"
    assert await outbox() == [
        ("notify.email", f"{key}:email", {
            "to": "mei@example.com", "subject": "Order 1007 shipped",
            "body": "Your gifts from order 1007 are on their way.\nTracking: SF123 https://track.example/SF123",
            "key": f"{key}:email"}, now.astimezone(UTC).replace(second=0, microsecond=0)),
        ("notify.sms", f"{key}:sms", {
            "to": "+8613800000001", "text": "Order 1007 shipped. Tracking SF123 https://track.example/SF123",
            "key": f"{key}:sms"}, now.astimezone(UTC).replace(second=0, microsecond=0)),
    ]
    inbox = await Notification.get(user_id=world.mei.id)
    assert (inbox.key, inbox.kind, inbox.language, inbox.title, inbox.link, inbox.read_at) == (
        "order:7:shipped", "order_shipped", "en", "Order 1007 shipped", "/orders/7", None)


async def test_a_member_reading_chinese_is_told_in_chinese_and_without_email_by_text(set_clock, tmp_path):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)

    # when
    channels = await notify(world.lin.id, NotificationKind.ORDER_SHIPPED, SHIPPED, "order:8:shipped",
                            channel_id=world.channel.id)

    # then
    assert channels == [Via.INBOX, Via.SMS]
    assert [row[2]["text"] for row in await outbox()] == ["订单 1007 已发货，物流单号 SF123 https://track.example/SF123"]
    inbox = await Notification.get(user_id=world.lin.id)
    assert (inbox.language, inbox.title, inbox.body) == (
        "zh-Hans", "订单 1007 已发货", "您订单 1007 的礼品已发出。\n物流单号：SF123 https://track.example/SF123")


async def test_telling_the_same_news_again_queues_nothing_new(set_clock, tmp_path):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")

    # when: a retried use case tells it again
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")

    # then
    assert await OutboxMessage.filter(topic__startswith="notify.").count() == 2
    assert await Notification.all().count() == 1


async def test_a_text_message_in_quiet_hours_waits_for_the_morning(set_clock, tmp_path):
    # given: 23:30 in Shanghai; quiet from 21:00 until 08:00
    set_clock("2026-12-07T23:30:00+08:00")
    world = await build_world(tmp_path)

    # when
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")

    # then: the e-mail goes now, the text at 08:00 the next morning (deferred, not dropped)
    by_topic = {topic: available for topic, _, _, available in await outbox()}
    assert by_topic == {"notify.email": datetime(2026, 12, 7, 15, 30, tzinfo=UTC),
                        "notify.sms": datetime(2026, 12, 8, 0, 0, tzinfo=UTC)}


async def test_quiet_hours_follow_the_time_zone_the_member_chose(set_clock, tmp_path):
    # given: 23:30 in Shanghai is 16:30 in Paris
    now = set_clock("2026-12-07T23:30:00+08:00")
    world = await build_world(tmp_path)
    await update_preferences(world.mei.id, PreferenceChanges(time_zone="Europe/Paris"))

    # when
    await notify(world.mei.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")

    # then
    sms_at = {topic: available for topic, _, _, available in await outbox()}["notify.sms"]
    assert sms_at == now.astimezone(UTC).replace(second=0, microsecond=0)


async def test_a_programme_that_does_not_text_members_sends_no_sms(set_clock, tmp_path):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path, sms_notifications=False)

    # when
    channels = await notify(world.lin.id, NotificationKind.ORDER_DELIVERED, {"order": "1007"}, "shipment:3:delivered")

    # then: Lin has no e-mail either: the inbox only
    assert channels == [Via.INBOX]
    assert await OutboxMessage.filter(topic__startswith="notify.").count() == 0


async def test_offers_go_only_where_the_member_chose(set_clock, tmp_path):
    # given: Mei allows offers by text, not by e-mail
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await update_preferences(world.mei.id, PreferenceChanges(marketing_sms=True))
    offer = {"title": "Double points", "text": "Double points on kettles this week."}

    # when
    channels = await notify(world.mei.id, NotificationKind.OFFER, offer, "campaign:1")
    nothing_chosen = await notify(world.lin.id, NotificationKind.OFFER, offer, "campaign:1")

    # then: Lin never chose: the inbox only (its default)
    assert channels == [Via.INBOX, Via.SMS]
    assert nothing_chosen == [Via.INBOX]
    assert [row[2]["text"] for row in await outbox()] == ["Double points: Double points on kettles this week."]


async def test_staff_accounts_are_told_nothing(settings):
    # given
    staff = await make_staff()

    # when
    channels = await notify(staff.id, NotificationKind.ORDER_DELIVERED, {"order": "1"}, "shipment:1:delivered")

    # then
    assert channels == []
    assert await OutboxMessage.filter(topic__startswith="notify.").count() == 0
    assert await Notification.all().count() == 0


async def test_a_guest_is_emailed_in_the_orders_language(set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")

    # when
    await notify_guest("guest@example.com", "ZH_HANS", NotificationKind.ORDER_PLACED,
                       {"order": "1009", "points": "500", "unit": "PTS"}, "order:9:placed")

    # then
    assert [row[2] for row in await outbox()] == [{
        "to": "guest@example.com", "subject": "订单 1009 已提交",
        "body": "感谢您的兑换！订单 1009（500 积分）已提交，发货后我们会通知您。",
        "key": "order:9:placed:guest:email"}]
