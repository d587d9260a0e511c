"""News about points names the unit as the member's programme does, in the member's language; a programme
that names none reads the unit code in English and 积分 in Chinese, and so does a guest."""

from __future__ import annotations

from bank_link.issuers import IssuerData, update_issuer
from mall.notifications.models import Notification
from mall.notifications.services import notify, notify_guest
from mall.notifications.templates import NotificationKind
from mall.outbox.models import OutboxMessage
from tests.factories import make_member
from tests.mall.notifications.world import build_world

REDEEMED = {"order": "1007", "points": "500", "unit": "PTS"}
BRAND = {"EN": "Bonus Points", "ZH_HANS": "奖励积分"}


async def inbox_titles() -> list[tuple[str, str]]:
    return [(row.language, row.title) for row in await Notification.all().order_by("id")]


async def test_members_read_their_programmes_name_of_the_unit_in_their_language(set_clock, tmp_path):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path, points_unit_names=BRAND)

    # when
    for member in (world.mei, world.lin):
        await notify(member.id, NotificationKind.POINTS_REDEEMED, REDEEMED, f"order:7:u{member.id}",
                     channel_id=world.channel.id)

    # then
    assert await inbox_titles() == [("en", "500 Bonus Points redeemed for order 1007"),
                                    ("zh-Hans", "订单 1007 已使用 500 奖励积分")]
    texts = [row.payload["text"] for row in await OutboxMessage.filter(topic="notify.sms").order_by("id")]
    assert texts == ["Bank A: 500 Bonus Points redeemed for order 1007.", "【Bank A】订单 1007 已使用 500 奖励积分。"]


async def test_a_programme_naming_no_unit_reads_the_code_in_english_and_jifen_in_chinese(set_clock, tmp_path):
    # given
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)

    # when
    for member in (world.mei, world.lin):
        await notify(member.id, NotificationKind.POINTS_REDEEMED, REDEEMED, f"order:7:u{member.id}",
                     channel_id=world.channel.id)

    # then
    assert await inbox_titles() == [("en", "500 PTS redeemed for order 1007"), ("zh-Hans", "订单 1007 已使用 500 积分")]


async def test_a_guest_reading_chinese_reads_jifen(set_clock):
    # given
    set_clock("2026-12-07T10:00:00+08:00")

    # when
    await notify_guest("guest@example.com", "ZH_HANS", NotificationKind.ORDER_PLACED, REDEEMED, "order:9:placed")

    # then
    message = await OutboxMessage.get(topic="notify.email")
    assert message.payload["body"] == "感谢您的兑换！订单 1007（500 积分）已提交，发货后我们会通知您。"


async def test_a_member_off_the_roster_reads_the_name_the_channel_shows(set_clock, tmp_path, settings):
    # given: an account of the mall that the bank's roster does not list; the bank names its unit
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await update_issuer(world.issuer, IssuerData(points_unit_names=BRAND))
    walk_in = await make_member(settings, "walk-in@example.com")

    # when
    await notify(walk_in.id, NotificationKind.POINTS_REDEEMED, REDEEMED, "order:8", channel_id=world.channel.id)

    # then
    assert await inbox_titles() == [("en", "500 Bonus Points redeemed for order 1007")]


async def test_news_of_exactly_one_point_reads_the_singular_name_and_chinese_reads_its_only_name(set_clock, tmp_path):
    # given: the programme names one point in English only (Chinese has no singular)
    set_clock("2026-12-07T10:00:00+08:00")
    world = await build_world(tmp_path)
    await update_issuer(world.issuer, IssuerData(points_unit_names={"EN": "points", "ZH_HANS": "积分"},
                                                 points_unit_names_singular={"EN": "point"}))

    # when: one point, then two, for each member
    for points in ("1", "2"):
        for member in (world.mei, world.lin):
            await notify(member.id, NotificationKind.POINTS_REDEEMED, {**REDEEMED, "points": points},
                         f"order:7:u{member.id}:{points}", channel_id=world.channel.id)

    # then
    assert await inbox_titles() == [
        ("en", "1 point redeemed for order 1007"), ("zh-Hans", "订单 1007 已使用 1 积分"),
        ("en", "2 points redeemed for order 1007"), ("zh-Hans", "订单 1007 已使用 2 积分"),
    ]
