"""Categories, collections and warehouses: Saleor's create/update/delete mutations for them.

Categories and collections belong to the operator; a partner's staff manage their own warehouses.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.inventory import Warehouse
from catalog.graphql.mutations.common import (
    COLLECTION_ERRORS,
    WAREHOUSE_ERRORS,
    CollectionError,
    ProductError,
    WarehouseError,
    editor_of,
    errors_field,
    int_id,
    operator_of,
    run,
    staff_view,
)
from catalog.graphql.mutations.products import SeoInput
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.services import categories, warehouses
from catalog.services.access import warehouse_for_editing
from mall.accounts.graphql.inputs import AddressInput
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import parse_uuid_id
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import JSONString


@strawberry.input
class CategoryInput:
    description: JSONString | None = strawberry.field(
        default=UNSET, description="Category description (EditorJS JSON)."
    )
    name: str | None = strawberry.field(default=UNSET, description="Category name.")
    slug: str | None = strawberry.field(default=UNSET, description="Category slug.")
    seo: SeoInput | None = strawberry.field(default=None, description="Search engine optimization fields.")
    background_image_alt: str | None = strawberry.field(default=None, description="Alt text for a product media.")
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Fields required to update the category metadata."
    )


@strawberry.type(description="Creates a new category. Requires MANAGE_PRODUCTS (operator).")
class CategoryCreate:
    category: Category | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates a category. Requires MANAGE_PRODUCTS (operator).")
class CategoryUpdate:
    category: Category | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes a category. Requires MANAGE_PRODUCTS (operator).")
class CategoryDelete:
    category: Category | None = None
    errors: list[ProductError] = errors_field()


def _category_data(input: CategoryInput, parent_id: int | None = None) -> categories.CategoryData:
    values: dict[str, Any] = {
        k: getattr(input, k) for k in ("name", "slug", "description") if getattr(input, k) is not UNSET
    }
    if input.seo is not None:
        values |= {"seo_title": input.seo.title or "", "seo_description": input.seo.description or ""}
    data = categories.CategoryData(parent_id=parent_id, **values)
    data.given = set(values)
    return data


@strawberry.input
class CollectionCreateInput:
    name: str | None = strawberry.field(default=None, description="Name of the collection.")
    slug: str | None = strawberry.field(default=None, description="Slug of the collection.")
    description: JSONString | None = strawberry.field(
        default=None, description="Description of the collection (EditorJS JSON)."
    )
    is_published: bool | None = strawberry.field(
        default=None, description="Ignored: publish per channel with collectionChannelListingUpdate."
    )
    products: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of products to be added to the collection."
    )


@strawberry.type(description="Creates a new collection. Requires MANAGE_PRODUCTS (operator).")
class CollectionCreate:
    collection: Collection | None = None
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Adds products to a collection. Requires MANAGE_PRODUCTS (operator).")
class CollectionAddProducts:
    collection: Collection | None = None
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Remove products from a collection. Requires MANAGE_PRODUCTS (operator).")
class CollectionRemoveProducts:
    collection: Collection | None = None
    errors: list[CollectionError] = errors_field()


@strawberry.input
class WarehouseCreateInput:
    name: str = strawberry.field(description="Warehouse name.")
    slug: str | None = strawberry.field(default=None, description="Warehouse slug.")
    email: str | None = strawberry.field(default=None, description="The email address of the warehouse.")
    external_reference: str | None = strawberry.field(default=None, description="External ID of the warehouse.")
    address: AddressInput = strawberry.field(description="Address of the warehouse.")
    partner: str | None = strawberry.field(
        default=None,
        description="Points mall: the partner who owns it (operator only; partner staff always create their own).",
    )
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Points mall: channels whose orders this warehouse ships."
    )


@strawberry.input
class WarehouseUpdateInput:
    name: str | None = strawberry.field(default=UNSET, description="Warehouse name.")
    slug: str | None = strawberry.field(default=UNSET, description="Warehouse slug.")
    email: str | None = strawberry.field(default=UNSET, description="The email address of the warehouse.")
    address: AddressInput | None = strawberry.field(default=None, description="Address of the warehouse.")
    add_channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Points mall: start shipping these channels' orders."
    )
    remove_channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Points mall: stop shipping these channels' orders."
    )


@strawberry.type(description="Creates a new warehouse. Requires MANAGE_PRODUCTS.")
class WarehouseCreate:
    warehouse: Warehouse | None = None
    errors: list[WarehouseError] = errors_field()


@strawberry.type(description="Updates given warehouse. Requires MANAGE_PRODUCTS.")
class WarehouseUpdate:
    warehouse: Warehouse | None = None
    errors: list[WarehouseError] = errors_field()


def _address_values(address: AddressInput | None) -> dict[str, Any]:
    if address is None:
        return {}
    values = {
        "company_name": address.company_name,
        "street_address_1": address.street_address_1,
        "city": address.city,
        "postal_code": address.postal_code,
        "phone": address.phone,
        "country": enum_name(address.country) if address.country is not None else None,
    }
    return {key: value for key, value in values.items() if value is not None}


def _warehouse_pk(global_id: str) -> str:
    try:
        return parse_uuid_id(global_id, "Warehouse")
    except Exception as error:
        raise DomainError.single(
            "id", f"Invalid ID: {global_id}. Expected: Warehouse.", ApiErrorCode.GRAPHQL_ERROR
        ) from error


async def _collection(global_id: str) -> CollectionModel:
    found = await CollectionModel.get_or_none(id=int_id(global_id, "Collection", "collectionId"))
    if found is None:
        raise DomainError.single("collectionId", f"Couldn't resolve to a node: {global_id}", ApiErrorCode.NOT_FOUND)
    return found


@strawberry.type
class StructureMutations:
    @strawberry.mutation(description="Creates a new category. Requires MANAGE_PRODUCTS (operator only).")
    async def category_create(
        self, info: Info, input: CategoryInput, parent: strawberry.ID | None = None
    ) -> CategoryCreate | None:
        await operator_of(info)

        async def work() -> CategoryCreate:
            parent_id = int_id(parent, "Category", "parent") if parent else None
            return CategoryCreate(
                category=Category.of(await categories.create_category(_category_data(input, parent_id)))
            )

        return await run(CategoryCreate, ProductError, work)

    @strawberry.mutation(description="Updates a category. Requires MANAGE_PRODUCTS (operator only).")
    async def category_update(self, info: Info, id: strawberry.ID, input: CategoryInput) -> CategoryUpdate | None:
        await operator_of(info)

        async def work() -> CategoryUpdate:
            category = await CategoryModel.get_or_none(id=int_id(id, "Category", "id"))
            if category is None:
                raise DomainError.single("id", f"Couldn't resolve to a node: {id}", ApiErrorCode.NOT_FOUND)
            return CategoryUpdate(
                category=Category.of(await categories.update_category(category, _category_data(input)))
            )

        return await run(CategoryUpdate, ProductError, work)

    @strawberry.mutation(
        description="Deletes a category; its gifts stay, without a category. Requires MANAGE_PRODUCTS (operator only)."
    )
    async def category_delete(self, info: Info, id: strawberry.ID) -> CategoryDelete | None:
        await operator_of(info)

        async def work() -> CategoryDelete:
            category = await CategoryModel.get_or_none(id=int_id(id, "Category", "id"))
            if category is None:
                raise DomainError.single("id", f"Couldn't resolve to a node: {id}", ApiErrorCode.NOT_FOUND)
            shown = Category.of(category)
            await categories.delete_category(category)
            return CategoryDelete(category=shown)

        return await run(CategoryDelete, ProductError, work)

    @strawberry.mutation(description="Creates a new collection. Requires MANAGE_PRODUCTS (operator only).")
    async def collection_create(self, info: Info, input: CollectionCreateInput) -> CollectionCreate | None:
        await operator_of(info)

        async def work() -> CollectionCreate:
            collection = await categories.create_collection(input.name or "", input.slug, input.description)
            ids = [int_id(p, "Product", "products") for p in input.products or []]
            await categories.add_products(collection, ids)
            return CollectionCreate(collection=Collection.of(collection, await staff_view(info)))

        return await run(CollectionCreate, CollectionError, work, COLLECTION_ERRORS)

    @strawberry.mutation(description="Adds products to a collection. Requires MANAGE_PRODUCTS (operator only).")
    async def collection_add_products(
        self, info: Info, collection_id: strawberry.ID, products: list[strawberry.ID]
    ) -> CollectionAddProducts | None:
        await operator_of(info)

        async def work() -> CollectionAddProducts:
            collection = await _collection(collection_id)
            await categories.add_products(collection, [int_id(p, "Product", "products") for p in products])
            return CollectionAddProducts(collection=Collection.of(collection, await staff_view(info)))

        return await run(CollectionAddProducts, CollectionError, work, COLLECTION_ERRORS)

    @strawberry.mutation(description="Remove products from a collection. Requires MANAGE_PRODUCTS (operator only).")
    async def collection_remove_products(
        self, info: Info, collection_id: strawberry.ID, products: list[strawberry.ID]
    ) -> CollectionRemoveProducts | None:
        await operator_of(info)

        async def work() -> CollectionRemoveProducts:
            collection = await _collection(collection_id)
            await categories.remove_products(collection, [int_id(p, "Product", "products") for p in products])
            return CollectionRemoveProducts(collection=Collection.of(collection, await staff_view(info)))

        return await run(CollectionRemoveProducts, CollectionError, work, COLLECTION_ERRORS)

    @strawberry.mutation(
        description="Creates a new warehouse. Requires MANAGE_PRODUCTS. A partner's staff create "
        "warehouses of their own partner."
    )
    async def warehouse_create(self, info: Info, input: WarehouseCreateInput) -> WarehouseCreate | None:
        editor = await editor_of(info)

        async def work() -> WarehouseCreate:
            values = {"name": input.name, "slug": input.slug, "email": input.email, "partner_code": input.partner}
            data = warehouses.WarehouseData(**values, **_address_values(input.address))
            warehouse = await warehouses.create_warehouse(editor, data)
            channel_ids = [int_id(c, "Channel", "channels") for c in input.channels or []]
            await warehouses.link_channels(warehouse, channel_ids, [])
            return WarehouseCreate(warehouse=Warehouse.of(warehouse))

        return await run(WarehouseCreate, WarehouseError, work, WAREHOUSE_ERRORS)

    @strawberry.mutation(description="Updates given warehouse. Requires MANAGE_PRODUCTS.")
    async def warehouse_update(
        self, info: Info, id: strawberry.ID, input: WarehouseUpdateInput
    ) -> WarehouseUpdate | None:
        editor = await editor_of(info)

        async def work() -> WarehouseUpdate:
            warehouse = await warehouse_for_editing(editor, _warehouse_pk(id), "id")
            values = {k: getattr(input, k) for k in ("name", "slug", "email") if getattr(input, k) is not UNSET}
            values |= _address_values(input.address)
            data = warehouses.WarehouseData(**values)
            data.given = set(values)
            warehouse = await warehouses.update_warehouse(warehouse, data)
            added = [int_id(c, "Channel", "addChannels") for c in input.add_channels or []]
            removed = [int_id(c, "Channel", "removeChannels") for c in input.remove_channels or []]
            await warehouses.link_channels(warehouse, added, removed)
            return WarehouseUpdate(warehouse=Warehouse.of(warehouse))

        return await run(WarehouseUpdate, WarehouseError, work, WAREHOUSE_ERRORS)
