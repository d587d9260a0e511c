"""Tier benefits in the API: the gift page's member price and its "reserved for" tier (mall-only fields),
and checkout refusing a reserved gift in Saleor's own terms."""

from __future__ import annotations

from catalog.models import Product
from mall.graphql.ids import to_global_id
from tests.factories import make_member, token_for
from tests.loyalty.test_benefits import tiered_world
from tests.orders.services.world import GIFT_POINTS

GIFT = """
query Gift($slug: String!, $channel: String!) { product(slug: $slug, channel: $channel) {
  loyaltyReservedTier
  variants { pricing { price { gross { amount } } } loyaltyTierPrice { amount currency } } } }
"""
CHECKOUT_CREATE = """
mutation Create($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { id } errors { field code message } } }
"""


async def test_the_gift_page_shows_a_gold_member_the_tier_price_and_visitors_the_list_price(api, settings,
                                                                                            set_clock):
    # given
    world = await tiered_world(settings, set_clock, reserve_gift=True)
    slug = (await Product.get(variants__id=world.item.id)).slug
    variables = {"slug": slug, "channel": world.channel.slug}

    # when
    gold = (await api.ok(GIFT, variables, token=token_for(world.member, settings)))["product"]
    visitor = (await api.ok(GIFT, variables))["product"]

    # then: Saleor's pricing stays the list price (shared by every caller); the member's price is beside it
    assert gold == {"loyaltyReservedTier": "Gold", "variants": [{
        "pricing": {"price": {"gross": {"amount": GIFT_POINTS}}},
        "loyaltyTierPrice": {"amount": 1_080, "currency": "PTS"}}]}
    assert visitor["variants"][0]["loyaltyTierPrice"] == {"amount": GIFT_POINTS, "currency": "PTS"}
    assert visitor["loyaltyReservedTier"] == "Gold"


async def test_checkout_refuses_a_gift_reserved_for_gold_to_a_lower_tier(api, settings, set_clock):
    # given
    world = await tiered_world(settings, set_clock, reserve_gift=True)
    silver = await make_member(settings, email="bo@example.com")
    variant_id = to_global_id("ProductVariant", world.item.id)

    # when
    data = await api.ok(CHECKOUT_CREATE, {"input": {"channel": world.channel.slug, "lines": [
        {"variantId": variant_id, "quantity": 1}]}}, token=token_for(silver, settings))

    # then
    assert data["checkoutCreate"] == {"checkout": None, "errors": [{
        "field": "lines", "code": "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
        "message": "Only Gold members and above may redeem this gift."}]}
