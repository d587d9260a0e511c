"""Product lists (`products`, `category.products`, `collection.products`, `productType.products`):
visibility, filters, sort, keyset pagination (catalog/graphql/product_query.py), and one batched query
per relation the page selects.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView, catalog_view
from catalog.graphql.filters import Target, category_sql, collection_sql, filter_sql, search_sql, where_sql
from catalog.graphql.inputs import ProductFilterInput, ProductOrder, ProductWhereInput
from catalog.graphql.pagination import Page, check_page_args, connection, node_fields
from catalog.graphql.product import Product, ProductCountableConnection, ProductCountableEdge
from catalog.graphql.product_query import ProductQuery, row_cursor
from catalog.graphql.sorting import product_sort
from catalog.visibility import visible_listings_sql, visible_products_without_channel_sql
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.sql import all_of

ONE_FILTER_ERROR = "Only one filtering argument (filter or where) can be specified."
MEDIA_FIELDS = {"thumbnail", "media", "images", "mediaById", "imageById"}
VARIANT_FIELDS = {"productVariants", "variants", "defaultVariant"}


@dataclass(frozen=True)
class ProductListRequest:
    channel: str | None = None
    filter: ProductFilterInput | None = None
    where: ProductWhereInput | None = None
    sort_by: ProductOrder | None = None
    search: str | None = None
    first: int | None = None
    last: int | None = None
    after: str | None = None
    before: str | None = None

    @property
    def page(self) -> PageArgs:
        return PageArgs(first=self.first, last=self.last, after=self.after, before=self.before)

    @property
    def search_text(self) -> str | None:
        return self.search or (self.filter.search if self.filter is not None else None)

    @property
    def channel_slug(self) -> str | None:
        """The root argument wins over the deprecated `filter.channel` and `sortBy.channel`."""
        for candidate in (self.channel, self.filter, self.sort_by):
            slug = candidate if isinstance(candidate, str) or candidate is None else candidate.channel
            if slug:
                return slug
        return None


@dataclass(frozen=True)
class Scope:
    """What a nested list is confined to: a category subtree, a collection, a product type."""

    category_id: int | None = None
    collection_id: int | None = None
    product_type_id: int | None = None


async def product_connection(
    info: Info,
    request: ProductListRequest,
    *,
    view: CatalogView | None = None,
    category_id: int | None = None,
    collection_id: int | None = None,
    product_type_id: int | None = None,
) -> Any:
    args = request.page
    check_page_args(info, args)
    if request.filter is not None and request.where is not None:
        raise GraphQLError(ONE_FILTER_ERROR)
    view = view or await catalog_view(info, request.channel_slug)
    sort = product_sort(request.sort_by, channel=view.channel is not None, searching=bool(request.search_text))
    if view.unknown_channel:
        empty = Page([], _empty_info(), row_cursor)
        return connection(ProductCountableConnection, ProductCountableEdge, empty, None, 0)
    target = Target(view.channel, view.now)
    scope = Scope(category_id, collection_id, product_type_id)
    where = all_of(_visible(view, target), await _conditions(info, target, request, scope))
    query = ProductQuery(target, where, sort.keys)
    page = await query.page(args)
    products = [Product.of(row.product, view, listing=row.listing) for row in page.rows]
    await prefetch(info, view, products, node_fields(info))
    nodes = iter(products)
    return connection(ProductCountableConnection, ProductCountableEdge, page, lambda _: next(nodes), query.count)


def _visible(view: CatalogView, target: Target) -> str:
    if view.channel is None:
        return visible_products_without_channel_sql(view.viewer, view.now, target.parameters)
    if view.viewer.partner_code is not None:
        target.reads_product = True  # a partner also sees its own products, known by the product's partner
    channel = f"l.channel_id = {target.value(view.channel.id)}"
    return all_of(channel, visible_listings_sql(view.viewer, view.channel, view.now, target.parameters))


async def _conditions(info: Info, target: Target, request: ProductListRequest, scope: Scope) -> str:
    conditions = []
    if scope.category_id is not None:
        conditions.append(await category_sql(info, target, [scope.category_id]))
    if scope.collection_id is not None:
        conditions.append(collection_sql(target, [scope.collection_id]))
    if scope.product_type_id is not None:
        conditions.append(f"{target.product('product_type_id')} = {target.value(scope.product_type_id)}")
    if request.search:
        conditions.append(search_sql(target, request.search))
    if request.filter is not None:
        conditions.append(await filter_sql(info, target, request.filter))
    if request.where is not None:
        conditions.append(await where_sql(info, target, request.where))
    return all_of(*conditions)


async def prefetch(info: Info, view: CatalogView, products: list[Product], fields: set[str]) -> None:
    """Load, in one query each, the relations the page's nodes select: later fields resolve at once."""
    if not products:
        return
    waits = []
    if "category" in fields:
        ids = {p.model.category_id for p in products} - {None}  # type: ignore[attr-defined]
        waits += [loaders.category(info.context, pk) for pk in ids]
    if fields & MEDIA_FIELDS:
        waits += [loaders.media_of_product(info.context, p.model.id) for p in products]
    if fields & VARIANT_FIELDS:
        waits += [loaders.variants_of_product(info.context, p.model.id, view.channel_id) for p in products]
    if waits:
        await asyncio.gather(*waits)


def _empty_info() -> Any:
    from mall.graphql.connection import PageInfo

    return PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None)
