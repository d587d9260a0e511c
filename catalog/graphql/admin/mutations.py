"""The back office's catalogue mutations under Saleor's names (what the Saleor Dashboard sends): warehouses,
product types, bulk deletes, reordering, media and collections.

Who may do what follows the catalogue's rule (catalog/services/access.py): the operator edits everything,
a partner's staff their own partner's products, variants, media and warehouses (another partner's rows are
NOT_FOUND to them); product types, categories and collections belong to the operator. Every mutation is all
or nothing: a bulk delete that meets one row it may not delete deletes none.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from catalog.graphql.admin import variant_bulk
from catalog.graphql.admin.enums import ErrorPolicyEnum
from catalog.graphql.admin.errors import CollectionChannelListingError
from catalog.graphql.admin.inputs import (
    CollectionChannelListingUpdateInput,
    CollectionInput,
    MoveProductInput,
    ProductMediaUpdateInput,
    ProductTypeInput,
    ProductVariantBulkCreateInput,
    ProductVariantBulkUpdateInput,
    ReorderInput,
)
from catalog.graphql.admin.payloads import (
    CategoryBulkDelete,
    CollectionBulkDelete,
    CollectionChannelListingUpdate,
    CollectionDelete,
    CollectionReorderProducts,
    CollectionUpdate,
    ProductBulkDelete,
    ProductMediaBulkDelete,
    ProductMediaReorder,
    ProductMediaUpdate,
    ProductTypeBulkDelete,
    ProductTypeCreate,
    ProductTypeDelete,
    ProductTypeUpdate,
    ProductVariantBulkCreate,
    ProductVariantBulkDelete,
    ProductVariantBulkUpdate,
    ProductVariantReorder,
    ProductVariantSetDefault,
    VariantMediaAssign,
    VariantMediaUnassign,
    WarehouseDelete,
)
from catalog.graphql.admin.refusal import refuse
from catalog.graphql.collection import Collection
from catalog.graphql.inventory import Warehouse
from catalog.graphql.media import ProductMedia
from catalog.graphql.mutations.common import (
    COLLECTION_ERRORS,
    WAREHOUSE_ERRORS,
    CollectionError,
    ProductError,
    WarehouseError,
    editor_of,
    int_id,
    operator_of,
    run,
    staff_view,
)
from catalog.graphql.mutations.structure import (
    WarehouseCreate,
    WarehouseCreateInput,
    WarehouseUpdate,
    WarehouseUpdateInput,
    create_warehouse,
    update_warehouse,
    warehouse_pk,
)
from catalog.graphql.product import Product
from catalog.graphql.product_type import ProductType
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import ProductMedia as ProductMediaModel
from catalog.models import ProductType as ProductTypeModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.services import categories, media, product_types, products, variants, warehouses
from catalog.services.access import Editor, product_for_editing, variant_for_editing, warehouse_for_editing
from catalog.services.ordering import Move
from kernel.errors import DomainError
from mall.graphql.context import Info
from mall.graphql.enums import ProductErrorCode, enum_name
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.ids import not_found
from mall.storage import storage_for

NO_VARIANT_MEDIA = "The points mall shows a gift's media on every variant; media are not assigned per variant."


async def _product_type(global_id: str, field: str = "id") -> ProductTypeModel:
    row = await ProductTypeModel.get_or_none(id=int_id(global_id, "ProductType", field))
    if row is None:
        raise not_found(global_id, field)
    return row


async def _collection(global_id: str, field: str = "id") -> CollectionModel:
    row = await CollectionModel.get_or_none(id=int_id(global_id, "Collection", field))
    if row is None:
        raise not_found(global_id, field)
    return row


async def _media(editor: Editor, global_id: str, field: str = "id") -> ProductMediaModel:
    """Media of a product the editor may edit; another partner's are NOT_FOUND."""
    row = await ProductMediaModel.get_or_none(id=int_id(global_id, "ProductMedia", field))
    if row is None:
        raise not_found(global_id, field)
    await product_for_editing(editor, row.product_id, field)  # type: ignore[attr-defined]
    return row


