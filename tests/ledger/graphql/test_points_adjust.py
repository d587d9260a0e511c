"""`pointsAdjust`: staff corrections, audited, idempotent, refused with codes and nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bank_link.issuers import IssuerData, create_issuer
from ledger.models import Lot, Transfer, TransferKind
from ledger.services import credit_points, points_balance
from mall.accounts.models import ScopeKind
from tests.factories import make_channel, token_for
from tests.ledger.graphql.helpers import ADJUST, points_staff, user_id
from tests.ledger.helpers import request, snapshot


def adjustment(member, amount: int = 25, **fields: object) -> dict[str, object]:
    return {"input": {"user": user_id(member), "channel": "bank-a-mall", "amount": amount,
                      "reason": "Parcel lost in transit", "idempotencyKey": "ticket-4411", **fields}}


async def test_points_staff_add_points_recorded_with_their_name(api, settings, channel, member):
    # given
    staff = await points_staff()

    # when
    data = await api.ok(ADJUST, adjustment(member, 25), token=token_for(staff, settings))

    # then
    payload = data["pointsAdjust"]
    stored = await Transfer.get(kind=TransferKind.ADJUSTMENT)
    assert payload["errors"] == []
    assert {key: value for key, value in payload["transfer"].items() if key != "id"} == {
        "kind": "ADJUSTMENT", "points": 25, "availableChange": 25, "reason": "Parcel lost in transit",
        "actor": f"user:{staff.id}", "description": "Points added by customer service",
    }
    assert (stored.actor, stored.idempotency_key) == (f"user:{staff.id}", "adjust:ticket-4411")
    assert (await points_balance(channel.id, member.id)).points_available == 25


async def test_points_staff_deduct_points(api, settings, channel, member):
    # given
    await credit_points(channel, member.id, 100, request("c1"))
    staff = await points_staff()

    # when
    data = await api.ok(ADJUST, adjustment(member, -40), token=token_for(staff, settings))

    # then
    assert data["pointsAdjust"]["transfer"]["availableChange"] == -40
    assert data["pointsAdjust"]["transfer"]["description"] == "Points deducted by customer service"
    assert (await points_balance(channel.id, member.id)).points_available == 60


async def test_sending_the_same_adjustment_again_returns_the_first(api, settings, channel, member):
    # given
    staff = await points_staff()
    first = await api.ok(ADJUST, adjustment(member, 25), token=token_for(staff, settings))

    # when
    again = await api.ok(ADJUST, adjustment(member, 25), token=token_for(staff, settings))

    # then
    assert again["pointsAdjust"]["transfer"]["id"] == first["pointsAdjust"]["transfer"]["id"]
    assert (await points_balance(channel.id, member.id)).points_available == 25


@pytest.mark.parametrize(
    ("variables", "error"),
    [
        ({"amount": 26}, {"field": "idempotencyKey", "code": "IDEMPOTENCY_CONFLICT"}),
        ({"amount": -500, "idempotencyKey": "ticket-2"}, {"field": "amount", "code": "INSUFFICIENT_POINTS"}),
        ({"amount": 0, "idempotencyKey": "ticket-2"}, {"field": "amount", "code": "INVALID"}),
        ({"reason": "  ", "idempotencyKey": "ticket-2"}, {"field": "reason", "code": "REQUIRED"}),
        ({"idempotencyKey": ""}, {"field": "idempotencyKey", "code": "REQUIRED"}),
        ({"idempotencyKey": "k" * 151}, {"field": "idempotencyKey", "code": "INVALID"}),
        ({"user": "not-an-id", "idempotencyKey": "ticket-2"}, {"field": "user", "code": "GRAPHQL_ERROR"}),
        ({"user": "VXNlcjo0MjQy", "idempotencyKey": "ticket-2"}, {"field": "user", "code": "NOT_FOUND"}),
        ({"channel": "no-such-mall", "idempotencyKey": "ticket-2"}, {"field": "channel", "code": "NOT_FOUND"}),
    ],
    ids=["reused key", "too few points", "zero", "blank reason", "blank key", "long key", "bad id", "unknown user",
         "unknown channel"],
)
async def test_refused_adjustments_change_nothing(api, settings, channel, member, variables, error):
    # given
    staff = await points_staff()
    await api.ok(ADJUST, adjustment(member, 25), token=token_for(staff, settings))
    before = await snapshot()

    # when
    data = await api.ok(ADJUST, adjustment(member, **variables), token=token_for(staff, settings))

    # then
    payload = data["pointsAdjust"]
    assert payload["transfer"] is None
    assert [{"field": e["field"], "code": e["code"]} for e in payload["errors"]] == [error]
    assert await snapshot() == before


@pytest.mark.parametrize(
    "caller",
    ["anonymous", "member", "staff without MANAGE_POINTS", "staff of another issuer"],
)
async def test_others_may_not_adjust_points(api, settings, channel, member, caller):
    # given
    await make_channel("bank-b-mall", issuer_code="BANKB")
    tokens = {
        "anonymous": None,
        "member": token_for(member, settings),
        "staff without MANAGE_POINTS": token_for(await points_staff("a@example.com", permissions=["MANAGE_USERS"]),
                                                 settings),
        "staff of another issuer": token_for(await points_staff("b@example.com", scope=(ScopeKind.ISSUER, "BANKB")),
                                             settings),
    }
    before = await snapshot()

    # when
    response = await api.post(ADJUST, adjustment(member), token=tokens[caller])

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert response.data == {"pointsAdjust": None}
    assert await snapshot() == before


async def test_issuer_staff_adjust_points_in_their_issuers_channel(api, settings, channel, member):
    # given
    staff = await points_staff(scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(ADJUST, adjustment(member, 5), token=token_for(staff, settings))

    # then
    assert data["pointsAdjust"]["errors"] == []
    assert (await points_balance(channel.id, member.id)).points_available == 5


async def test_points_added_by_staff_expire_by_the_issuer_s_policy(api, settings, channel, member):
    # given: the channel's bank lets points live 30 days
    await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS", expiry_rule="fixed_days",
                                   expiry_count=30))
    staff = await points_staff()

    # when
    await api.ok(ADJUST, adjustment(member, 25), token=token_for(staff, settings))

    # then
    transfer = await Transfer.get(kind=TransferKind.ADJUSTMENT)
    lot = await Lot.get(transfer_id=transfer.id)
    assert lot.expires_at == transfer.created_at + timedelta(days=30)
