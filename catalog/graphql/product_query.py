"""A product list's page and count as SQL statements: the hottest read of the mall.

Built through the ORM, the page statement cost the worker about ten times what PostgreSQL spends
answering it (bench/README.md). Here it is text assembled from the list's conditions
(catalog/graphql/filters.py, catalog/visibility.py) and sort keys (catalog/graphql/sorting.py), with
every value a numbered parameter.

In a channel the list reads the channel's listings `l` joined to their products `p`, so the price and
publication columns used to filter and sort sit on the rows being paginated; staff without a channel
page over products `p` directly. Pages are keyset pages: a cursor holds the sort keys' values of its row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalog.graphql.filters import Target
from catalog.graphql.pagination import Page, cursor_text, decode, make_page
from catalog.graphql.sorting import ColumnKey
from catalog.models import Category, Product, ProductChannelListing, ProductMedia
from catalog.render_versions import RENDER_VERSIONS_TABLE
from mall import sql
from mall.graphql.connection import PageArgs, encode_cursor
from mall.sql import Parameters, all_of, any_of

LISTINGS = ProductChannelListing._meta.db_table
PRODUCTS = Product._meta.db_table
RENDER_VERSIONS = RENDER_VERSIONS_TABLE  # kept by triggers (catalog/render_versions.py)
CATALOGUE_VERSION = f"(SELECT version FROM {RENDER_VERSIONS} WHERE product_id = 0)"
PRODUCT_ID = f"p.{Product._meta.db_pk_column}"
VERSIONS_JOIN = f" LEFT JOIN {RENDER_VERSIONS} rv ON rv.product_id = p.id"
MEDIA = ProductMedia._meta.db_table
# What a card shows beside the product, read with the page (a page's categories and thumbnails were two more
# round trips): the product's category `pc` and its first medium `pm` (the thumbnail, in display order).
CARD_JOINS = (
    f" LEFT JOIN {Category._meta.db_table} pc ON pc.id = p.category_id"
    f" LEFT JOIN {MEDIA} pm ON pm.id = (SELECT fm.id FROM {MEDIA} fm WHERE fm.product_id = p.id"
    " ORDER BY fm.sort_order, fm.id LIMIT 1)"
)


class ListedRow:
    """A row of a product page: the product, its listing in the channel (None without one), the values of
    the sort keys its cursor is made of, and, when the page read them, the product's and the catalogue's
    render versions. The product and listing models are built when first read: a product whose rendered
    answer is reused never needs them (mall/graphql/planned/reuse.py)."""

    __slots__ = ("_listing", "_product", "has_listing", "product_id", "record", "render_version", "sort_values")

    def __init__(
        self,
        record: Mapping[str, Any],
        has_listing: bool,
        sort_values: tuple[Any, ...],
        render_version: tuple[int, int] | None,
    ) -> None:
        self.record = record
        self.has_listing = has_listing
        self.sort_values = sort_values
        self.render_version = render_version
        self.product_id: int = record[PRODUCT_ID]
        self._product: Product | None = None
        self._listing: ProductChannelListing | None = None

    @property
    def product(self) -> Product:
        if self._product is None:
            self._product = sql.model_from(Product, self.record, "p")
        return self._product  # type: ignore[return-value]

    @property
    def listing(self) -> ProductChannelListing | None:
        if self._listing is None and self.has_listing:
            self._listing = sql.model_from(ProductChannelListing, self.record, "l")
        return self._listing

    def category(self) -> Category | None:
        """The product's category, read with the page (None without one)."""
        return sql.model_from(Category, self.record, "pc")

    def thumbnail(self) -> ProductMedia | None:
        """The product's first medium, read with the page (None without media)."""
        return sql.model_from(ProductMedia, self.record, "pm")


@dataclass(frozen=True)
class CountedPage:
    """A page and, when it was read with it, the number of rows of the whole list (None: not known)."""

    page: Page
    total: int | None


def _total(records: Sequence[Mapping[str, Any]], cursor: str | None, with_count: bool) -> int | None:
    """The count read with the page; an empty first page is a list of none. An empty page past a cursor
    says nothing about the list (the cursor may point past its end): the count is read on its own then."""
    if not with_count:
        return None
    if records:
        return int(records[0]["n"])
    return None if cursor else 0


def row_cursor(row: ListedRow) -> str:
    return encode_cursor([cursor_text(value) for value in row.sort_values])


