"""The catalogue's root queries, Saleor's names and arguments: products, variants, categories,
collections and pages (menus: menu_queries.py). Each resolver works out the caller's view and delegates."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from catalog.graphql import loaders
from catalog.graphql.category import Category, CategoryCountableConnection
from catalog.graphql.collection import Collection, CollectionCountableConnection
from catalog.graphql.content import Page, PageCountableConnection
from catalog.graphql.context import CatalogView, catalog_view, viewer_of
from catalog.graphql.deprecation import deprecated
from catalog.graphql.inputs import (
    USE_WHERE,
    CategoryFilterInput,
    CategorySortingInput,
    CategoryWhereInput,
    CollectionFilterInput,
    CollectionSortingInput,
    CollectionWhereInput,
    PageFilterInput,
    PageSortingInput,
    PageWhereInput,
    ProductFilterInput,
    ProductOrder,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
    ProductWhereInput,
)
from catalog.graphql.lists import category_list, collection_list, page_list, variant_list
from catalog.graphql.lookups import require_one_of, visible_collection, visible_product, visible_variant
from catalog.graphql.product import Product, ProductCountableConnection
from catalog.graphql.product_lists import ProductListRequest, product_connection
from catalog.graphql.review_queue import ReviewQueueQueries
from catalog.graphql.translated_slugs import translated_object_id, translated_page_id
from catalog.graphql.variant import ProductVariant, ProductVariantCountableConnection
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import Page as PageModel
from catalog.models import Product as ProductModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.services.pages import is_visible
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import int_pk, parse_int_id
from mall.graphql.node import NodeLoader
from mall.graphql.permissions import has_any_permission

OLD_FILTER = strawberry.argument(description=deprecated(USE_WHERE))

SLUG_LANGUAGE = "Language code of the slug, omit to use primary slug."
CHANNEL = "Slug of a channel for which the data should be returned."
UNPUBLISHED = (
    "Requires one of the following permissions to include the unpublished items: "
    "MANAGE_ORDERS, MANAGE_DISCOUNTS, MANAGE_PRODUCTS."
)


async def _product(info: Info, view: CatalogView, row: ProductModel | None) -> Product | None:
    visible, listing = await visible_product(info, view, row)
    return Product.of(row, view, listing=listing) if visible and row is not None else None


async def _variant(info: Info, view: CatalogView, row: ProductVariantModel | None) -> ProductVariant | None:
    return ProductVariant.of(row, view) if row is not None and await visible_variant(info, view, row) else None


async def _collection_view(info: Info, channel: str | None) -> CatalogView:
    """Collections are the operator's: partner staff need a channel as members do."""
    viewer = await viewer_of(info)
    if viewer.staff and not viewer.sees_everything and not channel:
        viewer = type(viewer)(staff=False, partner_code=viewer.partner_code)
    return await catalog_view(info, channel, viewer=viewer)


async def _sees_unpublished_pages(info: Info) -> bool:
    return has_any_permission(await info.context.principal(), ("MANAGE_PAGES",))


