"""TODO"""

from __future__ import annotations

from typing import Annotated

import strawberry

from catalog.graphql.admin.errors import BulkProductError, CollectionChannelListingError, ProductVariantBulkError
from catalog.graphql.collection import Collection
from catalog.graphql.content import PageType
from catalog.graphql.mutations.common import CollectionError, ProductError, errors_field
from catalog.graphql.product import Product
from catalog.graphql.product_type import ProductType
from catalog.graphql.variant import ProductVariant


@strawberry.type(description="Deletes categories.")
class CategoryBulkDelete:
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes collections.")
class CollectionBulkDelete:
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Manage collection's availability in channels.")
class CollectionChannelListingUpdate:
    collection: Collection | None = strawberry.field(default=None, description="An updated collection instance.")
    errors: list[CollectionChannelListingError] = errors_field()


@strawberry.type(description="Deletes a collection.")
class CollectionDelete:
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Reorder the products of a collection.")
class CollectionReorderProducts:
    errors: list[CollectionError] = errors_field()


@strawberry.type(description="Updates a collection.")
class CollectionUpdate:
    errors: list[CollectionError] = errors_field()
    collection: Collection | None = strawberry.field(default=None)


@strawberry.type(description="Deletes products.")
class ProductBulkDelete:
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Deletes product media.")
class ProductMediaBulkDelete:
    count: int = strawberry.field(description="Returns how many objects were affected.")
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Changes ordering of the product media.")
class ProductMediaReorder:
    product: Product | None = strawberry.field(default=None)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates a product media.")
class ProductMediaUpdate:
    product: Product | None = strawberry.field(default=None)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Creates product variants for a given product.")
class ProductVariantBulkCreate:
    product_variants: list[ProductVariant] = strawberry.field(description="List of the created variants.")
    results: list[ProductVariantBulkResult] = strawberry.field(description="List of the created variants.")
    errors: list[BulkProductError] = errors_field()


@strawberry.type
class ProductVariantBulkResult:
    product_variant: ProductVariant | None = strawberry.field(default=None, description="Product variant data.")
    errors: list[ProductVariantBulkError] | None = strawberry.field(
        default=None, description="List of errors occurred on create attempt."
    )


@strawberry.type(description="Deletes product variants.")
class ProductVariantBulkDelete:
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates multiple product variants.")
class ProductVariantBulkUpdate:
    results: list[ProductVariantBulkResult] = strawberry.field(description="List of the updated variants.")
    errors: list[ProductVariantBulkError] = errors_field()


@strawberry.type(description="Reorder the variants of a product.")
class ProductVariantReorder:
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Set default variant for a product.")
class ProductVariantSetDefault:
    product: Product | None = strawberry.field(default=None)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Assign an media to a product variant.")
class VariantMediaAssign:
    product_variant: ProductVariant | None = strawberry.field(default=None)
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Unassign an media from a product variant.")
class VariantMediaUnassign:
    product_variant: ProductVariant | None = strawberry.field(default=None)
    errors: list[ProductError] = errors_field()


ReferenceType = Annotated[ProductType | PageType, strawberry.union("ReferenceType")]
