"""`Category`: the gift tree. Categories are not channel-scoped, their `products` take a channel."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql import loaders
from catalog.graphql.deprecation import deprecated
from catalog.graphql.inputs import USE_WHERE, ProductFilterInput, ProductOrder, ProductWhereInput
from catalog.graphql.lean import lean_field
from catalog.graphql.loaders import then
from catalog.graphql.media import stored_image
from catalog.graphql.pagination import Key, check_page_args, connection, counted_connection, slice_rows
from catalog.graphql.translations import CategoryTranslation
from catalog.models import Category as CategoryModel
from mall.graphql.common import Image, Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs
from mall.graphql.context import Context, Info
from mall.graphql.enums import LanguageCodeEnum, ThumbnailFormatEnum
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString

if TYPE_CHECKING:
    from catalog.graphql.product import ProductCountableConnection

ProductConnectionRef = Annotated["ProductCountableConnection", strawberry.lazy("catalog.graphql.product")]
TREE_KEYS = [Key("level", int), Key("slug", str), Key("id", int)]


@strawberry.type(
    description="Represents a single category of products. Categories allow to organize products in a "
    "tree-hierarchies which can be used for navigation in the storefront."
)
class Category(Node, ObjectWithMetadata):
    model: strawberry.Private[CategoryModel]
    context: strawberry.Private[Context | None] = None  # the request's, for lean fields (see lean.py)

    @classmethod
    def of(cls, model: CategoryModel, context: Context | None = None) -> Category:
        return cls(id=to_global_id("Category", model.id), model=model, context=context)

    @lean_field(description="SEO title of category.")
    def seo_title(self) -> str | None:
        return self.model.seo_title or None

    @lean_field(description="SEO description of category.")
    def seo_description(self) -> str | None:
        return self.model.seo_description or None

    @lean_field(description="Name of category")
    def name(self) -> str:
        return self.model.name

    @lean_field(description="Description of the category. Rich text format (https://editorjs.io/).")
    def description(self) -> JSONString | None:
        return self.model.description

    @lean_field(description="Slug of the category.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Parent category.")
    def parent(self, info: Info) -> Category | None:
        parent_id = self.model.parent_id  # type: ignore[attr-defined]
        if parent_id is None:
            return None
        return then(
            loaders.category(info.context, parent_id), lambda row: Category.of(row, info.context) if row else None
        )

    @lean_field(description="Level of the category.")
    def level(self) -> int:
        return self.model.level

    @lean_field(description="Description of the category.", deprecation_reason="Use the `description` field instead.")
    def description_json(self) -> JSONString | None:
        return self.model.description

    @lean_field(description="The date and time when the category was last updated.")
    def updated_at(self) -> datetime.datetime:
        return self.model.updated_at

    @strawberry.field(description="List of ancestors of the category (the root first).")
    def ancestors(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> CategoryCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        check_page_args(info, args)
        return then(
            loaders.all_categories(info.context),
            lambda rows: category_slice(_ancestors(rows, self.model), args, info.context),
        )

    @strawberry.field(description="List of products in the category and its subcategories.")
    async def products(
        self,
        info: Info,
        filter: Annotated[ProductFilterInput | None, strawberry.argument(description=deprecated(USE_WHERE))] = None,
        where: ProductWhereInput | None = None,
        sort_by: ProductOrder | None = None,
        search: str | None = None,
        channel: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductConnectionRef | None:
        from catalog.graphql.product_lists import ProductListRequest, product_connection

        request = ProductListRequest(channel, filter, where, sort_by, search, first, last, after, before)
        return await product_connection(info, request, category_id=self.model.id)

    @strawberry.field(description="List of children of the category.")
    def children(
        self,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> CategoryCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        check_page_args(info, args)
        own_id = self.model.id
        return then(
            loaders.all_categories(info.context),
            lambda rows: category_slice([row for row in rows if row.parent_id == own_id], args, info.context),
        )

    @lean_field(description="Background image of the category.")
    def background_image(
        self,
        size: int | None = None,
        format: ThumbnailFormatEnum | None = ThumbnailFormatEnum.ORIGINAL,
    ) -> Image | None:
        return stored_image(self.context, self.model.background_image, self.model.background_image_alt)

    @lean_field(description="Returns translated category fields for the given language code.")
    def translation(self, language_code: LanguageCodeEnum) -> CategoryTranslation | None:
        return None


def _ancestors(rows: list[CategoryModel], category: CategoryModel) -> list[CategoryModel]:
    by_id = {row.id: row for row in rows}
    found: list[CategoryModel] = []
    parent_id = category.parent_id  # type: ignore[attr-defined]
    while parent_id is not None and parent_id in by_id and len(found) < len(rows):
        found.append(by_id[parent_id])
        parent_id = by_id[parent_id].parent_id  # type: ignore[attr-defined]
    return list(reversed(found))


def category_slice(rows: list[CategoryModel], args: PageArgs, context: Context | None = None) -> Any:
    ordered = sorted(rows, key=lambda row: (row.level, row.slug, row.id))
    page = slice_rows(ordered, args, TREE_KEYS)
    return connection(
        CategoryCountableConnection, CategoryCountableEdge, page, lambda row: Category.of(row, context), len(ordered)
    )


CategoryCountableConnection, CategoryCountableEdge = counted_connection(Category, "Category")
