"""`products(filter:)` and `products(where:)`: search, categories, collections, points price, stock."""

from __future__ import annotations

from mall.graphql.ids import to_global_id
from tests.catalog.factories import (
    make_category,
    make_collection,
    make_gift,
    make_product,
    make_variant,
    make_warehouse,
    price_variant,
)
from tests.factories import make_channel, make_staff, token_for

PRODUCTS = """
query($filter: ProductFilterInput, $where: ProductWhereInput, $search: String) {
  products(first: 20, channel: "bank-a-mall", filter: $filter, where: $where, search: $search) {
    totalCount edges { node { name } }
  }
}
"""


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


async def shop():
    """Four gifts in a small tree: Home > Kitchen, and Electronics."""
    channel = await make_channel()
    home = await make_category("Home")
    kitchen = await make_category("Kitchen", parent=home)
    electronics = await make_category("Electronics")
    warehouse = await make_warehouse("jade-warehouse", [channel])
    wok = await make_gift(channel, "Iron Wok", 800, category=kitchen, warehouse=warehouse)
    lamp = await make_gift(channel, "Reading Lamp", 1500, category=home, warehouse=warehouse)
    radio = await make_gift(channel, "Pocket Radio", 2500, category=electronics, warehouse=warehouse, quantity=0)
    speaker = await make_gift(channel, "Tea Speaker", 4000, category=electronics, warehouse=warehouse)
    return channel, {"home": home, "kitchen": kitchen, "electronics": electronics}, [wok, lamp, radio, speaker]


async def test_search_matches_every_word_of_name_description_or_sku(api):
    # given
    await shop()

    # when
    by_word = await api.ok(PRODUCTS, {"filter": {"search": "RADIO"}})
    by_sku = await api.ok(PRODUCTS, {"search": "sku-iron"})
    two_words = await api.ok(PRODUCTS, {"search": "tea speaker"})
    nothing = await api.ok(PRODUCTS, {"search": "tea radio"})

    # then
    assert names(by_word) == ["Pocket Radio"]
    assert names(by_sku) == ["Iron Wok"]
    assert names(two_words) == ["Tea Speaker"]
    assert names(nothing) == []


async def test_a_category_filter_includes_its_subcategories(api):
    # given
    _, categories, _ = await shop()
    home = to_global_id("Category", categories["home"].id)

    # when
    by_filter = await api.ok(PRODUCTS, {"filter": {"categories": [home]}})
    by_where = await api.ok(PRODUCTS, {"where": {"category": {"eq": home}}})

    # then
    assert names(by_filter) == ["Iron Wok", "Reading Lamp"]
    assert names(by_where) == ["Iron Wok", "Reading Lamp"]


async def test_collection_filter(api):
    # given
    channel, _, (wok, _, radio, _) = await shop()
    featured = await make_collection("Featured", [channel], [radio, wok])
    featured_id = to_global_id("Collection", featured.id)

    # when
    by_filter = await api.ok(PRODUCTS, {"filter": {"collections": [featured_id]}})
    by_where = await api.ok(PRODUCTS, {"where": {"collection": {"oneOf": [featured_id]}}})

    # then
    assert names(by_filter) == ["Iron Wok", "Pocket Radio"]
    assert names(by_where) == ["Iron Wok", "Pocket Radio"]


async def test_points_price_ranges(api):
    # given
    await shop()

    # when
    price = await api.ok(PRODUCTS, {"filter": {"price": {"gte": 1000, "lte": 2500}}})
    minimal = await api.ok(PRODUCTS, {"filter": {"minimalPrice": {"lte": 1499.5}}})
    where_range = await api.ok(PRODUCTS, {"where": {"price": {"range": {"gte": 2500}}}})
    where_one_of = await api.ok(PRODUCTS, {"where": {"minimalPrice": {"oneOf": [800, 4000]}}})

    # then
    assert names(price) == ["Pocket Radio", "Reading Lamp"]
    assert names(minimal) == ["Iron Wok"]
    assert names(where_range) == ["Pocket Radio", "Tea Speaker"]
    assert names(where_one_of) == ["Iron Wok", "Tea Speaker"]


async def test_a_variant_price_inside_the_range_matches_even_when_the_cheapest_is_outside(api):
    # given
    channel = await make_channel()
    await make_gift(channel, "Tea Set", 500)
    gold = await make_variant(await make_product("Gold Tea Set"), "GOLD-1")
    await price_variant(gold, channel, 100)
    silver = await make_variant(await make_product("Silver Tea Set"), "SILVER-1")
    await price_variant(silver, channel, 3000)

    # when
    data = await api.ok(PRODUCTS, {"filter": {"price": {"gte": 400, "lte": 600}}})

    # then
    assert names(data) == ["Tea Set"]


