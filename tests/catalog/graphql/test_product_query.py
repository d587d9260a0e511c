"""`products(...)` read through the SQL of catalog/graphql/product_query.py: every sort order paged both
ways, literal search, counts that agree with the names, the filter fields, and conditions that collapse."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from catalog.models import Product, ProductType, ProductVariant
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.graphql.ids import to_global_id
from mall.settings import Settings
from tests.catalog.factories import (
    LONG_AGO,
    list_product,
    make_category,
    make_gift,
    make_product,
    make_product_type,
    make_variant,
    make_warehouse,
    price_variant,
    soon,
    stock,
)
from tests.factories import make_channel, make_member, make_staff, token_for

PAGE = """
query($channel: String, $first: Int, $last: Int, $after: String, $before: String, $sortBy: ProductOrder,
      $where: ProductWhereInput) {
  products(channel: $channel, first: $first, last: $last, after: $after, before: $before, sortBy: $sortBy,
           where: $where) {
    edges { node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
PRODUCTS = """
query($channel: String, $first: Int, $filter: ProductFilterInput, $where: ProductWhereInput, $search: String) {
  products(channel: $channel, first: $first, filter: $filter, where: $where, search: $search) {
    totalCount edges { node { name } }
  }
}
"""
CHANNEL = "bank-a-mall"
MAX_PAGES = 10
DAY_ONE = datetime(2026, 5, 1, tzinfo=UTC)


def day(number: int) -> datetime:
    return DAY_ONE + timedelta(days=number)


async def listed_gift(
    channel: Channel,
    name: str,
    points: int,
    *,
    slug: str | None = None,
    product_type: ProductType | None = None,
    rating: float | None = None,
    **listing: Any,
) -> Product:
    """A gift with one variant priced in `channel` and listed there, with the product columns sorts read."""
    product = await make_product(name, slug=slug, product_type=product_type, rating=rating)
    variant = await make_variant(product, f"SKU-{product.slug.upper()}")
    await price_variant(variant, channel, points)
    await list_product(product, channel, **listing)
    return product


async def set_times(product: Product, *, created: datetime | None = None, updated: datetime) -> None:
    """Set after every other write: saving a product moves its `updated_at`."""
    times = {"updated_at": updated} | ({"created_at": created} if created else {})
    await Product.filter(id=product.id).update(**times)


async def staff_token(settings: Settings) -> str:
    return token_for(await make_staff(permissions=["MANAGE_PRODUCTS"]), settings)


async def products(api: Any, variables: dict[str, Any], token: str | None = None) -> tuple[list[str], int]:
    """The names of the first 20 products matching `variables` in the channel, and the total count."""
    data = await api.ok(PRODUCTS, {"channel": CHANNEL, "first": 20} | variables, token)
    return [edge["node"]["name"] for edge in data["products"]["edges"]], data["products"]["totalCount"]


async def names(api: Any, variables: dict[str, Any], token: str | None = None) -> list[str]:
    return (await products(api, variables, token))[0]


# Sort orders, paged with keyset cursors


async def sortable_shop(settings: Settings) -> str:
    """Six listings whose every sort key has ties (broken by name, then slug) and, where nullable, NULLs.
    Two listings are unpublished, so the walk is made as staff. Returns the staff token."""
    channel = await make_channel(CHANNEL)
    kitchen = await make_product_type("kitchen")
    home = await make_product_type("home")
    appliance = await make_product_type("appliance")
    rows = [
        # slug, name, points, type, rating, created, updated, published, published_at
        ("apron", "Apron", 300, kitchen, 5.0, day(2), day(3), True, datetime(2026, 1, 3, tzinfo=UTC)),
        ("blender", "Blender", 1200, appliance, None, day(0), day(1), False, None),
        ("candle", "Candle", 300, home, 3.0, day(2), day(0), True, None),
        ("candle-2", "Candle", 650, home, 3.0, day(1), day(3), True, datetime(2026, 1, 2, tzinfo=UTC)),
        ("drone", "Drone", 9000, appliance, None, day(3), day(2), False, datetime(2026, 1, 5, tzinfo=UTC)),
        ("art-easel", "Easel", 650, kitchen, 4.5, day(2), day(4), True, datetime(2026, 1, 2, tzinfo=UTC)),
    ]
    for slug, name, points, product_type, rating, created, updated, published, published_at in rows:
        product = await listed_gift(
            channel, name, points, slug=slug, product_type=product_type, rating=rating,
            published=published, published_at=published_at,
        )
        await set_times(product, created=created, updated=updated)
    return await staff_token(settings)


# Each field's ascending order of `sortable_shop`; descending is its exact reverse (every key turns).
ASCENDING = {
    "NAME": ["apron", "blender", "candle", "candle-2", "drone", "art-easel"],
    "PRICE": ["apron", "candle", "candle-2", "art-easel", "blender", "drone"],
    "MINIMAL_PRICE": ["apron", "candle", "candle-2", "art-easel", "blender", "drone"],
    "CREATED_AT": ["blender", "candle-2", "apron", "candle", "art-easel", "drone"],
    "LAST_MODIFIED_AT": ["candle", "blender", "drone", "apron", "candle-2", "art-easel"],
    "LAST_MODIFIED": ["candle", "blender", "drone", "apron", "candle-2", "art-easel"],
    "DATE": ["candle", "blender", "drone", "apron", "candle-2", "art-easel"],
    "TYPE": ["blender", "drone", "candle", "candle-2", "apron", "art-easel"],  # Appliance, Home, Kitchen
    "RATING": ["blender", "drone", "candle", "candle-2", "art-easel", "apron"],  # no rating sorts as -1
    "PUBLISHED": ["blender", "drone", "apron", "candle", "candle-2", "art-easel"],  # false first
    "PUBLICATION_DATE": ["blender", "candle", "candle-2", "art-easel", "apron", "drone"],  # no date: 1970
    "PUBLISHED_AT": ["blender", "candle", "candle-2", "art-easel", "apron", "drone"],
    None: ["apron", "art-easel", "blender", "candle", "candle-2", "drone"],  # no field: by slug
}


async def walk_forwards(api: Any, variables: dict[str, Any], token: str | None) -> list[str]:
    """Every slug, reading pages of two with `first`/`after` until there is no next page."""
    slugs: list[str] = []
    after = None
    for _ in range(MAX_PAGES):
        data = await api.ok(PAGE, variables | {"first": 2, "after": after}, token)
        slugs += [edge["node"]["slug"] for edge in data["products"]["edges"]]
        info = data["products"]["pageInfo"]
        if not info["hasNextPage"]:
            return slugs
        after = info["endCursor"]
    raise AssertionError("the pages never end")


async def walk_backwards(api: Any, variables: dict[str, Any], token: str | None) -> list[str]:
    """Every slug, reading pages of two with `last`/`before` from the end until there is no previous page."""
    slugs: list[str] = []
    before = None
    for _ in range(MAX_PAGES):
        data = await api.ok(PAGE, variables | {"last": 2, "before": before}, token)
        slugs = [edge["node"]["slug"] for edge in data["products"]["edges"]] + slugs
        info = data["products"]["pageInfo"]
        if not info["hasPreviousPage"]:
            return slugs
        before = info["startCursor"]
    raise AssertionError("the pages never end")


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize(("field", "ascending"), ASCENDING.items(), ids=[str(field) for field in ASCENDING])
async def test_each_sort_pages_forwards_and_backwards_in_the_same_order(api, settings, field, ascending, direction):
    # given
    token = await sortable_shop(settings)
    sort_by = {"direction": direction} | ({"field": field} if field else {})
    variables = {"channel": CHANNEL, "sortBy": sort_by}

    # when
    forwards = await walk_forwards(api, variables, token)
    backwards = await walk_backwards(api, variables, token)

    # then
    expected = ascending if direction == "ASC" else ascending[::-1]
    assert forwards == expected
    assert backwards == expected


async def test_without_sort_by_products_come_by_slug_both_ways(api, settings):
    # given
    token = await sortable_shop(settings)

    # when
    forwards = await walk_forwards(api, {"channel": CHANNEL}, token)
    backwards = await walk_backwards(api, {"channel": CHANNEL}, token)

    # then
    assert forwards == ["apron", "art-easel", "blender", "candle", "candle-2", "drone"]
    assert backwards == forwards


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("RATING", ["candle", "candle-2", "art-easel", "apron"]),
        ("PUBLISHED_AT", ["candle", "candle-2", "art-easel", "apron"]),
        ("PRICE", ["apron", "candle", "candle-2", "art-easel"]),
    ],
)
async def test_members_page_only_published_listings_in_the_same_orders(api, settings, field, expected):
    # given
    await sortable_shop(settings)
    token = token_for(await make_member(settings), settings)
    variables = {"channel": CHANNEL, "sortBy": {"field": field, "direction": "ASC"}}

    # when
    forwards = await walk_forwards(api, variables, token)
    backwards = await walk_backwards(api, variables, token)

    # then
    assert forwards == expected
    assert backwards == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("TYPE", ["blender", "drone", "candle", "candle-2", "apron", "art-easel"]),
        ("RATING", ["blender", "drone", "candle", "candle-2", "art-easel", "apron"]),
        ("CREATED_AT", ["blender", "candle-2", "apron", "candle", "art-easel", "drone"]),
        ("PRICE", ["apron", "blender", "candle", "candle-2", "drone", "art-easel"]),  # needs a channel: by name
        (None, ["apron", "art-easel", "blender", "candle", "candle-2", "drone"]),
    ],
)
async def test_staff_without_a_channel_page_products_in_the_same_orders(api, settings, field, expected):
    # given
    token = await sortable_shop(settings)
    variables = {"sortBy": {"direction": "ASC"} | ({"field": field} if field else {})}

    # when
    forwards = await walk_forwards(api, variables, token)
    backwards = await walk_backwards(api, variables, token)

    # then
    assert forwards == expected
    assert backwards == expected


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("ASC", ["unpriced-drum", "unpriced-easel", "unpriced-frame", "apron", "blender"]),
        ("DESC", ["blender", "apron", "unpriced-frame", "unpriced-easel", "unpriced-drum"]),
    ],
)
async def test_staff_price_sort_pages_unpriced_listings_as_minus_one_both_ways(api, settings, direction, expected):
    # given
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Apron", 300)
    await make_gift(channel, "Blender", 1200)
    for name in ["Unpriced Frame", "Unpriced Easel", "Unpriced Drum"]:
        await list_product(await make_product(name), channel, published=False)
    token = await staff_token(settings)
    variables = {"channel": CHANNEL, "sortBy": {"field": "PRICE", "direction": direction}}

    # when
    forwards = await walk_forwards(api, variables, token)
    backwards = await walk_backwards(api, variables, token)

    # then
    assert forwards == expected
    assert backwards == expected


