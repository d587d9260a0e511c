"""Payloads of the back office's catalogue mutations, Saleor's names and fields."""

from __future__ import annotations

from typing import Annotated

import strawberry

from catalog.graphql.admin.errors import BulkProductError, CollectionChannelListingError, ProductVariantBulkError
from catalog.graphql.collection import Collection
from catalog.graphql.content import PageType
from catalog.graphql.inventory import Warehouse
from catalog.graphql.media import ProductMedia
from catalog.graphql.mutations.common import CollectionError, ProductError, WarehouseError, errors_field
from catalog.graphql.product import Product
from catalog.graphql.product_type import ProductType
from catalog.graphql.variant import ProductVariant

COUNT = "Returns how many objects were affected."


@strawberry.type(description="Deletes selected warehouse.")
class WarehouseDelete:
    errors: list[WarehouseError] = errors_field()
    warehouse: Warehouse | None = strawberry.field(default=None, description="The deleted warehouse.")


@strawberry.type(description="Creates a new product type.")
class ProductTypeCreate:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = None


@strawberry.type(description="Updates an existing product type.")
class ProductTypeUpdate:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = None


@strawberry.type(description="Deletes a product type.")
class ProductTypeDelete:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = None


@strawberry.type(description="Deletes product types.")
class ProductTypeBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Reorder the attributes of a product type.")
class ProductTypeReorderAttributes:
    product_type: ProductType | None = strawberry.field(
        default=None, description="Product type from which attributes are reordered."
    )
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes products.")
class ProductBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes categories.")
class CategoryBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes collections.")
class CollectionBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Deletes a collection.")
class CollectionDelete:
    errors: list[CollectionError] = errors_field()
    collection: Collection | None = None


@strawberry.type(description="Updates a collection.")
class CollectionUpdate:
    errors: list[CollectionError] = errors_field()
    collection: Collection | None = None


@strawberry.type(description="Manage collection's availability in channels.")
class CollectionChannelListingUpdate:
    collection: Collection | None = strawberry.field(default=None, description="An updated collection instance.")
    errors: list[CollectionChannelListingError] = errors_field()


@strawberry.type(description="Reorder the products of a collection.")
class CollectionReorderProducts:
    collection: Collection | None = strawberry.field(
        default=None, description="Collection from which products are reordered."
    )
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Deletes product media.")
class ProductMediaBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Changes ordering of the product media.")
class ProductMediaReorder:
    product: Product | None = None
    media: list[ProductMedia] | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates a product media.")
class ProductMediaUpdate:
    product: Product | None = None
    media: ProductMedia | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type
class ProductVariantBulkResult:
    product_variant: ProductVariant | None = strawberry.field(default=None, description="Product variant data.")
    errors: list[ProductVariantBulkError] | None = strawberry.field(
        default=None, description="List of errors occurred on create or update attempt."
    )


@strawberry.type(description="Creates product variants for a given product.")
class ProductVariantBulkCreate:
    count: int = strawberry.field(default=0, description="Returns how many objects were created.")
    product_variants: list[ProductVariant] = strawberry.field(
        default_factory=list, description="List of the created variants."
    )
    results: list[ProductVariantBulkResult] = strawberry.field(
        default_factory=list, description="List of the created variants."
    )
    errors: list[BulkProductError] = errors_field()


@strawberry.type(description="Updates multiple product variants.")
class ProductVariantBulkUpdate:
    count: int = strawberry.field(default=0, description="Returns how many objects were updated.")
    results: list[ProductVariantBulkResult] = strawberry.field(
        default_factory=list, description="List of the updated variants."
    )
    errors: list[ProductVariantBulkError] = errors_field()


@strawberry.type(description="Deletes product variants.")
class ProductVariantBulkDelete:
    count: int = strawberry.field(default=0, description=COUNT)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Reorder the variants of a product.")
class ProductVariantReorder:
    product: Product | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Set default variant for a product.")
class ProductVariantSetDefault:
    product: Product | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Assign an media to a product variant.")
class VariantMediaAssign:
    product_variant: ProductVariant | None = None
    media: ProductMedia | None = None
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Unassign an media from a product variant.")
class VariantMediaUnassign:
    product_variant: ProductVariant | None = None
    media: ProductMedia | None = None
    errors: list[ProductError] = errors_field()


ReferenceType = Annotated[ProductType | PageType, strawberry.union("ReferenceType")]
