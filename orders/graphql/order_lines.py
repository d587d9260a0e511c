"""Saleor's OrderLine: what was redeemed, frozen at the time, and its stock allocations."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import strawberry

from catalog.graphql.context import catalog_view
from catalog.graphql.media import image_of
from catalog.graphql.product_type import TaxClass
from catalog.graphql.types import ProductVariant, Warehouse
from catalog.models import ProductChannelListing, ProductMedia, ProductVariantChannelListing, Stock
from catalog.models import ProductVariant as ProductVariantModel
from catalog.visibility import is_listing_public
from kernel import clock
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import Image, MetadataItem, Money, Node, ObjectWithMetadata, TaxedMoney
from mall.graphql.context import Context, Info
from mall.graphql.enums import ThumbnailFormatEnum
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission, require_staff_or_app
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.absent import OrderLineDiscount
from orders.graphql.common import points, taxed_points, variant_row
from orders.graphql.enums import DiscountValueTypeEnum
from orders.models import OrderLine as OrderLineModel
from orders.models import OrderLineAllocation


async def _lines_of_orders(order_ids: list[uuid.UUID]) -> list[list[OrderLineModel]]:
    grouped: dict[Any, list[OrderLineModel]] = defaultdict(list)
    for row in await OrderLineModel.filter(order_id__in=list(set(order_ids))).order_by("product_name", "id"):
        grouped[row.order_id].append(row)  # type: ignore[attr-defined]
    return [grouped.get(order_id, []) for order_id in order_ids]


def lines_of_order(context: Context, order_id: uuid.UUID) -> Any:
    return context.loader("orders.lines_of_order", _lines_of_orders).load(order_id)


async def _visible_variants(keys: list[tuple[int, int]]) -> list[bool]:
    """Whether a member may still see each (variant, channel): its product is public there and it is priced."""
    now = clock.now()
    answers: dict[tuple[int, int], bool] = {}
    by_channel: dict[int, set[int]] = defaultdict(set)
    for variant_id, channel_id in keys:
        by_channel[channel_id].add(variant_id)
    for channel_id, variant_ids in by_channel.items():
        channel = await ChannelModel.get(id=channel_id)
        products = dict(await ProductVariantModel.filter(id__in=list(variant_ids)).values_list("id", "product_id"))
        priced = set(
            await ProductVariantChannelListing.filter(variant_id__in=list(variant_ids), channel_id=channel_id)
            .values_list("variant_id", flat=True)
        )
        product_ids = list(set(products.values()))
        product_listings = ProductChannelListing.filter(product_id__in=product_ids, channel_id=channel_id)
        listings = {row.product_id: row for row in await product_listings}  # type: ignore[attr-defined]
        for variant_id in variant_ids:
            listing = listings.get(products.get(variant_id))
            answers[(variant_id, channel_id)] = variant_id in priced and is_listing_public(listing, channel, now)
    return [answers[key] for key in keys]


@strawberry.type(description="Represents allocation.")
class Allocation(Node):
    model: strawberry.Private[OrderLineAllocation]

    @strawberry.field(description="Quantity allocated for orders.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="The warehouse were items were allocated.")
    async def warehouse(self) -> Warehouse:
        stock = await Stock.get(id=self.model.stock_id).select_related("warehouse")  # type: ignore[attr-defined]
        return Warehouse.of(stock.warehouse)


@strawberry.type(description="Represents order line of particular order.")
class OrderLine(Node, ObjectWithMetadata):
    model: strawberry.Private[OrderLineModel]
    channel: strawberry.Private[ChannelModel]

    @classmethod
    def of(cls, model: OrderLineModel, channel: ChannelModel) -> OrderLine:
        return cls(id=to_global_id("OrderLine", model.id), model=model, channel=channel)

    @property
    def unit(self) -> str:
        return self.channel.currency_code

    @strawberry.field(description="Name of the product in order line.")
    def product_name(self) -> str:
        return self.model.product_name

    @strawberry.field(description="Name of the variant of product in order line.")
    def variant_name(self) -> str:
        return self.model.variant_name

    @strawberry.field(description="SKU of the product variant.")
    def product_sku(self) -> str | None:
        return self.model.product_sku

    @strawberry.field(description="The ID of the product variant.")
    def product_variant_id(self) -> str | None:
        variant_id = self.model.variant_id  # type: ignore[attr-defined]
        return to_global_id("ProductVariant", variant_id) if variant_id is not None else None

    @strawberry.field(description="Whether the product variant requires shipping.")
    def is_shipping_required(self) -> bool:
        return self.model.is_shipping_required

    @strawberry.field(description="Number of variant items ordered.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="Number of variant items fulfilled.")
    def quantity_fulfilled(self) -> int:
        return self.model.quantity_fulfilled

    @strawberry.field(description="Rate of tax applied on product variant: points carry no tax.")
    def tax_rate(self) -> float:
        return 0.0

    @strawberry.field(description="The main thumbnail of the redeemed gift.")
    async def thumbnail(
        self, info: Info, size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> Image | None:
        variant = await self._variant_row(info)
        if variant is None:
            return None
        media = await ProductMedia.filter(product_id=variant.product_id).order_by("sort_order", "id").first()  # type: ignore[attr-defined]
        return image_of(info.context.settings, media, self.model.product_name) if media else None

    @strawberry.field(description="Price of the single item in the order line, in points.")
    def unit_price(self) -> TaxedMoney:
        return taxed_points(self.model.unit_price_points, self.unit)

    @strawberry.field(description="Price of the single item in the order line without any discount applied.")
    def undiscounted_unit_price(self) -> TaxedMoney:
        return taxed_points(self._list_points(), self.unit)

    def _list_points(self) -> int:
        """The unit's list price (lines placed before tier pricing recorded only what was paid)."""
        listed = self.model.undiscounted_unit_price_points
        return self.model.unit_price_points if listed is None else listed

    @strawberry.field(description="Sum of the line-level discounts applied to the order line.")
    def unit_discount(self) -> Money:
        return points(self._list_points() - self.model.unit_price_points, self.unit)

    @strawberry.field(description="Reason for line-level discounts applied on the order line.")
    def unit_discount_reason(self) -> str | None:
        return "Loyalty tier price" if self._list_points() > self.model.unit_price_points else None

    @strawberry.field(description="Value of the discount.")
    def unit_discount_value(self) -> PositiveDecimal:
        return 0  # type: ignore[return-value]

    @strawberry.field(description="Type of the discount: `fixed` or `percent`.")
    def unit_discount_type(self) -> DiscountValueTypeEnum | None:
        return DiscountValueTypeEnum.FIXED

    @strawberry.field(description="Price of the order line, in points.")
    def total_price(self) -> TaxedMoney:
        return taxed_points(self.model.total_price_points, self.unit)

    @strawberry.field(description="Price of the order line without discounts.")
    def undiscounted_total_price(self) -> TaxedMoney:
        return taxed_points(self.model.total_price_points, self.unit)

    @strawberry.field(description="Returns True, if the line unit price was overridden.")
    def is_price_overridden(self) -> bool | None:
        return False

    @strawberry.field(description="Reason explaining why a custom price was set on the line. Requires MANAGE_ORDERS.")
    async def price_override_reason(self, info: Info) -> str | None:
        await require_permission(info, "MANAGE_ORDERS")
        return None

    async def _variant_row(self, info: Info) -> ProductVariantModel | None:
        variant_id = self.model.variant_id  # type: ignore[attr-defined]
        return await variant_row(info.context, variant_id) if variant_id is not None else None

    @strawberry.field(description="A purchased product variant. Null if the variant was removed, or for members "
                      "when the gift is no longer published (MANAGE_ORDERS, MANAGE_DISCOUNTS, MANAGE_PRODUCTS "
                      "see it anyway).")
    async def variant(self, info: Info) -> ProductVariant | None:
        row = await self._variant_row(info)
        if row is None:
            return None
        view = await catalog_view(info, self.channel.slug)
        if not view.viewer.staff:
            key = (row.id, self.channel.id)
            if not await info.context.loader("orders.visible_variant", _visible_variants).load(key):
                return None
        return ProductVariant.of(row, view)

    @strawberry.field(description="Product name in the customer's language.")
    def translated_product_name(self) -> str:
        return self.model.product_name

    @strawberry.field(description="Variant name in the customer's language.")
    def translated_variant_name(self) -> str:
        return self.model.variant_name

    @strawberry.field(description="List of allocations across warehouses. Requires MANAGE_PRODUCTS or MANAGE_ORDERS.")
    async def allocations(self, info: Info) -> list[Allocation] | None:
        await require_permission(info, "MANAGE_PRODUCTS", "MANAGE_ORDERS")
        rows = await OrderLineAllocation.filter(order_line_id=self.model.id).order_by("id")
        return [Allocation(id=to_global_id("Allocation", row.id), model=row) for row in rows]

    @strawberry.field(description="Denormalized sale ID: gifts are never on sale.")
    def sale_id(self) -> strawberry.ID | None:
        return None

    @strawberry.field(description="A quantity of items remaining to be fulfilled.")
    def quantity_to_fulfill(self) -> int:
        return self.model.quantity - self.model.quantity_fulfilled

    @strawberry.field(description="Denormalized tax class of the product. Requires AUTHENTICATED_STAFF_USER or "
                      "AUTHENTICATED_APP.")
    async def tax_class(self, info: Info) -> TaxClass | None:
        await require_staff_or_app(info)
        return None

    @strawberry.field(description="Denormalized name of the tax class.")
    def tax_class_name(self) -> str | None:
        return None

    @strawberry.field(description="Denormalized public metadata of the tax class.")
    def tax_class_metadata(self) -> list[MetadataItem]:
        return []

    @strawberry.field(description="Denormalized private metadata of the tax class. Requires staff permissions.")
    async def tax_class_private_metadata(self, info: Info) -> list[MetadataItem]:
        await require_staff_or_app(info)
        return []

    @strawberry.field(description="Voucher code that was used for this order line.")
    def voucher_code(self) -> str | None:
        return None

    @strawberry.field(description="Determine if the line is a gift (promotions): never.")
    def is_gift(self) -> bool | None:
        return False

    @strawberry.field(description="List of applied discounts.")
    def discounts(self) -> list[OrderLineDiscount] | None:
        return []
