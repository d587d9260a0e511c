"""Catalogue types as far as the foundation needs them (order lines in `me.orders`).

Placeholder shapes with Saleor's names and fields; the catalogue issue replaces them with model-backed
types. Nothing constructs them yet.
"""

from __future__ import annotations

import strawberry

from mall.graphql.common import Image, Node, TaxedMoney
from mall.graphql.enums import LanguageCodeEnum, ThumbnailFormatEnum
from mall.graphql.scalars import JSONString


@strawberry.type
class ProductTranslation:
    name: str | None = None


@strawberry.type
class ProductVariantTranslation:
    name: str = ""


@strawberry.type(description="Represents a category of products.")
class Category(Node):
    name: str = ""
    slug: str = ""


@strawberry.type(description="Represents an individual item for sale in the storefront.")
class Product(Node):
    name: str = ""
    slug: str = ""
    description: JSONString | None = None  # type: ignore[valid-type]
    category: Category | None = None

    @strawberry.field(description="Returns translated product fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> ProductTranslation | None:  # type: ignore[valid-type]
        return None

    @strawberry.field(description="The main thumbnail for a product.")
    def thumbnail(self, size: int | None = None, format: ThumbnailFormatEnum | None = None) -> Image | None:  # type: ignore[valid-type]
        return None


@strawberry.type(description="Represents availability of a variant in the storefront.")
class VariantPricingInfo:
    on_sale: bool | None = None
    price: TaxedMoney | None = None
    price_undiscounted: TaxedMoney | None = None


@strawberry.type(description="Represents a version of a product such as different size or color.")
class ProductVariant(Node):
    name: str = ""
    product: Product | None = None
    pricing: VariantPricingInfo | None = None

    @strawberry.field(description="Returns translated product variant fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> ProductVariantTranslation | None:  # type: ignore[valid-type]
        return None