# Search


@pytest.mark.parametrize(
    ("search", "expected"),
    [("100%", ["Tote 100% Cotton"]), ("a_s", ["Tea_Set"]), ("h\\l", ["Path\\Lamp"])],
)
async def test_search_matches_percent_underscore_and_backslash_literally(api, search, expected):
    # given
    channel = await make_channel(CHANNEL)
    for name in ["Tote 100% Cotton", "Tote 1000 Cotton", "Tea_Set", "TeaXSet", "Path\\Lamp", "PathLamp"]:
        await make_gift(channel, name, 500)

    # when
    by_search = await products(api, {"search": search})
    by_filter = await products(api, {"filter": {"search": search}})

    # then
    assert by_search == (expected, 1)
    assert by_filter == (expected, 1)


# Counts


async def partner_shop() -> None:
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Jade Wok", 800, partner_code="JADE", published=False)
    await make_gift(channel, "Jade Kettle", 2000, partner_code="JADE")
    await make_gift(channel, "Volt Radio", 900, partner_code="VOLT", published=False)
    await make_gift(channel, "Volt Speaker", 1500, partner_code="VOLT")
    await make_gift(channel, "Volt Secret", 1600, partner_code="VOLT", visible_in_listings=False)
    await make_product("Jade Unlisted Lamp", partner_code="JADE")


