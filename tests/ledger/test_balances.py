"""Balances: available, held and expiring soon, always what the transfers say."""

from __future__ import annotations

from datetime import timedelta

from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import ExpiringPoints, member_transfers, points_balance
from tests.factories import make_channel, make_member
from tests.ledger.helpers import NOW, credit, hold


async def test_a_member_without_a_wallet_has_nothing(channel, member):
    # when
    balance = await points_balance(channel.id, member.id, now=NOW)

    # then
    assert (balance.points_available, balance.points_held, balance.expiring) == (0, 0, [])


async def test_balance_shows_available_held_and_points_expiring_within_the_window(channel, member):
    # given
    await credit(channel, member, 10, key="c-5", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 5))
    await credit(channel, member, 20, key="c-20", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 20))
    await credit(channel, member, 30, key="c-20b", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 20))
    await credit(channel, member, 40, key="c-90", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 90))
    await credit(channel, member, 50, key="c-never")
    await hold(channel, member, 15)

    # when
    balance = await points_balance(channel.id, member.id, expiring_within_days=30, now=NOW)

    # then
    assert (balance.points_available, balance.points_held) == (135, 15)
    assert balance.expiring == [ExpiringPoints(NOW + timedelta(days=20), 45)]
    assert balance.points_expiring == 45


async def test_points_past_their_expiry_are_not_available(channel, member):
    # given: the worker has not moved them to the expired account yet
    await credit(channel, member, 10, key="c-5", policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 5))
    await credit(channel, member, 20, key="c-never")

    # when
    balance = await points_balance(channel.id, member.id, now=NOW + timedelta(days=5))

    # then
    assert (balance.points_available, balance.expiring) == (20, [])


async def test_history_lists_only_the_members_transfers_in_the_channel(channel, member, settings):
    # given
    other_member = await make_member(settings, "li@example.com")
    other_channel = await make_channel("bank-b-mall", issuer_code="BANKB")
    mine = await credit(channel, member, 10, key="mine")
    await credit(channel, other_member, 10, key="theirs")
    await credit(other_channel, member, 10, key="elsewhere")

    # when
    transfers = await member_transfers(channel.id, member.id)

    # then
    assert transfers is not None
    assert [t.id for t in await transfers] == [mine.id]
    assert await member_transfers(channel.id, 4242) is None
