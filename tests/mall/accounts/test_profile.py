"""accountUpdate: a member edits their own profile."""

from __future__ import annotations

from mall.accounts.models import Address
from tests.factories import make_member, token_for
from tests.mall.accounts.helpers import (
    AUTHENTICATED_USER_REQUIRED,
)

ACCOUNT_UPDATE = """
mutation Update($input: AccountInput!) {
  accountUpdate(input: $input) {
    user {
      firstName lastName languageCode
      metadata { key value }
      defaultShippingAddress { firstName city postalCode country { code } isDefaultShippingAddress }
      defaultBillingAddress { city }
    }
    errors { field code message addressType }
  }
}
"""

PROFILE = """
query Profile { me { firstName lastName languageCode metadata { key value } } }
"""

SHANGHAI = {
    "firstName": "Mei", "lastName": "Lin", "streetAddress1": "88 Century Avenue", "city": "Shanghai",
    "postalCode": "200120", "country": "CN",
}


async def test_account_update_changes_names_and_language(api, settings):
    # given
    member = await make_member(settings, "mei@example.com", first_name="Mei", last_name="Lin")

    # when
    data = await api.ok(ACCOUNT_UPDATE, {"input": {"firstName": " Meimei ", "languageCode": "ZH_HANS"}},
                        token=token_for(member, settings))

    # then
    assert data["accountUpdate"]["errors"] == []
    profile = await api.ok(PROFILE, token=token_for(member, settings))
    assert profile["me"] == {
        "firstName": "Meimei", "lastName": "Lin", "languageCode": "ZH_HANS", "metadata": [],
    }


async def test_account_update_merges_metadata(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")
    token = token_for(member, settings)
    await api.ok(ACCOUNT_UPDATE, {"input": {"metadata": [{"key": "theme", "value": "dark"}]}}, token=token)

    # when
    data = await api.ok(ACCOUNT_UPDATE, {"input": {"metadata": [{"key": "locale", "value": "zh"}]}}, token=token)

    # then
    assert data["accountUpdate"]["user"]["metadata"] == [
        {"key": "locale", "value": "zh"}, {"key": "theme", "value": "dark"},
    ]


async def test_account_update_with_a_shipping_address_makes_it_the_default(api, settings):
    # given
    member = await make_member(settings, "mei@example.com")

    # when
    data = await api.ok(ACCOUNT_UPDATE, {"input": {"defaultShippingAddress": SHANGHAI}},
                        token=token_for(member, settings))

    # then
    user = data["accountUpdate"]["user"]
    assert user["defaultShippingAddress"] == {
        "firstName": "Mei", "city": "Shanghai", "postalCode": "200120", "country": {"code": "CN"},
        "isDefaultShippingAddress": True,
    }
    assert user["defaultBillingAddress"] is None


async def test_account_update_with_an_invalid_address_changes_nothing(api, settings):
    # given
    member = await make_member(settings, "mei@example.com", first_name="Mei")
    address = {**SHANGHAI, "postalCode": "20012"}

    # when
    data = await api.ok(ACCOUNT_UPDATE, {"input": {"firstName": "Meimei", "defaultBillingAddress": address}},
                        token=token_for(member, settings))

    # then
    assert data["accountUpdate"] == {
        "user": None,
        "errors": [{"field": "postalCode", "code": "INVALID", "message": "This value is not valid for the address.",
                    "addressType": "BILLING"}],
    }
    profile = await api.ok(PROFILE, token=token_for(member, settings))
    assert profile["me"]["firstName"] == "Mei"
    assert await Address.all().count() == 0


async def test_account_update_needs_a_signed_in_user(api):
    # when
    response = await api.post(ACCOUNT_UPDATE, {"input": {"firstName": "Nobody"}})

    # then
    assert response.status_code == 200
    assert response.data == {"accountUpdate": None}
    assert response.error_codes == ["PermissionDenied"]
    assert response.error_messages == [AUTHENTICATED_USER_REQUIRED]
