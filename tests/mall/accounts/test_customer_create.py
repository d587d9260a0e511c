"""The Saleor Dashboard's "create customer" page and customer list bulk removal (`customerCreate`,
`customerBulkDelete`), its own documents with the variables it sends, as the operator, as a bank's staff and as
a partner's staff (two tenants: tests/tenants.py)."""

from __future__ import annotations

import pytest

from bank_link.models import Member
from mall.accounts.models import Address, ScopeKind, User
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from mall.outbox.models import OutboxMessage
from tests.factories import make_staff, token_for
from tests.reference import SALEOR_OPERATIONS
from tests.security.probe import database_state
from tests.tenants import make_tenants

CUSTOMERS = SALEOR_OPERATIONS / "dashboard" / "customers"
pytestmark = pytest.mark.skipif(not CUSTOMERS.exists(), reason="Saleor's reference pack is not on this machine")

# The Dashboard sends its one address form as both default addresses, every field a string.
ADDRESS = {"city": "Shanghai", "cityArea": "", "companyName": "", "country": "CN", "countryArea": "",
           "firstName": "Yan", "lastName": "Zhao", "phone": "+8613700000003", "postalCode": "200120",
           "streetAddress1": "7 Lujiazui Ring Road", "streetAddress2": ""}
NEW_CUSTOMER = {"defaultBillingAddress": ADDRESS, "defaultShippingAddress": ADDRESS, "email": "Yan@Example.com",
                "firstName": "Yan", "lastName": "Zhao", "note": "Met at the branch"}


def document(name: str) -> str:
    return (CUSTOMERS / f"{name}.graphql").read_text()


@pytest.fixture
async def world(settings):
    tenants = await make_tenants(settings)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    bank_a = token_for(await make_staff("bank-a@example.com", ["MANAGE_USERS"], scope=(ScopeKind.ISSUER, "BANKA")),
                     settings)
    acme = token_for(await make_staff("acme@example.com", ["MANAGE_USERS"], scope=(ScopeKind.PARTNER, "ACME")),
                     settings)
    return tenants, operator, bank_a, acme


async def test_the_operator_creates_a_customer_with_one_default_address(api, world):
    # given
    _, operator, _, _ = world

    # when
    countries = await api.ok(document("CustomerCreateData"), token=operator)
    answer = await api.ok(document("CreateCustomer"), {"input": NEW_CUSTOMER}, token=operator)

    # then
    assert {"code": "CN", "country": "China"} in countries["shop"]["countries"]
    assert answer["customerCreate"]["errors"] == []
    user = await User.get(email="yan@example.com")
    assert answer["customerCreate"]["user"] == {"id": to_global_id("User", user.id)}
    assert (user.first_name, user.last_name, user.note, user.is_staff, user.password_hash) == \
        ("Yan", "Zhao", "Met at the branch", False, None)
    addresses = await Address.filter(user_id=user.id)
    assert [(a.street_address_1, a.city, a.country) for a in addresses] == [("7 Lujiazui Ring Road", "Shanghai",
                                                                              "CN")]
    assert user.default_shipping_address_id == user.default_billing_address_id == addresses[0].id


async def test_a_set_password_link_goes_out_when_the_dashboard_names_a_page(api, world):
    # given
    _, operator, _, _ = world
    given = {**NEW_CUSTOMER, "redirectUrl": "https://mall.example.com/set-password"}

    # when
    await api.ok(document("CreateCustomer"), {"input": given}, token=operator)

    # then
    mail = await OutboxMessage.get(topic="mail.send")
    assert (mail.payload["to"], mail.payload["subject"]) == ("yan@example.com", "Set your password")
    assert "https://mall.example.com/set-password?email=yan%40example.com&token=" in mail.payload["body"]


async def test_a_bank_creates_its_own_member_under_its_customer_reference(api, world):
    # given
    tenants, _, bank_a, _ = world

    # when
    answer = await api.ok(document("CreateCustomer"), {"input": {**NEW_CUSTOMER, "externalReference": "A-0002"}},
                          token=bank_a)

    # then
    assert answer["customerCreate"]["errors"] == []
    user = await User.get(email="yan@example.com")
    member = await Member.get(user_id=user.id)
    assert (member.issuer_id, member.customer_reference, member.name) == (tenants.a.issuer.id, "A-0002", "Yan Zhao")
    assert user.external_reference is None  # the bank's reference names the member, not the account
    joined = await OutboxMessage.get(topic="member.joined", dedup_key=f"BANKA:{user.id}")
    assert joined.payload == {"issuer_code": "BANKA", "user_id": user.id}


async def test_a_bank_without_its_customer_reference_creates_nothing(api, world):
    # given: the Dashboard's own form has no field for the bank's reference
    _, _, bank_a, _ = world
    before = await database_state()

    # when
    answer = await api.ok(document("CreateCustomer"), {"input": NEW_CUSTOMER}, token=bank_a)

    # then
    assert answer == {"customerCreate": {"user": None, "errors": [
        {"code": "REQUIRED", "field": "externalReference", "addressType": None,
         "message": "A bank's member needs the bank's customer reference."}]}}
    assert await database_state() == before


