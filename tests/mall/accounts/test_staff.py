"""staffCreate and staffUsers: grant only what you hold, stay inside your scope."""

from __future__ import annotations

from mall.accounts.models import ScopeKind, User
from mall.graphql.ids import to_global_id
from tests.factories import make_member, make_staff, token_for
from tests.mall.accounts.helpers import sign_in

STAFF_CREATE = """
mutation StaffCreate($input: StaffCreateInput!) {
  staffCreate(input: $input) {
    user { email isStaff isActive note userPermissions { code } staffScope { kind code } }
    errors { field code message }
  }
}
"""

STAFF_USERS = """
query StaffUsers($search: String) {
  staffUsers(first: 20, search: $search) { totalCount edges { node { email } } }
}
"""

USER_BY_ID = """
query UserById($id: ID!) { user(id: $id) { email } }
"""

SET_PASSWORD = """
mutation SetPassword($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) { errors { field code message } }
}
"""


async def staff_count() -> int:
    return await User.filter(is_staff=True).count()


async def test_staff_create_grants_permissions_the_creator_holds(api, settings):
    # given
    manager = await make_staff("boss@example.com", permissions=["MANAGE_STAFF", "MANAGE_PRODUCTS"])

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "Clerk@Example.com", "permissions": ["MANAGE_PRODUCTS"], "note": "Catalogue team",
    }}, token=token_for(manager, settings))

    # then
    assert data["staffCreate"] == {
        "user": {
            "email": "clerk@example.com", "isStaff": True, "isActive": True, "note": "Catalogue team",
            "userPermissions": [{"code": "MANAGE_PRODUCTS"}], "staffScope": None,
        },
        "errors": [],
    }


async def test_staff_create_refuses_permissions_the_creator_does_not_hold(api, settings):
    # given
    manager = await make_staff("boss@example.com", permissions=["MANAGE_STAFF", "MANAGE_PRODUCTS"])

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "clerk@example.com", "permissions": ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_POINTS"],
    }}, token=token_for(manager, settings))

    # then
    assert data["staffCreate"] == {
        "user": None,
        "errors": [{
            "field": "permissions", "code": "OUT_OF_SCOPE_PERMISSION",
            "message": "You can't grant permissions you don't have: MANAGE_ORDERS, MANAGE_POINTS.",
        }],
    }
    assert await staff_count() == 1


async def test_a_superuser_grants_any_permission(api, settings):
    # given
    root = await make_staff("root@example.com", is_superuser=True)

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "clerk@example.com", "permissions": ["MANAGE_ORDERS", "MANAGE_SETTLEMENTS"],
    }}, token=token_for(root, settings))

    # then
    assert data["staffCreate"]["errors"] == []
    assert data["staffCreate"]["user"]["userPermissions"] == [{"code": "MANAGE_ORDERS"}, {"code": "MANAGE_SETTLEMENTS"}]


async def test_scoped_staff_creates_staff_inside_its_own_scope(api, settings):
    # given
    partner_admin = await make_staff("admin@acme.example", permissions=["MANAGE_STAFF"],
                                     scope=(ScopeKind.PARTNER, "ACME"))

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "packer@acme.example", "scope": {"kind": "partner", "code": "ACME"},
    }}, token=token_for(partner_admin, settings))

    # then
    assert data["staffCreate"]["errors"] == []
    assert data["staffCreate"]["user"]["staffScope"] == {"kind": "partner", "code": "ACME"}


async def test_scoped_staff_cannot_create_staff_in_another_scope(api, settings):
    # given
    partner_admin = await make_staff("admin@acme.example", permissions=["MANAGE_STAFF"],
                                     scope=(ScopeKind.PARTNER, "ACME"))

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "spy@acme.example", "scope": {"kind": "partner", "code": "GLOBEX"},
    }}, token=token_for(partner_admin, settings))

    # then
    assert data["staffCreate"] == {
        "user": None,
        "errors": [{"field": "scope", "code": "OUT_OF_SCOPE_USER",
                    "message": "You can only create staff inside your own scope."}],
    }
    assert await staff_count() == 1


async def test_scoped_staff_cannot_create_unscoped_staff(api, settings):
    # given
    bank_admin = await make_staff("admin@bank-a.example", permissions=["MANAGE_STAFF"],
                                  scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(STAFF_CREATE, {"input": {"email": "operator@bank-a.example"}},
                        token=token_for(bank_admin, settings))

    # then
    assert [e["code"] for e in data["staffCreate"]["errors"]] == ["OUT_OF_SCOPE_USER"]
    assert await staff_count() == 1


async def test_scoped_staff_cannot_create_staff_of_another_scope_kind_with_the_same_code(api, settings):
    # given
    bank_admin = await make_staff("admin@bank-a.example", permissions=["MANAGE_STAFF"],
                                  scope=(ScopeKind.ISSUER, "BANKA"))

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "seller@bank-a.example", "scope": {"kind": "partner", "code": "BANKA"},
    }}, token=token_for(bank_admin, settings))

    # then
    assert [e["code"] for e in data["staffCreate"]["errors"]] == ["OUT_OF_SCOPE_USER"]
    assert await staff_count() == 1


async def test_unscoped_staff_creates_staff_in_any_scope(api, settings):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "admin@bank-b.example", "scope": {"kind": "issuer", "code": "BANKB"},
    }}, token=token_for(operator, settings))

    # then
    assert data["staffCreate"]["user"]["staffScope"] == {"kind": "issuer", "code": "BANKB"}