async def partner_token(settings: Settings) -> str:
    jade = await make_staff("jade@example.com", ["MANAGE_PRODUCTS"], scope=(ScopeKind.PARTNER, "JADE"))
    return token_for(jade, settings)


async def test_partner_staff_list_and_count_their_own_gifts_only(api, settings):
    # given
    await partner_shop()
    token = await partner_token(settings)

    # when
    everything = await products(api, {}, token)
    first_page = await products(api, {"first": 1}, token)
    cheap = await products(api, {"where": {"minimalPrice": {"range": {"lte": 1500}}}}, token)

    # then: published or not, and no other partner's (issue 17: the back office lists what the partner manages)
    assert everything == (["Jade Kettle", "Jade Wok"], 2)
    assert first_page == (["Jade Kettle"], 2)
    assert cheap == (["Jade Wok"], 1)


async def test_partner_staff_without_a_channel_count_their_own_products(api, settings):
    # given
    await partner_shop()
    token = await partner_token(settings)

    # when
    found = await products(api, {"channel": None}, token)

    # then: listed in a channel or not
    assert found == (["Jade Kettle", "Jade Unlisted Lamp", "Jade Wok"], 3)


async def test_staff_without_a_channel_count_every_product(api, settings):
    # given
    await partner_shop()
    token = await staff_token(settings)

    # when
    everything = await products(api, {"channel": None}, token)
    named = await products(api, {"channel": None, "where": {"name": {"oneOf": ["Volt Radio", "Jade Wok"]}}}, token)
    unpublished = await products(api, {"channel": None, "filter": {"isPublished": False}}, token)

    # then
    assert everything == (
        ["Jade Kettle", "Jade Unlisted Lamp", "Jade Wok", "Volt Radio", "Volt Secret", "Volt Speaker"],
        6,
    )
    assert named == (["Jade Wok", "Volt Radio"], 2)
    assert unpublished == (["Jade Unlisted Lamp", "Jade Wok", "Volt Radio"], 3)  # published in no channel


