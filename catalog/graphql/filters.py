"""Product `filter` and `where` inputs turned into database conditions.

A product list is read either from the channel's listings (`Target.channel` set: product columns sit
behind `product__`) or, for staff without a channel, from products directly. Conditions that need a
channel (prices, publication, stock) are ignored without one, as Saleor does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from graphql import GraphQLError
from tortoise.expressions import F, Q, Subquery

from catalog.graphql import loaders
from catalog.graphql.inputs import (
    AttributeInput,
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
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from catalog.visibility import NOTHING, published_listing
from mall.channels.models import Channel
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import parse_global_id, parse_int_id

MIX_ERROR = "Cannot mix operators with other filter inputs."


@dataclass(frozen=True)
class Target:
    channel: Channel | None
    now: datetime

    @property
    def product_id(self) -> str:
        return "product_id" if self.channel else "id"

    def product(self, path: str) -> str:
        return f"product__{path}" if self.channel else path

    def product_in(self, subquery: Subquery | Iterable[int]) -> Q:
        return Q(**{f"{self.product_id}__in": subquery})

    def product_not_in(self, subquery: Subquery) -> Q:
        return ~Q(**{f"{self.product_id}__in": subquery})


def _ids(global_ids: Iterable[str], type_name: str) -> list[int]:
    return [parse_int_id(value, type_name) for value in global_ids]


def _whole_points(low: float | Decimal | None, high: float | Decimal | None) -> tuple[int | None, int | None]:
    """Points are integers: a range's bounds round inwards."""
    return (None if low is None else math.ceil(low)), (None if high is None else math.floor(high))


def _range(path: str, low: object, high: object) -> Q:
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{path}__gte": low})
    if high is not None:
        condition &= Q(**{f"{path}__lte": high})
    return condition


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


async def category_q(info: Info, target: Target, category_ids: list[int]) -> Q:
    return Q(**{f"{target.product('category_id')}__in": await _category_tree_ids(info, category_ids)})


def collection_q(target: Target, collection_ids: list[int]) -> Q:
    links = CollectionProduct.filter(collection_id__in=collection_ids).values("product_id")
    return target.product_in(Subquery(links))


def _variant_price_q(target: Target, condition: Q) -> Q:
    if target.channel is None:
        return Q()
    prices = ProductVariantChannelListing.filter(condition, channel_id=target.channel.id)
    return target.product_in(Subquery(prices.values("variant__product_id")))


def price_range_q(target: Target, low: float | Decimal | None, high: float | Decimal | None) -> Q:
    low_points, high_points = _whole_points(low, high)
    return _variant_price_q(target, _range("price_points", low_points, high_points))


def _minimal_price_q(target: Target, condition: Q) -> Q:
    if target.channel is None:
        return Q()
    return condition


def decimal_q(path: str, value: DecimalFilterInput) -> Q:
    condition = Q()
    if value.eq is not None:
        condition &= Q(**{path: int(value.eq)}) if value.eq == int(value.eq) else NOTHING
    if value.one_of is not None:
        condition &= Q(**{f"{path}__in": [int(v) for v in value.one_of if v == int(v)]})
    if value.range is not None:
        condition &= _range(path, *_whole_points(value.range.gte, value.range.lte))
    return condition


def _listing_q(target: Target, **conditions: object) -> Q:
    """A condition on the channel's listing (ignored without a channel)."""
    return Q(**conditions) if target.channel is not None else Q()


def is_published_q(target: Target, value: bool) -> Q:
    if target.channel is not None:
        return Q(is_published=value)
    published = ProductChannelListing.filter(is_published=True).values("product_id")
    return target.product_in(Subquery(published)) if value else target.product_not_in(Subquery(published))


def is_available_q(target: Target, value: bool) -> Q:
    if target.channel is None:
        return Q()
    available = Q(available_for_purchase_at__lte=target.now)
    return available if value else ~available


def _in_stock_products(channel: Channel) -> Subquery:
    linked = ChannelWarehouse.filter(channel_id=channel.id).values("warehouse_id")
    stocked = Stock.filter(warehouse_id__in=Subquery(linked), quantity__gt=F("quantity_allocated"))
    untracked = ProductVariant.filter(track_inventory=False).values("product_id")
    return Subquery(
        Product.filter(
            Q(id__in=Subquery(stocked.values("variant__product_id"))) | Q(id__in=Subquery(untracked))
        ).values("id")
    )


def stock_availability_q(target: Target, value: object) -> Q:
    if target.channel is None:
        return Q()
    in_stock = _in_stock_products(target.channel)
    if enum_name(value) == "IN_STOCK":
        return target.product_in(in_stock)
    return target.product_not_in(in_stock)


def stocks_q(target: Target, value: ProductStockFilterInput) -> Q:
    stocks = Stock.all()
    if value.warehouse_ids:
        stocks = stocks.filter(warehouse_id__in=[parse_global_id(pk, "Warehouse") for pk in value.warehouse_ids])
    if value.quantity is not None:
        stocks = stocks.filter(_range("quantity", value.quantity.gte, value.quantity.lte))
    return target.product_in(Subquery(stocks.values("variant__product_id")))


def search_q(target: Target, text: str) -> Q:
    """Every word must appear in the product's search text (name, description, SKUs, lower-cased)."""
    condition = Q()
    for word in text.lower().split():
        condition &= Q(**{f"{target.product('search_text')}__contains": word})
    return condition


async def metadata_q(target: Target, items: list[MetadataFilter]) -> Q:
    """Metadata is JSON: matched in Python over the (id, metadata) pairs, portable across databases."""
    matching = []
    for product_id, metadata in await Product.all().values_list("id", "metadata"):
        if all(item.key in (metadata or {}) and item.value in (None, metadata[item.key]) for item in items):
            matching.append(product_id)
    return target.product_in(matching)


