"""Members hear of loyalty awards as they deserve: a daily sign-in tells nothing (a message a day would be
noise), a share goes to the in-mall inbox only, and a welcome or event award is told on every channel in the
member's language."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from loyalty.activity import award_for_member, share, sign_in
from loyalty.models import RuleKind
from mall.accounts.services import ProfileChanges, update_profile
from mall.notifications.models import Notification
from mall.outbox.models import OutboxMessage
from tests.loyalty.helpers import make_programme, make_rule


async def told() -> tuple[list[tuple[str, str]], list[str]]:
    """The inbox (title, body) and the topics of the messages queued for e-mail and SMS."""
    inbox = await Notification.all().order_by("id").values_list("title", "body")
    topics = await OutboxMessage.filter(topic__startswith="notify.").order_by("id").values_list("topic", flat=True)
    return list(inbox), list(topics)


async def test_a_daily_sign_in_tells_nothing(settings, set_clock):
    # given
    programme = await make_programme(settings)
    await make_rule("daily", RuleKind.SIGN_IN, points=1, day_cap=1)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    async with in_transaction():
        await sign_in(programme.channel, programme.member.id, f"user:{programme.member.id}")

    # then
    assert await told() == ([], [])


async def test_a_share_goes_to_the_inbox_only(settings, set_clock):
    # given
    programme = await make_programme(settings)
    await make_rule("sharing", RuleKind.SHARE, points=5, name="Shared a gift")
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    async with in_transaction():
        await share(programme.channel, programme.member.id, "wok", f"user:{programme.member.id}")

    # then
    assert await told() == ([("5 PTS credited",
                              "5 PTS were credited to your Points Mall rewards: Shared a gift.\n"
                              "Your balance is now 5 PTS.")], [])


async def test_an_event_award_is_told_by_email_too_in_the_members_language(settings, set_clock):
    # given: Mei reads Chinese
    programme = await make_programme(settings)
    await update_profile(programme.member, ProfileChanges(language_code="ZH_HANS"))
    rule = await make_rule("fair", RuleKind.EVENT, points=200, name="Spring fair")
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    async with in_transaction():
        booked = await award_for_member(rule.id, programme.channel, programme.member.id, "fair-2026", "bank:BANKA")

    # then
    inbox, topics = await told()
    assert topics == ["notify.email"]
    [email] = await OutboxMessage.filter(topic="notify.email").values_list("payload", flat=True)
    assert (email["to"], email["subject"]) == ("mei@banka.example", inbox[0][0])
    assert inbox == [("200 积分已到账", "200 积分已存入您的Points Mall账户：Spring fair。\n当前余额 200 积分。")]
    assert email["key"] == f"award:{booked.award.id}:u{programme.member.id}:email"
