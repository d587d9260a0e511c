"""`User.pointsBalance`: available, held and expiring points, for the member and for points staff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import MemberStatus
from bank_link.roster import RosterRow, apply_roster_batch
from kernel.errors import DomainError
from ledger.policy import ExpiryPolicy, ExpiryRule
from ledger.services import credit_points, hold_points
from mall.accounts.models import ScopeKind, User
from tests.factories import make_channel, make_member, token_for
from tests.ledger.graphql.helpers import BALANCE, USER_BALANCE, points_staff, user_id
from tests.ledger.helpers import request, snapshot


async def test_member_reads_their_balance(api, settings, channel, member):
    # given
    now = datetime.now(UTC)
    await credit_points(channel, member.id, 100, request("c1"), policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10), now=now)
    await credit_points(channel, member.id, 50, request("c2"), now=now)
    await hold_points(channel, member.id, 30, request("h1"), now=now)

    # when
    data = await api.ok(BALANCE, {"channel": "bank-a-mall"}, token=token_for(member, settings))

    # then
    expires_at = (now + timedelta(days=10)).isoformat()
    assert data["me"]["pointsBalance"] == {
        "channel": "bank-a-mall", "currency": "PTS", "available": 120, "held": 30,
        "expiringSoonTotal": 70, "expiringSoon": [{"expiresAt": expires_at, "points": 70}],
    }


async def test_expiring_soon_looks_as_far_ahead_as_asked(api, settings, channel, member):
    # given
    await credit_points(channel, member.id, 100, request("c1"), policy=ExpiryPolicy(ExpiryRule.FIXED_DAYS, 10))

    # when
    data = await api.ok(BALANCE, {"channel": "bank-a-mall", "days": 9}, token=token_for(member, settings))

    # then
    assert data["me"]["pointsBalance"]["expiringSoon"] == []


async def test_a_member_without_points_has_a_zero_balance(api, settings, channel, member):
    # when
    data = await api.ok(BALANCE, {"channel": "bank-a-mall"}, token=token_for(member, settings))

    # then
    assert data["me"]["pointsBalance"] == {
        "channel": "bank-a-mall", "currency": "PTS", "available": 0, "held": 0,
        "expiringSoonTotal": 0, "expiringSoon": [],
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"channel": "no-such-mall"}, "Channel with 'no-such-mall' slug does not exist."),
        ({"channel": "bank-a-mall", "days": 367}, "Argument `expiringWithinDays` must be between 0 and 366."),
    ],
)
async def test_bad_arguments_are_errors(api, settings, channel, member, variables, message):
    # when
    response = await api.post(BALANCE, variables, token=token_for(member, settings))

    # then
    assert response.error_messages == [message]
    assert response.data == {"me": None}


async def enrol_at_bank_a(member: User) -> None:
    """Issuer staff see their issuer's members only: make Mei one of Bank A's."""
    issuer = await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS"))
    row = RosterRow("C001", "Mei Lin", member.email, "", MemberStatus.ACTIVE)
    assert (await apply_roster_batch(issuer.id, issuer.code, [row])).refused == {}


async def test_points_staff_read_any_members_balance(api, settings, channel, member):
    # given
    await credit_points(channel, member.id, 100, request("c1"))
    staff = await points_staff()

    # when
    variables = {"id": user_id(member), "channel": "bank-a-mall"}
    data = await api.ok(USER_BALANCE, variables, token=token_for(staff, settings))

    # then
    assert data["user"] == {"email": "mei@example.com", "pointsBalance": {"available": 100, "held": 0}}


async def test_staff_without_manage_points_may_not_read_a_members_balance(api, settings, channel, member):
    # given
    await credit_points(channel, member.id, 100, request("c1"))
    staff = await points_staff(permissions=["MANAGE_USERS"])

    # when
    response = await api.post(USER_BALANCE, {"id": user_id(member), "channel": "bank-a-mall"},
                              token=token_for(staff, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert response.data == {"user": None}


async def test_another_issuers_staff_do_not_even_find_the_member(api, settings, channel, member):
    # given: Mei is Bank A's member
    await enrol_at_bank_a(member)
    await credit_points(channel, member.id, 100, request("c1"))
    staff = await points_staff(permissions=["MANAGE_USERS", "MANAGE_POINTS"], scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    response = await api.post(USER_BALANCE, {"id": user_id(member), "channel": "bank-a-mall"},
                              token=token_for(staff, settings))

    # then
    assert (response.errors, response.data) == ([], {"user": None})


async def test_issuer_staff_read_balances_in_their_issuers_channel(api, settings, channel, member):
    # given: Mei is Bank A's member
    await enrol_at_bank_a(member)
    staff = await points_staff(scope=(ScopeKind.ISSUER, "BANKA"))
    await make_channel("bank-b-mall", issuer_code="BANKB")

    # when
    token = token_for(staff, settings)
    own = await api.post(USER_BALANCE, {"id": user_id(member), "channel": "bank-a-mall"}, token=token)
    other = await api.post(USER_BALANCE, {"id": user_id(member), "channel": "bank-b-mall"}, token=token)

    # then
    assert own.data["user"]["pointsBalance"] == {"available": 0, "held": 0}
    assert other.error_codes == ["PermissionDenied"]


async def test_a_member_cannot_reach_another_members_points(api, settings, channel, member):
    # given
    other = await make_member(settings, "li@example.com")
    await credit_points(channel, other.id, 100, request("c1"))
    query = 'query($id: ID!) { node(id: $id) { ... on User { pointsBalance(channel: "bank-a-mall") { available } } } }'

    # when
    data = await api.ok(query, {"id": user_id(other)}, token=token_for(member, settings))

    # then
    assert data == {"node": None}


async def test_a_balance_stops_at_what_the_api_can_show_and_is_read_there(api, settings, channel, member):
    # given: the member holds 2^31 - 11 points
    await credit_points(channel, member.id, 2**31 - 11, request("c1"))
    before = await snapshot()

    # when: eleven more would pass GraphQL's 32-bit Int; ten more reach it exactly
    with pytest.raises(DomainError) as too_many:
        await credit_points(channel, member.id, 11, request("c2"))
    refused = await snapshot()
    await credit_points(channel, member.id, 10, request("c3"))
    data = await api.ok(BALANCE, {"channel": "bank-a-mall"}, token=token_for(member, settings))

    # then
    assert [(d.field, d.code, d.message) for d in too_many.value.details] == [
        ("points", "INVALID", "A member's balance can be at most 2147483647 points.")]
    assert refused == before
    assert data["me"]["pointsBalance"]["available"] == 2_147_483_647