async def test_a_member_count_agrees_with_product_and_listing_filters(api, settings):
    # given
    await partner_shop()
    token = token_for(await make_member(settings), settings)

    # when
    everything = await products(api, {}, token)
    by_name = await products(api, {"where": {"name": {"eq": "Volt Speaker"}}}, token)
    by_slug = await products(api, {"where": {"slug": {"oneOf": ["jade-kettle", "jade-wok"]}}}, token)
    by_listing_only = await products(api, {"where": {"minimalPrice": {"range": {"gte": 1000}}}}, token)
    by_filter_listing_only = await products(api, {"filter": {"minimalPrice": {"lte": 1500}}}, token)

    # then
    assert everything == (["Jade Kettle", "Volt Speaker"], 2)
    assert by_name == (["Volt Speaker"], 1)
    assert by_slug == (["Jade Kettle"], 1)
    assert by_listing_only == (["Jade Kettle", "Volt Speaker"], 2)
    assert by_filter_listing_only == (["Volt Speaker"], 1)


# Price filters


async def two_gifts() -> tuple[Product, Product]:
    channel = await make_channel(CHANNEL)
    return await make_gift(channel, "Iron Wok", 800), await make_gift(channel, "Reading Lamp", 1500)


@pytest.mark.parametrize("field", ["price", "minimalPrice"])
@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"eq": 800}, ["Iron Wok"]),
        ({"eq": 800.5}, []),  # points are whole: a fractional price is nobody's
        ({"oneOf": [1500, 3]}, ["Reading Lamp"]),
        ({"oneOf": [799.5]}, []),
        ({"range": {"gte": 1000}}, ["Reading Lamp"]),
        ({"range": {"lte": 800.9}}, ["Iron Wok"]),  # bounds round inwards
        ({"range": {"gte": 799.1, "lte": 1499.9}}, ["Iron Wok"]),
    ],
)
async def test_where_price_and_minimal_price(api, field, condition, expected):
    # given
    await two_gifts()

    # when
    found = await products(api, {"where": {field: condition}})

    # then
    assert found == (expected, len(expected))


@pytest.mark.parametrize("field", ["price", "minimalPrice"])
@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"gte": 799.5}, ["Iron Wok", "Reading Lamp"]),
        ({"gte": 800.5}, ["Reading Lamp"]),
        ({"lte": 1499.5}, ["Iron Wok"]),
        ({"gte": 900, "lte": 1500}, ["Reading Lamp"]),
    ],
)
async def test_filter_price_and_minimal_price(api, field, condition, expected):
    # given
    await two_gifts()

    # when
    found = await products(api, {"filter": {field: condition}})

    # then
    assert found == (expected, len(expected))


# Product columns


