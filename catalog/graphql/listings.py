"""Channel listings: a product's visibility, a variant's points price and a collection's publication in
one channel (one bank's mall). Staff-facing (Saleor requires permissions on the fields that list them)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import strawberry

from catalog.graphql import loaders
from catalog.graphql.loaders import then
from catalog.graphql.pricing import MoneyRange, ProductPricingInfo, cash, points, points_cash_value, product_pricing
from catalog.models import CollectionChannelListing as CollectionChannelListingModel
from catalog.models import ProductChannelListing as ProductChannelListingModel
from catalog.models import ProductVariantChannelListing as VariantListingModel
from catalog.pricing import is_available_for_purchase, margin_percent, price_exceeds_alert_ratio
from kernel import clock
from mall.accounts.graphql.inputs import AddressInput
from mall.channels.graphql.types import Channel
from mall.graphql.common import Money, Node
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission

if TYPE_CHECKING:
    from mall.channels.models import Channel as ChannelModel

PREORDER_DEPRECATION = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock instead: create the planned "
    "quantity in a warehouse, or set `trackInventory` to false to sell without a stock limit."
)


def _channel(info: Info, channel_id: int) -> object:
    return then(loaders.channel(info.context, channel_id), Channel.of)


@strawberry.type(description="Represents a range of margins.")
class Margin:
    start: int | None = strawberry.field(description="Lower bound of the margin range.")
    stop: int | None = strawberry.field(description="Upper bound of the margin range.")


@strawberry.type(description="Preorder threshold of a variant in a channel.")
class PreorderThreshold:
    quantity: int | None = strawberry.field(
        description="Preorder threshold for product variant in this channel.", deprecation_reason=PREORDER_DEPRECATION
    )
    sold_units: int = strawberry.field(
        description="Number of sold product variant in this channel.", deprecation_reason=PREORDER_DEPRECATION
    )


@strawberry.type(description="Represents product channel listing.")
class ProductChannelListing(Node):
    model: strawberry.Private[ProductChannelListingModel]

    @classmethod
    def of(cls, model: ProductChannelListingModel) -> ProductChannelListing:
        return cls(id=to_global_id("ProductChannelListing", model.id), model=model)

    @strawberry.field(deprecation_reason="Use the `publishedAt` field to fetch the publication date.")
    def publication_date(self) -> datetime.date | None:
        return self.model.published_at.date() if self.model.published_at else None

    @strawberry.field(description="The product publication date time.")
    def published_at(self) -> datetime.datetime | None:
        return self.model.published_at

    @strawberry.field(description="Indicates if the product is published in the channel.")
    def is_published(self) -> bool:
        return self.model.is_published

    @strawberry.field(description="The channel in which the product is listed.")
    def channel(self, info: Info) -> Channel:
        return _channel(info, self.model.channel_id)  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="Determine if product should be visible in product listings.")
    def visible_in_listings(self) -> bool:
        return self.model.visible_in_listings

    @strawberry.field(
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available for purchase date."
    )
    def available_for_purchase(self) -> datetime.date | None:
        moment = self.model.available_for_purchase_at
        return moment.date() if moment else None

    @strawberry.field(description="The product available for purchase date time.")
    def available_for_purchase_at(self) -> datetime.datetime | None:
        return self.model.available_for_purchase_at

    @strawberry.field(description="The price of the cheapest variant (including discounts).")
    async def discounted_price(self, info: Info) -> Money | None:
        channel: ChannelModel = await loaders.channel(info.context, self.model.channel_id)  # type: ignore[attr-defined]
        low = self.model.min_price_points
        return None if low is None else points(low, channel)

    @strawberry.field(description="Purchase cost of product. Requires MANAGE_PRODUCTS.")
    async def purchase_cost(self, info: Info) -> MoneyRange | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        costs = await _variant_costs(info, self.model)
        if not costs:
            return None
        currency = costs[0].cost_price_currency
        amounts = [row.cost_price_amount for row in costs]
        return MoneyRange(start=cash(min(amounts), currency), stop=cash(max(amounts), currency))

    @strawberry.field(description="Gross margin percentage value range. Requires MANAGE_PRODUCTS.")
    async def margin(self, info: Info) -> Margin | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        channel: ChannelModel = await loaders.channel(info.context, self.model.channel_id)  # type: ignore[attr-defined]
        margins = [
            value
            for row in await _variant_costs(info, self.model)
            if (value := margin_percent(row.price_points, row.cost_price_amount, channel)) is not None
        ]
        return Margin(start=min(margins), stop=max(margins)) if margins else None

    @strawberry.field(description="Whether the product is available for purchase.")
    def is_available_for_purchase(self) -> bool | None:
        return is_available_for_purchase(self.model, clock.now())

    @strawberry.field(description="Lists the storefront product's pricing, the current price and discounts.")
    async def pricing(self, info: Info, address: AddressInput | None = None) -> ProductPricingInfo | None:
        channel = await loaders.channel(info.context, self.model.channel_id)  # type: ignore[attr-defined]
        return product_pricing(self.model, channel)


async def _variant_costs(info: Info, listing: ProductChannelListingModel) -> list[VariantListingModel]:
    variants = await loaders.variants_of_product(info.context, listing.product_id, listing.channel_id)  # type: ignore[attr-defined]
    rows = [await loaders.variant_listing(info.context, variant.id, listing.channel_id) for variant in variants]  # type: ignore[attr-defined]
    return [row for row in rows if row is not None and row.cost_price_amount is not None]


@strawberry.type(description="Represents product varaint channel listing.")
class ProductVariantChannelListing(Node):
    model: strawberry.Private[VariantListingModel]

    @classmethod
    def of(cls, model: VariantListingModel) -> ProductVariantChannelListing:
        return cls(id=to_global_id("ProductVariantChannelListing", model.id), model=model)

    @strawberry.field(description="The channel to which the variant listing belongs.")
    def channel(self, info: Info) -> Channel:
        return _channel(info, self.model.channel_id)  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="The price of the variant, in the channel's points unit.")
    async def price(self, info: Info) -> Money | None:
        return points(self.model.price_points, await loaders.channel(info.context, self.model.channel_id))  # type: ignore[attr-defined]

    @strawberry.field(
        description="Cost price of the variant: what the operator pays the partner, in cash. Requires MANAGE_PRODUCTS."
    )
    async def cost_price(self, info: Info) -> Money | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        return cash(self.model.cost_price_amount, self.model.cost_price_currency)

    @strawberry.field(description="Previous price of the variant in channel.")
    def prior_price(self) -> Money | None:
        return None

    @strawberry.field(description="Gross margin percentage value. Requires MANAGE_PRODUCTS.")
    async def margin(self, info: Info) -> int | None:
        await require_permission(info, "MANAGE_PRODUCTS")
        channel = await loaders.channel(info.context, self.model.channel_id)  # type: ignore[attr-defined]
        return margin_percent(self.model.price_points, self.model.cost_price_amount, channel)

    @strawberry.field(description="Preorder variant data.", deprecation_reason=PREORDER_DEPRECATION)
    def preorder_threshold(self) -> PreorderThreshold | None:
        return None

    @strawberry.field(
        description="Points mall: what the points price is worth in cash (points x the channel's cash value per "
        "point), in the channel's cash currency."
    )
    async def points_cash_value(self, info: Info) -> Money | None:
        return points_cash_value(self.model.price_points, await loaders.channel(info.context, self.model.channel_id))  # type: ignore[attr-defined]

    @strawberry.field(description="Points mall: the partner's reference retail price of the gift, in cash.")
    def reference_retail_price(self) -> Money | None:
        return cash(self.model.reference_price_amount, self.model.reference_price_currency)

    @strawberry.field(
        description="Points mall: whether the points price is worth more than the channel's alert ratio times the "
        "reference retail price (such listings are flagged in review)."
    )
    async def points_price_alert(self, info: Info) -> bool:
        channel = await loaders.channel(info.context, self.model.channel_id)  # type: ignore[attr-defined]
        return price_exceeds_alert_ratio(self.model.price_points, self.model.reference_price_amount, channel)


@strawberry.type(description="Represents collection channel listing.")
class CollectionChannelListing(Node):
    model: strawberry.Private[CollectionChannelListingModel]

    @classmethod
    def of(cls, model: CollectionChannelListingModel) -> CollectionChannelListing:
        return cls(id=to_global_id("CollectionChannelListing", model.id), model=model)

    @strawberry.field(deprecation_reason="Use the `publishedAt` field to fetch the publication date.")
    def publication_date(self) -> datetime.date | None:
        return self.model.published_at.date() if self.model.published_at else None

    @strawberry.field(description="The collection publication date.")
    def published_at(self) -> datetime.datetime | None:
        return self.model.published_at

    @strawberry.field(description="Indicates if the collection is published in the channel.")
    def is_published(self) -> bool:
        return self.model.is_published

    @strawberry.field(description="The channel to which the collection belongs.")
    def channel(self, info: Info) -> Channel:
        return _channel(info, self.model.channel_id)  # type: ignore[attr-defined,return-value]
