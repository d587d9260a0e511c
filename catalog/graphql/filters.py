"""Product `filter` and `where` inputs turned into SQL conditions for the product lists.

A product list is read either from the channel's listings `l` joined to their products `p`
(`Target.channel` set) or, for staff without a channel, from products `p` alone
(catalog/graphql/product_query.py). Conditions that need a channel (prices, publication, stock) are
ignored without one, as Saleor does. Every value is a numbered parameter taken from the target's
`Parameters`, never text in the statement.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from graphql import GraphQLError

from catalog.graphql import loaders
from catalog.graphql.attribute_filters import attributes_sql
from catalog.graphql.inputs import (
    DateTimeFilterInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    MetadataFilter,
    PriceRangeInput,
    ProductFilterInput,
    ProductStockFilterInput,
    ProductWhereInput,
    StringFilterInput,
    given_keys,
)
from catalog.models import (
    ChannelWarehouse,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from catalog.visibility import published_listing_sql
from mall.channels.models import Channel
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import parse_int_id, parse_uuid_id
from mall.sql import ALWAYS, NEVER, Parameters, all_of, any_of, escape_like, is_in, is_postgres, negated

MIX_ERROR = "Cannot mix operators with other filter inputs."

VARIANTS = ProductVariant._meta.db_table
VARIANT_PRICES = ProductVariantChannelListing._meta.db_table
STOCKS = Stock._meta.db_table


@dataclass
class Target:
    """What the conditions are written over, and the statement's parameters they add their values to.
    `reads_product` records whether a condition needs the product row: a count without one reads the
    listings alone."""

    channel: Channel | None
    now: datetime
    parameters: Parameters = field(default_factory=Parameters)
    reads_product: bool = False

    @property
    def product_id(self) -> str:
        return "l.product_id" if self.channel else "p.id"

    def product(self, column: str) -> str:
        self.reads_product = True
        return f"p.{column}"

    def value(self, value: object) -> str:
        return self.parameters.add(value)

    def product_in(self, subquery: str) -> str:
        return f"{self.product_id} IN ({subquery})"

    def product_id_in(self, ids: Iterable[int]) -> str:
        return is_in(self.product_id, ids, self.parameters)

    def between(self, column: str, low: object, high: object) -> str:
        """`column` within [low, high]; a missing bound leaves that side open."""
        bounds = []
        if low is not None:
            bounds.append(f"{column} >= {self.value(low)}")
        if high is not None:
            bounds.append(f"{column} <= {self.value(high)}")
        return all_of(*bounds)


def _ids(global_ids: Iterable[str], type_name: str) -> list[int]:
    return [parse_int_id(value, type_name) for value in global_ids]


def _whole_points(low: float | Decimal | None, high: float | Decimal | None) -> tuple[int | None, int | None]:
    """Points are integers: a range's bounds round inwards."""
    return (None if low is None else math.ceil(low)), (None if high is None else math.floor(high))


