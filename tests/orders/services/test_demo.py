"""The redemption demo: delivery methods in every channel and points for the demo member, loaded once."""

from __future__ import annotations

from ledger.services import points_balance
from orders.demo import DEMO_EXPIRING_POINTS, DEMO_MEMBER_POINTS, load_orders_demo
from orders.models import ShippingMethod
from tests.factories import make_channel, make_member


async def test_loading_the_demo_twice_changes_nothing_the_second_time(settings):
    # given
    first_channel = await make_channel("bank-a-mall", issuer_code="BANKA")
    second_channel = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    member = await make_member(settings, "member@example.com")

    # when
    created = await load_orders_demo(lambda _: None, member.email)
    again = await load_orders_demo(lambda _: None, member.email)

    # then
    assert (created, again) == (4, 0)
    assert await ShippingMethod.filter(channel_id=first_channel.id).values_list("name", "price_points") == [
        ("Standard delivery", 0), ("Express", 800)
    ]
    for channel in (first_channel, second_channel):  # the demo's points, and a lot that expires soon
        balance = await points_balance(channel.id, member.id)
        assert (balance.points_available, [lot.points for lot in balance.expiring]) == (
            DEMO_MEMBER_POINTS + DEMO_EXPIRING_POINTS, [DEMO_EXPIRING_POINTS])