async def test_a_reference_another_member_of_the_bank_has_creates_nothing(api, world):
    # given: tenant A's member is A-0001
    _, _, bank_a, _ = world
    before = await database_state()

    # when
    answer = await api.ok(document("CreateCustomer"), {"input": {**NEW_CUSTOMER, "externalReference": "A-0001"}},
                          token=bank_a)

    # then
    assert answer["customerCreate"]["errors"] == [
        {"code": "UNIQUE", "field": "externalReference", "addressType": None,
         "message": "Another member of the bank has this customer reference."}]
    assert await database_state() == before


async def test_a_partners_staff_create_no_customer(api, world):
    # given
    _, _, _, acme = world
    before = await database_state()

    # when
    refused = await api.post(document("CreateCustomer"), {"input": NEW_CUSTOMER}, token=acme)

    # then
    assert (refused.data, refused.error_codes) == ({"customerCreate": None}, ["PermissionDenied"])
    assert await database_state() == before


async def test_every_problem_of_the_input_is_reported_and_nothing_is_written(api, world):
    # given: an e-mail already used, and an address without its street
    tenants, operator, _, _ = world
    before = await database_state()
    given = {**NEW_CUSTOMER, "email": tenants.a.person.email,
             "defaultShippingAddress": {**ADDRESS, "streetAddress1": ""}}

    # when
    answer = await api.ok(document("CreateCustomer"), {"input": given}, token=operator)

    # then
    assert answer["customerCreate"]["errors"] == [
        {"code": "REQUIRED", "field": "streetAddress1", "addressType": "SHIPPING",
         "message": "This field is required."}]
    assert await database_state() == before
    taken = await api.ok(document("CreateCustomer"), {"input": {**NEW_CUSTOMER, "email": tenants.a.person.email}},
                         token=operator)
    assert taken["customerCreate"]["errors"] == [
        {"code": "UNIQUE", "field": "email", "addressType": None, "message": "User with this Email already exists."}]
    assert await database_state() == before


async def test_the_operator_removes_customers_in_bulk_keeping_their_orders(api, world):
    # given
    tenants, operator, _, _ = world
    ids = [to_global_id("User", tenants.a.member.id), to_global_id("User", tenants.b.member.id)]

    # when
    answer = await api.ok(document("BulkRemoveCustomers"), {"ids": ids}, token=operator)

    # then
    assert answer == {"customerBulkDelete": {"errors": []}}
    removed = await User.filter(id__in=[tenants.a.member.id, tenants.b.member.id]).order_by("id")
    assert [(user.is_active, user.first_name, user.email.endswith("@deleted.invalid")) for user in removed] == [
        (False, "", True), (False, "", True)]
    assert await Address.filter(user_id__in=[user.id for user in removed]).count() == 0


async def test_a_bank_removing_another_banks_member_removes_nobody(api, world):
    # given
    tenants, _, bank_a, acme = world
    ids = [to_global_id("User", tenants.a.member.id), to_global_id("User", tenants.b.member.id)]
    before = await database_state()

    # when
    answer = await api.ok(document("BulkRemoveCustomers"), {"ids": ids}, token=bank_a)
    partners = await api.post(document("BulkRemoveCustomers"), {"ids": ids[:1]}, token=acme)

    # then
    assert answer == {"customerBulkDelete": {"errors": [
        {"code": "NOT_FOUND", "field": "ids", "addressType": None,
         "message": f"Couldn't resolve to a node: {ids[1]}"}]}}
    assert partners.error_codes == ["PermissionDenied"]
    assert await database_state() == before


async def test_the_created_customer_shows_on_the_customer_page(api, world):
    # given
    tenants, _, bank_a, _ = world
    created = await api.ok(document("CreateCustomer"), {"input": {**NEW_CUSTOMER, "externalReference": "A-0003"}},
                           token=bank_a)
    user_id = created["customerCreate"]["user"]["id"]

    # when
    details = await api.ok(document("CustomerDetails"), {
        "id": user_id, "PERMISSION_MANAGE_ORDERS": False, "PERMISSION_MANAGE_STAFF": False,
        "kpiChannelId": to_global_id("Channel", tenants.a.channel.id), "includeKpiOrderCount": False}, token=bank_a)

    # then
    user = details["user"]
    assert (user["email"], user["firstName"], user["lastName"], user["note"]) == \
        ("yan@example.com", "Yan", "Zhao", "Met at the branch")
    assert user["defaultShippingAddress"]["streetAddress1"] == "7 Lujiazui Ring Road"


async def test_a_bank_welcomes_its_member_in_its_own_channels_only(api, world):
    # given
    _, _, bank_a, _ = world
    before = await database_state()
    given = {**NEW_CUSTOMER, "externalReference": "A-0004", "channel": "bank-b-mall"}

    # when
    answer = await api.ok(document("CreateCustomer"), {"input": given}, token=bank_a)

    # then
    assert answer["customerCreate"]["errors"] == [
        {"code": "NOT_FOUND", "field": "channel", "addressType": None,
         "message": "Channel with 'bank-b-mall' slug does not exist."}]
    assert await database_state() == before
