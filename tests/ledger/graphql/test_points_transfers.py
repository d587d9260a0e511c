"""`User.pointsTransfers`: the member's history, newest first, in words a member understands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ledger.services import capture_hold, credit_points, hold_points, refund_capture
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.ledger.graphql.helpers import HISTORY, USER_HISTORY, points_staff, user_id
from tests.ledger.helpers import request

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


async def a_redemption(channel, member) -> dict[str, int]:
    """Earn 100, reserve 40 for an order, redeem 30 of it, get 5 back."""
    accrual = await credit_points(channel, member.id, 100, request("c1", reference="feed:88"), now=T0)
    pending = await hold_points(channel, member.id, 40, request("h1", reference="order:A17"),
                                now=T0 + timedelta(hours=1))
    capture = await capture_hold(pending.id, request("cap-1", reference="order:A17"), points=30,
                                 now=T0 + timedelta(hours=1, minutes=10))
    refund = await refund_capture(capture.id, request("ref-1", reference="order:A17", reason="Damaged box"), points=5,
                                  now=T0 + timedelta(hours=3))
    return {"accrual": accrual.id, "hold": pending.id, "capture": capture.id, "refund": refund.id}


def global_id(pk: int) -> str:
    return to_global_id("PointsTransfer", pk)


async def test_member_reads_their_history_newest_first(api, settings, channel, member):
    # given
    ids = await a_redemption(channel, member)

    # when
    data = await api.ok(HISTORY, {"channel": "bank-a-mall", "first": 10}, token=token_for(member, settings))

    # then
    connection = data["me"]["pointsTransfers"]
    assert connection["totalCount"] == 4
    assert [edge["node"] for edge in connection["edges"]] == [
        {"kind": "REFUND", "description": "Points refunded - order A17", "points": 5, "availableChange": 5,
         "heldChange": 0, "reference": "order:A17", "reason": "Damaged box", "actor": None,
         "reverses": global_id(ids["capture"]), "hold": None, "createdAt": (T0 + timedelta(hours=3)).isoformat()},
        {"kind": "CAPTURE", "description": "Points redeemed, 10 reserved points released - order A17", "points": 30,
         "availableChange": 10, "heldChange": -40, "reference": "order:A17", "reason": "", "actor": None,
         "reverses": None, "hold": global_id(ids["hold"]),
         "createdAt": (T0 + timedelta(hours=1, minutes=10)).isoformat()},
        {"kind": "HOLD", "description": "Points reserved for a redemption - order A17", "points": 40,
         "availableChange": -40, "heldChange": 40, "reference": "order:A17", "reason": "", "actor": None,
         "reverses": None, "hold": None, "createdAt": (T0 + timedelta(hours=1)).isoformat()},
        {"kind": "ACCRUAL", "description": "Points earned - bank record 88", "points": 100, "availableChange": 100,
         "heldChange": 0, "reference": "feed:88", "reason": "", "actor": None, "reverses": None, "hold": None,
         "createdAt": T0.isoformat()},
    ]


async def test_history_pages_forwards_and_backwards(api, settings, channel, member):
    # given
    await a_redemption(channel, member)
    token = token_for(member, settings)

    # when
    first_page = await api.ok(HISTORY, {"channel": "bank-a-mall", "first": 3}, token=token)
    cursor = first_page["me"]["pointsTransfers"]["pageInfo"]["endCursor"]
    second_page = await api.ok(HISTORY, {"channel": "bank-a-mall", "first": 3, "after": cursor}, token=token)
    back = await api.ok(HISTORY, {"channel": "bank-a-mall", "last": 2,
                                  "before": second_page["me"]["pointsTransfers"]["pageInfo"]["startCursor"]},
                        token=token)

    # then
    def kinds(data: dict) -> list[str]:
        return [edge["node"]["kind"] for edge in data["me"]["pointsTransfers"]["edges"]]

    assert kinds(first_page) == ["REFUND", "CAPTURE", "HOLD"]
    assert first_page["me"]["pointsTransfers"]["pageInfo"]["hasNextPage"] is True
    assert kinds(second_page) == ["ACCRUAL"]
    assert second_page["me"]["pointsTransfers"]["pageInfo"]["hasNextPage"] is False
    assert kinds(back) == ["CAPTURE", "HOLD"]


async def test_history_without_points_is_empty(api, settings, channel, member):
    # when
    data = await api.ok(HISTORY, {"channel": "bank-a-mall", "first": 10}, token=token_for(member, settings))

    # then
    assert data["me"]["pointsTransfers"]["totalCount"] == 0
    assert data["me"]["pointsTransfers"]["edges"] == []


async def test_history_needs_first_or_last(api, settings, channel, member):
    # given
    await a_redemption(channel, member)

    # when
    response = await api.post(HISTORY, {"channel": "bank-a-mall"}, token=token_for(member, settings))

    # then
    assert response.error_messages == [
        "You must provide a `first` or `last` value to properly paginate the `pointsTransfers` connection."
    ]


async def test_points_staff_read_any_members_history_with_its_actors(api, settings, channel, member):
    # given
    await a_redemption(channel, member)
    staff = await points_staff()

    # when
    data = await api.ok(USER_HISTORY, {"id": user_id(member), "channel": "bank-a-mall"},
                        token=token_for(staff, settings))

    # then
    nodes = [edge["node"] for edge in data["user"]["pointsTransfers"]["edges"]]
    assert data["user"]["pointsTransfers"]["totalCount"] == 4
    assert [(node["kind"], node["actor"]) for node in nodes] == [
        ("REFUND", "user:1"), ("CAPTURE", "user:1"), ("HOLD", "user:1"), ("ACCRUAL", "user:1")
    ]


@pytest.mark.parametrize("permissions", [["MANAGE_USERS"], ["MANAGE_STAFF", "MANAGE_ORDERS"]])
async def test_staff_without_manage_points_may_not_read_a_members_history(api, settings, channel, member, permissions):
    # given
    await a_redemption(channel, member)
    staff = await make_staff("helpdesk@example.com", permissions=permissions)

    # when
    response = await api.post(USER_HISTORY, {"id": user_id(member), "channel": "bank-a-mall"},
                              token=token_for(staff, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [
        "To access this path, you need one of the following permissions: MANAGE_POINTS, OWNER"
    ]