async def test_gift_card_filter_reads_the_product_types_kind(api):
    # given
    channel = await make_channel(CHANNEL)
    cards = await make_product_type("points-card", kind="GIFT_CARD")
    await listed_gift(channel, "Tea Card", 500, product_type=cards)
    await listed_gift(channel, "Iron Wok", 800)

    # when
    cards_by_filter = await names(api, {"filter": {"giftCard": True}})
    others_by_filter = await names(api, {"filter": {"giftCard": False}})
    cards_by_where = await names(api, {"where": {"giftCard": True}})
    others_by_where = await names(api, {"where": {"giftCard": False}})

    # then
    assert cards_by_filter == ["Tea Card"]
    assert others_by_filter == ["Iron Wok"]
    assert cards_by_where == ["Tea Card"]
    assert others_by_where == ["Iron Wok"]


async def test_product_type_filters(api):
    # given
    channel = await make_channel(CHANNEL)
    kitchen = await make_product_type("kitchen")
    garden = await make_product_type("garden")
    await listed_gift(channel, "Iron Wok", 800, product_type=kitchen)
    await listed_gift(channel, "Rose Shears", 1500, product_type=garden)
    kitchen_id, garden_id = to_global_id("ProductType", kitchen.id), to_global_id("ProductType", garden.id)

    # when
    by_filter = await names(api, {"filter": {"productTypes": [kitchen_id]}})
    by_where_eq = await names(api, {"where": {"productType": {"eq": garden_id}}})
    by_where_one_of = await names(api, {"where": {"productType": {"oneOf": [kitchen_id, garden_id]}}})

    # then
    assert by_filter == ["Iron Wok"]
    assert by_where_eq == ["Rose Shears"]
    assert by_where_one_of == ["Iron Wok", "Rose Shears"]


async def test_where_has_category(api):
    # given
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Iron Wok", 800, category=await make_category("Kitchen"))
    await make_gift(channel, "Mystery Box", 100)

    # when
    without = await names(api, {"where": {"hasCategory": False}})
    with_one = await names(api, {"where": {"hasCategory": True}})

    # then
    assert without == ["Mystery Box"]
    assert with_one == ["Iron Wok"]


async def test_ids_filters(api):
    # given
    wok, _ = await two_gifts()
    wok_id = to_global_id("Product", wok.id)

    # when
    by_filter = await products(api, {"filter": {"ids": [wok_id]}})
    by_where = await products(api, {"where": {"ids": [wok_id]}})

    # then
    assert by_filter == (["Iron Wok"], 1)
    assert by_where == (["Iron Wok"], 1)


async def updated_gifts() -> None:
    wok, lamp = await two_gifts()
    await set_times(wok, updated=day(1))
    await set_times(lamp, updated=day(5))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"gte": day(0).isoformat(), "lte": day(2).isoformat()}, ["Iron Wok"]),
        ({"gte": day(1).isoformat()}, ["Iron Wok", "Reading Lamp"]),
        ({"gte": (day(1) + timedelta(seconds=1)).isoformat()}, ["Reading Lamp"]),
        ({"lte": "2026-05-02T08:00:00+08:00"}, ["Iron Wok"]),  # day(1) in another time zone
    ],
)
async def test_filter_updated_at_range(api, condition, expected):
    # given
    await updated_gifts()

    # when
    found = await names(api, {"filter": {"updatedAt": condition}})

    # then
    assert found == expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"eq": day(5).isoformat()}, ["Reading Lamp"]),
        ({"eq": "2026-05-02T08:00:00+08:00"}, ["Iron Wok"]),
        ({"oneOf": [day(1).isoformat(), day(3).isoformat()]}, ["Iron Wok"]),
        ({"range": {"gte": day(2).isoformat()}}, ["Reading Lamp"]),
        ({"range": {"gte": day(0).isoformat(), "lte": day(1).isoformat()}}, ["Iron Wok"]),
    ],
)
async def test_where_updated_at(api, condition, expected):
    # given
    await updated_gifts()

    # when
    found = await names(api, {"where": {"updatedAt": condition}})

    # then
    assert found == expected


# Listing columns


async def test_is_available_reads_the_time_of_availability_for_purchase(api):
    # given
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Ready Wok", 800)
    await make_gift(channel, "Later Lamp", 1500, available_for_purchase_at=soon())
    await make_gift(channel, "Unset Kettle", 900, available_for_purchase_at=None)

    # when
    available = await products(api, {"filter": {"isAvailable": True}})
    unavailable = await products(api, {"filter": {"isAvailable": False}})
    unavailable_by_where = await products(api, {"where": {"isAvailable": False}})

    # then
    assert available == (["Ready Wok"], 1)
    assert unavailable == (["Later Lamp", "Unset Kettle"], 2)  # Saleor: a time still to come, or none at all
    assert unavailable_by_where == (["Later Lamp", "Unset Kettle"], 2)


