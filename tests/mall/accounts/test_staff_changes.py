"""The Saleor Dashboard's staff member page changes and removes staff accounts (`staffUpdate`, `staffDelete`,
its documents trimmed to what is asserted, with the variables it sends)."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind, User
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.security.probe import database_state

STAFF_MEMBER_UPDATE = """
mutation StaffMemberUpdate($id: ID!, $input: StaffUpdateInput!) {
  staffUpdate(id: $id, input: $input) {
    errors { code field message }
    user { id email firstName lastName isActive }
  }
}
"""
STAFF_MEMBER_DELETE = """
mutation StaffMemberDelete($id: ID!) { staffDelete(id: $id) { errors { code field message } } }
"""


@pytest.fixture
async def operator(settings):
    user = await make_staff("ops@example.com", list(ALL_PERMISSIONS), is_superuser=True)
    return user, token_for(user, settings)


async def test_the_operator_renames_and_switches_off_a_clerk(api, operator, settings):
    # given
    _, token = operator
    clerk = await make_staff("clerk@example.com", ["MANAGE_ORDERS"])
    session = token_for(clerk, settings)
    changes = {"firstName": "Hua", "lastName": "Zhou", "isActive": False, "addGroups": [], "removeGroups": []}

    # when
    answer = await api.ok(STAFF_MEMBER_UPDATE, {"id": to_global_id("User", clerk.id), "input": changes}, token=token)

    # then
    assert answer == {"staffUpdate": {"errors": [], "user": {
        "id": to_global_id("User", clerk.id), "email": "clerk@example.com", "firstName": "Hua", "lastName": "Zhou",
        "isActive": False}}}
    assert (await api.post("query { me { email } }", token=session)).error_codes == ["InvalidTokenError"]


async def test_nobody_switches_their_own_account_off_or_removes_it(api, operator):
    # given
    user, token = operator
    before = await database_state()

    # when
    off = await api.ok(STAFF_MEMBER_UPDATE, {"id": to_global_id("User", user.id), "input": {"isActive": False}},
                       token=token)
    removed = await api.ok(STAFF_MEMBER_DELETE, {"id": to_global_id("User", user.id)}, token=token)

    # then
    assert off["staffUpdate"]["errors"] == [{"code": "DEACTIVATE_OWN_ACCOUNT", "field": "isActive",
                                             "message": "You cannot switch your own account off."}]
    assert removed["staffDelete"]["errors"] == [{"code": "DELETE_OWN_ACCOUNT", "field": "id",
                                                 "message": "You cannot remove your own account."}]
    assert await database_state() == before


async def test_a_manager_cannot_change_an_account_holding_more_than_they_do(api, settings):
    # given
    manager = await make_staff("manager@example.com", ["MANAGE_STAFF"])
    finance = await make_staff("finance@example.com", ["MANAGE_SETTLEMENTS"])
    before = await database_state()

    # when
    answer = await api.ok(STAFF_MEMBER_DELETE, {"id": to_global_id("User", finance.id)},
                          token=token_for(manager, settings))

    # then
    assert answer["staffDelete"]["errors"] == [{"code": "OUT_OF_SCOPE_PERMISSION", "field": "id",
                                                "message": "This account holds permissions or a scope beyond yours."}]
    assert await database_state() == before


async def test_permission_groups_are_not_edited_here(api, operator):
    # given
    _, token = operator
    clerk = await make_staff("clerk@example.com", ["MANAGE_ORDERS"])
    before = await database_state()

    # when
    answer = await api.ok(STAFF_MEMBER_UPDATE, {"id": to_global_id("User", clerk.id),
                                                "input": {"firstName": "Hua", "addGroups": ["R3JvdXA6MQ=="]}},
                          token=token)

    # then
    assert answer["staffUpdate"]["errors"][0]["code"] == "INVALID"
    assert answer["staffUpdate"]["errors"][0]["field"] == "addGroups"
    assert await database_state() == before


async def test_a_banks_manager_removes_its_own_staff_and_finds_no_other(api, settings):
    # given
    manager = await make_staff("manager@bank-a.example", ["MANAGE_STAFF", "MANAGE_ORDERS"],
                               scope=(ScopeKind.ISSUER, "BANKA"))
    own = await make_staff("desk@bank-a.example", ["MANAGE_ORDERS"], scope=(ScopeKind.ISSUER, "BANKA"))
    other = await make_staff("desk@bank-b.example", ["MANAGE_ORDERS"], scope=(ScopeKind.ISSUER, "BANKB"))
    token = token_for(manager, settings)

    # when
    removed = await api.ok(STAFF_MEMBER_DELETE, {"id": to_global_id("User", own.id)}, token=token)
    unseen = await api.ok(STAFF_MEMBER_DELETE, {"id": to_global_id("User", other.id)}, token=token)

    # then
    assert removed == {"staffDelete": {"errors": []}}
    gone = await User.get(id=own.id)
    assert (gone.is_active, gone.permissions, gone.first_name) == (False, [], "")
    assert gone.email.endswith("@deleted.invalid")
    assert unseen["staffDelete"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await User.get(id=other.id)).is_active is True
