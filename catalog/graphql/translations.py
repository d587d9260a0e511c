"""Saleor's translation types, built from the catalogue's stored translations (catalog.models.Translation)
for products, variants, categories and collections, and catalog.models.PageTranslation for content pages.
Menu items have none: always null."""

from __future__ import annotations

from typing import Any

import strawberry

from catalog.graphql import loaders
from catalog.models import PageTranslation as PageTranslationModel
from catalog.models import Translation
from catalog.services.translations import page_translation_of
from mall.graphql.common import LanguageDisplay, Node, language_display
from mall.graphql.context import Context
from mall.graphql.enums import enum_name
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString

DEPRECATED_JSON = "Use the `description` field instead."


@strawberry.type(description="Represents product translations.")
class ProductTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    seo_title: str | None = strawberry.field(description="Translated SEO title.")
    seo_description: str | None = strawberry.field(description="Translated SEO description.")
    slug: str | None = strawberry.field(description="Translated product slug.")
    name: str | None = strawberry.field(description="Translated product name.")
    description: JSONString | None = strawberry.field(description="Translated description of the product.")
    description_json: JSONString | None = strawberry.field(
        description="Translated description of the product.", deprecation_reason=DEPRECATED_JSON
    )


@strawberry.type(description="Represents product variant translations.")
class ProductVariantTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str = strawberry.field(description="Translated product variant name.")


@strawberry.type(description="Represents category translations.")
class CategoryTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    seo_title: str | None = strawberry.field(description="Translated SEO title.")
    seo_description: str | None = strawberry.field(description="Translated SEO description.")
    slug: str | None = strawberry.field(description="Translated category slug.")
    name: str | None = strawberry.field(description="Translated category name.")
    description: JSONString | None = strawberry.field(description="Translated description of the category.")
    description_json: JSONString | None = strawberry.field(
        description="Translated description of the category.", deprecation_reason=DEPRECATED_JSON
    )


@strawberry.type(description="Represents collection translations.")
class CollectionTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    seo_title: str | None = strawberry.field(description="Translated SEO title.")
    seo_description: str | None = strawberry.field(description="Translated SEO description.")
    slug: str | None = strawberry.field(description="Translated collection slug.")
    name: str | None = strawberry.field(description="Translated collection name.")
    description: JSONString | None = strawberry.field(description="Translated description of the collection.")
    description_json: JSONString | None = strawberry.field(
        description="Translated description of the collection.", deprecation_reason=DEPRECATED_JSON
    )


@strawberry.type(description="Represents page translations.")
class PageTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    seo_title: str | None = strawberry.field(description="Translated SEO title.")
    seo_description: str | None = strawberry.field(description="Translated SEO description.")
    slug: str | None = strawberry.field(description="Translated page slug.")
    title: str | None = strawberry.field(description="Translated page title.")
    content: JSONString | None = strawberry.field(description="Translated content of the page.")
    content_json: JSONString | None = strawberry.field(
        description="Translated description of the page.", deprecation_reason="Use the `content` field instead."
    )


@strawberry.type(description="Represents menu item translations.")
class MenuItemTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str = strawberry.field(description="Translated menu item name.")


def _seo_and_text(row: Translation) -> dict[str, Any]:
    return {
        "language": language_display(row.language_code),
        "seo_title": row.seo_title,
        "seo_description": row.seo_description,
        "slug": row.slug,
        "name": row.name,
        "description": row.description,
        "description_json": row.description,
    }


def product_translation(row: Translation) -> ProductTranslation:
    return ProductTranslation(id=to_global_id("ProductTranslation", row.id), **_seo_and_text(row))


def category_translation(row: Translation) -> CategoryTranslation:
    return CategoryTranslation(id=to_global_id("CategoryTranslation", row.id), **_seo_and_text(row))


def collection_translation(row: Translation) -> CollectionTranslation:
    return CollectionTranslation(id=to_global_id("CollectionTranslation", row.id), **_seo_and_text(row))


def variant_translation(row: Translation) -> ProductVariantTranslation:
    return ProductVariantTranslation(
        id=to_global_id("ProductVariantTranslation", row.id),
        language=language_display(row.language_code),
        name=row.name or "",
    )


BUILDERS = {
    "product": product_translation,
    "variant": variant_translation,
    "category": category_translation,
    "collection": collection_translation,
}


async def translation_in(context: Context, kind: str, object_id: int, language_code: Any) -> Any:
    """The `translation(languageCode:)` of a product, variant, category or collection, or null."""
    row = await loaders.translation(context, kind, object_id, enum_name(language_code))
    return BUILDERS[kind](row) if row is not None else None




def page_translation(row: PageTranslationModel) -> PageTranslation:
    return PageTranslation(
        id=to_global_id("PageTranslation", row.id),
        language=language_display(row.language_code),
        seo_title=row.seo_title,
        seo_description=row.seo_description,
        slug=row.slug,
        title=row.title,
        content=row.content,
        content_json=row.content,
    )


async def page_translation_in(page_id: int, language_code: Any) -> PageTranslation | None:
    """A content page's `translation(languageCode:)`, or null. Pages are few and read one at a time: no loader."""
    row = await page_translation_of(page_id, enum_name(language_code))
    return page_translation(row) if row is not None else None