@strawberry.type
class CatalogQueries(ReviewQueueQueries):
    @strawberry.field(description=f"List of the shop's products. {UNPUBLISHED}")
    async def products(
        self,
        info: Info,
        filter: Annotated[ProductFilterInput | None, OLD_FILTER] = None,
        where: ProductWhereInput | None = None,
        sort_by: ProductOrder | None = None,
        search: str | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductCountableConnection | None:
        request = ProductListRequest(channel, filter, where, sort_by, search, first, last, after, before)
        return await product_connection(info, request)

    @strawberry.field(description=f"Look up a product by ID or slug. {UNPUBLISHED}")
    async def product(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        slug_language_code: Annotated[LanguageCodeEnum | None, strawberry.argument(description=SLUG_LANGUAGE)] = None,
        external_reference: str | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
    ) -> Product | None:
        require_one_of(id=id, slug=slug, external_reference=external_reference)
        view = await catalog_view(info, channel)
        if id:
            row = await loaders.product(info.context, parse_int_id(id, "Product"))
        elif slug and slug_language_code:
            product_id = await translated_object_id("product", slug, slug_language_code)
            row = await loaders.product(info.context, product_id) if product_id is not None else None
        elif slug:
            row = await loaders.product_by_slug(info.context, slug, view.channel_id)
        else:
            row = await ProductModel.get_or_none(external_reference=external_reference)
        return await _product(info, view, row)

    @strawberry.field(description=f"Look up a product variant by ID or SKU. {UNPUBLISHED}")
    async def product_variant(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        sku: str | None = None,
        external_reference: str | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
    ) -> ProductVariant | None:
        require_one_of(id=id, sku=sku, external_reference=external_reference)
        view = await catalog_view(info, channel)
        if id:
            row = await loaders.variant(info.context, parse_int_id(id, "ProductVariant"))
        elif sku:
            row = await ProductVariantModel.get_or_none(sku=sku)
        else:
            row = await ProductVariantModel.get_or_none(external_reference=external_reference)
        return await _variant(info, view, row)

    @strawberry.field(description=f"List of product variants. {UNPUBLISHED}")
    async def product_variants(
        self,
        info: Info,
        ids: list[strawberry.ID] | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        filter: Annotated[ProductVariantFilterInput | None, OLD_FILTER] = None,
        where: ProductVariantWhereInput | None = None,
        search: str | None = None,
        sort_by: ProductVariantSortingInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductVariantCountableConnection | None:
        view = await catalog_view(info, channel)
        args = PageArgs(first=first, last=last, after=after, before=before)
        return await variant_list(info, view, ids, filter, where, search, sort_by, args)

    @strawberry.field(description="List of the shop's categories.")
    async def categories(
        self,
        info: Info,
        filter: CategoryFilterInput | None = None,
        where: CategoryWhereInput | None = None,
        sort_by: CategorySortingInput | None = None,
        level: Annotated[
            int | None, strawberry.argument(description="Filter categories by the nesting level in the category tree.")
        ] = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> CategoryCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        return await category_list(info, filter, where, sort_by, level, args)

    @strawberry.field(description="Look up a category by ID or slug.")
    async def category(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        slug_language_code: Annotated[LanguageCodeEnum | None, strawberry.argument(description=SLUG_LANGUAGE)] = None,
    ) -> Category | None:
        require_one_of(id=id, slug=slug)
        if id:
            row = await loaders.category(info.context, parse_int_id(id, "Category"))
        elif slug_language_code:
            category_id = await translated_object_id("category", slug or "", slug_language_code)
            row = await loaders.category(info.context, category_id) if category_id is not None else None
        else:
            row = await CategoryModel.get_or_none(slug=slug)
        return Category.of(row, info.context) if row is not None else None

    @strawberry.field(description=f"List of the shop's collections. {UNPUBLISHED}")
    async def collections(
        self,
        info: Info,
        filter: CollectionFilterInput | None = None,
        where: CollectionWhereInput | None = None,
        sort_by: CollectionSortingInput | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> CollectionCountableConnection | None:
        view = await _collection_view(info, channel or (filter.channel if filter is not None else None))
        args = PageArgs(first=first, last=last, after=after, before=before)
        return await collection_list(info, view, filter, where, sort_by, args)

    @strawberry.field(description=f"Look up a collection by ID or slug. {UNPUBLISHED}")
    async def collection(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        slug_language_code: Annotated[LanguageCodeEnum | None, strawberry.argument(description=SLUG_LANGUAGE)] = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
    ) -> Collection | None:
        require_one_of(id=id, slug=slug)
        view = await _collection_view(info, channel)
        if id:
            row = await loaders.collection(info.context, parse_int_id(id, "Collection"))
        elif slug_language_code:
            collection_id = await translated_object_id("collection", slug or "", slug_language_code)
            row = await loaders.collection(info.context, collection_id) if collection_id is not None else None
        else:
            row = await CollectionModel.get_or_none(slug=slug)
        return Collection.of(row, view) if row is not None and await visible_collection(view, row) else None

    @strawberry.field(description="List of the shop's pages. Unpublished pages need MANAGE_PAGES.")
    async def pages(
        self,
        info: Info,
        sort_by: PageSortingInput | None = None,
        filter: Annotated[
            PageFilterInput | None, strawberry.argument(description=deprecated("Use `where` and `search` instead."))
        ] = None,
        search: str | None = None,
        where: PageWhereInput | None = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> PageCountableConnection | None:
        args = PageArgs(first=first, last=last, after=after, before=before)
        return await page_list(info, await _sees_unpublished_pages(info), filter, where, search, sort_by, args)

    @strawberry.field(description="Look up a page by ID or slug. Unpublished pages need MANAGE_PAGES.")
    async def page(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        slug_language_code: Annotated[LanguageCodeEnum | None, strawberry.argument(description=SLUG_LANGUAGE)] = None,
        channel: Annotated[str | None, strawberry.argument(description=CHANNEL)] = None,
    ) -> Page | None:
        require_one_of(id=id, slug=slug)
        row = await _page_row(id, slug, slug_language_code)
        if row is None or not (is_visible(row) or await _sees_unpublished_pages(info)):
            return None
        return Page.of(row)


async def _page_row(id: strawberry.ID | None, slug: str | None, slug_language_code: Any) -> PageModel | None:
    if id:
        return await PageModel.get_or_none(id=parse_int_id(id, "Page"))
    if slug_language_code:
        page_id = await translated_page_id(slug or "", slug_language_code)
        return await PageModel.get_or_none(id=page_id) if page_id is not None else None
    return await PageModel.get_or_none(slug=slug)


async def _row(model: Any, pk: str) -> Any:
    """The row of an integer `pk`, or None: a key beyond the column's range names no row."""
    key = int_pk(pk)
    return await model.get_or_none(id=key) if key is not None else None


async def _node_product(info: Info, pk: str) -> Product | None:
    view = await catalog_view(info, None)
    return await _product(info, view, await _row(ProductModel, pk))


async def _node_variant(info: Info, pk: str) -> ProductVariant | None:
    view = await catalog_view(info, None)
    return await _variant(info, view, await _row(ProductVariantModel, pk))


async def _node_category(info: Info, pk: str) -> Category | None:
    row = await _row(CategoryModel, pk)
    return Category.of(row, info.context) if row is not None else None


async def _node_collection(info: Info, pk: str) -> Collection | None:
    view = await _collection_view(info, None)
    row = await _row(CollectionModel, pk)
    return Collection.of(row, view) if row is not None and await visible_collection(view, row) else None


async def _node_page(info: Info, pk: str) -> Page | None:
    row = await _row(PageModel, pk)
    if row is None or not (is_visible(row) or await _sees_unpublished_pages(info)):
        return None
    return Page.of(row)


# The catalogue types `node(id:)` resolves (registered at start-up by mall.wiring, never at import)
CATALOG_NODES: dict[str, NodeLoader] = {
    "Product": _node_product,
    "ProductVariant": _node_variant,
    "Category": _node_category,
    "Collection": _node_collection,
    "Page": _node_page,
}
