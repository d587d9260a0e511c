"""Welcome points given automatically: roster members, sign-ups in the issuer's channel and migrated members
each get the programme's welcome rule once, through the ledger, however often the news is delivered."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from bank_link.member_import import import_members
from bank_link.models import Member
from ledger.models import Transfer
from ledger.services import points_balance
from ledger.verify import verify_ledger
from loyalty.awards import ledger_key
from loyalty.models import Award, RuleKind
from loyalty.services import award_for_member, welcome_handlers
from loyalty.welcome import welcome_joined
from mall.accounts.joined import MEMBER_JOINED_TOPIC
from mall.accounts.models import User
from mall.outbox.models import OutboxMessage, OutboxStatus
from mall.outbox.services import deliver_due
from tests.bank_link.helpers import write_file
from tests.factories import MEMBER_PASSWORD
from tests.loyalty.helpers import make_programme, make_rule

ROSTER = ["customer_reference,name,email,phone,status", "C001,Mei Lin,mei.lin@example.com,,",
          "C002,Bo Wang,bo@example.com,,", "C008,Sleeping,sleep@example.com,,inactive"]
REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { user { email } errors { field code } }
}
"""


async def roster_users(tmp_path, lines: list[str]) -> dict[str, int]:
    await import_members("BANKA", str(write_file(tmp_path, "roster.csv", lines)))
    return {m.customer_reference: m.user_id for m in await Member.all()}  # type: ignore[attr-defined]


async def balance_of(channel_id: int, user_id: int) -> int:
    return (await points_balance(channel_id, user_id)).points_available


async def test_the_rosters_new_active_members_are_welcomed_once_through_the_ledger(settings, set_clock, tmp_path):
    # given: a welcome rule of 200 points, and a roster of two active members and one switched off
    programme = await make_programme(settings)
    rule = await make_rule("welcome", RuleKind.WELCOME, points=200)
    set_clock("2026-12-07T09:00:00+08:00")
    users = await roster_users(tmp_path, ROSTER)

    # when: the worker delivers the news, and the roster is imported again
    first = await deliver_due(welcome_handlers())
    await roster_users(tmp_path, ROSTER)
    again = await deliver_due(welcome_handlers())

    # then: each active member got 200 points once; the one switched off was announced to nobody
    assert (first.delivered, again.delivered) == (2, 0)
    assert [await balance_of(programme.channel.id, users[ref]) for ref in ("C001", "C002", "C008")] == [200, 200, 0]
    awards = await Award.filter(rule_id=rule.id).order_by("member_id").values_list("member_id", "occasion", "points")
    assert awards == [(users["C001"], "welcome", 200), (users["C002"], "welcome", 200)]
    assert await Transfer.filter(idempotency_key=ledger_key(rule.id, users["C001"], "welcome")).count() == 1
    assert (await verify_ledger()).problems == []


async def test_a_sign_up_in_the_issuers_channel_is_welcomed(settings, set_clock, api):
    # given
    programme = await make_programme(settings)
    await make_rule("welcome", RuleKind.WELCOME, points=50)
    set_clock("2026-12-07T09:00:00+08:00")

    # when: a member signs up in the bank's channel, another without a channel
    for email, channel in (("new@example.com", programme.channel.slug), ("loose@example.com", None)):
        await api.ok(REGISTER, {"input": {"email": email, "password": MEMBER_PASSWORD, "channel": channel}})
    delivered = await deliver_due(welcome_handlers())

    # then: only the sign-up in the bank's channel joined its programme
    new, loose = await User.get(email="new@example.com"), await User.get(email="loose@example.com")
    assert delivered.delivered == 1
    assert (await balance_of(programme.channel.id, new.id), await balance_of(programme.channel.id, loose.id)) == (50, 0)
    assert (await verify_ledger()).problems == []


async def test_a_manual_welcome_before_the_news_arrives_is_not_given_twice(settings, set_clock, tmp_path):
    # given: the bank welcomed C001 by hand (award_for_member) before the worker ran
    programme = await make_programme(settings)
    rule = await make_rule("welcome", RuleKind.WELCOME, points=200)
    set_clock("2026-12-07T09:00:00+08:00")
    users = await roster_users(tmp_path, ROSTER[:2])
    async with in_transaction():
        await award_for_member(rule.id, programme.channel, users["C001"], "", "user:1")

    # when
    report = await deliver_due(welcome_handlers())

    # then: the message is done, and the member holds one welcome
    assert report.delivered == 1
    assert await balance_of(programme.channel.id, users["C001"]) == 200
    assert await Award.filter(member_id=users["C001"]).count() == 1


async def test_a_programme_without_a_welcome_rule_handles_the_news_and_changes_nothing(settings, set_clock, tmp_path):
    # given: no welcome rule
    await make_programme(settings)
    set_clock("2026-12-07T09:00:00+08:00")
    await roster_users(tmp_path, ROSTER[:2])

    # when
    report = await deliver_due(welcome_handlers())

    # then: nothing to give is not a failure to retry
    assert (report.delivered, report.failed) == (1, 0)
    assert await OutboxMessage.filter(topic=MEMBER_JOINED_TOPIC, status=OutboxStatus.DELIVERED).count() == 1
    assert await Award.all().count() == 0
    assert await Transfer.all().count() == 0


async def test_news_of_a_member_joining_delivered_twice_welcomes_once(settings, set_clock):
    # given: the news of a member joining, delivered twice (at least once delivery)
    programme = await make_programme(settings)
    await make_rule("welcome", RuleKind.WELCOME, points=20)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    first = await welcome_joined("BANKA", programme.member.id)
    again = await welcome_joined("BANKA", programme.member.id)

    # then
    assert first is not None
    assert again is not None
    assert (first.replayed, again.replayed) == (False, True)
    assert await balance_of(programme.channel.id, programme.member.id) == 20


@pytest.mark.postgres_only
async def test_ten_workers_welcoming_one_member_at_once_book_it_once(settings, set_clock):
    # given: the news delivered to ten workers at the same moment (a lease that ran out, a retried batch)
    programme = await make_programme(settings)
    rule = await make_rule("welcome", RuleKind.WELCOME, points=100)
    set_clock("2026-12-07T09:00:00+08:00")

    # when
    booked = await asyncio.gather(*(welcome_joined("BANKA", programme.member.id) for _ in range(10)))

    # then
    assert sorted(b.replayed for b in booked if b is not None) == [False] + [True] * 9
    assert await Award.filter(rule_id=rule.id).count() == 1
    assert await balance_of(programme.channel.id, programme.member.id) == 100
    assert (await verify_ledger()).problems == []
