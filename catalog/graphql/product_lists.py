"""Product lists (`products`, `category.products`, `collection.products`, `productType.products`):
visibility, filters, sort, keyset pagination, and one batched query per relation the page selects.

In a channel the page is read from that channel's listings joined to their products, so the price and
publication columns used to filter and sort sit on the rows being paginated. Staff without a channel
page over products directly.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView, catalog_view
from catalog.graphql.filters import Target, category_q, collection_q, filter_q, search_q, where_q
from catalog.graphql.inputs import ProductFilterInput, ProductOrder, ProductWhereInput
from catalog.graphql.pagination import Page, check_page_args, connection, fetch_page, node_fields
from catalog.graphql.product import Product, ProductCountableConnection, ProductCountableEdge
from catalog.graphql.sorting import product_sort
from catalog.models import Product as ProductModel
from catalog.models import ProductChannelListing
from catalog.visibility import visible_listings, visible_products_without_channel
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info

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
        return connection(ProductCountableConnection, ProductCountableEdge, Page([], _empty_info(), []), None, 0)
    queryset = _visible(view)
    queryset = queryset.filter(
        await _conditions(info, view, request, Scope(category_id, collection_id, product_type_id))
    )
    page_query = queryset
    if view.channel is not None:
        # `slug IS NOT NULL` is always true, but it lets PostgreSQL treat the join to products as inner and
        # walk a product index for product orders (20 rows read, not the channel's whole catalogue).
        page_query = page_query.filter(product__slug__isnull=False).select_related("product")
    if sort.annotations:
        page_query = page_query.annotate(**sort.annotations)
    page = await fetch_page(page_query, args, sort.keys)
    products = [_product(row, view) for row in page.rows]
    await prefetch(info, view, products, node_fields(info))
    nodes = iter(products)
    return connection(ProductCountableConnection, ProductCountableEdge, page, lambda _: next(nodes), queryset.count)


def _visible(view: CatalogView) -> QuerySet[Any]:
    if view.channel is not None:
        condition = visible_listings(view.viewer, view.channel, view.now, in_listings=True)
        return ProductChannelListing.filter(condition, channel_id=view.channel.id)
    return ProductModel.filter(visible_products_without_channel(view.viewer, view.now))


def _product(row: Any, view: CatalogView) -> Product:
    if isinstance(row, ProductChannelListing):
        return Product.of(row.product, view, listing=row)
    return Product.of(row, view, listing=None)


async def _conditions(info: Info, view: CatalogView, request: ProductListRequest, scope: Scope) -> Q:
    target = Target(view.channel, view.now)
    condition = Q()
    if scope.category_id is not None:
        condition &= await category_q(info, target, [scope.category_id])
    if scope.collection_id is not None:
        condition &= collection_q(target, [scope.collection_id])
    if scope.product_type_id is not None:
        condition &= Q(**{target.product("product_type_id"): scope.product_type_id})
    if request.search:
        condition &= search_q(target, request.search)
    if request.filter is not None:
        condition &= await filter_q(info, target, request.filter)
    if request.where is not None:
        condition &= await where_q(info, target, request.where)
    return condition


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
