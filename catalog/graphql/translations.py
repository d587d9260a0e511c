"""Saleor's translation types. The mall stores no translations yet, so every `translation` is null."""

from __future__ import annotations

import strawberry

from mall.graphql.common import LanguageDisplay, Node
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
