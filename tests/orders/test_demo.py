"""The demo member's welcome points follow the channel's expiry policy, like any other credit."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ledger.models import Lot
from ledger.policy import ExpiryPolicy, ExpiryRule
from mall.channels.models import Channel
from mall.settings import Settings
from orders.demo import DEMO_EXPIRING_POINTS, DEMO_MEMBER_POINTS, load_orders_demo
from orders.models import ShippingMethodTranslation
from tests.factories import make_channel, make_member


async def test_the_demo_member_s_points_expire_as_the_channel_s_issuer_says(settings: Settings, set_clock) -> None:
    # given: it is 31 December 2026, 23:30 in Shanghai
    set_clock("2026-12-31T23:30:00+08:00")
    await make_channel("bank-a-mall")
    member = await make_member(settings, "demo@example.com")
    end_of_next_year = ExpiryPolicy(ExpiryRule.END_OF_YEAR, 1, "Asia/Shanghai")

    async def policy_for(_: Channel) -> ExpiryPolicy:
        return end_of_next_year

    # when
    await load_orders_demo(lambda _: None, member.email, policy_for)

    # then
    lots = await Lot.filter(points_credited=DEMO_MEMBER_POINTS).values("expires_at")
    assert len(lots) == 1
    assert lots[0]["expires_at"].astimezone(UTC) == datetime(2027, 12, 31, 16, 0, tzinfo=UTC)


async def test_the_demo_member_has_points_expiring_within_the_reminder_window(settings: Settings, set_clock) -> None:
    # given: the demo issuers remind their members 30 days ahead
    set_clock("2026-06-10T12:00:00+00:00")
    await make_channel("bank-a-mall")
    member = await make_member(settings, "demo@example.com")

    # when: the demo loads twice
    await load_orders_demo(lambda _: None, member.email)
    await load_orders_demo(lambda _: None, member.email)

    # then: one small lot runs out in 20 days
    lots = await Lot.filter(points_credited=DEMO_EXPIRING_POINTS).values("expires_at")
    assert len(lots) == 1
    assert lots[0]["expires_at"].astimezone(UTC).date() == date(2026, 6, 30)


async def test_every_demo_delivery_method_has_a_chinese_name(settings: Settings) -> None:
    # given
    await make_channel("bank-a-mall")
    member = await make_member(settings, "demo@example.com")

    # when: the demo loads twice
    await load_orders_demo(lambda _: None, member.email)
    await load_orders_demo(lambda _: None, member.email)

    # then
    names = await ShippingMethodTranslation.filter(language_code="ZH_HANS").values_list("name", flat=True)
    assert sorted(names) == sorted(["标准配送", "次日达"])
