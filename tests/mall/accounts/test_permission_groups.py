"""The Saleor Dashboard's staff and permission group pages, with its own documents (in its shape) and the
variables it sends: groups read from staff scopes, as the operator and as a partner's staff."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from tests.factories import make_staff, token_for

PERMISSION_GROUP_LIST = """
query PermissionGroupList($after: String, $before: String, $first: Int, $last: Int,
                          $filter: PermissionGroupFilterInput, $sort: PermissionGroupSortingInput) {
  permissionGroups(after: $after, before: $before, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { ...PermissionGroup } }
    pageInfo { endCursor hasNextPage hasPreviousPage startCursor }
  }
}
fragment PermissionGroup on Group { id name userCanManage users { id firstName lastName } }
"""

PERMISSION_GROUP_DETAILS = """
query PermissionGroupDetails($id: ID!, $userId: ID!) {
  permissionGroup(id: $id) {
    id name userCanManage restrictedAccessToChannels
    accessibleChannels { slug }
    permissions { code name }
    users { email isActive }
  }
  user: me {
    editableGroups { id }
    userPermissions { code sourcePermissionGroups(userId: $userId) { id } }
  }
}
"""

STAFF_LIST = """
query StaffList($first: Int, $after: String, $last: Int, $before: String, $filter: StaffUserInput,
                $sort: UserSortingInput) {
  staffUsers(before: $before, after: $after, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { cursor node { id email firstName lastName isActive } }
    pageInfo { hasNextPage }
  }
}
"""

STAFF_MEMBER_DETAILS = """
query StaffMemberDetails($id: ID!) {
  user(id: $id) { email permissionGroups { id name userCanManage } userPermissions { code } }
}
"""

PARTNER_PERMISSIONS = ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS", "MANAGE_STAFF"]


@pytest.fixture
async def staff(settings):
    operator = await make_staff("ops@example.com", list(ALL_PERMISSIONS))
    acme = await make_staff("acme@example.com", PARTNER_PERMISSIONS, scope=(ScopeKind.PARTNER, "ACME"))
    await make_staff("zeta@example.com", PARTNER_PERMISSIONS, scope=(ScopeKind.PARTNER, "ZETA"))
    await make_staff("bank@example.com", ["MANAGE_POINTS", "MANAGE_STAFF"], scope=(ScopeKind.ISSUER, "BANKA"))
    return {"operator": operator, "acme": acme, "tokens": {"operator": token_for(operator, settings),
                                                           "acme": token_for(acme, settings)}}


def names(answer):
    return [edge["node"]["name"] for edge in answer["permissionGroups"]["edges"]]


async def test_the_operator_lists_one_group_per_staff_scope(api, staff):
    # when: the list page as the Dashboard first opens it
    answer = await api.ok(PERMISSION_GROUP_LIST, {"first": 20, "sort": {"direction": "ASC", "field": "NAME"}},
                          token=staff["tokens"]["operator"])

    # then
    assert names(answer) == ["Bank BANKA staff", "Operators", "Partner ACME staff", "Partner ZETA staff"]
    operators = answer["permissionGroups"]["edges"][1]["node"]
    assert (operators["userCanManage"], [u["lastName"] for u in operators["users"]]) == (True, [""])
    assert answer["permissionGroups"]["pageInfo"]["hasNextPage"] is False


async def test_the_list_filters_by_search_and_pages_by_cursor(api, staff):
    # given
    token = staff["tokens"]["operator"]

    # when
    searched = await api.ok(PERMISSION_GROUP_LIST, {"first": 20, "filter": {"search": "partner"}}, token=token)
    first_page = await api.ok(PERMISSION_GROUP_LIST, {"first": 2}, token=token)
    cursor = first_page["permissionGroups"]["pageInfo"]["endCursor"]
    second_page = await api.ok(PERMISSION_GROUP_LIST, {"first": 2, "after": cursor}, token=token)

    # then
    assert names(searched) == ["Partner ACME staff", "Partner ZETA staff"]
    assert names(first_page) == ["Bank BANKA staff", "Operators"]
    assert names(second_page) == ["Partner ACME staff", "Partner ZETA staff"]


async def test_a_partners_staff_see_only_their_own_group(api, staff):
    # when
    answer = await api.ok(PERMISSION_GROUP_LIST, {"first": 20}, token=staff["tokens"]["acme"])

    # then
    assert names(answer) == ["Partner ACME staff"]
    node = answer["permissionGroups"]["edges"][0]["node"]
    assert (node["userCanManage"], len(node["users"])) == (True, 1)


async def test_a_groups_page_shows_its_permissions_members_and_where_a_users_permission_comes_from(api, staff):
    # given: the partner group's ID as the list gave it
    listed = await api.ok(PERMISSION_GROUP_LIST, {"first": 20, "filter": {"search": "ACME"}},
                          token=staff["tokens"]["acme"])
    group_id = listed["permissionGroups"]["edges"][0]["node"]["id"]
    me_id = (await api.ok("{ me { id } }", token=staff["tokens"]["acme"]))["me"]["id"]

    # when
    answer = await api.ok(PERMISSION_GROUP_DETAILS, {"id": group_id, "userId": me_id}, token=staff["tokens"]["acme"])

    # then: the smallest set a partner needs; MANAGE_STAFF is the user's own, not the group's
    group = answer["permissionGroup"]
    assert [p["code"] for p in group["permissions"]] == ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS"]
    assert group["users"] == [{"email": "acme@example.com", "isActive": True}]
    assert (group["restrictedAccessToChannels"], group["userCanManage"]) == (False, True)
    assert answer["user"]["editableGroups"] == [{"id": group_id}]
    sources = {p["code"]: p["sourcePermissionGroups"] for p in answer["user"]["userPermissions"]}
    assert sources == {"MANAGE_ORDERS": [{"id": group_id}], "MANAGE_PRODUCTS": [{"id": group_id}],
                       "MANAGE_SETTLEMENTS": [{"id": group_id}], "MANAGE_STAFF": []}


async def test_another_scopes_group_is_not_found_by_a_partners_staff(api, staff):
    # given
    listed = await api.ok(PERMISSION_GROUP_LIST, {"first": 20, "filter": {"search": "ZETA"}},
                          token=staff["tokens"]["operator"])
    zeta_group = listed["permissionGroups"]["edges"][0]["node"]["id"]

    # when
    answer = await api.ok(PERMISSION_GROUP_DETAILS, {"id": zeta_group, "userId": zeta_group},
                          token=staff["tokens"]["acme"])

    # then
    assert answer["permissionGroup"] is None


async def test_groups_are_read_only(api, staff):
    # when
    answer = await api.ok('mutation { permissionGroupCreate(input: {name: "Editors", addPermissions: '
                          '[MANAGE_ORDERS]}) { errors { field code message } group { id } } }',
                          token=staff["tokens"]["operator"])
    listed = await api.ok(PERMISSION_GROUP_LIST, {"first": 20}, token=staff["tokens"]["operator"])

    # then
    assert answer["permissionGroupCreate"]["group"] is None
    assert [e["code"] for e in answer["permissionGroupCreate"]["errors"]] == ["OUT_OF_SCOPE_PERMISSION"]
    assert "Editors" not in names(listed)


async def test_the_staff_list_filters_by_status_and_sorts_as_the_dashboard_asks(api, staff):
    # when
    answer = await api.ok(STAFF_LIST, {"first": 20, "filter": {"status": "ACTIVE"},
                                       "sort": {"direction": "DESC", "field": "EMAIL"}},
                          token=staff["tokens"]["operator"])
    scoped = await api.ok(STAFF_LIST, {"first": 20, "sort": {"direction": "ASC", "field": "EMAIL"}},
                          token=staff["tokens"]["acme"])

    # then
    emails = [edge["node"]["email"] for edge in answer["staffUsers"]["edges"]]
    assert emails == ["zeta@example.com", "ops@example.com", "bank@example.com", "acme@example.com"]
    assert [edge["node"]["email"] for edge in scoped["staffUsers"]["edges"]] == ["acme@example.com"]


async def test_a_staff_members_page_shows_their_scopes_group(api, staff):
    # given
    acme_id = (await api.ok("{ me { id } }", token=staff["tokens"]["acme"]))["me"]["id"]

    # when
    answer = await api.ok(STAFF_MEMBER_DETAILS, {"id": acme_id}, token=staff["tokens"]["operator"])

    # then
    assert answer["user"]["permissionGroups"][0]["name"] == "Partner ACME staff"
    assert answer["user"]["permissionGroups"][0]["userCanManage"] is True
