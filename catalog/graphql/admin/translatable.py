"""Saleor's translatable contents: what the Dashboard's translation pages list (an object's translatable
fields beside its translation in one language). Products, variants, categories, collections, pages and
attributes (with their values) answer their stored translation; menu items have none (null)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from catalog.graphql.attributes import Attribute, AttributeTranslation, AttributeValue, AttributeValueTranslation
from catalog.graphql.category import Category
from catalog.graphql.collection import Collection
from catalog.graphql.content import Page
from catalog.graphql.context import catalog_view
from catalog.graphql.menus import MenuItem
from catalog.graphql.product import Product
from catalog.graphql.translations import (
    CategoryTranslation,
    CollectionTranslation,
    MenuItemTranslation,
    PageTranslation,
    ProductTranslation,
    ProductVariantTranslation,
    page_translation_in,
    translation_in,
)
from catalog.graphql.variant import ProductVariant
from mall.graphql.common import Node
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import to_global_id
from mall.graphql.saleor_absent.generated import (
    SaleTranslatableContent,
    ShippingMethodTranslatableContent,
    VoucherTranslatableContent,
)
from mall.graphql.scalars import (
    JSONString,
)


@strawberry.type(description="Represents product's original translatable fields and related translations.")
class ProductTranslatableContent(Node):
    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self,
        info: Info,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> ProductTranslation | None:
        return await translation_in(info.context, "product", self.product.model.id, language_code)  # type: ignore[union-attr]

    product: Product | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents an individual item for sale in the storefront.",
    )
    attribute_values: list[AttributeValueTranslatableContent] = strawberry.field(
        default_factory=list, description="List of product attribute values that can be translated."
    )


@strawberry.type(description="Represents attribute value's original translatable fields and related translations.")
class AttributeValueTranslatableContent(Node):
    name: str = strawberry.field(description="Name of the attribute value to translate.")
    rich_text: JSONString | None = strawberry.field(default=None, description="Attribute value.")
    plain_text: str | None = strawberry.field(default=None, description="Attribute plain text value.")

    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self, info: Info, language_code: LanguageCodeEnum  # type: ignore[valid-type]
    ) -> AttributeValueTranslation | None:
        if self.attribute_value is None:
            return None
        return await self.attribute_value.translation(info, language_code)  # type: ignore[no-any-return]

    attribute_value: AttributeValue | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents a value of an attribute.",
    )
    attribute: AttributeTranslatableContent | None = strawberry.field(
        default=None, description="Associated attribute that can be translated."
    )


@strawberry.type(description="Represents attribute's original translatable fields and related translations.")
class AttributeTranslatableContent(Node):
    name: str = strawberry.field(description="Name of the attribute to translate.")

    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self, info: Info, language_code: LanguageCodeEnum  # type: ignore[valid-type]
    ) -> AttributeTranslation | None:
        if self.attribute is None:
            return None
        return await self.attribute.translation(info, language_code)  # type: ignore[no-any-return]

    attribute: Attribute | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Custom attribute of a product.",
    )


@strawberry.type(description="Represents collection's original translatable fields and related translations.")
class CollectionTranslatableContent(Node):
    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self,
        info: Info,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> CollectionTranslation | None:
        return await translation_in(info.context, "collection", self.collection.model.id, language_code)  # type: ignore[union-attr]

    collection: Collection | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents a collection of products.",
    )


@strawberry.type(description="Represents category original translatable fields and related translations.")
class CategoryTranslatableContent(Node):
    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self,
        info: Info,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> CategoryTranslation | None:
        return await translation_in(info.context, "category", self.category.model.id, language_code)  # type: ignore[union-attr]

    category: Category | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents a single category of products.",
    )


@strawberry.type(description="Represents product variant's original translatable fields and related translations.")
class ProductVariantTranslatableContent(Node):
    name: str = strawberry.field(description="Name of the product variant to translate.")

    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(
        self,
        info: Info,
        language_code: LanguageCodeEnum,  # type: ignore[valid-type]
    ) -> ProductVariantTranslation | None:
        return await translation_in(info.context, "variant", self.product_variant.model.id, language_code)  # type: ignore[union-attr]

    product_variant: ProductVariant | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents a version of a product such as different size or color.",
    )
    attribute_values: list[AttributeValueTranslatableContent] = strawberry.field(
        default_factory=list, description="List of product variant attribute values that can be translated."
    )


@strawberry.type(description="Represents page's original translatable fields and related translations.")
class PageTranslatableContent(Node):
    @strawberry.field(description="Returns translated fields for the given language code.")
    async def translation(self, language_code: LanguageCodeEnum) -> PageTranslation | None:  # type: ignore[valid-type]
        return await page_translation_in(self.page.model.id, language_code) if self.page else None

    page: Page | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="A static page that can be manually added by a shop operator through the dashboard.",
    )
    attribute_values: list[AttributeValueTranslatableContent] = strawberry.field(
        default_factory=list, description="List of page content attribute values that can be translated."
    )


@strawberry.type(description="Represents menu item's original translatable fields and related translations.")
class MenuItemTranslatableContent(Node):
    @strawberry.field(
        description="Returns translated fields for the given language code: null, the mall stores no translations yet."
    )
    def translation(self, language_code: LanguageCodeEnum) -> MenuItemTranslation | None:  # type: ignore[valid-type]
        return None

    menu_item: MenuItem | None = strawberry.field(
        default=None,
        deprecation_reason="Get model fields from the root level queries.",
        description="Represents a single item of the related menu.",
    )


TranslatableItem = Annotated[
    ProductTranslatableContent
    | CollectionTranslatableContent
    | CategoryTranslatableContent
    | AttributeTranslatableContent
    | AttributeValueTranslatableContent
    | ProductVariantTranslatableContent
    | PageTranslatableContent
    | MenuItemTranslatableContent
    | ShippingMethodTranslatableContent  # no shipping method exists: named so that clients' documents validate
    | SaleTranslatableContent  # the mall never had Saleor's old sales: named so that clients' documents validate
    # Vouchers are translated through voucherTranslate and read through Voucher.translation; `translations(kind:
    # VOUCHER)` lists none yet (the catalogue cannot read orders' vouchers): named so that documents validate.
    | VoucherTranslatableContent,
    strawberry.union("TranslatableItem"),
]


async def translatable_content(info: Info, kind: str, row: Any) -> Any:
    """The translatable content of one stored object of `kind` (a TranslatableKinds name)."""
    view = await catalog_view(info, None)
    if kind == "PRODUCT":
        return ProductTranslatableContent(id=to_global_id("Product", row.id), product=Product.of(row, view))
    if kind == "VARIANT":
        return ProductVariantTranslatableContent(
            id=to_global_id("ProductVariant", row.id), name=row.name, product_variant=ProductVariant.of(row, view)
        )
    if kind == "CATEGORY":
        return CategoryTranslatableContent(id=to_global_id("Category", row.id), category=Category.of(row, info.context))
    if kind == "ATTRIBUTE":
        return AttributeTranslatableContent(
            id=to_global_id("Attribute", row.id), name=row.name, attribute=Attribute.of(row)
        )
    return CollectionTranslatableContent(id=to_global_id("Collection", row.id), collection=Collection.of(row, view))