async def _category_tree_ids(info: Info, category_ids: list[int]) -> set[int]:
    """The categories and all their descendants (Saleor filters by a category's whole subtree)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for category in await loaders.all_categories(info.context):
        children[category.parent_id].append(category.id)  # type: ignore[attr-defined]
    found, queue = set(category_ids), list(category_ids)
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in found:
                found.add(child)
                queue.append(child)
    return found


async def category_sql(info: Info, target: Target, category_ids: list[int]) -> str:
    tree = sorted(await _category_tree_ids(info, category_ids))
    return is_in(target.product("category_id"), tree, target.parameters)


def collection_sql(target: Target, collection_ids: list[int]) -> str:
    links = is_in("c.collection_id", collection_ids, target.parameters)
    return target.product_in(f"SELECT c.product_id FROM {CollectionProduct._meta.db_table} c WHERE {links}")


def _variant_price_sql(target: Target, condition: str) -> str:
    """Products with a variant whose price in the channel meets `condition` (over `vl.price_points`)."""
    if target.channel is None:
        return ALWAYS
    channel = target.value(target.channel.id)
    return target.product_in(
        f"SELECT v.product_id FROM {VARIANT_PRICES} vl JOIN {VARIANTS} v ON v.id = vl.variant_id "
        f"WHERE vl.channel_id = {channel} AND {condition}"
    )


def price_range_sql(target: Target, low: float | Decimal | None, high: float | Decimal | None) -> str:
    return _variant_price_sql(target, target.between("vl.price_points", *_whole_points(low, high)))


def decimal_sql(target: Target, column: str, value: DecimalFilterInput) -> str:
    conditions = []
    if value.eq is not None:
        conditions.append(f"{column} = {target.value(int(value.eq))}" if value.eq == int(value.eq) else NEVER)
    if value.one_of is not None:
        conditions.append(is_in(column, [int(v) for v in value.one_of if v == int(v)], target.parameters))
    if value.range is not None:
        conditions.append(target.between(column, *_whole_points(value.range.gte, value.range.lte)))
    return all_of(*conditions)


def _listing_sql(target: Target, column: str, operator: str, value: object) -> str:
    """A condition on the channel's listing (ignored without a channel)."""
    if target.channel is None:
        return ALWAYS
    return f"l.{column} {operator} {target.value(value)}"


def is_published_sql(target: Target, value: bool) -> str:
    if target.channel is not None:
        return _listing_sql(target, "is_published", "=", value)
    published = target.value(True)
    somewhere = target.product_in(
        f"SELECT pl.product_id FROM {ProductChannelListing._meta.db_table} pl WHERE pl.is_published = {published}"
    )
    return somewhere if value else negated(somewhere)


def is_available_sql(target: Target, value: bool) -> str:
    if target.channel is None:
        return ALWAYS
    available = _listing_sql(target, "available_for_purchase_at", "<=", target.now)
    if value:
        return available
    # Saleor: a listing with no time of availability is not available (NOT (NULL <= now) would drop it).
    return any_of("l.available_for_purchase_at IS NULL", negated(available))


def _in_stock_sql(target: Target, channel: Channel) -> str:
    """Products with a variant in stock in one of the channel's warehouses, or not tracking stock."""
    linked = f"SELECT cw.warehouse_id FROM {ChannelWarehouse._meta.db_table} cw WHERE cw.channel_id = "
    stocked = (
        f"SELECT v.product_id FROM {STOCKS} s JOIN {VARIANTS} v ON v.id = s.variant_id "
        f"WHERE s.warehouse_id IN ({linked}{target.value(channel.id)}) AND s.quantity > s.quantity_allocated"
    )
    untracked = f"SELECT v.product_id FROM {VARIANTS} v WHERE v.track_inventory = {target.value(False)}"
    return any_of(target.product_in(stocked), target.product_in(untracked))


def stock_availability_sql(target: Target, value: object) -> str:
    if target.channel is None:
        return ALWAYS
    in_stock = _in_stock_sql(target, target.channel)
    return in_stock if enum_name(value) == "IN_STOCK" else negated(in_stock)


def stocks_sql(target: Target, value: ProductStockFilterInput) -> str:
    """Products with a variant stocked in the given warehouses (any, without a list) whose quantity summed
    over those warehouses is in range, as Saleor aggregates it: 5 units north and 5 south hold 10."""
    warehouses = ALWAYS
    if value.warehouse_ids:
        wanted = [parse_uuid_id(pk, "Warehouse") for pk in value.warehouse_ids]
        warehouses = is_in("s.warehouse_id", wanted, target.parameters)
    stocked = f"SELECT v.product_id FROM {STOCKS} s JOIN {VARIANTS} v ON v.id = s.variant_id WHERE {warehouses}"
    if value.quantity is not None:
        total = target.between("SUM(s.quantity)", value.quantity.gte, value.quantity.lte)
        stocked += f" GROUP BY v.id, v.product_id HAVING {total}"
    return target.product_in(stocked)


