"""Who may read and change whom: the permission matrix of the account operations."""

from __future__ import annotations

import pytest

from mall.accounts.models import User
from mall.accounts.services import create_app as create_api_app
from mall.graphql.ids import to_global_id
from tests.factories import make_member, make_staff, token_for

NEEDS = "To access this path, you need one of the following permissions: "

CUSTOMERS = "query { customers(first: 10) { totalCount edges { node { email } } } }"
USER = "query User($id: ID!) { user(id: $id) { email } }"
STAFF_USERS = "query { staffUsers(first: 10) { totalCount } }"
STAFF_CREATE = """
mutation StaffCreate($input: StaffCreateInput!) {
  staffCreate(input: $input) { user { email } errors { code } }
}
"""
ME_NOTE = "query { me { email note } }"
USER_NOTE = "query UserNote($id: ID!) { user(id: $id) { email note } }"

# (field, document, permission that opens it, message for everyone else)
OPERATIONS = [
    pytest.param("customers", CUSTOMERS, "MANAGE_USERS", NEEDS + "MANAGE_ORDERS, MANAGE_USERS", id="customers"),
    pytest.param(
        "user", USER, "MANAGE_ORDERS", NEEDS + "MANAGE_STAFF, MANAGE_USERS, MANAGE_ORDERS, MANAGE_POINTS", id="user"
    ),
    pytest.param("staffUsers", STAFF_USERS, "MANAGE_STAFF", NEEDS + "MANAGE_STAFF", id="staffUsers"),
    pytest.param("staffCreate", STAFF_CREATE, "MANAGE_STAFF", NEEDS + "MANAGE_STAFF", id="staffCreate"),
]


async def caller_token(caller: str, permission: str, settings) -> str | None:
    if caller == "anonymous":
        return None
    if caller == "member":
        return token_for(await make_member(settings, "caller@example.com"), settings)
    granted = [permission] if caller == "staff with the permission" else ["MANAGE_PRODUCTS"]
    return token_for(await make_staff("caller@example.com", permissions=granted), settings)


async def variables_for(field: str, settings) -> dict:
    member = await make_member(settings, "mei@example.com")
    return {
        "customers": {},
        "user": {"id": to_global_id("User", member.id)},
        "staffUsers": {},
        "staffCreate": {"input": {"email": "new.staff@example.com"}},
    }[field]


@pytest.mark.parametrize("caller", ["anonymous", "member", "staff without the permission"])
@pytest.mark.parametrize(("field", "document", "permission", "message"), OPERATIONS)
async def test_operation_is_denied(api, settings, caller, field, document, permission, message):
    # given
    token = await caller_token(caller, permission, settings)
    variables = await variables_for(field, settings)
    users_before = await User.all().count()

    # when
    response = await api.post(document, variables, token=token)

    # then
    assert response.status_code == 200
    assert response.data == {field: None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [message]
    assert response.errors[0]["path"] == [field]
    assert await User.all().count() == users_before


@pytest.mark.parametrize(("field", "document", "permission", "message"), OPERATIONS)
async def test_operation_is_allowed_with_the_permission(api, settings, field, document, permission, message):
    # given
    token = await caller_token("staff with the permission", permission, settings)
    variables = await variables_for(field, settings)

    # when
    response = await api.post(document, variables, token=token)

    # then
    assert response.status_code == 200
    assert response.errors == []
    assert response.data[field] is not None


@pytest.mark.parametrize(
    ("caller", "permissions"),
    [("member", None), ("staff", []), ("staff", ["MANAGE_PRODUCTS"])],
)
async def test_own_note_is_denied_without_permission(api, settings, caller, permissions):
    # given
    if caller == "member":
        user = await make_member(settings, "caller@example.com")
    else:
        user = await make_staff("caller@example.com", permissions=permissions)

    # when
    response = await api.post(ME_NOTE, token=token_for(user, settings))

    # then
    assert response.status_code == 200
    assert response.data == {"me": {"email": "caller@example.com", "note": None}}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [NEEDS + "MANAGE_USERS, MANAGE_STAFF"]
    assert response.errors[0]["path"] == ["me", "note"]


async def test_note_is_not_asked_of_an_anonymous_caller(api):
    # when
    response = await api.post(ME_NOTE)

    # then
    assert response.body["data"] == {"me": None}
    assert response.errors == []


async def staff_with_a_note(api, settings) -> str:
    """The global ID of a staff user created with a note (staffCreate is the only way to write one)."""
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])
    await api.ok(
        STAFF_CREATE,
        {"input": {"email": "clerk@example.com", "note": "Night shift"}},
        token=token_for(operator, settings),
    )
    return to_global_id("User", (await User.get(email="clerk@example.com")).id)


async def test_note_of_another_user_is_denied_to_staff_reading_users_for_orders(api, settings):
    # given
    clerk_id = await staff_with_a_note(api, settings)
    reader = await make_staff("reader@example.com", permissions=["MANAGE_ORDERS"])

    # when
    response = await api.post(USER_NOTE, {"id": clerk_id}, token=token_for(reader, settings))

    # then
    assert response.data == {"user": {"email": "clerk@example.com", "note": None}}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [NEEDS + "MANAGE_USERS, MANAGE_STAFF"]


@pytest.mark.parametrize("permission", ["MANAGE_USERS", "MANAGE_STAFF"])
async def test_note_of_another_user_is_shown_with_permission(api, settings, permission):
    # given
    clerk_id = await staff_with_a_note(api, settings)
    reader = await make_staff("reader@example.com", permissions=[permission])

    # when
    response = await api.post(USER_NOTE, {"id": clerk_id}, token=token_for(reader, settings))

    # then
    assert response.errors == []
    assert response.data == {"user": {"email": "clerk@example.com", "note": "Night shift"}}


async def test_an_app_with_the_permission_lists_customers(api, settings):
    # given
    await make_member(settings, "mei@example.com")
    _, app_token = await create_api_app("Bank A roster sync", ["MANAGE_USERS"])

    # when
    data = await api.ok(CUSTOMERS, token=app_token)

    # then
    assert data["customers"] == {"totalCount": 1, "edges": [{"node": {"email": "mei@example.com"}}]}


async def test_an_app_without_the_permission_is_denied(api, settings):
    # given
    _, app_token = await create_api_app("Storefront", ["MANAGE_CHECKOUTS"])

    # when
    response = await api.post(CUSTOMERS, token=app_token)

    # then
    assert response.data == {"customers": None}
    assert response.error_messages == [NEEDS + "MANAGE_ORDERS, MANAGE_USERS"]


async def test_an_app_is_not_a_signed_in_user(api):
    # given
    _, app_token = await create_api_app("Storefront", ["MANAGE_USERS"])

    # when
    response = await api.post(ME_NOTE, token=app_token)

    # then
    assert response.body["data"] == {"me": None}
    assert response.errors == []