@dataclass(frozen=True)
class ProductQuery:
    """The visible products meeting `where` (written over `target`, whose parameters it holds), in the
    order of `keys`, the last of which is unique."""

    target: Target
    where: str
    keys: Sequence[ColumnKey]

    async def count(self) -> int:
        statement, values = self.target.parameters.bound(self._count_statement())
        rows = await sql.fetch_rows(statement, *values)
        return int(rows[0]["n"]) if rows else 0

    def _count_statement(self) -> str:
        """The list's rows counted; inside the page statement its aliases shadow the page's own."""
        return f"SELECT COUNT(*) AS n {self._source(join_products=self.target.reads_product)} WHERE {self.where}"

    async def page(self, args: PageArgs, *, with_versions: bool = False, with_count: bool = False) -> CountedPage:
        """One page of rows; `with_versions` also reads each product's render version (for reuse of
        rendered answers, mall/graphql/planned/reuse.py); `with_count` also reads the number of rows of the
        whole list, in the same statement (a subquery PostgreSQL runs once, as an init plan): one round trip
        for the page and its `totalCount`."""
        forwards = args.last is None
        limit = (args.first if forwards else args.last) or 0
        if not limit:
            return CountedPage(make_page([], args, False, row_cursor), None)
        cursor = args.after if forwards else args.before
        parameters = self.target.parameters.copy()
        columns = [key.sql(parameters) for key in self.keys]
        conditions = [self.where]
        if self.target.channel is not None:
            # Always true, but it lets PostgreSQL treat the join as inner and walk a product index for
            # product orders: 20 rows read, not the channel's whole catalogue.
            conditions.append("p.slug IS NOT NULL")
        if cursor:
            conditions.append(self._beyond(columns, decode(cursor, self.keys), forwards, parameters))
        order = ", ".join(
            f"{column} {'DESC' if key.descending == forwards else 'ASC'}"
            for column, key in zip(columns, self.keys, strict=True)
        )
        selected = self._selected(columns, with_versions)
        if with_count:
            selected += f', ({self._count_statement()}) AS "n"'
        statement = (
            f"SELECT {selected} {self._source(join_products=True)}{CARD_JOINS}"
            f"{VERSIONS_JOIN if with_versions else ''} "
            f"WHERE {all_of(*conditions)} ORDER BY {order} LIMIT {parameters.add(limit + 1)}"
        )
        statement, values = parameters.bound(statement)
        records = await sql.fetch_rows(statement, *values)
        rows = [self._row(row, with_versions) for row in records]
        page = make_page(rows[:limit], args, len(rows) > limit, row_cursor)
        return CountedPage(page, _total(records, cursor, with_count))

    def _source(self, *, join_products: bool) -> str:
        if self.target.channel is None:
            return f"FROM {PRODUCTS} p"
        if not join_products:
            return f"FROM {LISTINGS} l"
        return f"FROM {LISTINGS} l JOIN {PRODUCTS} p ON p.id = l.product_id"

    def _selected(self, columns: list[str], with_versions: bool) -> str:
        models = f"{sql.columns(Product, 'p')}, {sql.columns(Category, 'pc')}, {sql.columns(ProductMedia, 'pm')}"
        if self.target.channel is not None:
            models += ", " + sql.columns(ProductChannelListing, "l")
        if with_versions:
            models += f', COALESCE(rv.version, 0) AS "rv", COALESCE({CATALOGUE_VERSION}, 0) AS "rv0"'
        return models + "".join(f', {column} AS "k{index}"' for index, column in enumerate(columns))

    def _beyond(self, columns: list[str], values: list[Any], forwards: bool, parameters: Parameters) -> str:
        """Rows strictly after (forwards) or before the cursor's row in the keys' order."""
        alternatives = []
        for index, key in enumerate(self.keys):
            equal_prefix = [f"{columns[i]} = {parameters.add(values[i])}" for i in range(index)]
            operator = ">" if forwards != key.descending else "<"
            alternatives.append(all_of(*equal_prefix, f"{columns[index]} {operator} {parameters.add(values[index])}"))
        return any_of(*alternatives)

    def _row(self, row: Mapping[str, Any], with_versions: bool) -> ListedRow:
        values = tuple(key.value(row[f"k{index}"]) for index, key in enumerate(self.keys))
        versions = (int(row["rv"]), int(row["rv0"])) if with_versions else None
        return ListedRow(row, self.target.channel is not None, values, versions)