async def test_staff_create_refuses_an_unknown_scope_kind(api, settings):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])

    # when
    data = await api.ok(STAFF_CREATE, {"input": {
        "email": "admin@bank-b.example", "scope": {"kind": "galaxy", "code": "X"},
    }}, token=token_for(operator, settings))

    # then
    assert data["staffCreate"]["errors"] == [
        {"field": "scope", "code": "INVALID", "message": "Scope kind must be `partner` or `issuer`."}
    ]
    assert await staff_count() == 1


async def test_staff_create_refuses_an_email_already_registered(api, settings):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(STAFF_CREATE, {"input": {"email": "mei@example.com"}}, token=token_for(operator, settings))

    # then
    assert data["staffCreate"]["errors"] == [
        {"field": "email", "code": "UNIQUE", "message": "User with this Email already exists."}
    ]
    assert await staff_count() == 1


async def test_staff_create_without_manage_staff_is_denied(api, settings):
    # given
    clerk = await make_staff("clerk@example.com", permissions=["MANAGE_PRODUCTS", "MANAGE_USERS"])

    # when
    response = await api.post(STAFF_CREATE, {"input": {"email": "friend@example.com"}},
                              token=token_for(clerk, settings))

    # then
    assert response.status_code == 200
    assert response.data == {"staffCreate": None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == ["To access this path, you need one of the following permissions: MANAGE_STAFF"]
    assert await staff_count() == 1


async def test_staff_create_with_a_redirect_url_mails_a_link_to_set_the_password(api, settings, mailbox):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])
    await api.ok(STAFF_CREATE, {"input": {"email": "clerk@example.com", "redirectUrl": "https://ops.example.com/set"}},
                 token=token_for(operator, settings))
    mail = await mailbox.receive_one()

    # when
    data = await api.ok(SET_PASSWORD, {**mail.params, "password": "tea-garden-sunrise-4"})

    # then
    assert mail.to == "clerk@example.com"
    assert mail.link.startswith("https://ops.example.com/set?")
    assert data["setPassword"]["errors"] == []
    assert (await sign_in(api, "clerk@example.com", "tea-garden-sunrise-4"))["errors"] == []


async def test_staff_create_with_an_invalid_redirect_url_creates_nobody(api, settings, mailbox):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])

    # when
    data = await api.ok(STAFF_CREATE, {"input": {"email": "clerk@example.com", "redirectUrl": "ftp://x"}},
                        token=token_for(operator, settings))

    # then
    assert data["staffCreate"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID", "message": "ftp://x is not a valid URL."}
    ]
    assert await staff_count() == 1
    assert await mailbox.receive() == []


async def test_staff_users_lists_every_staff_user_to_unscoped_staff(api, settings):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])
    await make_staff("admin@acme.example", scope=(ScopeKind.PARTNER, "ACME"))
    await make_staff("admin@bank-a.example", scope=(ScopeKind.ISSUER, "BANKA"))
    await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(STAFF_USERS, token=token_for(operator, settings))

    # then
    assert data["staffUsers"] == {
        "totalCount": 3,
        "edges": [{"node": {"email": e}} for e in ("admin@acme.example", "admin@bank-a.example", "ops@example.com")],
    }


async def test_staff_users_shows_scoped_staff_only_their_own_scope(api, settings):
    # given
    partner_admin = await make_staff("admin@acme.example", permissions=["MANAGE_STAFF"],
                                     scope=(ScopeKind.PARTNER, "ACME"))
    await make_staff("packer@acme.example", scope=(ScopeKind.PARTNER, "ACME"))
    await make_staff("admin@globex.example", scope=(ScopeKind.PARTNER, "GLOBEX"))
    await make_staff("acme@bank.example", scope=(ScopeKind.ISSUER, "ACME"))
    await make_staff("ops@example.com")

    # when
    data = await api.ok(STAFF_USERS, token=token_for(partner_admin, settings))

    # then
    assert data["staffUsers"] == {
        "totalCount": 2,
        "edges": [{"node": {"email": "admin@acme.example"}}, {"node": {"email": "packer@acme.example"}}],
    }


async def test_staff_users_search(api, settings):
    # given
    operator = await make_staff("ops@example.com", permissions=["MANAGE_STAFF"])
    await make_staff("lin.wei@example.com")

    # when
    data = await api.ok(STAFF_USERS, {"search": "LIN"}, token=token_for(operator, settings))

    # then
    assert data["staffUsers"] == {"totalCount": 1, "edges": [{"node": {"email": "lin.wei@example.com"}}]}


async def test_user_hides_staff_of_another_scope_from_scoped_staff(api, settings):
    # given
    partner_admin = await make_staff("admin@acme.example", permissions=["MANAGE_STAFF"],
                                     scope=(ScopeKind.PARTNER, "ACME"))
    rival = await make_staff("admin@globex.example", scope=(ScopeKind.PARTNER, "GLOBEX"))

    # when
    data = await api.ok(USER_BY_ID, {"id": to_global_id("User", rival.id)}, token=token_for(partner_admin, settings))

    # then
    assert data == {"user": None}


async def test_user_shows_staff_of_the_same_scope_to_scoped_staff(api, settings):
    # given
    partner_admin = await make_staff("admin@acme.example", permissions=["MANAGE_STAFF"],
                                     scope=(ScopeKind.PARTNER, "ACME"))
    colleague = await make_staff("packer@acme.example", scope=(ScopeKind.PARTNER, "ACME"))

    # when
    data = await api.ok(USER_BY_ID, {"id": to_global_id("User", colleague.id)},
                        token=token_for(partner_admin, settings))

    # then
    assert data == {"user": {"email": "packer@acme.example"}}
