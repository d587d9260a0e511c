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

SHOP_COUNTRIES = "query ShopCountries($filter: CountryFilterInput) { shop { countries(filter: $filter) { code } } }"
REFRESH_LIMITS = """
query RefreshLimits($channels: Boolean!, $orders: Boolean!, $productVariants: Boolean!, $staffUsers: Boolean!,
                    $warehouses: Boolean!) {
  shop { ...ShopLimit }
}
fragment LimitInfo on Limits {
  channels @include(if: $channels) orders @include(if: $orders) productVariants @include(if: $productVariants)
  staffUsers @include(if: $staffUsers) warehouses @include(if: $warehouses)
}
fragment ShopLimit on Shop { limits { currentUsage { ...LimitInfo } allowedUsage { ...LimitInfo } } }
"""
ALL_LIMITS = {"channels": True, "orders": True, "productVariants": True, "staffUsers": True, "warehouses": True}
GIFT_CARD_TAGS = """
query _GetGiftCardTagsChoices($first: Int!, $query: String!) {
  giftCardTags(first: $first, filter: {search: $query}) { edges { node { id name } } }
}
"""
WEBHOOK_DRY_RUN = """
mutation TriggerWebhookDryRun($objectId: ID!, $query: String!) {
  webhookDryRun(objectId: $objectId, query: $query) { payload errors { field message } }
}
"""
REFUND_SETTINGS = "query RefundSettings { refundSettings { reasonReferenceType { id name } } }"


@pytest.fixture
async def operator_token(settings):
    return token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)


async def test_the_site_settings_page_reads_the_defaults_before_the_operator_sets_any(api, operator_token):
    # when
    shop = (await api.ok(SITE_SETTINGS, token=operator_token))["shop"]

    # then
    assert shop["passwordLoginMode"] == "ENABLED"
    assert shop["customerSetPasswordUrl"] == "http://testserver/reset-password"
    assert (shop["companyAddress"], shop["defaultMailSenderAddress"], shop["defaultMailSenderName"]) == \
        (None, "noreply@pointsmall.local", "Points Mall")
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


async def test_the_country_picker_lists_every_country_and_none_attached_to_shipping_zones(api, operator_token):
    # when
    every = await api.ok(SHOP_COUNTRIES, {}, token=operator_token)
    unattached = await api.ok(SHOP_COUNTRIES, {"filter": {"attachedToShippingZones": False}}, token=operator_token)
    attached = await api.ok(SHOP_COUNTRIES, {"filter": {"attachedToShippingZones": True}}, token=operator_token)

    # then
    assert {"code": "CN"} in every["shop"]["countries"]
    assert unattached == every
    assert attached == {"shop": {"countries": []}}


async def test_the_limits_set_none_and_count_what_the_mall_holds_for_the_operator(api, operator_token):
    # given
    from tests.factories import make_channel

    await make_channel("bank-a-mall")
    await make_staff("clerk@example.com", ["MANAGE_USERS"])

    # when
    answer = await api.ok(REFRESH_LIMITS, ALL_LIMITS, token=operator_token)

    # then
    assert answer == {"shop": {"limits": {
        "currentUsage": {"channels": 1, "orders": 0, "productVariants": 0, "staffUsers": 2, "warehouses": 0},
        "allowedUsage": {"channels": None, "orders": None, "productVariants": None, "staffUsers": None,
                         "warehouses": None}}}}


async def test_a_partners_staff_see_no_mall_wide_usage_and_members_no_limits(api, settings):
    # given
    from mall.accounts.models import ScopeKind
    from tests.factories import make_member

    partner = await make_staff("acme@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "ACME"))
    member = await make_member(settings)

    # when
    partners = await api.ok(REFRESH_LIMITS, {**ALL_LIMITS, "orders": False}, token=token_for(partner, settings))
    members = await api.post(REFRESH_LIMITS, ALL_LIMITS, token=token_for(member, settings))

    # then
    assert partners["shop"]["limits"]["currentUsage"] == {"channels": None, "productVariants": None,
                                                          "staffUsers": None, "warehouses": None}
    assert members.error_codes == ["PermissionDenied"]


async def test_the_gift_card_tag_picker_finds_none(api, operator_token):
    # when
    answer = await api.ok(GIFT_CARD_TAGS, {"first": 20, "query": "welcome"}, token=operator_token)

    # then
    assert answer == {"giftCardTags": {"edges": []}}


async def test_a_webhook_dry_run_is_refused_and_writes_nothing(api, operator_token):
    # given
    before = await database_state()

    # when
    variables = {"objectId": "T3JkZXI6MQ==", "query": "subscription { event { __typename } }"}
    answer = await api.ok(WEBHOOK_DRY_RUN, variables, token=operator_token)

    # then
    assert answer == {"webhookDryRun": {"payload": None, "errors": [
        {"field": None, "message": "A points mall has no webhooks: `webhookDryRun` is not available."}]}}
    assert await database_state() == before
