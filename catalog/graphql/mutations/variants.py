"""Saleor's variant mutations: create, update, delete, channel prices, and stock per warehouse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types.unset import UNSET

from catalog.graphql.admin.attribute_inputs import save_variant_values
from catalog.graphql.mutations.common import (
    STOCK_ERRORS,
    BulkStockError,
    ProductChannelListingError,
    ProductError,
    editor_of,
    errors_field,
    int_id,
    run,
    staff_view,
)
from catalog.graphql.variant import ProductVariant
from catalog.services import listings, stock, variants
from catalog.services.access import product_for_editing, variant_for_editing
from mall.graphql.context import Info
from mall.graphql.enums import ProductErrorCode, StockErrorCode
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import parse_uuid_id
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import PositiveDecimal, WeightScalar

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import AttributeValueInput

# Saleor's input type (see `attributes` below); lazy: that module imports this one.
AttributeValueInputRef = Annotated["AttributeValueInput", strawberry.lazy("catalog.graphql.admin.inputs")]


@strawberry.input
class StockInput:
    warehouse: strawberry.ID = strawberry.field(description="Warehouse in which stock is located.")
    quantity: int = strawberry.field(description="Quantity of items available for sell.")


@strawberry.input
class ProductVariantInput:
    sku: str | None = strawberry.field(default=UNSET, description="Stock keeping unit.")
    name: str | None = strawberry.field(default=UNSET, description="Variant name.")
    track_inventory: bool | None = strawberry.field(
        default=UNSET,
        description="Determines if the inventory of this variant should be tracked. "
        "If false, the quantity won't change when customers buy this item.",
    )
    weight: WeightScalar | None = strawberry.field(default=UNSET, description="Weight of the Product Variant (grams).")
    quantity_limit_per_customer: int | None = strawberry.field(
        default=UNSET,
        description="Determines maximum quantity of `ProductVariant`, that can be bought in a single checkout.",
    )
    restock_expected_on: date | None = strawberry.field(
        default=UNSET,
        description="When a sold-out variant is expected back in stock (shown to members); null clears it. "
        "Points mall extension.",
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product variant metadata."
    )
    external_reference: str | None = strawberry.field(default=UNSET, description="External ID of this product variant.")
    attributes: list[AttributeValueInputRef] | None = strawberry.field(
        default=None, description="List of attributes: the values the variant carries (its product type's "
        "variant attributes)."
    )


@strawberry.input
class ProductVariantCreateInput(ProductVariantInput):
    product: strawberry.ID = strawberry.field(description="Product ID of which type is the variant.")
    stocks: list[StockInput] | None = strawberry.field(
        default=None, description="Stocks of a product available for sale."
    )


def _variant_data(input: ProductVariantInput) -> variants.VariantData:
    values: dict[str, Any] = {}
    for name in ("sku", "name", "track_inventory", "quantity_limit_per_customer", "restock_expected_on",
                 "external_reference"):
        value = getattr(input, name)
        if value is not UNSET:
            values[name] = value
    if input.weight is not UNSET:
        values["weight_grams"] = int(Decimal(input.weight)) if input.weight is not None else None
    data = variants.VariantData(**values)
    data.given = set(values)
    if input.metadata is not None:
        data.metadata = {item.key: item.value for item in input.metadata}
    return data


def _warehouse_id(global_id: str, field: str = "warehouse") -> str:
    try:
        return parse_uuid_id(global_id, "Warehouse")
    except Exception as error:
        raise DomainError.single(
            field, f"Invalid ID: {global_id}. Expected: Warehouse.", ApiErrorCode.GRAPHQL_ERROR
        ) from error


def _levels(stocks: list[StockInput]) -> list[stock.StockLevel]:
    return [stock.StockLevel(_warehouse_id(item.warehouse), item.quantity) for item in stocks]


@strawberry.type(description="Creates a new variant for a product. Requires MANAGE_PRODUCTS.")
class ProductVariantCreate:
    product_variant: ProductVariant | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates an existing variant for product. Requires MANAGE_PRODUCTS.")
class ProductVariantUpdate:
    product_variant: ProductVariant | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes a product variant. Requires MANAGE_PRODUCTS.")
class ProductVariantDelete:
    product_variant: ProductVariant | None = None
    errors: list[ProductError] = errors_field()


@strawberry.input
class ProductVariantChannelListingAddInput:
    channel_id: strawberry.ID = strawberry.field(description="ID of a channel.")
    price: PositiveDecimal = strawberry.field(description="Price of the particular variant in channel: whole points.")
    cost_price: PositiveDecimal | None = strawberry.field(
        default=None,
        description="Cost price of the variant in channel: "
        "what the operator pays the partner, in the channel's cash currency.",
    )
    prior_price: PositiveDecimal | None = strawberry.field(
        default=None, description="Ignored: the mall shows the reference retail price instead."
    )
    reference_price: PositiveDecimal | None = strawberry.field(
        default=None,
        description="Points mall: the gift's reference retail price in the channel's cash currency, "
        "shown beside the points price.",
    )


@strawberry.type(description="Manage product variant prices in channels. Requires MANAGE_PRODUCTS.")
class ProductVariantChannelListingUpdate:
    variant: ProductVariant | None = None
    errors: list[ProductChannelListingError] = errors_field()


@strawberry.type(description="Creates stocks for product variant. Requires MANAGE_PRODUCTS.")
class ProductVariantStocksCreate:
    product_variant: ProductVariant | None = None
    errors: list[BulkStockError] = errors_field()


@strawberry.type(description="Update stocks for product variant. Requires MANAGE_PRODUCTS.")
class ProductVariantStocksUpdate:
    product_variant: ProductVariant | None = None
    errors: list[BulkStockError] = errors_field()


@strawberry.type
class StockError:
    field: str | None = strawberry.field(description="Name of a field that caused the error, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: StockErrorCode = strawberry.field(description="The error code.")


@strawberry.type(description="Delete stocks from product variant. Requires MANAGE_PRODUCTS.")
class ProductVariantStocksDelete:
    product_variant: ProductVariant | None = None
    errors: list[StockError] = errors_field()


def _points(price: Decimal, channel_id: int) -> int:
    if price != price.to_integral_value():
        raise DomainError.single(
            "price", "Points prices are whole numbers.", ProductErrorCode.INVALID_PRICE, channels=[channel_id]
        )
    return int(price)


def _price(item: ProductVariantChannelListingAddInput) -> listings.VariantPrice:
    channel_id = int_id(item.channel_id, "Channel", "channelId")
    return listings.VariantPrice(
        channel_id=channel_id,
        price_points=_points(Decimal(item.price), channel_id),
        cost_price=Decimal(item.cost_price) if item.cost_price is not None else None,
        reference_price=Decimal(item.reference_price) if item.reference_price is not None else None,
    )


async def _shown(info: Info, variant_id: int) -> ProductVariant:
    from catalog.models import ProductVariant as VariantModel

    return ProductVariant.of(await VariantModel.get(id=variant_id), await staff_view(info))


@strawberry.type
class VariantMutations:
    @strawberry.mutation(description="Creates a new variant for a product. Requires MANAGE_PRODUCTS.")
    async def product_variant_create(self, info: Info, input: ProductVariantCreateInput) -> ProductVariantCreate | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantCreate:
            product = await product_for_editing(editor, int_id(input.product, "Product", "product"), "product")
            variant = await variants.create_variant(product, _variant_data(input))
            await save_variant_values(variant, input.attributes, creating=True)
            if input.stocks:
                await stock.set_stock_levels(editor, variant, _levels(input.stocks))
            return ProductVariantCreate(product_variant=await _shown(info, variant.id))

        return await run(ProductVariantCreate, ProductError, work)

    @strawberry.mutation(description="Updates an existing variant for product. Requires MANAGE_PRODUCTS.")
    async def product_variant_update(
        self, info: Info, input: ProductVariantInput, id: strawberry.ID | None = None, sku: str | None = None
    ) -> ProductVariantUpdate | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantUpdate:
            variant = await _variant(editor, id, sku)
            await variants.update_variant(variant, _variant_data(input))
            await save_variant_values(variant, input.attributes, creating=False)
            return ProductVariantUpdate(product_variant=await _shown(info, variant.id))

        return await run(ProductVariantUpdate, ProductError, work)

    @strawberry.mutation(description="Deletes a product variant. Requires MANAGE_PRODUCTS.")
    async def product_variant_delete(
        self, info: Info, id: strawberry.ID | None = None, sku: str | None = None
    ) -> ProductVariantDelete | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantDelete:
            variant = await _variant(editor, id, sku)
            shown = ProductVariant.of(variant, await staff_view(info))
            await variants.delete_variant(variant)
            return ProductVariantDelete(product_variant=shown)

        return await run(ProductVariantDelete, ProductError, work)

    @strawberry.mutation(description="Manage product variant prices in channels. Requires MANAGE_PRODUCTS.")
    async def product_variant_channel_listing_update(
        self,
        info: Info,
        input: list[ProductVariantChannelListingAddInput],
        id: strawberry.ID | None = None,
        sku: str | None = None,
    ) -> ProductVariantChannelListingUpdate | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantChannelListingUpdate:
            variant = await _variant(editor, id, sku)
            await listings.update_variant_listings(editor, variant, [_price(item) for item in input], [])
            return ProductVariantChannelListingUpdate(variant=await _shown(info, variant.id))

        return await run(ProductVariantChannelListingUpdate, ProductChannelListingError, work)

    @strawberry.mutation(description="Creates stocks for product variant. Requires MANAGE_PRODUCTS.")
    async def product_variant_stocks_create(
        self, info: Info, variant_id: strawberry.ID, stocks: list[StockInput]
    ) -> ProductVariantStocksCreate | None:
        return await _set_stocks(info, variant_id, stocks, ProductVariantStocksCreate)

    @strawberry.mutation(description="Update stocks for product variant. Requires MANAGE_PRODUCTS.")
    async def product_variant_stocks_update(
        self, info: Info, stocks: list[StockInput], variant_id: strawberry.ID | None = None, sku: str | None = None
    ) -> ProductVariantStocksUpdate | None:
        return await _set_stocks(info, variant_id, stocks, ProductVariantStocksUpdate, sku)

    @strawberry.mutation(description="Delete stocks from product variant. Requires MANAGE_PRODUCTS.")
    async def product_variant_stocks_delete(
        self,
        info: Info,
        warehouse_ids: list[strawberry.ID] | None = None,
        variant_id: strawberry.ID | None = None,
        sku: str | None = None,
    ) -> ProductVariantStocksDelete | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantStocksDelete:
            variant = await _variant(editor, variant_id, sku, "variantId")
            ids = [_warehouse_id(w, "warehouseIds") for w in warehouse_ids or []]
            await stock.remove_stock(editor, variant, ids)
            return ProductVariantStocksDelete(product_variant=await _shown(info, variant.id))

        return await run(ProductVariantStocksDelete, StockError, work, STOCK_ERRORS)


async def _set_stocks(
    info: Info, variant_id: Any, stocks: list[StockInput], payload: type, sku: str | None = None
) -> Any:
    editor = await editor_of(info)

    async def work() -> Any:
        variant = await _variant(editor, variant_id, sku, "variantId")
        await stock.set_stock_levels(editor, variant, _levels(stocks))
        return payload(product_variant=await _shown(info, variant.id))

    return await run(payload, BulkStockError, work)


async def _variant(editor: Any, global_id: str | None, sku: str | None, field: str = "id") -> Any:
    from catalog.models import ProductVariant as VariantModel

    if global_id is not None:
        return await variant_for_editing(editor, int_id(global_id, "ProductVariant", field), field)
    if sku:
        found = await VariantModel.get_or_none(sku=sku)
        if found is not None:
            return await variant_for_editing(editor, found.id, "sku")
        raise DomainError.single("sku", f"Couldn't resolve to a node: {sku}", ApiErrorCode.NOT_FOUND)
    raise DomainError.single(field, "At least one of arguments is required: 'id', 'sku'.", ApiErrorCode.REQUIRED)
