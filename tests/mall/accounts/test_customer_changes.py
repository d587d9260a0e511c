"""The Saleor Dashboard's customer page changes and removes members' accounts (`customerUpdate`,
`customerDelete`, documents in its shape with the variables it sends), as the operator and as scoped staff
(two tenants: tests/tenants.py)."""

from __future__ import annotations

import pytest

from mall.accounts.models import Address, ScopeKind, User
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from orders.models import Order
from tests.factories import make_staff, token_for
from tests.security.probe import database_state
from tests.tenants import make_tenants

UPDATE_CUSTOMER = """
mutation UpdateCustomer($id: ID!, $input: CustomerInput!) {
  customerUpdate(id: $id, input: $input) {
    errors { code field addressType message }
    user { id email firstName lastName note isActive isStaff }
  }
}
"""
REMOVE_CUSTOMER = """
mutation RemoveCustomer($id: ID!) { customerDelete(id: $id) { errors { code field addressType message } } }
"""
ME = "query { me { email } }"


@pytest.fixture
async def world(settings):
    tenants = await make_tenants(settings)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    return tenants, operator


async def test_the_operator_corrects_a_members_name_email_and_note(api, world):
    # given
    tenants, operator = world
    mei = to_global_id("User", tenants.a.member.id)
    changes = {"firstName": "Meiling", "lastName": "Lin", "email": "Meiling.Lin@Example.com", "note": "VIP"}

    # when
    answer = await api.ok(UPDATE_CUSTOMER, {"id": mei, "input": changes}, token=operator)

    # then
    assert answer == {"customerUpdate": {"errors": [], "user": {
        "id": mei, "email": "meiling.lin@example.com", "firstName": "Meiling", "lastName": "Lin", "note": "VIP",
        "isActive": True, "isStaff": False}}}


async def test_switching_an_account_off_ends_its_sessions(api, world, settings):
    # given
    tenants, operator = world
    session = token_for(tenants.a.member, settings)

    # when
    await api.ok(UPDATE_CUSTOMER, {"id": to_global_id("User", tenants.a.member.id), "input": {"isActive": False}},
                 token=operator)

    # then
    assert (await User.get(id=tenants.a.member.id)).is_active is False
    refused = await api.post(ME, token=session)
    assert (refused.data, refused.error_codes) == ({"me": None}, ["InvalidTokenError"])


async def test_an_email_another_account_uses_is_refused_and_nothing_changes(api, world):
    # given
    tenants, operator = world
    before = await database_state()

    # when
    answer = await api.ok(UPDATE_CUSTOMER, {"id": to_global_id("User", tenants.a.member.id),
                                            "input": {"firstName": "Meiling", "email": "lei@example.com"}},
                          token=operator)

    # then
    assert answer == {"customerUpdate": {"user": None, "errors": [
        {"code": "UNIQUE", "field": "email", "addressType": None, "message": "User with this Email already exists."}]}}
    assert await database_state() == before


async def test_a_bank_changes_its_own_members_only_and_a_partner_none(api, world, settings):
    # given
    tenants, _ = world
    bank_a = token_for(await make_staff("bank-a@example.com", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                       settings)
    acme = token_for(await make_staff("acme@example.com", ["MANAGE_USERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)
    lei = to_global_id("User", tenants.b.member.id)
    before = await database_state()

    # when
    others = await api.ok(UPDATE_CUSTOMER, {"id": lei, "input": {"note": "x"}}, token=bank_a)
    partners = await api.post(UPDATE_CUSTOMER, {"id": to_global_id("User", tenants.a.member.id),
                                                "input": {"note": "x"}}, token=acme)

    # then
    assert others == {"customerUpdate": {"user": None, "errors": [
        {"code": "NOT_FOUND", "field": "id", "addressType": None, "message": f"Couldn't resolve to a node: {lei}"}]}}
    assert partners.error_codes == ["PermissionDenied"]
    assert await database_state() == before


async def test_a_staff_account_is_no_customer(api, world, settings):
    # given
    _, operator = world
    clerk = await make_staff("clerk@example.com", ["MANAGE_USERS"])

    # when
    answer = await api.ok(REMOVE_CUSTOMER, {"id": to_global_id("User", clerk.id)}, token=operator)

    # then
    assert answer["customerDelete"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await User.get(id=clerk.id)).email == "clerk@example.com"


async def test_removing_a_customer_anonymises_the_account_and_keeps_its_orders(api, world):
    # given
    tenants, operator = world
    mei = tenants.a.member

    # when
    answer = await api.ok(REMOVE_CUSTOMER, {"id": to_global_id("User", mei.id)}, token=operator)

    # then
    assert answer == {"customerDelete": {"errors": []}}
    removed = await User.get(id=mei.id)
    assert removed.email.startswith(f"deleted-{mei.id}-")
    assert removed.email.endswith("@deleted.invalid")
    assert (removed.first_name, removed.last_name, removed.is_active, removed.password_hash) == ("", "", False, None)
    assert await Address.filter(user_id=mei.id).count() == 0
    assert await Order.filter(user_id=mei.id).count() == 1
