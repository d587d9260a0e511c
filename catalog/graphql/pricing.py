"""Storefront pricing in points (Saleor's ProductPricingInfo / VariantPricingInfo), with the mall's price
transparency fields beside them. Points carry no tax and no discounts yet: net = gross, undiscounted = price.
"""

from __future__ import annotations

from decimal import Decimal

import strawberry

from catalog.models import ProductChannelListing, ProductVariantChannelListing
from catalog.pricing import cash_value
from mall.channels.models import Channel
from mall.graphql.common import Money, TaxedMoney, money, untaxed

CASH_DIGITS = 2


@strawberry.type(description="Represents a range of amounts of money.")
class MoneyRange:
    start: Money | None = strawberry.field(description="Lower bound of a price range.")
    stop: Money | None = strawberry.field(description="Upper bound of a price range.")


@strawberry.type(description="Represents a range of monetary values.")
class TaxedMoneyRange:
    start: TaxedMoney | None = strawberry.field(description="Lower bound of a price range.")
    stop: TaxedMoney | None = strawberry.field(description="Upper bound of a price range.")


@strawberry.type(description="Represents product's pricing information.")
class ProductPricingInfo:
    on_sale: bool | None = strawberry.field(description="Whether it is in sale or not.", default=False)
    discount: TaxedMoney | None = strawberry.field(
        description="The discount amount if in sale (null otherwise).", default=None
    )
    discount_prior: TaxedMoney | None = strawberry.field(
        description="The discount amount compared to prior price. Null if product is not on sale or prior price "
        "was not provided in VariantChannelListing",
        default=None,
    )
    discount_local_currency: TaxedMoney | None = strawberry.field(
        description="The discount amount in the local currency.",
        deprecation_reason="Always returns `null`.",
        default=None,
    )
    display_gross_prices: bool = strawberry.field(
        description="Determines whether displayed prices should include taxes.", default=True
    )
    price_range: TaxedMoneyRange | None = strawberry.field(
        description="The discounted price range of the product variants.", default=None
    )
    price_range_undiscounted: TaxedMoneyRange | None = strawberry.field(
        description="The undiscounted price range of the product variants.", default=None
    )
    price_range_prior: TaxedMoneyRange | None = strawberry.field(
        description="The prior price range of the product variants.", default=None
    )
    price_range_local_currency: TaxedMoneyRange | None = strawberry.field(
        description="The discounted price range of the product variants in the local currency.",
        deprecation_reason="Always returns `null`.",
        default=None,
    )


@strawberry.type(description="Represents availability of a variant in the storefront.")
class VariantPricingInfo:
    on_sale: bool | None = strawberry.field(description="Whether it is in sale or not.", default=False)
    discount: TaxedMoney | None = strawberry.field(
        description="The discount amount if in sale (null otherwise).", default=None
    )
    discount_prior: TaxedMoney | None = strawberry.field(
        description="The discount amount compared to prior price.", default=None
    )
    discount_local_currency: TaxedMoney | None = strawberry.field(
        description="The discount amount in the local currency.",
        deprecation_reason="Always returns `null`.",
        default=None,
    )
    price: TaxedMoney | None = strawberry.field(description="The price, with any discount subtracted.", default=None)
    price_undiscounted: TaxedMoney | None = strawberry.field(
        description="The price without any discount.", default=None
    )
    price_prior: TaxedMoney | None = strawberry.field(description="The price prior to the promotion.", default=None)
    price_local_currency: TaxedMoney | None = strawberry.field(
        description="The discounted price in the local currency.",
        deprecation_reason="Always returns `null`.",
        default=None,
    )
    points_cash_value: Money | None = strawberry.field(
        description="Points mall: what the points price is worth in cash (points x the channel's cash value "
        "per point), in the channel's cash currency.",
        default=None,
    )
    reference_retail_price: Money | None = strawberry.field(
        description="Points mall: the partner's reference retail price of the gift in cash, to compare with "
        "`pointsCashValue`.",
        default=None,
    )


def points(amount: int, channel: Channel) -> Money:
    return money(amount, channel.currency_code)


def cash(amount: Decimal | None, currency: str) -> Money | None:
    return None if amount is None else money(amount, currency, CASH_DIGITS)


def points_cash_value(amount: int, channel: Channel) -> Money:
    return money(cash_value(amount, channel), channel.cash_currency, CASH_DIGITS)


def product_pricing(listing: ProductChannelListing | None, channel: Channel) -> ProductPricingInfo | None:
    """From the listing's cheapest and dearest variant price in the channel (kept by the services)."""
    if listing is None:
        return None
    price_range = None
    if listing.min_price_points is not None:
        high = listing.max_price_points if listing.max_price_points is not None else listing.min_price_points
        price_range = TaxedMoneyRange(
            start=untaxed(listing.min_price_points, channel.currency_code),
            stop=untaxed(high, channel.currency_code),
        )
    return ProductPricingInfo(price_range=price_range, price_range_undiscounted=price_range)


def variant_pricing(listing: ProductVariantChannelListing | None, channel: Channel) -> VariantPricingInfo | None:
    if listing is None:
        return None
    price = untaxed(listing.price_points, channel.currency_code)
    return VariantPricingInfo(
        price=price,
        price_undiscounted=price,
        points_cash_value=points_cash_value(listing.price_points, channel),
        reference_retail_price=cash(listing.reference_price_amount, listing.reference_price_currency),
    )
