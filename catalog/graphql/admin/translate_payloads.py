"""TODO"""

from __future__ import annotations

import strawberry

from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.mutations.common import errors_field
from catalog.graphql.product import Product
from catalog.graphql.variant import ProductVariant


@strawberry.type(description="Creates/updates translations for a category.")
class CategoryTranslate:
    errors: list[TranslationError] = errors_field()
    category: Category | None = strawberry.field(default=None)


@strawberry.type(description="Creates/updates translations for a collection.")
class CollectionTranslate:
    errors: list[TranslationError] = errors_field()
    collection: Collection | None = strawberry.field(default=None)


@strawberry.type(description="Creates/updates translations for a product.")
class ProductTranslate:
    errors: list[TranslationError] = errors_field()
    product: Product | None = strawberry.field(default=None)


@strawberry.type(description="Creates/updates translations for a product variant.")
class ProductVariantTranslate:
    errors: list[TranslationError] = errors_field()
    product_variant: ProductVariant | None = strawberry.field(default=None)
