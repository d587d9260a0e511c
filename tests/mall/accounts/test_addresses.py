"""A member's address book: create, validate, update, delete, default addresses, someone else's."""

from __future__ import annotations

import pytest

from mall.accounts.models import Address
from mall.graphql.ids import to_global_id
from tests.factories import make_member, token_for
from tests.mall.accounts.helpers import (
    AUTHENTICATED_USER_REQUIRED,
    PERMISSION_DENIED,
)

ADDRESS_FIELDS = """
id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
country { code country } countryArea phone isDefaultShippingAddress isDefaultBillingAddress
"""

ADDRESS_CREATE = f"""
mutation Create($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{
    address {{ {ADDRESS_FIELDS} }}
    user {{ defaultShippingAddress {{ id }} defaultBillingAddress {{ id }} }}
    errors {{ field code message addressType }}
  }}
}}
"""

ADDRESS_UPDATE = f"""
mutation Update($id: ID!, $input: AddressInput!) {{
  accountAddressUpdate(id: $id, input: $input) {{
    address {{ {ADDRESS_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""

ADDRESS_DELETE = """
mutation Delete($id: ID!) {
  accountAddressDelete(id: $id) {
    address { id }
    user { addresses { id } defaultShippingAddress { id } }
    errors { field code message }
  }
}
"""

SET_DEFAULT = """
mutation SetDefault($id: ID!, $type: AddressTypeEnum!) {
  accountSetDefaultAddress(id: $id, type: $type) {
    user { defaultShippingAddress { id } defaultBillingAddress { id } }
    errors { field code message }
  }
}
"""

ADDRESS_BOOK = f"""
query Book {{
  me {{ addresses {{ {ADDRESS_FIELDS} }} defaultShippingAddress {{ id }} defaultBillingAddress {{ id }} }}
}}
"""

SHANGHAI = {
    "firstName": "Mei", "lastName": "Lin", "streetAddress1": "88 Century Avenue", "streetAddress2": "Floor 12",
    "city": "Shanghai", "cityArea": "Pudong", "postalCode": "200120", "country": "CN",
    "countryArea": "Shanghai", "phone": "+86 21 5888 8888",
}
ADDRESS_MUTATIONS = [
    pytest.param(ADDRESS_UPDATE, {"input": {"city": "Hangzhou"}}, "accountAddressUpdate", id="update"),
    pytest.param(ADDRESS_DELETE, {}, "accountAddressDelete", id="delete"),
    pytest.param(SET_DEFAULT, {"type": "SHIPPING"}, "accountSetDefaultAddress", id="set-default"),
]
BEIJING = {
    "firstName": "Mei", "lastName": "Lin", "streetAddress1": "1 Jianguomenwai Avenue", "city": "Beijing",
    "postalCode": "100004", "country": "CN",
}


async def add(api, token: str, address: dict, address_type: str | None = None) -> str:
    data = await api.ok(ADDRESS_CREATE, {"input": address, "type": address_type}, token=token)
    assert data["accountAddressCreate"]["errors"] == []
    return data["accountAddressCreate"]["address"]["id"]


async def address_book(api, token: str) -> dict:
    return (await api.ok(ADDRESS_BOOK, token=token))["me"]


async def test_account_address_create_adds_to_the_address_book(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": SHANGHAI}, token=token_for(member, settings))

    # then
    payload = data["accountAddressCreate"]
    assert payload["errors"] == []
    assert payload["address"] == {
        "id": payload["address"]["id"], "firstName": "Mei", "lastName": "Lin", "companyName": "",
        "streetAddress1": "88 Century Avenue", "streetAddress2": "Floor 12", "city": "Shanghai",
        "cityArea": "Pudong", "postalCode": "200120", "country": {"code": "CN", "country": "China"},
        "countryArea": "Shanghai", "phone": "+86 21 5888 8888",
        "isDefaultShippingAddress": False, "isDefaultBillingAddress": False,
    }
    assert payload["user"] == {"defaultShippingAddress": None, "defaultBillingAddress": None}
    book = await address_book(api, token_for(member, settings))
    assert [a["id"] for a in book["addresses"]] == [payload["address"]["id"]]


async def test_account_address_create_with_a_type_makes_it_the_default(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": SHANGHAI, "type": "SHIPPING"}, token=token_for(member, settings))

    # then
    payload = data["accountAddressCreate"]
    address_id = payload["address"]["id"]
    assert payload["address"]["isDefaultShippingAddress"] is True
    assert payload["address"]["isDefaultBillingAddress"] is False
    assert payload["user"] == {"defaultShippingAddress": {"id": address_id}, "defaultBillingAddress": None}


async def test_account_address_create_lists_every_missing_field(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": {"country": "CN"}}, token=token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["address"] is None
    assert data["accountAddressCreate"]["errors"] == [
        {"field": name, "code": "REQUIRED", "message": "This field is required.", "addressType": None}
        for name in ("firstName", "lastName", "streetAddress1", "city", "postalCode")
    ]
    assert await Address.all().count() == 0


async def test_account_address_create_needs_a_country(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    address = {key: value for key, value in SHANGHAI.items() if key != "country"}

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": address}, token=token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["errors"] == [
        {"field": "country", "code": "REQUIRED", "message": "This field is required.", "addressType": None}
    ]
    assert await Address.all().count() == 0


@pytest.mark.parametrize("postal_code", ["20012", "2001200", "SW1A 1AA"])
async def test_account_address_create_refuses_a_bad_chinese_postal_code(api, settings, postal_code):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": {**SHANGHAI, "postalCode": postal_code}, "type": "SHIPPING"},
                        token=token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["errors"] == [{
        "field": "postalCode", "code": "INVALID", "message": "This value is not valid for the address.",
        "addressType": "SHIPPING",
    }]
    assert await Address.all().count() == 0


@pytest.mark.parametrize("phone", ["call me", "12", "+86 21 5888 8888 ext. 7"])
async def test_account_address_create_refuses_a_bad_phone(api, settings, phone):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": {**SHANGHAI, "phone": phone}}, token=token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["errors"] == [{
        "field": "phone", "code": "INVALID", "message": "The phone number entered is not valid.", "addressType": None,
    }]
    assert await Address.all().count() == 0


async def test_account_address_create_accepts_a_country_without_postal_codes(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    hong_kong = {"firstName": "Mei", "lastName": "Lin", "streetAddress1": "1 Queen's Road", "city": "Hong Kong",
                 "country": "HK"}

    # when
    data = await api.ok(ADDRESS_CREATE, {"input": hong_kong}, token=token_for(member, settings))

    # then
    assert data["accountAddressCreate"]["errors"] == []
    assert data["accountAddressCreate"]["address"]["postalCode"] == ""


async def test_account_address_create_needs_a_signed_in_user(api):
    # when
    response = await api.post(ADDRESS_CREATE, {"input": SHANGHAI})

    # then
    assert response.data == {"accountAddressCreate": None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [AUTHENTICATED_USER_REQUIRED]
    assert await Address.all().count() == 0


async def test_account_address_update_changes_only_the_given_fields(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    address_id = await add(api, token, SHANGHAI)

    # when
    data = await api.ok(ADDRESS_UPDATE, {"id": address_id, "input": {"streetAddress2": "Floor 30", "phone": ""}},
                        token=token)

    # then
    address = data["accountAddressUpdate"]["address"]
    assert data["accountAddressUpdate"]["errors"] == []
    assert (address["streetAddress1"], address["streetAddress2"], address["phone"]) == (
        "88 Century Avenue", "Floor 30", None,
    )
    assert (await address_book(api, token))["addresses"] == [address]


async def test_account_address_update_refuses_invalid_data_and_changes_nothing(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    address_id = await add(api, token, SHANGHAI)

    # when
    data = await api.ok(ADDRESS_UPDATE, {"id": address_id, "input": {"city": "  ", "postalCode": "abc"}},
                        token=token)

    # then
    assert data["accountAddressUpdate"] == {
        "address": None,
        "errors": [
            {"field": "city", "code": "REQUIRED", "message": "This field is required."},
            {"field": "postalCode", "code": "INVALID", "message": "This value is not valid for the address."},
        ],
    }
    [address] = (await address_book(api, token))["addresses"]
    assert (address["city"], address["postalCode"]) == ("Shanghai", "200120")


async def test_account_address_delete_removes_it_and_clears_the_default(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    shanghai = await add(api, token, SHANGHAI, "SHIPPING")
    beijing = await add(api, token, BEIJING)

    # when
    data = await api.ok(ADDRESS_DELETE, {"id": shanghai}, token=token)

    # then
    assert data["accountAddressDelete"] == {
        "address": {"id": shanghai},
        "user": {"addresses": [{"id": beijing}], "defaultShippingAddress": None},
        "errors": [],
    }
    assert (await address_book(api, token))["defaultShippingAddress"] is None


async def test_account_set_default_address_sets_billing(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    shanghai = await add(api, token, SHANGHAI, "SHIPPING")
    beijing = await add(api, token, BEIJING)

    # when
    data = await api.ok(SET_DEFAULT, {"id": beijing, "type": "BILLING"}, token=token)

    # then
    assert data["accountSetDefaultAddress"] == {
        "user": {"defaultShippingAddress": {"id": shanghai}, "defaultBillingAddress": {"id": beijing}},
        "errors": [],
    }


async def test_account_set_default_address_replaces_the_previous_default(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    await add(api, token, SHANGHAI, "SHIPPING")
    beijing = await add(api, token, BEIJING)

    # when
    await api.ok(SET_DEFAULT, {"id": beijing, "type": "SHIPPING"}, token=token)

    # then
    book = await address_book(api, token)
    assert book["defaultShippingAddress"] == {"id": beijing}
    assert [a["isDefaultShippingAddress"] for a in book["addresses"]] == [False, True]


@pytest.mark.parametrize(
    ("document", "variables", "field"),
    ADDRESS_MUTATIONS,
)
async def test_someone_elses_address_is_refused(api, settings, document, variables, field):
    # given
    owner = await make_member(settings, "mei@example.com")
    intruder = await make_member(settings, "li@example.com")
    address_id = await add(api, token_for(owner, settings), SHANGHAI, "BILLING")

    # when
    response = await api.post(document, {"id": address_id, **variables}, token=token_for(intruder, settings))

    # then
    assert response.status_code == 200
    assert response.data == {field: None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [PERMISSION_DENIED]
    book = await address_book(api, token_for(owner, settings))
    assert [(a["id"], a["city"]) for a in book["addresses"]] == [(address_id, "Shanghai")]
    assert book["defaultBillingAddress"] == {"id": address_id}
    assert (await address_book(api, token_for(intruder, settings)))["defaultShippingAddress"] is None


@pytest.mark.parametrize(
    ("document", "variables", "field"),
    ADDRESS_MUTATIONS,
)
async def test_a_malformed_address_id_is_a_payload_error(api, settings, document, variables, field):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(document, {"id": "not-an-id", **variables}, token=token_for(member, settings))

    # then
    assert data[field]["errors"] == [
        {"field": "id", "code": "GRAPHQL_ERROR", "message": "Invalid ID: not-an-id. Expected: Address."}
    ]


async def test_an_id_of_another_type_is_a_payload_error(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    user_id = to_global_id("User", member.id)

    # when
    data = await api.ok(ADDRESS_DELETE, {"id": user_id}, token=token_for(member, settings))

    # then
    assert data["accountAddressDelete"]["errors"] == [{
        "field": "id", "code": "GRAPHQL_ERROR",
        "message": f"Invalid ID: {user_id}. Expected: Address, received: User.",
    }]


@pytest.mark.parametrize(
    ("document", "variables", "field"),
    ADDRESS_MUTATIONS,
)
async def test_an_unknown_address_id_is_not_found(api, settings, document, variables, field):
    # given
    member = await make_member(settings, "mei@example.com")
    await add(api, token_for(member, settings), SHANGHAI)
    unknown = to_global_id("Address", 4242)

    # when
    data = await api.ok(document, {"id": unknown, **variables}, token=token_for(member, settings))

    # then
    assert data[field]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {unknown}"}
    ]
