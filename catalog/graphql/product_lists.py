"""Product lists (`products`, `category.products`, `collection.products`, `productType.products`):
visibility, filters, sort, keyset pagination (catalog/graphql/product_query.py), and one batched query
per relation the page selects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError

from catalog.graphql import loaders
from catalog.graphql.context import CatalogView, catalog_view
from catalog.graphql.filters import Target, category_sql, collection_sql, filter_sql, search_sql, where_sql
from catalog.graphql.inputs import ProductFilterInput, ProductOrder, ProductWhereInput
from catalog.graphql.pagination import Page, check_page_args, connection, node_fields, selects_total_count
from catalog.graphql.product import Product, ProductCountableConnection, ProductCountableEdge
from catalog.graphql.product_query import ListedRow, ProductQuery, row_cursor
from catalog.graphql.promoted_pricing import caller_facts
from catalog.graphql.sorting import product_sort
from catalog.promotions.prices import RunningRule
from catalog.visibility import visible_listings_sql, visible_products_without_channel_sql
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.sql import all_of

ONE_FILTER_ERROR = "Only one filtering argument (filter or where) can be specified."


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
    sort = product_sort(request.sort_by, channel=view.channel is not None, search=request.search_text)
    if view.unknown_channel:
        empty = Page([], _empty_info(), row_cursor)
        return connection(ProductCountableConnection, ProductCountableEdge, empty, None, 0)
    target = Target(view.channel, view.now)
    scope = Scope(category_id, collection_id, product_type_id)
    where = all_of(_visible(view, target), await _conditions(info, target, request, scope))
    query = ProductQuery(target, where, sort.keys)
    reusable = info.context.reuses_rendered and _shares_renders(view)
    counted = await query.page(args, with_versions=reusable, with_count=selects_total_count(info))
    page = counted.page
    planned = info.context.prepared_by_plan
    promotions = await _running_promotions(info, view) if reusable else None
    products = [Product.listed(row, view, _render_key(view, row, promotions), deferred=planned) for row in page.rows]
    if products and not planned:
        await Product.prepare_batch(products, node_fields(info))
    nodes = iter(products)
    count = counted.total if counted.total is not None else query.count
    return connection(ProductCountableConnection, ProductCountableEdge, page, lambda _: next(nodes), count)


def _shares_renders(view: CatalogView) -> bool:
    """Anonymous visitors and members see a channel's products alike; staff and partners never share."""
    return view.channel is not None and not view.viewer.staff and view.viewer.partner_code is None


async def _running_promotions(info: Info, view: CatalogView) -> tuple[frozenset[RunningRule], Any] | None:
    """The channel's running promotion rules, as part of every render key: `pricing` is a function of the
    product's rows and of them, so an answer is reused only while the same rules run (a promotion that
    starts, ends or changes gives every product a new key). When a rule targets tiers or segments, the
    asking member's tier and segment join the key: members of one tier and segment share renders, others not."""
    if view.channel is None:
        return None
    rules = await loaders.running_rules(info.context, view.channel.id)
    return frozenset(rules), await caller_facts(info.context, view.channel, rules)


def _render_key(view: CatalogView, row: ListedRow, promotions: tuple[frozenset[RunningRule], Any] | None
                ) -> tuple[Any, ...] | None:
    if row.render_version is None or view.channel is None:
        return None
    product_version, catalogue_version = row.render_version
    return view.channel.id, row.product_id, product_version, catalogue_version, promotions


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


def _empty_info() -> Any:
    from mall.graphql.connection import PageInfo

    return PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None)
