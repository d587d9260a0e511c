"""Per-request DataLoaders of the catalogue: one query per relation for a whole page, never one per row.

Each accessor returns the loader's future. `then(value, fn)` applies `fn` at once when the value is
already there (a list prefetched the relation for its page), so most fields resolve synchronously:
graphql-core costs several times more for a field that returns an awaitable.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from tortoise.expressions import Subquery

from catalog.models import (
    Category,
    ChannelWarehouse,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Translation,
    Warehouse,
)
from catalog.promotions import services as promotions
from catalog.promotions.prices import RunningRule
from catalog.services.translations import translations_of_kinds
from catalog.tier_benefits import NO_BENEFITS, TierBenefits, tier_benefits
from kernel import clock
from mall import sql
from mall.channels.models import Channel
from mall.graphql.context import Context

T = TypeVar("T")
R = TypeVar("R")


def then(value: Any, function: Callable[[Any], R]) -> R | Awaitable[R]:
    """`function(value)` now if `value` is ready, otherwise an awaitable of it."""
    if isinstance(value, asyncio.Future):
        if value.done():
            return function(value.result())
    elif not inspect.iscoroutine(value):  # rows are awaitable too (tortoise models): never await them
        return function(value)

    async def later() -> R:
        return function(await value)

    return later()


def _by(rows: list[Any], attribute: str) -> dict[Any, Any]:
    return {getattr(row, attribute): row for row in rows}


def _grouped(rows: list[Any], attribute: str) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, attribute)].append(row)
    return groups


def _by_channel(keys: list[tuple[Any, int | None]]) -> dict[int | None, set[Any]]:
    groups: dict[int | None, set[Any]] = defaultdict(set)
    for first, channel_id in keys:
        groups[channel_id].add(first)
    return groups


def _loader(context: Context, name: str, load: Callable[[Context, list[Any]], Awaitable[list[Any]]]) -> Any:
    return context.loader(name, lambda keys: load(context, keys))


# The caller's loyalty tier -----------------------------------------------------------------------


def caller_benefits(context: Context, channel: Channel) -> Awaitable[TierBenefits]:
    """The signed-in member's tier benefits in the channel (staff, apps and visitors: none of a member's),
    read once per request and channel."""
    name = f"catalog.tier_benefits:{channel.id}"  # one loader per channel: its batch function holds the channel
    return _loader(context, name, lambda ctx, ids: _benefits(ctx, channel, ids)).load(channel.id)


async def _benefits(context: Context, channel: Channel, ids: list[int]) -> list[TierBenefits]:
    try:
        principal = await context.principal()
    except Exception:  # a bad token: the field answers as to a visitor; the caller's own fields report it
        principal = None
    user = principal.user if principal is not None else None
    member_id = user.id if user is not None and not user.is_staff else None
    benefits = await tier_benefits(channel, member_id) if ids else NO_BENEFITS
    return [benefits for _ in ids]


# Rows by primary key ------------------------------------------------------------------------------


def _rows_by_id_load(model: type) -> Callable[[Context, list[Any]], Awaitable[list[Any]]]:
    async def load(_: Context, ids: list[Any]) -> list[Any]:
        wanted = list(set(ids))
        rows = _by(await sql.fetch_models(model, f"WHERE id IN ({sql.placeholders(len(wanted))})", *wanted), "id")
        return [rows.get(pk) for pk in ids]

    return load


def _rows_by_id(model: type, name: str) -> Callable[[Context, Hashable], Awaitable[Any]]:
    load = _rows_by_id_load(model)

    def accessor(context: Context, pk: Hashable) -> Awaitable[Any]:
        return _loader(context, name, load).load(pk)

    return accessor


_categories_by_id = _rows_by_id_load(Category)
category = _rows_by_id(Category, "catalog.category")


def prime_category(context: Context, row: Category) -> None:
    """A category read with another statement (a list's page, a product page's product)."""
    _loader(context, "catalog.category", _categories_by_id).prime(row.id, row)


product = _rows_by_id(Product, "catalog.product")
variant = _rows_by_id(ProductVariant, "catalog.variant")
product_type = _rows_by_id(ProductType, "catalog.product_type")
channel = _rows_by_id(Channel, "catalog.channel")
warehouse = _rows_by_id(Warehouse, "catalog.warehouse")
collection = _rows_by_id(Collection, "catalog.collection")


async def _all_categories(_: Context, keys: list[int]) -> list[list[Category]]:
    rows = await sql.fetch_models(Category, "ORDER BY level, slug")  # raw: read by every category filter
    return [rows for _ in keys]


def all_categories(context: Context) -> Awaitable[list[Category]]:
    """The whole category tree (a small table), for ancestors, descendants and menus."""
    return _loader(context, "catalog.all_categories", _all_categories).load(0)


# Channel listings ---------------------------------------------------------------------------------


async def _product_listings(_: Context, keys: list[tuple[int, int]]) -> list[ProductChannelListing | None]:
    found: dict[tuple[int, int], ProductChannelListing] = {}
    for channel_id, product_ids in _by_channel(keys).items():
        for row in await ProductChannelListing.filter(channel_id=channel_id, product_id__in=product_ids):
            found[(row.product_id, channel_id)] = row  # type: ignore[attr-defined]
    return [found.get(key) for key in keys]


def product_listing(context: Context, product_id: int, channel_id: int) -> Awaitable[ProductChannelListing | None]:
    return _loader(context, "catalog.product_listing", _product_listings).load((product_id, channel_id))


def prime_product_listings(context: Context, listings: list[ProductChannelListing]) -> None:
    loader = _loader(context, "catalog.product_listing", _product_listings)
    loader.prime_many({(row.product_id, row.channel_id): row for row in listings})  # type: ignore[attr-defined]


async def _listings_of_products(_: Context, ids: list[int]) -> list[list[ProductChannelListing]]:
    groups = _grouped(list(await ProductChannelListing.filter(product_id__in=set(ids)).order_by("id")), "product_id")
    return [groups.get(pk, []) for pk in ids]


async def product_by_slug(context: Context, slug: str, channel_id: int | None) -> Product | None:
    """The product of `slug`, and in a channel its listing there and its category, read together and kept for
    the request (a product page decides visibility and prices from the listing: one round trip, not three)."""
    if channel_id is None:
        return await Product.get_or_none(slug=slug)
    rows = await sql.fetch_rows(
        f"SELECT {sql.columns(Product, 'p')}, {sql.columns(ProductChannelListing, 'l')}, "
        f"{sql.columns(Category, 'pc')} FROM {Product._meta.db_table} p "
        f"LEFT JOIN {ProductChannelListing._meta.db_table} l ON l.product_id = p.id AND l.channel_id = $2 "
        f"LEFT JOIN {Category._meta.db_table} pc ON pc.id = p.category_id WHERE p.slug = $1",
        slug, channel_id,
    )
    if not rows:
        return None
    found = sql.model_from(Product, rows[0], "p")
    if found is not None:
        listing = sql.model_from(ProductChannelListing, rows[0], "l")
        _loader(context, "catalog.product_listing", _product_listings).prime((found.id, channel_id), listing)
        found_category = sql.model_from(Category, rows[0], "pc")
        if found_category is not None:
            prime_category(context, found_category)
    return found


def listings_of_product(context: Context, product_id: int) -> Awaitable[list[ProductChannelListing]]:
    return _loader(context, "catalog.listings_of_product", _listings_of_products).load(product_id)


async def _variant_listings(_: Context, keys: list[tuple[int, int]]) -> list[ProductVariantChannelListing | None]:
    found: dict[tuple[int, int], ProductVariantChannelListing] = {}
    for channel_id, variant_ids in _by_channel(keys).items():
        for row in await ProductVariantChannelListing.filter(channel_id=channel_id, variant_id__in=variant_ids):
            found[(row.variant_id, channel_id)] = row  # type: ignore[attr-defined]
    return [found.get(key) for key in keys]


def variant_listing(
    context: Context, variant_id: int, channel_id: int
) -> Awaitable[ProductVariantChannelListing | None]:
    return _loader(context, "catalog.variant_listing", _variant_listings).load((variant_id, channel_id))


async def _listings_of_variants(_: Context, ids: list[int]) -> list[list[ProductVariantChannelListing]]:
    rows = list(await ProductVariantChannelListing.filter(variant_id__in=set(ids)).order_by("id"))
    groups = _grouped(rows, "variant_id")
    return [groups.get(pk, []) for pk in ids]


def listings_of_variant(context: Context, variant_id: int) -> Awaitable[list[ProductVariantChannelListing]]:
    return _loader(context, "catalog.listings_of_variant", _listings_of_variants).load(variant_id)


async def _collection_listings(_: Context, ids: list[int]) -> list[list[CollectionChannelListing]]:
    rows = list(await CollectionChannelListing.filter(collection_id__in=set(ids)).order_by("id"))
    groups = _grouped(rows, "collection_id")
    return [groups.get(pk, []) for pk in ids]


def listings_of_collection(context: Context, collection_id: int) -> Awaitable[list[CollectionChannelListing]]:
    return _loader(context, "catalog.listings_of_collection", _collection_listings).load(collection_id)


# Variants, media, stock -----------------------------------------------------------------------------


# What a variant can still promise in a channel: quantity - allocated (never below zero) summed over the
# channel's warehouses, as `_quantities` adds it up; read beside the variant's price, not after it.
_AVAILABLE_IN_CHANNEL = (
    f"(SELECT COALESCE(SUM(CASE WHEN s.quantity > s.quantity_allocated THEN s.quantity - s.quantity_allocated "
    f"ELSE 0 END), 0) FROM {Stock._meta.db_table} s WHERE s.variant_id = v.id AND s.warehouse_id IN "
    f"(SELECT cw.warehouse_id FROM {ChannelWarehouse._meta.db_table} cw WHERE cw.channel_id = $1))"
)


async def _priced_variants(
    channel_id: int, product_ids: list[int]
) -> list[tuple[ProductVariantChannelListing, ProductVariant, int]]:
    """The products' variants priced in the channel, with their prices and the units each can still promise
    there, in variant order: one statement (a product page shows stock beside the price; reading it with
    the variants saves the page a round trip). Raw SQL with short column aliases, not select_related:
    PostgreSQL cuts the aliases tortoise makes for this join to 63 characters and the variant would lack
    quantity_limit_per_customer (tests/mall/test_models.py)."""
    if not product_ids:
        return []
    places = sql.placeholders(len(product_ids), first=2)
    query = (
        f"SELECT {sql.columns(ProductVariantChannelListing, 'vl')}, {sql.columns(ProductVariant, 'v')}, "
        f'{_AVAILABLE_IN_CHANNEL} AS "available" '
        f"FROM {ProductVariantChannelListing._meta.db_table} vl JOIN {ProductVariant._meta.db_table} v "
        f"ON v.id = vl.variant_id WHERE vl.channel_id = $1 AND v.product_id IN ({places}) ORDER BY v.sort_order, v.id"
    )
    rows = await sql.fetch_rows(query, channel_id, *product_ids)
    return [(sql.model_from(ProductVariantChannelListing, row, "vl"), sql.model_from(ProductVariant, row, "v"),
             int(row["available"])) for row in rows]


async def _variants(context: Context, keys: list[tuple[int, int | None]]) -> list[list[ProductVariant]]:
    """A product's variants: in a channel only those with a price there (Saleor's rule for everyone)."""
    found: dict[tuple[int, int | None], list[ProductVariant]] = defaultdict(list)
    listing_loader = _loader(context, "catalog.variant_listing", _variant_listings)
    quantity_loader = _loader(context, "catalog.quantity", _quantities)
    for channel_id, product_ids in _by_channel(keys).items():
        if channel_id is None:
            for variant in await ProductVariant.filter(product_id__in=product_ids):
                found[(variant.product_id, None)].append(variant)  # type: ignore[attr-defined]
            continue
        for listing, variant, available in await _priced_variants(channel_id, product_ids):
            found[(variant.product_id, channel_id)].append(variant)  # type: ignore[attr-defined]
            listing_loader.prime((variant.id, channel_id), listing)
            quantity_loader.prime((variant.id, channel_id), available)
    return [found.get(key, []) for key in keys]


def variants_of_product(context: Context, product_id: int, channel_id: int | None) -> Awaitable[list[ProductVariant]]:
    return _loader(context, "catalog.variants", _variants).load((product_id, channel_id))


async def _media(_: Context, ids: list[int]) -> list[list[ProductMedia]]:
    wanted = list(set(ids))
    conditions = f"WHERE product_id IN ({sql.placeholders(len(wanted))}) ORDER BY sort_order, id"
    groups = _grouped(await sql.fetch_models(ProductMedia, conditions, *wanted), "product_id")
    return [groups.get(pk, []) for pk in ids]


def media_of_product(context: Context, product_id: int) -> Awaitable[list[ProductMedia]]:
    """All media of a product in display order (the first one is the thumbnail)."""
    return _loader(context, "catalog.media", _media).load(product_id)


async def _thumbnails(context: Context, ids: list[int]) -> list[ProductMedia | None]:
    media = await asyncio.gather(*(media_of_product(context, pk) for pk in ids))
    return [rows[0] if rows else None for rows in media]


def thumbnail_of_product(context: Context, product_id: int) -> Awaitable[ProductMedia | None]:
    """A product's first medium (None without media): primed by a list's page, else from all its media."""
    first: Awaitable[ProductMedia | None] = _loader(context, "catalog.thumbnail", _thumbnails).load(product_id)
    return first


def prime_thumbnail(context: Context, product_id: int, medium: ProductMedia | None) -> None:
    _loader(context, "catalog.thumbnail", _thumbnails).prime(product_id, medium)


async def _quantities(_: Context, keys: list[tuple[int, int | None]]) -> list[int]:
    """Units that can still be promised: quantity - allocated, over the channel's warehouses."""
    totals: dict[tuple[int, int | None], int] = defaultdict(int)
    for channel_id, variant_ids in _by_channel(keys).items():
        stocks = Stock.filter(variant_id__in=variant_ids)
        if channel_id is not None:
            linked = ChannelWarehouse.filter(channel_id=channel_id).values("warehouse_id")
            stocks = stocks.filter(warehouse_id__in=Subquery(linked))
        for variant_id, quantity, allocated in await stocks.values_list("variant_id", "quantity", "quantity_allocated"):
            totals[(variant_id, channel_id)] += max(quantity - allocated, 0)
    return [totals.get(key, 0) for key in keys]