async def test_published_from_and_available_from(api):
    # given
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Old Wok", 800, published_at=LONG_AGO, available_for_purchase_at=LONG_AGO)
    late = datetime(2026, 3, 1, tzinfo=UTC)
    await make_gift(channel, "New Lamp", 1500, published_at=late, available_for_purchase_at=late)
    between = datetime(2026, 2, 1, tzinfo=UTC).isoformat()

    # when
    published = await names(api, {"filter": {"publishedFrom": between}})
    published_by_where = await names(api, {"where": {"publishedFrom": between}})
    available = await names(api, {"filter": {"availableFrom": between}})
    available_by_where = await names(api, {"where": {"availableFrom": between}})

    # then
    assert published == ["Old Wok"]
    assert published_by_where == ["Old Wok"]
    assert available == ["Old Wok"]
    assert available_by_where == ["Old Wok"]


async def test_staff_filter_by_visibility_in_listings(api, settings):
    # given
    channel = await make_channel(CHANNEL)
    await make_gift(channel, "Shown Wok", 800)
    await make_gift(channel, "Hidden Lamp", 1500, visible_in_listings=False)
    token = await staff_token(settings)

    # when
    shown = await products(api, {"filter": {"isVisibleInListing": True}}, token)
    hidden = await products(api, {"where": {"isVisibleInListing": False}}, token)

    # then
    assert shown == (["Shown Wok"], 1)
    assert hidden == (["Hidden Lamp"], 1)


# Stock


async def test_stocks_by_warehouse_and_quantity(api):
    # given
    channel = await make_channel(CHANNEL)
    north = await make_warehouse("north-warehouse", [channel])
    south = await make_warehouse("south-warehouse", [channel])
    await make_gift(channel, "Iron Wok", 800, warehouse=north, quantity=5)
    await make_gift(channel, "Reading Lamp", 1500, warehouse=south, quantity=50)
    north_id = to_global_id("Warehouse", north.id)

    # when
    in_north = await names(api, {"filter": {"stocks": {"warehouseIds": [north_id]}}})
    plenty = await names(api, {"where": {"stocks": {"quantity": {"gte": 10}}}})
    few = await names(api, {"filter": {"stocks": {"quantity": {"lte": 5}}}})
    plenty_in_north = await names(api, {"filter": {"stocks": {"warehouseIds": [north_id], "quantity": {"gte": 10}}}})

    # then
    assert in_north == ["Iron Wok"]
    assert plenty == ["Reading Lamp"]
    assert few == ["Iron Wok"]
    assert plenty_in_north == []


async def test_a_stock_quantity_is_a_variants_total_over_the_chosen_warehouses(api):
    # given: a wok with 5 units north and 5 south, a lamp with 8 north only
    channel = await make_channel(CHANNEL)
    north = await make_warehouse("north-warehouse", [channel])
    south = await make_warehouse("south-warehouse", [channel])
    wok = await make_gift(channel, "Iron Wok", 800, warehouse=north, quantity=5)
    await stock(await ProductVariant.get(product_id=wok.id), south, 5)
    await make_gift(channel, "Reading Lamp", 1500, warehouse=north, quantity=8)
    north_id, south_id = to_global_id("Warehouse", north.id), to_global_id("Warehouse", south.id)

    # when
    anywhere = await names(api, {"filter": {"stocks": {"quantity": {"gte": 10}}}})
    both = await names(api, {"where": {"stocks": {"warehouseIds": [north_id, south_id], "quantity": {"gte": 10}}}})
    north_only = await names(api, {"filter": {"stocks": {"warehouseIds": [north_id], "quantity": {"gte": 6}}}})

    # then
    assert anywhere == ["Iron Wok"]
    assert both == ["Iron Wok"]
    assert north_only == ["Reading Lamp"]