def search_sql(target: Target, text: str) -> str:
    """Every word must appear in the product's search text (names and descriptions in every language, SKUs,
    category names; lower-cased: catalog/services/search.py)."""
    column = target.product("search_text")
    return all_of(*(_word_sql(target, column, word) for word in text.lower().split()))


def _word_sql(target: Target, column: str, word: str) -> str:
    contains = f"{column} LIKE {target.value(f'%{escape_like(word)}%')} ESCAPE '\\'"
    if not (is_postgres() and is_two_wide_characters(word)):
        return contains
    # The trigram index cannot serve two characters: the bigram index can (migration 0006). The LIKE stays,
    # so the answer is the same whichever index the planner takes.
    return f"catalog_search_bigrams({column}) @> ARRAY[{target.value(word)}]::text[] AND {contains}"


def is_two_wide_characters(word: str) -> bool:
    """A two-character word outside ASCII (炒锅), as catalog_search_bigrams collects them."""
    return len(word) == 2 and all(ord(character) > 0x7F for character in word)


async def metadata_sql(target: Target, items: list[MetadataFilter]) -> str:
    """Metadata is JSON: matched in Python over the (id, metadata) pairs, portable across databases."""
    matching = []
    for product_id, metadata in await Product.all().values_list("id", "metadata"):
        if all(item.key in (metadata or {}) and item.value in (None, metadata[item.key]) for item in items):
            matching.append(product_id)
    return target.product_id_in(matching)


def string_sql(target: Target, column: str, value: StringFilterInput) -> str:
    conditions = []
    if value.eq is not None:
        conditions.append(f"{column} = {target.value(value.eq)}")
    if value.one_of is not None:
        conditions.append(is_in(column, value.one_of, target.parameters))
    return all_of(*conditions)


def global_ids_of(value: GlobalIDFilterInput) -> list[str]:
    return ([value.eq] if value.eq is not None else []) + list(value.one_of or [])


def datetime_sql(target: Target, column: str, value: DateTimeFilterInput) -> str:
    conditions = []
    if value.eq is not None:
        conditions.append(f"{column} = {target.value(value.eq)}")
    if value.one_of is not None:
        conditions.append(is_in(column, value.one_of, target.parameters))
    if value.range is not None:
        conditions.append(target.between(column, value.range.gte, value.range.lte))
    return all_of(*conditions)


def _minimal_price_range(target: Target, value: PriceRangeInput) -> str:
    if target.channel is None:
        return ALWAYS
    return target.between("l.min_price_points", *_whole_points(value.gte, value.lte))


def _gift_card_sql(target: Target, value: bool) -> str:
    kind = target.value("GIFT_CARD")
    types = f"SELECT t.id FROM {ProductType._meta.db_table} t WHERE t.kind = {kind}"
    gift_card = f"{target.product('product_type_id')} IN ({types})"
    return gift_card if value else negated(gift_card)


def _has_category_sql(target: Target, value: bool) -> str:
    return f"{target.product('category_id')} IS {'NOT ' if value else ''}NULL"


async def filter_sql(info: Info, target: Target, value: ProductFilterInput) -> str:
    """The deprecated `filter` input: every given field narrows the list (AND)."""
    conditions = []
    if value.ids:
        conditions.append(target.product_id_in(_ids(value.ids, "Product")))
    if value.slugs:
        conditions.append(is_in(target.product("slug"), value.slugs, target.parameters))
    if value.search:
        conditions.append(search_sql(target, value.search))
    if value.categories:
        conditions.append(await category_sql(info, target, _ids(value.categories, "Category")))
    if value.collections:
        conditions.append(collection_sql(target, _ids(value.collections, "Collection")))
    if value.product_types:
        types = _ids(value.product_types, "ProductType")
        conditions.append(is_in(target.product("product_type_id"), types, target.parameters))
    if value.has_category is not None:
        conditions.append(_has_category_sql(target, value.has_category))
    if value.gift_card is not None:
        conditions.append(_gift_card_sql(target, value.gift_card))
    if value.price is not None:
        conditions.append(price_range_sql(target, value.price.gte, value.price.lte))
    if value.minimal_price is not None:
        conditions.append(_minimal_price_range(target, value.minimal_price))
    conditions.append(await _shared_sql(target, value))
    if value.updated_at is not None:
        conditions.append(target.between(target.product("updated_at"), value.updated_at.gte, value.updated_at.lte))
    return all_of(*conditions)