def quantity_available(context: Context, variant_id: int, channel_id: int | None) -> Awaitable[int]:
    return _loader(context, "catalog.quantity", _quantities).load((variant_id, channel_id))


async def _stocks(_: Context, ids: list[int]) -> list[list[Stock]]:
    groups = _grouped(list(await Stock.filter(variant_id__in=set(ids)).order_by("id")), "variant_id")
    return [groups.get(pk, []) for pk in ids]


def stocks_of_variant(context: Context, variant_id: int) -> Awaitable[list[Stock]]:
    return _loader(context, "catalog.stocks", _stocks).load(variant_id)


async def _collections_of_products(_: Context, ids: list[int]) -> list[list[int]]:
    links = await CollectionProduct.filter(product_id__in=set(ids)).order_by("sort_order", "id")
    groups: dict[int, list[int]] = defaultdict(list)
    for link in links:
        groups[link.product_id].append(link.collection_id)  # type: ignore[attr-defined]
    return [groups.get(pk, []) for pk in ids]


def collection_ids_of_product(context: Context, product_id: int) -> Awaitable[list[int]]:
    return _loader(context, "catalog.collections_of_product", _collections_of_products).load(product_id)


async def _in_stock_products(_: Context, keys: list[tuple[int, int]]) -> list[bool]:
    """Whether a product has a variant priced in the channel that can still be promised (or is untracked):
    one statement per channel."""
    available: set[tuple[int, int]] = set()
    for channel_id, product_ids in _by_channel(keys).items():
        ids = list(product_ids)
        rows = await sql.fetch_rows(
            f"SELECT DISTINCT v.product_id AS product_id FROM {ProductVariant._meta.db_table} v "
            f"JOIN {ProductVariantChannelListing._meta.db_table} vl ON vl.variant_id = v.id AND vl.channel_id = $1 "
            f"WHERE v.product_id IN ({sql.placeholders(len(ids), first=2)}) AND (NOT v.track_inventory OR EXISTS ("
            f"SELECT 1 FROM {Stock._meta.db_table} s WHERE s.variant_id = v.id AND s.quantity > s.quantity_allocated "
            f"AND s.warehouse_id IN (SELECT cw.warehouse_id FROM {ChannelWarehouse._meta.db_table} cw "
            "WHERE cw.channel_id = $1)))",
            channel_id, *ids,
        )
        available.update((int(row["product_id"]), channel_id) for row in rows)
    return [key in available for key in keys]


