"""Saleor's product mutations: productCreate, productUpdate, productDelete, productChannelListingUpdate."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types.unset import UNSET

from catalog.graphql.admin.attribute_inputs import save_product_values
from catalog.graphql.mutations.common import (
    ProductChannelListingError,
    ProductError,
    editor_of,
    errors_field,
    int_id,
    run,
    staff_view,
)
from catalog.graphql.product import Product
from catalog.models import Collection as CollectionModel
from catalog.models import Product as ProductModel
from catalog.services import listings, products
from catalog.services.access import product_for_editing
from catalog.services.categories import add_products
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import JSONString, WeightScalar

if TYPE_CHECKING:
    from catalog.graphql.admin.inputs import AttributeValueInput

# Lazy: that module imports this one.
AttributeValueInputRef = Annotated["AttributeValueInput", strawberry.lazy("catalog.graphql.admin.inputs")]


@strawberry.input
class SeoInput:
    title: str | None = strawberry.field(default=None, description="SEO title.")
    description: str | None = strawberry.field(default=None, description="SEO description.")


@strawberry.input
class ProductInput:
    category: strawberry.ID | None = strawberry.field(default=UNSET, description="ID of the product's category.")
    collections: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of IDs of collections that the product belongs to."
    )
    description: JSONString | None = strawberry.field(default=UNSET, description="Product description (EditorJS JSON).")
    name: str | None = strawberry.field(default=UNSET, description="Product name.")
    slug: str | None = strawberry.field(default=UNSET, description="Product slug.")
    seo: SeoInput | None = strawberry.field(default=None, description="Search engine optimization fields.")
    weight: WeightScalar | None = strawberry.field(default=UNSET, description="Weight of the product (grams).")
    rating: float | None = strawberry.field(default=UNSET, description="Defines the product rating value.")
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the product metadata."
    )
    external_reference: str | None = strawberry.field(default=UNSET, description="External ID of this product.")
    charge_taxes: bool | None = strawberry.field(
        default=None, description="Ignored: points carry no tax.", deprecation_reason="Points carry no tax."
    )
    attributes: list[AttributeValueInputRef] | None = strawberry.field(
        default=None, description="List of attributes: the values the gift carries (its product type's attributes)."
    )


@strawberry.input
class ProductCreateInput(ProductInput):
    product_type: strawberry.ID = strawberry.field(description="ID of the type that product belongs to.")
    partner: str | None = strawberry.field(
        default=None,
        description="Points mall: code of the partner merchant listing the gift "
        "(operator only: partner staff always list for their own partner).",
    )


def _product_data(input: ProductInput) -> products.ProductData:
    values: dict[str, Any] = {}
    for name in ("name", "slug", "description", "rating", "external_reference"):
        value = getattr(input, name)
        if value is not UNSET:
            values[name] = value
    if input.category is not UNSET:
        values["category_id"] = int_id(input.category, "Category", "category") if input.category else None
    if input.weight is not UNSET:
        values["weight_grams"] = int(Decimal(input.weight)) if input.weight is not None else None
    if input.seo is not None:
        values |= {"seo_title": input.seo.title or "", "seo_description": input.seo.description or ""}
    data = products.given_fields(values)
    if input.metadata is not None:
        data.metadata = {item.key: item.value for item in input.metadata}
    return data


@strawberry.type(description="Creates a new product. Requires MANAGE_PRODUCTS.")
class ProductCreate:
    product: Product | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates an existing product. Requires MANAGE_PRODUCTS.")
class ProductUpdate:
    product: Product | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes a product. Requires MANAGE_PRODUCTS.")
class ProductDelete:
    product: Product | None = None
    errors: list[ProductError] = errors_field()


@strawberry.input
class ProductChannelListingAddInput:
    channel_id: strawberry.ID = strawberry.field(description="ID of a channel.")
    is_published: bool | None = strawberry.field(
        default=None, description="Determines if object is visible to customers."
    )
    published_at: datetime | None = strawberry.field(
        default=None, description="Publication date time. ISO 8601 standard."
    )
    publication_date: date | None = strawberry.field(
        default=None,
        description="Publication date. ISO 8601 standard.",
        deprecation_reason="Use `publishedAt` field instead.",
    )
    visible_in_listings: bool | None = strawberry.field(
        default=None,
        description="Determines if product is visible in product listings (doesn't apply to product collections).",
    )
    is_available_for_purchase: bool | None = strawberry.field(
        default=None, description="Determines if product should be available for purchase in this channel."
    )
    available_for_purchase_date: date | None = strawberry.field(
        default=None,
        description="A start date from which a product will be available for purchase.",
        deprecation_reason="Use `availableForPurchaseAt` field instead.",
    )
    available_for_purchase_at: datetime | None = strawberry.field(
        default=None, description="A start date time from which a product will be available for purchase."
    )
    add_variants: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Ignored: variants are listed by giving them a price (productVariantChannelListingUpdate).",
    )
    remove_variants: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Ignored: variants are unlisted through productVariantChannelListingUpdate."
    )


@strawberry.input
class ProductChannelListingUpdateInput:
    update_channels: list[ProductChannelListingAddInput] | None = strawberry.field(
        default=None, description="List of channels to which the product should be assigned or updated."
    )
    remove_channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channels from which the product should be unassigned."
    )


@strawberry.type(description="Manage product's availability in channels. Requires MANAGE_PRODUCTS.")
class ProductChannelListingUpdate:
    product: Product | None = None
    errors: list[ProductChannelListingError] = errors_field()


def _at_midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def _listing_change(item: ProductChannelListingAddInput) -> listings.ProductListingChange:
    return listings.ProductListingChange(
        channel_id=int_id(item.channel_id, "Channel", "channelId"),
        is_published=item.is_published,
        published_at=item.published_at or _at_midnight(item.publication_date),
        visible_in_listings=item.visible_in_listings,
        is_available_for_purchase=item.is_available_for_purchase,
        available_for_purchase_at=item.available_for_purchase_at or _at_midnight(item.available_for_purchase_date),
    )


async def _add_to_collections(product: ProductModel, collection_ids: list[strawberry.ID] | None) -> None:
    for global_id in collection_ids or []:
        collection = await CollectionModel.get_or_none(id=int_id(global_id, "Collection", "collections"))
        if collection is None:
            raise DomainError.single("collections", f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
        await add_products(collection, [product.id])


@strawberry.type
class ProductMutations:
    @strawberry.mutation(
        description="Creates a new product. Requires MANAGE_PRODUCTS. A partner's staff list "
        "for their partner, as a draft awaiting the operator's review."
    )
    async def product_create(self, info: Info, input: ProductCreateInput) -> ProductCreate | None:
        editor = await editor_of(info)

        async def work() -> ProductCreate:
            data = _product_data(input)
            data.product_type_id = int_id(input.product_type, "ProductType", "productType")
            data.partner_code = input.partner
            product = await products.create_product(editor, data)
            await save_product_values(product, input.attributes, creating=True)
            if editor.is_operator:
                await _add_to_collections(product, input.collections)
            return ProductCreate(product=Product.of(product, await staff_view(info)))

        return await run(ProductCreate, ProductError, work)

    @strawberry.mutation(description="Updates an existing product. Requires MANAGE_PRODUCTS.")
    async def product_update(self, info: Info, id: strawberry.ID, input: ProductInput) -> ProductUpdate | None:
        editor = await editor_of(info)

        async def work() -> ProductUpdate:
            product = await product_for_editing(editor, int_id(id, "Product", "id"))
            product = await products.update_product(editor, product, _product_data(input))
            await save_product_values(product, input.attributes, creating=False)
            return ProductUpdate(product=Product.of(product, await staff_view(info)))

        return await run(ProductUpdate, ProductError, work)

    @strawberry.mutation(description="Deletes a product. Requires MANAGE_PRODUCTS.")
    async def product_delete(self, info: Info, id: strawberry.ID) -> ProductDelete | None:
        editor = await editor_of(info)

        async def work() -> ProductDelete:
            product = await product_for_editing(editor, int_id(id, "Product", "id"))
            shown = Product.of(product, await staff_view(info))
            await products.delete_product(editor, product)
            return ProductDelete(product=shown)

        return await run(ProductDelete, ProductError, work)

    @strawberry.mutation(
        description="Manage product's availability in channels. Requires MANAGE_PRODUCTS. "
        "Publishing needs the operator's approval of the listing."
    )
    async def product_channel_listing_update(
        self, info: Info, id: strawberry.ID, input: ProductChannelListingUpdateInput
    ) -> ProductChannelListingUpdate | None:
        editor = await editor_of(info)

        async def work() -> ProductChannelListingUpdate:
            product = await product_for_editing(editor, int_id(id, "Product", "id"))
            changes = [_listing_change(item) for item in input.update_channels or []]
            removed = [int_id(c, "Channel", "removeChannels") for c in input.remove_channels or []]
            product = await listings.update_product_listings(editor, product, changes, removed)
            return ProductChannelListingUpdate(product=Product.of(product, await staff_view(info)))

        return await run(ProductChannelListingUpdate, ProductChannelListingError, work)
