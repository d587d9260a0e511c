"""`customers`, `user` and `node(User)` under scopes: an issuer's staff and apps see its members only; a
partner's staff only the buyers of its orders, with what shipping needs (#16 defect 4)."""

from __future__ import annotations

from mall.accounts.models import ScopeKind
from mall.accounts.services import create_app
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.tenants import make_tenants

CUSTOMER_FIELDS = "email firstName lastName externalReference addresses { streetAddress1 } " \
                  "defaultShippingAddress { streetAddress1 }"
CUSTOMERS = f"query {{ customers(first: 10) {{ totalCount edges {{ node {{ {CUSTOMER_FIELDS} }} }} }} }}"
USER_BY_ID = "query($id: ID!) { user(id: $id) { email } node(id: $id) { ... on User { email } } }"
USER_BY_EMAIL = "query($email: String!) { user(email: $email) { email } }"


def emails(data: dict) -> list[str]:
    return [edge["node"]["email"] for edge in data["customers"]["edges"]]


async def test_bank_staff_and_apps_list_only_their_issuers_members(api, settings):
    # given
    await make_tenants(settings)
    staff = await make_staff("staff@bank-a.example", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA"))
    _, app_token = await create_app("Bank A system", ["MANAGE_USERS"], (ScopeKind.ISSUER, "BANKA"))

    # when
    by_staff = await api.ok(CUSTOMERS, token=token_for(staff, settings))
    by_app = await api.ok(CUSTOMERS, token=app_token)

    # then
    assert emails(by_staff) == emails(by_app) == ["mei@example.com"]
    assert by_staff["customers"]["edges"][0]["node"] == {
        "email": "mei@example.com", "firstName": "Mei", "lastName": "Lin", "externalReference": None,
        "addresses": [{"streetAddress1": "1 Jinbao Street"}], "defaultShippingAddress": None,
    }


async def test_partner_staff_list_only_their_buyers_and_only_what_shipping_needs(api, settings):
    # given: Mei bought ACME's kettle, Lei ZETA's lamp
    await make_tenants(settings)
    acme = await make_staff("staff@acme.example", ["MANAGE_ORDERS", "MANAGE_USERS"], scope=(ScopeKind.PARTNER, "ACME"))

    # when
    data = await api.ok(CUSTOMERS, token=token_for(acme, settings))

    # then
    assert data["customers"] == {"totalCount": 1, "edges": [{"node": {
        "email": "m...@example.com", "firstName": "Mei", "lastName": "Lin", "externalReference": None,
        "addresses": [], "defaultShippingAddress": None,
    }}]}


async def test_scoped_callers_find_no_member_outside_their_scope_by_id_or_email(api, settings):
    # given
    tenants = await make_tenants(settings)
    lei = {"id": to_global_id("User", tenants.b.member.id)}
    bank_a = token_for(await make_staff("staff@bank-a.example", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                       settings)
    acme = token_for(await make_staff("staff@acme.example", ["MANAGE_ORDERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)

    # when
    answers = [await api.ok(USER_BY_ID, lei, token) for token in (bank_a, acme)]
    by_email = [await api.ok(USER_BY_EMAIL, {"email": "lei@example.com"}, token) for token in (bank_a, acme)]

    # then
    assert answers == [{"user": None, "node": None}] * 2
    assert by_email == [{"user": None}] * 2


async def test_scoped_callers_find_their_own_member(api, settings):
    # given
    tenants = await make_tenants(settings)
    mei = {"id": to_global_id("User", tenants.a.member.id)}
    bank_a = token_for(await make_staff("staff@bank-a.example", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                       settings)
    acme = token_for(await make_staff("staff@acme.example", ["MANAGE_ORDERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)

    # when
    by_bank = await api.ok(USER_BY_ID, mei, bank_a)
    by_partner = await api.ok(USER_BY_ID, mei, acme)

    # then
    assert by_bank == {"user": {"email": "mei@example.com"}, "node": {"email": "mei@example.com"}}
    assert by_partner == {"user": {"email": "m...@example.com"}, "node": {"email": "m...@example.com"}}


async def test_the_operator_lists_every_member(api, settings):
    # given
    await make_tenants(settings)
    operator = await make_staff("operator@example.com", ["MANAGE_USERS"])

    # when
    data = await api.ok(CUSTOMERS, token=token_for(operator, settings))

    # then
    assert emails(data) == ["lei@example.com", "mei@example.com"]


USER_ORDERS = "query($id: ID!) { user(id: $id) { orders(first: 10) { edges { node { number } } } } }"


async def test_a_banks_desk_reads_its_members_orders_and_no_other_banks(api, settings):
    # given: bank A's desk looks members up (MANAGE_USERS, no order permission)
    tenants = await make_tenants(settings)
    desk = token_for(await make_staff("desk@bank-a.example", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                     settings)
    clerk = token_for(await make_staff("clerk@example.com", ["MANAGE_POINTS"]), settings)
    mei, lei = to_global_id("User", tenants.a.member.id), to_global_id("User", tenants.b.member.id)

    # when
    own = await api.ok(USER_ORDERS, {"id": mei}, desk)
    other = await api.ok(USER_ORDERS, {"id": lei}, desk)
    without_permission = await api.post(USER_ORDERS, {"id": mei}, clerk)

    # then: Mei's order; Lei is no member of bank A; staff without the permission are refused
    assert own == {"user": {"orders": {"edges": [{"node": {"number": str(tenants.a.order.number)}}]}}}
    assert other == {"user": None}
    assert without_permission.error_codes == ["PermissionDenied"]