async def test_stock_availability(api):
    # given
    await shop()

    # when
    in_stock = await api.ok(PRODUCTS, {"filter": {"stockAvailability": "IN_STOCK"}})
    sold_out = await api.ok(PRODUCTS, {"where": {"stockAvailability": "OUT_OF_STOCK"}})

    # then
    assert names(in_stock) == ["Iron Wok", "Reading Lamp", "Tea Speaker"]
    assert names(sold_out) == ["Pocket Radio"]


async def test_ids_slugs_and_names(api):
    # given
    _, _, (wok, lamp, _, _) = await shop()

    # when
    by_ids = await api.ok(PRODUCTS, {"filter": {"ids": [to_global_id("Product", lamp.id)]}})
    by_slugs = await api.ok(PRODUCTS, {"filter": {"slugs": ["iron-wok", "tea-speaker"]}})
    by_name = await api.ok(PRODUCTS, {"where": {"name": {"eq": "Pocket Radio"}}})
    by_slug = await api.ok(PRODUCTS, {"where": {"slug": {"oneOf": ["iron-wok", "reading-lamp"]}}})

    # then
    assert names(by_ids) == ["Reading Lamp"]
    assert names(by_slugs) == ["Iron Wok", "Tea Speaker"]
    assert names(by_name) == ["Pocket Radio"]
    assert names(by_slug) == ["Iron Wok", "Reading Lamp"]
    assert wok.slug == "iron-wok"


async def test_where_combines_with_and_or(api):
    # given
    _, categories, _ = await shop()
    electronics = to_global_id("Category", categories["electronics"].id)
    where = {
        "OR": [
            {"AND": [{"category": {"eq": electronics}}, {"minimalPrice": {"range": {"gte": 3000}}}]},
            {"name": {"eq": "Iron Wok"}},
        ]
    }

    # when
    data = await api.ok(PRODUCTS, {"where": where})

    # then
    assert names(data) == ["Iron Wok", "Tea Speaker"]


async def test_operators_cannot_be_mixed_with_fields(api):
    # given
    await shop()

    # when
    response = await api.post(PRODUCTS, {"where": {"AND": [{"name": {"eq": "Iron Wok"}}], "slug": {"eq": "x"}}})

    # then
    assert response.data == {"products": None}
    assert response.error_messages == ["Cannot mix operators with other filter inputs."]


async def test_filter_and_where_cannot_be_combined(api):
    # given
    await shop()

    # when
    response = await api.post(PRODUCTS, {"filter": {"search": "wok"}, "where": {"name": {"eq": "Iron Wok"}}})

    # then
    assert response.data == {"products": None}
    assert response.error_messages == ["Only one filtering argument (filter or where) can be specified."]


async def test_is_published_filter_lets_staff_find_drafts(api, settings):
    # given
    channel = await make_channel()
    await make_gift(channel, "Tea Set", 1200)
    await make_gift(channel, "Draft Kettle", 900, published=False)
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    token = token_for(staff, settings)

    # when
    drafts = await api.ok(PRODUCTS, {"filter": {"isPublished": False}}, token)
    published = await api.ok(PRODUCTS, {"where": {"isPublished": True}}, token)

    # then
    assert names(drafts) == ["Draft Kettle"]
    assert names(published) == ["Tea Set"]


async def test_an_attribute_value_no_gift_carries_matches_nothing(api):
    # given
    await shop()

    # when
    data = await api.ok(PRODUCTS, {"filter": {"attributes": [{"slug": "colour", "values": ["red"]}]}})

    # then
    assert names(data) == []


async def test_has_category_and_metadata(api):
    # given
    channel = await make_channel()
    category = await make_category("Home")
    await make_gift(channel, "Iron Wok", 800, category=category)
    uncategorised = await make_gift(channel, "Mystery Box", 100)
    uncategorised.metadata = {"campaign": "double-eleven"}
    await uncategorised.save()

    # when
    without_category = await api.ok(PRODUCTS, {"filter": {"hasCategory": False}})
    by_metadata = await api.ok(PRODUCTS, {"where": {"metadata": [{"key": "campaign", "value": "double-eleven"}]}})

    # then
    assert names(without_category) == ["Mystery Box"]
    assert names(by_metadata) == ["Mystery Box"]
