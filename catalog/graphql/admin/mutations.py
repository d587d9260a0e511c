"""The Dashboard's catalogue mutations."""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.catalog_payloads import (
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
    ProductVariantBulkCreate,
    ProductVariantBulkDelete,
    ProductVariantBulkUpdate,
    ProductVariantReorder,
    ProductVariantSetDefault,
    VariantMediaAssign,
    VariantMediaUnassign,
)
from catalog.graphql.admin.enums import ErrorPolicyEnum, ProductVariantBulkErrorCode
from catalog.graphql.admin.errors import BulkProductError, CollectionChannelListingError, ProductVariantBulkError
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
from catalog.graphql.admin.product_type_payloads import (
    ProductTypeBulkDelete,
    ProductTypeCreate,
    ProductTypeDelete,
    ProductTypeUpdate,
)
from catalog.graphql.admin.refusal import refuse
from catalog.graphql.admin.warehouse_payloads import WarehouseDelete
from catalog.graphql.mutations.common import CollectionError, ProductError, WarehouseError
from catalog.graphql.mutations.structure import (
    WarehouseCreate,
    WarehouseCreateInput,
    WarehouseUpdate,
    WarehouseUpdateInput,
)
from mall.graphql.context import Info
from mall.graphql.enums import CollectionErrorCode, ProductErrorCode, WarehouseErrorCode

WHY = "Not available in the points mall yet."


@strawberry.type
class CatalogAdminMutations:
    @strawberry.mutation(description=f"Creates a new warehouse. {WHY}")
    async def create_warehouse(self, info: Info, input: WarehouseCreateInput) -> WarehouseCreate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", WarehouseCreate, WarehouseError, WarehouseErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Updates given warehouse. {WHY}")
    async def update_warehouse(
        self,
        info: Info,
        input: WarehouseUpdateInput,
        external_reference: str | None = None,
        id: strawberry.ID | None = None,
    ) -> WarehouseUpdate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", WarehouseUpdate, WarehouseError, WarehouseErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Deletes selected warehouse. {WHY}")
    async def delete_warehouse(self, info: Info, id: strawberry.ID) -> WarehouseDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", WarehouseDelete, WarehouseError, WarehouseErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Creates a new product type. {WHY}")
    async def product_type_create(self, info: Info, input: ProductTypeInput) -> ProductTypeCreate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductTypeCreate, ProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Updates an existing product type. {WHY}")
    async def product_type_update(
        self, info: Info, id: strawberry.ID, input: ProductTypeInput
    ) -> ProductTypeUpdate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductTypeUpdate, ProductError, ProductErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Deletes a product type. {WHY}")
    async def product_type_delete(self, info: Info, id: strawberry.ID) -> ProductTypeDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductTypeDelete, ProductError, ProductErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Deletes product types. {WHY}")
    async def product_type_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductTypeBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductTypeBulkDelete, ProductError, ProductErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Deletes products. {WHY}")
    async def product_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductBulkDelete, ProductError, ProductErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Deletes categories. {WHY}")
    async def category_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> CategoryBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", CategoryBulkDelete, ProductError, ProductErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Deletes collections. {WHY}")
    async def collection_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> CollectionBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", CollectionBulkDelete, CollectionError, CollectionErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Deletes a collection. {WHY}")
    async def collection_delete(self, info: Info, id: strawberry.ID) -> CollectionDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", CollectionDelete, CollectionError, CollectionErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Updates a collection. {WHY}")
    async def collection_update(self, info: Info, id: strawberry.ID, input: CollectionInput) -> CollectionUpdate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", CollectionUpdate, CollectionError, CollectionErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Manage collection's availability in channels. {WHY}")
    async def collection_channel_listing_update(
        self, info: Info, id: strawberry.ID, input: CollectionChannelListingUpdateInput
    ) -> CollectionChannelListingUpdate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCTS",
            CollectionChannelListingUpdate,
            CollectionChannelListingError,
            ProductErrorCode,
            "NOT_FOUND",
            "id",
            WHY,
        )

    @strawberry.mutation(description=f"Reorder the products of a collection. {WHY}")
    async def collection_reorder_products(
        self, info: Info, collection_id: strawberry.ID, moves: list[MoveProductInput]
    ) -> CollectionReorderProducts | None:
        return await refuse(
            info,
            "MANAGE_PRODUCTS",
            CollectionReorderProducts,
            CollectionError,
            CollectionErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Deletes product media. {WHY}")
    async def product_media_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> ProductMediaBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductMediaBulkDelete, ProductError, ProductErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Changes ordering of the product media. {WHY}")
    async def product_media_reorder(
        self, info: Info, media_ids: list[strawberry.ID], product_id: strawberry.ID
    ) -> ProductMediaReorder | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductMediaReorder, ProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Updates a product media. {WHY}")
    async def product_media_update(
        self, info: Info, id: strawberry.ID, input: ProductMediaUpdateInput
    ) -> ProductMediaUpdate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductMediaUpdate, ProductError, ProductErrorCode, "NOT_FOUND", "id", WHY
        )

    @strawberry.mutation(description=f"Creates product variants for a given product. {WHY}")
    async def product_variant_bulk_create(
        self,
        info: Info,
        product: strawberry.ID,
        variants: list[ProductVariantBulkCreateInput],
        error_policy: ErrorPolicyEnum | None = None,
    ) -> ProductVariantBulkCreate | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductVariantBulkCreate, BulkProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Deletes product variants. {WHY}")
    async def product_variant_bulk_delete(
        self, info: Info, ids: list[strawberry.ID] | None = None, skus: list[str] | None = None
    ) -> ProductVariantBulkDelete | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductVariantBulkDelete, ProductError, ProductErrorCode, "NOT_FOUND", "ids", WHY
        )

    @strawberry.mutation(description=f"Updates multiple product variants. {WHY}")
    async def product_variant_bulk_update(
        self,
        info: Info,
        product: strawberry.ID,
        variants: list[ProductVariantBulkUpdateInput],
        error_policy: ErrorPolicyEnum | None = None,
    ) -> ProductVariantBulkUpdate | None:
        return await refuse(
            info,
            "MANAGE_PRODUCTS",
            ProductVariantBulkUpdate,
            ProductVariantBulkError,
            ProductVariantBulkErrorCode,
            "INVALID",
            None,
            WHY,
        )

    @strawberry.mutation(description=f"Reorder the variants of a product. {WHY}")
    async def product_variant_reorder(
        self, info: Info, moves: list[ReorderInput], product_id: strawberry.ID
    ) -> ProductVariantReorder | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductVariantReorder, ProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Set default variant for a product. {WHY}")
    async def product_variant_set_default(
        self, info: Info, product_id: strawberry.ID, variant_id: strawberry.ID
    ) -> ProductVariantSetDefault | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", ProductVariantSetDefault, ProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Assign an media to a product variant. {WHY}")
    async def variant_media_assign(
        self, info: Info, media_id: strawberry.ID, variant_id: strawberry.ID
    ) -> VariantMediaAssign | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", VariantMediaAssign, ProductError, ProductErrorCode, "INVALID", None, WHY
        )

    @strawberry.mutation(description=f"Unassign an media from a product variant. {WHY}")
    async def variant_media_unassign(
        self, info: Info, media_id: strawberry.ID, variant_id: strawberry.ID
    ) -> VariantMediaUnassign | None:
        return await refuse(
            info, "MANAGE_PRODUCTS", VariantMediaUnassign, ProductError, ProductErrorCode, "INVALID", None, WHY
        )