def attributes_q(attributes: list[AttributeInput] | None) -> Q:
    """No product has attributes yet: any attribute condition matches nothing."""
    return NOTHING if attributes else Q()


def string_q(path: str, value: StringFilterInput) -> Q:
    condition = Q()
    if value.eq is not None:
        condition &= Q(**{path: value.eq})
    if value.one_of is not None:
        condition &= Q(**{f"{path}__in": value.one_of})
    return condition


def global_ids_of(value: GlobalIDFilterInput) -> list[str]:
    return ([value.eq] if value.eq is not None else []) + list(value.one_of or [])


def datetime_q(path: str, value: DateTimeFilterInput) -> Q:
    condition = Q()
    if value.eq is not None:
        condition &= Q(**{path: value.eq})
    if value.one_of is not None:
        condition &= Q(**{f"{path}__in": value.one_of})
    if value.range is not None:
        condition &= _range(path, value.range.gte, value.range.lte)
    return condition


def _minimal_price_range(target: Target, value: PriceRangeInput) -> Q:
    return _minimal_price_q(target, _range("min_price_points", *_whole_points(value.gte, value.lte)))


async def filter_q(info: Info, target: Target, value: ProductFilterInput) -> Q:
    """The deprecated `filter` input: every given field narrows the list (AND)."""
    q = Q()
    if value.ids:
        q &= target.product_in(_ids(value.ids, "Product"))
    if value.slugs:
        q &= Q(**{f"{target.product('slug')}__in": value.slugs})
    if value.search:
        q &= search_q(target, value.search)
    if value.categories:
        q &= await category_q(info, target, _ids(value.categories, "Category"))
    if value.collections:
        q &= collection_q(target, _ids(value.collections, "Collection"))
    if value.product_types:
        q &= Q(**{f"{target.product('product_type_id')}__in": _ids(value.product_types, "ProductType")})
    if value.has_category is not None:
        q &= Q(**{f"{target.product('category_id')}__isnull": not value.has_category})
    if value.gift_card is not None:
        q &= _gift_card_q(target, value.gift_card)
    if value.price is not None:
        q &= price_range_q(target, value.price.gte, value.price.lte)
    if value.minimal_price is not None:
        q &= _minimal_price_range(target, value.minimal_price)
    q &= await _shared_q(info, target, value)
    if value.updated_at is not None:
        q &= _range(target.product("updated_at"), value.updated_at.gte, value.updated_at.lte)
    return q


def _gift_card_q(target: Target, value: bool) -> Q:
    gift_card = Q(**{target.product("product_type__kind"): "GIFT_CARD"})
    return gift_card if value else ~gift_card


async def _shared_q(info: Info, target: Target, value: ProductFilterInput | ProductWhereInput) -> Q:
    """Fields `filter` and `where` spell the same way."""
    q = attributes_q(value.attributes)
    if value.metadata:
        q &= await metadata_q(target, value.metadata)
    if value.is_published is not None:
        q &= is_published_q(target, value.is_published)
    if value.is_visible_in_listing is not None:
        q &= _listing_q(target, visible_in_listings=value.is_visible_in_listing)
    if value.is_available is not None:
        q &= is_available_q(target, value.is_available)
    if value.published_from is not None:
        q &= _listing_q(target, published_at__lte=value.published_from) & _published(target)
    if value.available_from is not None:
        q &= _listing_q(target, available_for_purchase_at__lte=value.available_from)
    if value.stock_availability is not None:
        q &= stock_availability_q(target, value.stock_availability)
    if value.stocks is not None:
        q &= stocks_q(target, value.stocks)
    if value.has_preordered_variants:
        q &= NOTHING
    return q


def _published(target: Target) -> Q:
    return published_listing(target.now) if target.channel is not None else Q()


async def where_q(info: Info, target: Target, value: ProductWhereInput) -> Q:
    """The `where` input: fields AND together, `AND`/`OR` lists nest, and the two never share a level."""
    keys = given_keys(value)
    if {"and_", "or_"} & set(keys) and len(keys) > 1:
        raise GraphQLError(MIX_ERROR)
    if value.and_ is not None:
        return Q(*[await where_q(info, target, item) for item in value.and_], join_type=Q.AND)
    if value.or_ is not None:
        return Q(*[await where_q(info, target, item) for item in value.or_], join_type=Q.OR) if value.or_ else Q()
    return await _where_fields(info, target, value)


async def _where_fields(info: Info, target: Target, value: ProductWhereInput) -> Q:
    q = Q()
    if value.ids:
        q &= target.product_in(_ids(value.ids, "Product"))
    if value.name is not None:
        q &= string_q(target.product("name"), value.name)
    if value.slug is not None:
        q &= string_q(target.product("slug"), value.slug)
    if value.product_type is not None:
        type_ids = _ids(global_ids_of(value.product_type), "ProductType")
        q &= Q(**{f"{target.product('product_type_id')}__in": type_ids})
    if value.category is not None:
        q &= await category_q(info, target, _ids(global_ids_of(value.category), "Category"))
    if value.collection is not None:
        q &= collection_q(target, _ids(global_ids_of(value.collection), "Collection"))
    if value.has_category is not None:
        q &= Q(**{f"{target.product('category_id')}__isnull": not value.has_category})
    if value.gift_card is not None:
        q &= _gift_card_q(target, value.gift_card)
    if value.price is not None:
        q &= _variant_price_q(target, decimal_q("price_points", value.price))
    if value.minimal_price is not None:
        q &= _minimal_price_q(target, decimal_q("min_price_points", value.minimal_price))
    if value.updated_at is not None:
        q &= datetime_q(target.product("updated_at"), value.updated_at)
    return q & await _shared_q(info, target, value)
