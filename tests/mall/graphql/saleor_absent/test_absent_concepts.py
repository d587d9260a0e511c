"""What the Saleor Dashboard reads and tries where a points mall has nothing to say (gift cards, taxes, apps,
refund settings, announcements), and the shop settings it shows: truthful answers, refusals that write
nothing. The documents are the Dashboard's, in its shape, with the variables it sends."""

from __future__ import annotations

import pytest

from mall.accounts.permissions import ALL_PERMISSIONS
from tests.factories import make_staff, token_for
from tests.security.probe import database_state

SITE_SETTINGS = """
query SiteSettings {
  shop {
    companyAddress { city } countries { code } customerSetPasswordUrl defaultMailSenderAddress
    defaultMailSenderName description domain { host } name reserveStockDurationAnonymousUser
    reserveStockDurationAuthenticatedUser limitQuantityPerCheckout enableAccountConfirmationByEmail
    useLegacyUpdateWebhookEmission useLegacyShippingZoneStockAvailability preserveAllAddressFields
    passwordLoginMode allowStorefrontTraffic
  }
}
"""

ANNOUNCEMENTS = "query Announcements { shop { announcements { title messageHtml importance type } } }"
TAX_STRATEGY_CHOICES = "query TaxStrategyChoices { shop { availableTaxApps { id name } } }"
ORDER_FULFIL_SETTINGS = "query OrderFulfillSettings { shop { fulfillmentAllowUnpaid fulfillmentAutoApprove } }"
SHOP_INFO_WEIGHT = "query { shop { defaultWeightUnit availablePaymentGateways { id currencies } } }"

GIFT_CARD_LIST = """
query GiftCardList($first: Int, $after: String, $last: Int, $before: String, $filter: GiftCardFilterInput,
                   $sort: GiftCardSortingInput) {
  giftCards(first: $first, after: $after, before: $before, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { id code } }
    totalCount
  }
}
"""

GIFT_CARD_CREATE = """
mutation GiftCardCreate($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) { giftCard { code } errors { code field message } }
}
"""

REFUND_SETTINGS = "query RefundSettings { refundSettings { reasonReferenceType { id name } } }"


@pytest.fixture
async def operator_token(settings):
    return token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)


async def test_the_site_settings_page_reads_the_malls_fixed_settings(api, operator_token):
    # when
    shop = (await api.ok(SITE_SETTINGS, token=operator_token))["shop"]

    # then
    assert shop["passwordLoginMode"] == "ENABLED"
    assert shop["customerSetPasswordUrl"] == "http://testserver/reset-password"
    assert (shop["companyAddress"], shop["defaultMailSenderAddress"], shop["defaultMailSenderName"]) == \
        (None, None, "Points Mall")
    assert (shop["reserveStockDurationAnonymousUser"], shop["limitQuantityPerCheckout"]) == (None, None)
    assert (shop["allowStorefrontTraffic"], shop["preserveAllAddressFields"]) == (True, False)


async def test_the_frame_finds_no_announcements_tax_apps_or_unpaid_fulfilment(api, operator_token):
    # when
    announcements = await api.ok(ANNOUNCEMENTS, token=operator_token)
    tax_apps = await api.ok(TAX_STRATEGY_CHOICES, token=operator_token)
    fulfil = await api.ok(ORDER_FULFIL_SETTINGS, token=operator_token)

    # then
    assert announcements == {"shop": {"announcements": []}}
    assert tax_apps == {"shop": {"availableTaxApps": []}}
    assert fulfil == {"shop": {"fulfillmentAllowUnpaid": False, "fulfillmentAutoApprove": True}}


async def test_the_shop_weighs_in_kilograms_and_pays_with_points(api, operator_token, settings):
    # given
    from tests.factories import make_channel

    await make_channel("bank-a-mall", currency_code="PTS")

    # when
    shop = (await api.ok(SHOP_INFO_WEIGHT, token=operator_token))["shop"]

    # then
    assert shop == {"defaultWeightUnit": "KG", "availablePaymentGateways": [{"id": "mall.points",
                                                                             "currencies": ["PTS"]}]}


async def test_the_gift_card_list_is_empty(api, operator_token):
    # when
    answer = await api.ok(GIFT_CARD_LIST, {"first": 20, "sort": {"direction": "ASC", "field": "USED_BY"}},
                          token=operator_token)

    # then
    assert answer == {"giftCards": {"edges": [], "totalCount": 0}}


async def test_creating_a_gift_card_is_refused_and_writes_nothing(api, operator_token):
    # given
    before = await database_state()

    # when
    answer = await api.ok(GIFT_CARD_CREATE, {"input": {"balance": {"amount": 100, "currency": "PTS"},
                                                       "isActive": True, "addTags": ["welcome"]}},
                          token=operator_token)

    # then
    assert answer == {"giftCardCreate": {"giftCard": None, "errors": [
        {"code": "INVALID", "field": None,
         "message": "A points mall has no gift cards: `giftCardCreate` is not available."}]}}
    assert await database_state() == before


async def test_refund_settings_name_no_reason_type(api, operator_token):
    # when
    answer = await api.ok(REFUND_SETTINGS, token=operator_token)

    # then
    assert answer == {"refundSettings": {"reasonReferenceType": None}}