async def _shared_sql(target: Target, value: ProductFilterInput | ProductWhereInput) -> str:
    """Fields `filter` and `where` spell the same way."""
    conditions = [attributes_sql(target, value.attributes)]
    if value.metadata:
        conditions.append(await metadata_sql(target, value.metadata))
    if value.is_published is not None:
        conditions.append(is_published_sql(target, value.is_published))
    if value.is_visible_in_listing is not None:
        conditions.append(_listing_sql(target, "visible_in_listings", "=", value.is_visible_in_listing))
    if value.is_available is not None:
        conditions.append(is_available_sql(target, value.is_available))
    if value.published_from is not None:
        conditions.append(_listing_sql(target, "published_at", "<=", value.published_from))
        conditions.append(published_listing_sql(target.now, target.parameters) if target.channel else ALWAYS)
    if value.available_from is not None:
        conditions.append(_listing_sql(target, "available_for_purchase_at", "<=", value.available_from))
    if value.stock_availability is not None:
        conditions.append(stock_availability_sql(target, value.stock_availability))
    if value.stocks is not None:
        conditions.append(stocks_sql(target, value.stocks))
    if value.has_preordered_variants:
        conditions.append(NEVER)
    return all_of(*conditions)


async def where_sql(info: Info, target: Target, value: ProductWhereInput) -> str:
    """The `where` input: fields AND together, `AND`/`OR` lists nest, and the two never share a level."""
    keys = given_keys(value)
    if {"and_", "or_"} & set(keys) and len(keys) > 1:
        raise GraphQLError(MIX_ERROR)
    if value.and_ is not None:
        return all_of(*[await where_sql(info, target, item) for item in value.and_])
    if value.or_ is not None:
        return any_of(*[await where_sql(info, target, item) for item in value.or_]) if value.or_ else ALWAYS
    return await _where_fields(info, target, value)


async def _where_fields(info: Info, target: Target, value: ProductWhereInput) -> str:
    conditions = []
    if value.ids:
        conditions.append(target.product_id_in(_ids(value.ids, "Product")))
    if value.name is not None:
        conditions.append(string_sql(target, target.product("name"), value.name))
    if value.slug is not None:
        conditions.append(string_sql(target, target.product("slug"), value.slug))
    if value.product_type is not None:
        types = _ids(global_ids_of(value.product_type), "ProductType")
        conditions.append(is_in(target.product("product_type_id"), types, target.parameters))
    if value.category is not None:
        conditions.append(await category_sql(info, target, _ids(global_ids_of(value.category), "Category")))
    if value.collection is not None:
        conditions.append(collection_sql(target, _ids(global_ids_of(value.collection), "Collection")))
    if value.has_category is not None:
        conditions.append(_has_category_sql(target, value.has_category))
    if value.gift_card is not None:
        conditions.append(_gift_card_sql(target, value.gift_card))
    if value.price is not None:
        conditions.append(_variant_price_sql(target, decimal_sql(target, "vl.price_points", value.price)))
    if value.minimal_price is not None and target.channel is not None:
        conditions.append(decimal_sql(target, "l.min_price_points", value.minimal_price))
    if value.updated_at is not None:
        conditions.append(datetime_sql(target, target.product("updated_at"), value.updated_at))
    conditions.append(await _shared_sql(target, value))
    return all_of(*conditions)