def product_in_stock(context: Context, product_id: int, channel_id: int) -> Awaitable[bool]:
    return _loader(context, "catalog.in_stock", _in_stock_products).load((product_id, channel_id))


# Translations -------------------------------------------------------------------------------------


async def _translations(_: Context, keys: list[tuple[str, int, str]]) -> list[Translation | None]:
    """One query per language for every kind asked together (a card's product and category names)."""
    wanted: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for kind, object_id, language in keys:
        wanted[language][kind].add(object_id)
    found: dict[tuple[str, int, str], Translation] = {}
    for language, ids_by_kind in wanted.items():
        for (kind, object_id), row in (await translations_of_kinds(ids_by_kind, language)).items():
            found[(kind, object_id, language)] = row
    return [found.get(key) for key in keys]


def translation(context: Context, kind: str, object_id: int, language: str) -> Awaitable[Translation | None]:
    """The object's translation into `language` (a LanguageCodeEnum name); `kind` as in
    catalog.services.translations.TRANSLATED."""
    return _loader(context, "catalog.translation", _translations).load((kind, object_id, language))


def expect_translation(context: Context, kind: str, object_id: int, language: str) -> None:
    """Asks for a translation the page is about to ask for, so that it joins the batch being gathered now
    instead of a statement of its own a loop turn later; a few rows too many when it is not asked after all."""
    translation(context, kind, object_id, language)


# Promotions -----------------------------------------------------------------------------------------


async def _running_rules(_: Context, channel_ids: list[int]) -> list[list[RunningRule]]:
    now = clock.now()  # one instant for the whole request: every price on a page agrees
    return [await promotions.kept_running_rules(channel_id, now) for channel_id in channel_ids]


def running_rules(context: Context, channel_id: int) -> Awaitable[list[RunningRule]]:
    """The catalogue promotion rules running in the channel: this worker's copy (mall.rule_versions), asked once
    per request."""
    return _loader(context, "catalog.running_rules", _running_rules).load(channel_id)