def _product_type_data(input: ProductTypeInput) -> product_types.ProductTypeData:
    values: dict[str, Any] = {
        "name": input.name,
        "slug": input.slug,
        "kind": enum_name(input.kind) if input.kind is not None else None,
        "is_shipping_required": input.is_shipping_required,
    }
    given = {key: value for key, value in values.items() if value is not None}
    data = product_types.ProductTypeData(**given)
    data.given = set(given)
    return data


def _collection_data(input: CollectionInput) -> categories.CollectionData:
    values: dict[str, Any] = {
        "name": input.name,
        "slug": input.slug,
        "description": input.description,
        "background_image_alt": input.background_image_alt,
    }
    if input.seo is not None:
        values |= {"seo_title": input.seo.title or "", "seo_description": input.seo.description or ""}
    given = {key: value for key, value in values.items() if value is not None}
    data = categories.CollectionData(**given)
    data.given = set(given)
    return data


async def _delete_each(ids: list[str], delete_one: Callable[[str], Awaitable[None]]) -> int:
    """Delete every named row or none (the transaction is the caller's): a duplicate counts once."""
    unique = list(dict.fromkeys(ids))
    for global_id in unique:
        await delete_one(global_id)
    return len(unique)


@strawberry.type
class CatalogAdminMutations:
    @strawberry.mutation(
        description="Creates a new warehouse. Requires MANAGE_PRODUCTS; a partner's staff create warehouses of "
        "their own partner."
    )
    async def create_warehouse(self, info: Info, input: WarehouseCreateInput) -> WarehouseCreate | None:
        return await create_warehouse(info, input)

    @strawberry.mutation(
        description="Updates given warehouse. Requires MANAGE_PRODUCTS; a partner's staff update their own only."
    )
    async def update_warehouse(
        self,
        info: Info,
        input: WarehouseUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> WarehouseUpdate | None:
        if id is None:
            error = DomainError.single(
                "id", "Give the warehouse's ID: warehouses have no external reference.", ApiErrorCode.REQUIRED
            )
            return await run(WarehouseUpdate, WarehouseError, _raise(error), WAREHOUSE_ERRORS)  # type: ignore[no-any-return]
        return await update_warehouse(info, id, input)

    @strawberry.mutation(
        description="Deletes selected warehouse with its stock. Requires MANAGE_PRODUCTS; a partner's staff "
        "delete their own only. Refused while units in it are allocated to orders not shipped yet, or while "
        "shipments that left it are on record."
    )
    async def delete_warehouse(self, info: Info, id: strawberry.ID) -> WarehouseDelete | None:
        editor = await editor_of(info)

        async def work() -> WarehouseDelete:
            warehouse = await warehouse_for_editing(editor, warehouse_pk(id), "id")
            shown = Warehouse.of(warehouse)
            await warehouses.delete_warehouse(warehouse)
            return WarehouseDelete(warehouse=shown)

        return await run(WarehouseDelete, WarehouseError, work, WAREHOUSE_ERRORS)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Creates a new product type. Requires MANAGE_PRODUCTS (operator only).")
    async def product_type_create(self, info: Info, input: ProductTypeInput) -> ProductTypeCreate | None:
        await operator_of(info)

        async def work() -> ProductTypeCreate:
            created = await product_types.create_product_type(_product_type_data(input))
            return ProductTypeCreate(product_type=ProductType.of(created))

        return await run(ProductTypeCreate, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates an existing product type. Requires MANAGE_PRODUCTS (operator only).")
    async def product_type_update(
        self, info: Info, id: strawberry.ID, input: ProductTypeInput
    ) -> ProductTypeUpdate | None:
        await operator_of(info)

        async def work() -> ProductTypeUpdate:
            row = await _product_type(id)
            updated = await product_types.update_product_type(row, _product_type_data(input))
            return ProductTypeUpdate(product_type=ProductType.of(updated))

        return await run(ProductTypeUpdate, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes a product type. Requires MANAGE_PRODUCTS (operator only). Refused while gifts use it."
    )
    async def product_type_delete(self, info: Info, id: strawberry.ID) -> ProductTypeDelete | None:
        await operator_of(info)

        async def work() -> ProductTypeDelete:
            row = await _product_type(id)
            shown = ProductType.of(row)
            await product_types.delete_product_type(row)
            return ProductTypeDelete(product_type=shown)

        return await run(ProductTypeDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes product types. Requires MANAGE_PRODUCTS (operator only). All or none: refused while "
        "gifts use any of them."
    )
    async def product_type_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductTypeBulkDelete | None:
        await operator_of(info)

        async def delete_one(global_id: str) -> None:
            await product_types.delete_product_type(await _product_type(global_id, "ids"), "ids")

        async def work() -> ProductTypeBulkDelete:
            return ProductTypeBulkDelete(count=await _delete_each(ids, delete_one))

        return await run(ProductTypeBulkDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes products. Requires MANAGE_PRODUCTS; a partner's staff delete their own only. All or none."
    )
    async def product_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductBulkDelete | None:
        editor = await editor_of(info)

        async def delete_one(global_id: str) -> None:
            product = await product_for_editing(editor, int_id(global_id, "Product", "ids"), "ids")
            await products.delete_product(editor, product)

        async def work() -> ProductBulkDelete:
            return ProductBulkDelete(count=await _delete_each(ids, delete_one))

        return await run(ProductBulkDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes categories. Requires MANAGE_PRODUCTS (operator only). All or none.")
    async def category_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> CategoryBulkDelete | None:
        await operator_of(info)

        async def delete_one(global_id: str) -> None:
            category = await CategoryModel.get_or_none(id=int_id(global_id, "Category", "ids"))
            if category is None:
                raise not_found(global_id, "ids")
            await categories.delete_category(category)

        async def work() -> CategoryBulkDelete:
            # Children first: a parent named with its subcategories goes once they are gone.
            rows = await CategoryModel.filter(id__in=[int_id(i, "Category", "ids") for i in ids]).order_by("-level")
            order = [str(row.id) for row in rows]
            by_pk = {str(int_id(i, "Category", "ids")): i for i in ids}
            ordered = [by_pk[pk] for pk in order] + [i for i in ids if str(int_id(i, "Category", "ids")) not in order]
            return CategoryBulkDelete(count=await _delete_each(ordered, delete_one))

        return await run(CategoryBulkDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Deletes collections. Requires MANAGE_PRODUCTS (operator only). All or none.")
    async def collection_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> CollectionBulkDelete | None:
        await operator_of(info)

        async def delete_one(global_id: str) -> None:
            await categories.delete_collection(await _collection(global_id, "ids"))

        async def work() -> CollectionBulkDelete:
            return CollectionBulkDelete(count=await _delete_each(ids, delete_one))

        return await run(CollectionBulkDelete, CollectionError, work, COLLECTION_ERRORS)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes a collection; its products stay. Requires MANAGE_PRODUCTS (operator only)."
    )
    async def collection_delete(self, info: Info, id: strawberry.ID) -> CollectionDelete | None:
        await operator_of(info)

        async def work() -> CollectionDelete:
            collection = await _collection(id)
            shown = Collection.of(collection, await staff_view(info))
            await categories.delete_collection(collection)
            return CollectionDelete(collection=shown)

        return await run(CollectionDelete, CollectionError, work, COLLECTION_ERRORS)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates a collection. Requires MANAGE_PRODUCTS (operator only).")
    async def collection_update(self, info: Info, id: strawberry.ID, input: CollectionInput) -> CollectionUpdate | None:
        await operator_of(info)

        async def work() -> CollectionUpdate:
            collection = await categories.update_collection(await _collection(id), _collection_data(input))
            return CollectionUpdate(collection=Collection.of(collection, await staff_view(info)))

        return await run(CollectionUpdate, CollectionError, work, COLLECTION_ERRORS)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Manage collection's availability in channels. Requires MANAGE_PRODUCTS (operator only)."
    )
    async def collection_channel_listing_update(
        self, info: Info, id: strawberry.ID, input: CollectionChannelListingUpdateInput
    ) -> CollectionChannelListingUpdate | None:
        await operator_of(info)

        async def work() -> CollectionChannelListingUpdate:
            collection = await _collection(id)
            for listing in input.add_channels or []:
                channel_id = int_id(listing.channel_id, "Channel", "addChannels")
                await categories.publish_collection(collection, channel_id, bool(listing.is_published))
            for channel in input.remove_channels or []:
                await categories.unpublish_collection(collection, int_id(channel, "Channel", "removeChannels"))
            return CollectionChannelListingUpdate(collection=Collection.of(collection, await staff_view(info)))

        # Saleor reports these with ProductErrorCode
        return await run(CollectionChannelListingUpdate, CollectionChannelListingError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Reorder the products of a collection. Requires MANAGE_PRODUCTS (operator only).")
    async def collection_reorder_products(
        self, info: Info, collection_id: strawberry.ID, moves: list[MoveProductInput]
    ) -> CollectionReorderProducts | None:
        await operator_of(info)

        async def work() -> CollectionReorderProducts:
            collection = await _collection(collection_id, "collectionId")
            shifts = [Move(int_id(m.product_id, "Product", "moves"), m.sort_order) for m in moves]
            await categories.reorder_collection_products(collection, shifts)
            return CollectionReorderProducts(collection=Collection.of(collection, await staff_view(info)))

        return await run(  # type: ignore[no-any-return]
            CollectionReorderProducts, CollectionError, work, COLLECTION_ERRORS
        )

    @strawberry.mutation(
        description="Deletes product media. Requires MANAGE_PRODUCTS; a partner's staff delete their own only."
    )
    async def product_media_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductMediaBulkDelete | None:
        editor = await editor_of(info)
        storage = storage_for(info.context.settings)

        async def work() -> ProductMediaBulkDelete:
            # Every one is found (and the editor's) before any file leaves the storage.
            rows = [await _media(editor, global_id, "ids") for global_id in dict.fromkeys(ids)]
            for row in rows:
                await media.delete_media(storage, row)
            return ProductMediaBulkDelete(count=len(rows))

        return await run(ProductMediaBulkDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Changes ordering of the product media: every media of the product, in the new order. "
        "Requires MANAGE_PRODUCTS."
    )
    async def product_media_reorder(
        self, info: Info, media_ids: list[strawberry.ID], product_id: strawberry.ID
    ) -> ProductMediaReorder | None:
        editor = await editor_of(info)

        async def work() -> ProductMediaReorder:
            product = await product_for_editing(editor, int_id(product_id, "Product", "productId"), "productId")
            await media.reorder_media(product, [int_id(m, "ProductMedia", "mediaIds") for m in media_ids])
            rows = await ProductMediaModel.filter(product_id=product.id)
            view = await staff_view(info)
            return ProductMediaReorder(
                product=Product.of(product, view), media=[ProductMedia.of(row, info.context) for row in rows]
            )

        return await run(ProductMediaReorder, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Updates a product media (its alt text). Requires MANAGE_PRODUCTS.")
    async def product_media_update(
        self, info: Info, id: strawberry.ID, input: ProductMediaUpdateInput
    ) -> ProductMediaUpdate | None:
        editor = await editor_of(info)

        async def work() -> ProductMediaUpdate:
            row = await _media(editor, id)
            if input.alt is not None:
                row = await media.update_media_alt(row, input.alt)
            product = await product_for_editing(editor, row.product_id)  # type: ignore[attr-defined]
            view = await staff_view(info)
            return ProductMediaUpdate(product=Product.of(product, view), media=ProductMedia.of(row, info.context))

        return await run(ProductMediaUpdate, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Creates product variants for a given product, with their stock and points prices. Requires "
        "MANAGE_PRODUCTS; a partner's staff, for their own gifts."
    )
    async def product_variant_bulk_create(
        self,
        info: Info,
        product: strawberry.ID,
        variants: list[ProductVariantBulkCreateInput],
        error_policy: ErrorPolicyEnum | None = None,  # type: ignore[valid-type]
    ) -> ProductVariantBulkCreate | None:
        return await variant_bulk.bulk_create(info, product, variants, error_policy)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Updates multiple product variants of a product: fields, stock per warehouse, points prices. "
        "Requires MANAGE_PRODUCTS; a partner's staff, for their own gifts."
    )
    async def product_variant_bulk_update(
        self,
        info: Info,
        product: strawberry.ID,
        variants: list[ProductVariantBulkUpdateInput],
        error_policy: ErrorPolicyEnum | None = None,  # type: ignore[valid-type]
    ) -> ProductVariantBulkUpdate | None:
        return await variant_bulk.bulk_update(info, product, variants, error_policy)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Deletes product variants, by ID or SKU. Requires MANAGE_PRODUCTS; a partner's staff delete "
        "their own only. All or none."
    )
    async def product_variant_bulk_delete(
        self, info: Info, ids: list[strawberry.ID] | None = None, skus: list[str] | None = None
    ) -> ProductVariantBulkDelete | None:
        editor = await editor_of(info)

        async def delete_one(key: str) -> None:
            variant_id = await _variant_id(key)
            await variants.delete_variant(await variant_for_editing(editor, variant_id, "ids"))

        async def work() -> ProductVariantBulkDelete:
            keys = [*(ids or []), *(f"sku:{sku}" for sku in skus or [])]
            return ProductVariantBulkDelete(count=await _delete_each(keys, delete_one))

        return await run(ProductVariantBulkDelete, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Reorder the variants of a product. Requires MANAGE_PRODUCTS.")
    async def product_variant_reorder(
        self, info: Info, moves: list[ReorderInput], product_id: strawberry.ID
    ) -> ProductVariantReorder | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantReorder:
            product = await product_for_editing(editor, int_id(product_id, "Product", "productId"), "productId")
            shifts = [Move(int_id(m.id, "ProductVariant", "moves"), m.sort_order) for m in moves]
            await variants.reorder_variants(product, shifts)
            return ProductVariantReorder(product=Product.of(product, await staff_view(info)))

        return await run(ProductVariantReorder, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(
        description="Set default variant for a product: it becomes the product's first variant. Requires "
        "MANAGE_PRODUCTS."
    )
    async def product_variant_set_default(
        self, info: Info, product_id: strawberry.ID, variant_id: strawberry.ID
    ) -> ProductVariantSetDefault | None:
        editor = await editor_of(info)

        async def work() -> ProductVariantSetDefault:
            product = await product_for_editing(editor, int_id(product_id, "Product", "productId"), "productId")
            await variants.make_default_variant(product, int_id(variant_id, "ProductVariant", "variantId"))
            return ProductVariantSetDefault(product=Product.of(product, await staff_view(info)))

        return await run(ProductVariantSetDefault, ProductError, work)  # type: ignore[no-any-return]

    @strawberry.mutation(description=f"Assign an media to a product variant. {NO_VARIANT_MEDIA}")
    async def variant_media_assign(
        self, info: Info, media_id: strawberry.ID, variant_id: strawberry.ID
    ) -> VariantMediaAssign | None:
        return await refuse(  # type: ignore[no-any-return]
            info,
            "MANAGE_PRODUCTS",
            VariantMediaAssign,
            ProductError,
            ProductErrorCode,
            "INVALID",
            "mediaId",
            NO_VARIANT_MEDIA,
        )

    @strawberry.mutation(description=f"Unassign an media from a product variant. {NO_VARIANT_MEDIA}")
    async def variant_media_unassign(
        self, info: Info, media_id: strawberry.ID, variant_id: strawberry.ID
    ) -> VariantMediaUnassign | None:
        return await refuse(  # type: ignore[no-any-return]
            info,
            "MANAGE_PRODUCTS",
            VariantMediaUnassign,
            ProductError,
            ProductErrorCode,
            "INVALID",
            "mediaId",
            NO_VARIANT_MEDIA,
        )


def _raise(error: DomainError) -> Callable[[], Awaitable[Any]]:
    async def work() -> Any:
        raise error

    return work


async def _variant_id(key: str) -> int:
    """A variant named by global ID or, for `skus`, as `sku:<SKU>`."""
    if not key.startswith("sku:"):
        return int_id(key, "ProductVariant", "ids")
    row = await ProductVariantModel.get_or_none(sku=key.removeprefix("sku:"))
    if row is None:
        raise DomainError.single(
            "skus", f"Couldn't resolve to a node: {key.removeprefix('sku:')}", ApiErrorCode.NOT_FOUND
        )
    return row.id
