"""The Saleor Dashboard's site settings page (`SiteSettings`, `ShopSettingsUpdate`: shopSettingsUpdate and
shopAddressUpdate in one document) with the variables it sends, and `shopDomainUpdate`: what the operator sets
is kept and read back by `shop`, settings a points mall fixes refuse another value, and a refusal writes
nothing."""

from __future__ import annotations

import pytest

from mall.accounts.models import Address, ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from tests.factories import make_staff, token_for
from tests.reference import SALEOR_OPERATIONS
from tests.security.probe import database_state

SITE_SETTINGS = SALEOR_OPERATIONS / "dashboard" / "siteSettings"
pytestmark = pytest.mark.skipif(not SITE_SETTINGS.exists(), reason="Saleor's reference pack is not on this machine")

# What the Dashboard's form sends: every setting as it read it, with the operator's edits.
FORM = {"name": "Bank A Rewards", "description": "Gifts for Bank A's cardholders",
        "customerSetPasswordUrl": "https://rewards.example.com/set-password",
        "defaultMailSenderName": "Points Mall", "defaultMailSenderAddress": "noreply@pointsmall.local",
        "reserveStockDurationAnonymousUser": None, "reserveStockDurationAuthenticatedUser": None,
        "limitQuantityPerCheckout": None, "enableAccountConfirmationByEmail": False,
        "preserveAllAddressFields": False, "useLegacyShippingZoneStockAvailability": False,
        "useLegacyUpdateWebhookEmission": False, "passwordLoginMode": "ENABLED", "allowStorefrontTraffic": True}
COMPANY = {"companyName": "Points Mall Ltd", "streetAddress1": "100 Century Avenue", "streetAddress2": "Floor 30",
           "city": "Shanghai", "cityArea": "Pudong", "postalCode": "200120", "country": "CN", "countryArea": "",
           "phone": "+862100000000"}
DOMAIN_UPDATE = """
mutation ShopDomainUpdate($input: SiteDomainInput) {
  shopDomainUpdate(input: $input) { errors { code field message } shop { name domain { host url } } }
}
"""


def document(name: str) -> str:
    return (SITE_SETTINGS / f"{name}.graphql").read_text()


@pytest.fixture
async def operator(settings):
    return token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)


async def test_the_operator_saves_the_settings_page_and_reads_it_back(api, operator):
    # when
    saved = await api.ok(document("ShopSettingsUpdate"), {"shopSettingsInput": FORM, "addressInput": COMPANY},
                         token=operator)
    read = await api.ok(document("SiteSettings"), token=operator)

    # then
    assert saved["shopSettingsUpdate"]["errors"] == saved["shopAddressUpdate"]["errors"] == []
    shop = read["shop"]
    assert (shop["name"], shop["description"], shop["customerSetPasswordUrl"]) == \
        ("Bank A Rewards", "Gifts for Bank A's cardholders", "https://rewards.example.com/set-password")
    address = shop["companyAddress"]
    assert (address["companyName"], address["streetAddress1"], address["city"], address["postalCode"],
            address["country"]) == ("Points Mall Ltd", "100 Century Avenue", "Shanghai", "200120",
                                    {"__typename": "CountryDisplay", "code": "CN", "country": "China"})
    assert saved["shopAddressUpdate"]["shop"]["companyAddress"] == address
    assert saved["shopSettingsUpdate"]["shop"]["name"] == "Bank A Rewards"


async def test_saving_the_page_again_keeps_one_company_address(api, operator):
    # given
    variables = {"shopSettingsInput": FORM, "addressInput": COMPANY}
    await api.ok(document("ShopSettingsUpdate"), variables, token=operator)

    # when
    await api.ok(document("ShopSettingsUpdate"), {**variables, "addressInput": {**COMPANY, "city": "Beijing",
                                                                                "postalCode": "100000"}},
                 token=operator)

    # then
    assert [(a.city, a.user_id) for a in await Address.all()] == [("Beijing", None)]


async def test_a_setting_the_mall_fixes_refuses_another_value_and_nothing_is_kept(api, operator):
    # given
    before = await database_state()
    given = {**FORM, "reserveStockDurationAnonymousUser": 10, "name": ""}

    # when
    answer = await api.ok(document("ShopSettingsUpdate"), {"shopSettingsInput": given, "addressInput": None},
                          token=operator)

    # then
    assert answer["shopSettingsUpdate"] == {"shop": None, "errors": [
        {"code": "INVALID", "field": "reserveStockDurationAnonymousUser",
         "message": "The mall holds stock when an order is paid with points: a checkout reserves nothing. This "
                    "setting stays null."},
        {"code": "REQUIRED", "field": "name", "message": "The shop needs a name."}]}
    assert answer["shopAddressUpdate"]["errors"] == []  # no address before, none after
    assert await database_state() == before


async def test_a_company_address_without_its_street_is_refused(api, operator):
    # given
    before = await database_state()

    # when
    answer = await api.ok(document("ShopSettingsUpdate"), {"shopSettingsInput": {"name": ""},
                                                          "addressInput": {**COMPANY, "streetAddress1": ""}},
                          token=operator)

    # then
    assert answer == {
        "shopSettingsUpdate": {"shop": None, "errors": [
            {"code": "REQUIRED", "field": "name", "message": "The shop needs a name."}]},
        "shopAddressUpdate": {"shop": None, "errors": [
            {"code": "REQUIRED", "field": "streetAddress1", "message": "This field is required."}]}}
    assert await database_state() == before


async def test_the_operator_moves_the_shops_domain(api, operator):
    # when
    answer = await api.ok(DOMAIN_UPDATE, {"input": {"domain": "rewards.example.com", "name": "Rewards"}},
                          token=operator)
    bad = await api.ok(DOMAIN_UPDATE, {"input": {"domain": "not a host"}}, token=operator)

    # then
    assert answer == {"shopDomainUpdate": {"errors": [], "shop": {
        "name": "Rewards", "domain": {"host": "rewards.example.com", "url": "http://testserver"}}}}
    assert bad == {"shopDomainUpdate": {"shop": None, "errors": [
        {"code": "INVALID", "field": "domain", "message": "'not a host' is not a host name."}]}}


@pytest.mark.parametrize("scope", [(ScopeKind.ISSUER, "BANKA"), (ScopeKind.PARTNER, "ACME")])
async def test_a_banks_or_partners_staff_change_no_setting_even_with_the_permission(api, settings, scope):
    # given
    staff = token_for(await make_staff("staff@example.com", ["MANAGE_SETTINGS"], scope=scope),
                      settings)
    before = await database_state()

    # when
    page = await api.ok(document("SiteSettings"), token=staff)
    refused = await api.post(document("ShopSettingsUpdate"), {"shopSettingsInput": FORM, "addressInput": COMPANY},
                             token=staff)

    # then
    assert page["shop"]["name"] == "Points Mall"
    assert (refused.data, refused.error_codes) == ({"shopSettingsUpdate": None, "shopAddressUpdate": None},
                                                   ["PermissionDenied", "PermissionDenied"])
    assert await database_state() == before