async def test_out_of_stock_means_no_free_unit_in_the_channels_warehouses(api):
    # given
    channel = await make_channel(CHANNEL)
    other = await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    linked = await make_warehouse("jade-warehouse", [channel])
    elsewhere = await make_warehouse("bank-b-warehouse", [other])
    await make_gift(channel, "Stocked Wok", 800, warehouse=linked)
    await make_gift(channel, "Elsewhere Lamp", 1500, warehouse=elsewhere)
    allocated = await make_gift(channel, "Reserved Radio", 900)
    await stock(await ProductVariant.get(product_id=allocated.id), linked, 3, allocated=3)
    untracked = await make_product("Made To Order Mug")
    await price_variant(await make_variant(untracked, "MUG-1", track_inventory=False), channel, 400)
    await list_product(untracked, channel)

    # when
    out_by_filter = await products(api, {"filter": {"stockAvailability": "OUT_OF_STOCK"}})
    in_by_where = await products(api, {"where": {"stockAvailability": "IN_STOCK"}})

    # then
    assert out_by_filter == (["Elsewhere Lamp", "Reserved Radio"], 2)
    assert in_by_where == (["Made To Order Mug", "Stocked Wok"], 2)


# AND / OR


async def test_where_or_keeps_the_branches_that_can_match(api):
    # given
    await two_gifts()
    attributes = [{"slug": "colour", "values": ["red"]}]

    # when
    one_branch_empty = await products(
        api, {"where": {"OR": [{"attributes": attributes}, {"name": {"eq": "Iron Wok"}}]}}
    )
    all_branches_empty = await products(api, {"where": {"OR": [{"attributes": attributes}, {"price": {"eq": 0.5}}]}})

    # then
    assert one_branch_empty == (["Iron Wok"], 1)
    assert all_branches_empty == ([], 0)


async def test_where_and_of_nothing_keeps_every_product(api):
    # given
    await two_gifts()

    # when
    found = await products(api, {"where": {"AND": []}})

    # then
    assert found == (["Iron Wok", "Reading Lamp"], 2)


# Conditions that collapse, leaving parameters no statement uses


async def test_a_filter_that_matches_nothing_drops_the_other_filters_parameters(api, settings):
    # given
    await two_gifts()
    token = await staff_token(settings)
    filters = {"attributes": [{"slug": "colour", "values": ["red"]}], "price": {"gte": 100}, "search": "wok"}

    # when
    as_member = await products(api, {"filter": filters})
    as_staff = await products(api, {"filter": filters | {"isPublished": True}}, token)
    without_channel = await products(api, {"channel": None, "filter": filters}, token)

    # then
    assert as_member == ([], 0)
    assert as_staff == ([], 0)
    assert without_channel == ([], 0)


async def test_an_and_branch_that_collapses_drops_its_parameters_but_not_its_siblings(api):
    # given
    await two_gifts()
    collapsing = {"AND": [{"name": {"eq": "Iron Wok"}}, {"attributes": [{"slug": "colour", "values": ["red"]}]}]}
    where = {"OR": [collapsing, {"minimalPrice": {"range": {"gte": 1000}}}]}

    # when
    found = await products(api, {"where": where})

    # then
    assert found == (["Reading Lamp"], 1)


async def test_a_fractional_price_collapses_beside_a_range_that_added_parameters(api):
    # given
    await two_gifts()

    # when
    found = await products(api, {"where": {"price": {"eq": 800.5, "range": {"gte": 100, "lte": 2000}}}})

    # then
    assert found == ([], 0)


async def test_a_page_after_a_cursor_keeps_its_sort_and_cursor_parameters_when_the_where_collapses(api):
    # given
    await two_gifts()
    sort_by = {"field": "PUBLISHED_AT", "direction": "ASC"}  # a COALESCE default is a parameter too
    first = await api.ok(PAGE, {"channel": CHANNEL, "first": 1, "sortBy": sort_by})
    after = first["products"]["pageInfo"]["endCursor"]
    collapsing = {"AND": [{"slug": {"eq": "reading-lamp"}}, {"attributes": [{"slug": "colour", "values": ["red"]}]}]}

    # when
    rest = await api.ok(PAGE, {"channel": CHANNEL, "first": 1, "after": after, "sortBy": sort_by})
    nothing = await api.ok(
        PAGE, {"channel": CHANNEL, "first": 1, "after": after, "sortBy": sort_by, "where": collapsing}
    )

    # then
    assert [edge["node"]["slug"] for edge in first["products"]["edges"]] == ["iron-wok"]
    assert [edge["node"]["slug"] for edge in rest["products"]["edges"]] == ["reading-lamp"]
    assert nothing["products"]["edges"] == []
