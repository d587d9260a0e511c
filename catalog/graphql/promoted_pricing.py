"""The prices members see with the catalogue's running promotions applied (catalog.promotions.prices), for
the `pricing` fields of products, variants and product listings: the same computation checkout charges.

Without a running rule in the channel (the usual case) the answer is the listing's, as before; with one, the
product's priced variants are each given their best promotion, and the ranges, `discount` and `onSale` follow
Saleor: a product's discount is its undiscounted range's start minus its discounted range's start. A rule
targeting a tier or a segment prices the signed-in member who asks (their tier and segment read once per
request only when such a rule runs); visitors, staff and apps never get it.
"""

from __future__ import annotations

from catalog.graphql import loaders
from catalog.graphql.pricing import (
    ProductPricingInfo,
    TaxedMoneyRange,
    VariantPricingInfo,
    product_pricing,
    variant_pricing,
)
from catalog.models import Product, ProductChannelListing, ProductVariant, ProductVariantChannelListing
from catalog.promotions.predicates import MemberFacts, VariantFacts
from catalog.promotions.prices import PromotedPrice, RunningRule, promoted_price
from mall.channels.models import Channel
from mall.graphql.common import untaxed
from mall.graphql.context import Context


async def _facts(context: Context, product: Product, variant_id: int) -> VariantFacts:
    collections = await loaders.collection_ids_of_product(context, product.id)
    return VariantFacts(variant_id, product.id, product.category_id, frozenset(collections))  # type: ignore[attr-defined]


async def caller_facts(context: Context, channel: Channel, rules: list[RunningRule]) -> MemberFacts | None:
    """The asking member's tier and segment, when a running rule asks for them (otherwise nothing is read)."""
    if not any(rule.targets_members for rule in rules):
        return None
    context.varies_by_caller = True  # a member's own prices, or a visitor's a member must not be served
    return (await loaders.caller_benefits(context, channel)).member_facts()


async def variant_price(context: Context, variant: ProductVariant, listing: ProductVariantChannelListing,
                        rules: list[RunningRule], member: MemberFacts | None = None) -> PromotedPrice:
    if not rules:
        return PromotedPrice(listing.price_points, listing.price_points)
    product = await loaders.product(context, variant.product_id)  # type: ignore[attr-defined]
    return promoted_price(listing.price_points, await _facts(context, product, variant.id), rules, member)


async def promoted_variant_pricing(context: Context, variant: ProductVariant, channel: Channel
                                   ) -> VariantPricingInfo | None:
    listing = await loaders.variant_listing(context, variant.id, channel.id)
    pricing = variant_pricing(listing, channel)
    if listing is None or pricing is None:
        return pricing
    rules = await loaders.running_rules(context, channel.id)
    price = await variant_price(context, variant, listing, rules, await caller_facts(context, channel, rules))
    if price.on_sale:
        pricing.price = untaxed(price.points, channel.currency_code)
        pricing.discount = untaxed(price.discount_points, channel.currency_code)
        pricing.on_sale = True
    return pricing


async def promoted_product_pricing(context: Context, product: Product, listing: ProductChannelListing | None,
                                   channel: Channel) -> ProductPricingInfo | None:
    pricing = product_pricing(listing, channel)
    rules = await loaders.running_rules(context, channel.id)
    if pricing is None or not rules:
        return pricing
    member = await caller_facts(context, channel, rules)
    prices = []
    for variant in await loaders.variants_of_product(context, product.id, channel.id):
        variant_listing = await loaders.variant_listing(context, variant.id, channel.id)
        if variant_listing is not None:
            prices.append(promoted_price(variant_listing.price_points, await _facts(context, product, variant.id),
                                         rules, member))
    if not prices:
        return pricing
    return _ranges(pricing, prices, channel)


def _ranges(pricing: ProductPricingInfo, prices: list[PromotedPrice], channel: Channel) -> ProductPricingInfo:
    unit = channel.currency_code
    low, high = min(price.points for price in prices), max(price.points for price in prices)
    undiscounted_low = min(price.undiscounted_points for price in prices)
    undiscounted_high = max(price.undiscounted_points for price in prices)
    pricing.price_range = TaxedMoneyRange(start=untaxed(low, unit), stop=untaxed(high, unit))
    pricing.price_range_undiscounted = TaxedMoneyRange(start=untaxed(undiscounted_low, unit),
                                                       stop=untaxed(undiscounted_high, unit))
    if undiscounted_low > low:
        pricing.discount = untaxed(undiscounted_low - low, unit)
        pricing.on_sale = True
    return pricing
