"""The Saleor Dashboard's customer address book (`addressCreate`, `addressUpdate`, `addressSetDefault`,
`addressDelete`), its own documents with the variables it sends, as the operator and as scoped staff (two
tenants: tests/tenants.py)."""

from __future__ import annotations

import pytest

from mall.accounts.models import Address, ScopeKind, User
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.reference import SALEOR_OPERATIONS
from tests.security.probe import database_state
from tests.tenants import make_tenants

CUSTOMERS = SALEOR_OPERATIONS / "dashboard" / "customers"
pytestmark = pytest.mark.skipif(not CUSTOMERS.exists(), reason="Saleor's reference pack is not on this machine")
OFFICE = {"city": "Shanghai", "cityArea": "", "companyName": "Bank A", "country": "CN", "countryArea": "",
          "firstName": "Mei", "lastName": "Lin", "phone": "+8613800000001", "postalCode": "200120",
          "streetAddress1": "200 Yincheng Road", "streetAddress2": ""}


def document(name: str) -> str:
    return (CUSTOMERS / f"{name}.graphql").read_text()


async def test_the_operator_keeps_a_members_address_book(api, settings):
    # given
    tenants = await make_tenants(settings)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    mei = to_global_id("User", tenants.a.member.id)

    # when
    created = await api.ok(document("CreateCustomerAddress"), {"id": mei, "input": OFFICE}, token=operator)
    office = created["addressCreate"]["address"]["id"]
    updated = await api.ok(document("UpdateCustomerAddress"), {"id": office, "input": {**OFFICE, "streetAddress2":
                                                                                       "Floor 8"}}, token=operator)
    defaulted = await api.ok(document("SetCustomerDefaultAddress"), {"addressId": office, "userId": mei,
                                                                     "type": "SHIPPING"}, token=operator)
    removed = await api.ok(document("RemoveCustomerAddress"), {"id": office}, token=operator)

    # then
    assert created["addressCreate"]["errors"] == []
    assert office in [address["id"] for address in created["addressCreate"]["user"]["addresses"]]
    assert updated["addressUpdate"]["address"]["streetAddress2"] == "Floor 8"
    assert defaulted["addressSetDefault"]["user"]["defaultShippingAddress"] == {"id": office}
    assert removed["addressDelete"]["errors"] == []
    assert removed["addressDelete"]["user"]["defaultShippingAddress"] is None
    assert [a.street_address_1 for a in await Address.filter(user_id=tenants.a.member.id)] == ["1 Jinbao Street"]
    assert (await User.get(id=tenants.a.member.id)).default_shipping_address_id is None


async def test_another_banks_or_a_partners_staff_change_no_address(api, settings):
    # given
    tenants = await make_tenants(settings)
    bank_b = token_for(await make_staff("bank-b@example.com", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKB")),
                       settings)
    acme = token_for(await make_staff("acme@example.com", ["MANAGE_USERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)
    mei = to_global_id("User", tenants.a.member.id)
    home = to_global_id("Address", (await Address.get(user_id=tenants.a.member.id)).id)
    before = await database_state()

    # when
    created = await api.ok(document("CreateCustomerAddress"), {"id": mei, "input": OFFICE}, token=bank_b)
    removed = await api.ok(document("RemoveCustomerAddress"), {"id": home}, token=bank_b)
    partners = await api.post(document("RemoveCustomerAddress"), {"id": home}, token=acme)

    # then
    assert created["addressCreate"]["errors"] == [{"code": "NOT_FOUND", "field": "userId", "addressType": None,
                                                   "message": f"Couldn't resolve to a node: {mei}"}]
    assert removed["addressDelete"]["errors"] == [{"code": "NOT_FOUND", "field": "id", "addressType": None,
                                                   "message": f"Couldn't resolve to a node: {home}"}]
    assert partners.error_codes == ["PermissionDenied"]
    assert await database_state() == before
