"""Product search across languages: a gift is found by its name, description and category in English and
in its Chinese translation, names rank before descriptions, and ranked pages walk with their cursors."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from catalog.models import Category, Product
from catalog.services.categories import CategoryData, update_category
from catalog.services.translations import TranslationData, translate
from mall.channels.models import Channel
from tests.catalog.factories import list_product, make_category, make_product, make_variant, price_variant
from tests.factories import make_channel

SEARCH = """
query($channel: String, $first: Int, $after: String, $search: String, $sortBy: ProductOrder, $lang: LanguageCodeEnum!) {
  products(channel: $channel, first: $first, after: $after, search: $search, sortBy: $sortBy) {
    totalCount
    edges { node { name translation(languageCode: $lang) { name } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
CHANNEL = "bank-a-mall"
ZH = "ZH_HANS"


async def gift(channel: Channel, name: str, *, description: str = "", category: Category | None = None) -> Product:
    product = await make_product(name, description=description, description_plaintext=description,
                                 category=category)
    variant = await make_variant(product, f"SKU-{product.slug.upper()}")
    await price_variant(variant, channel, 1000)
    await list_product(product, channel)
    return product


async def translated(product: Product, name: str, description: str = "") -> None:
    data = TranslationData(name=name, given={"name"})
    if description:
        data.description = {"blocks": [{"type": "paragraph", "data": {"text": description}}]}
        data.given.add("description")
    await translate("product", product.id, ZH, data)


async def search(api: Any, text: str, **variables: Any) -> tuple[list[str], int]:
    """The English names of the products found, in order, and the total count."""
    data = await api.ok(SEARCH, {"channel": CHANNEL, "first": 20, "search": text, "lang": ZH} | variables)
    return [edge["node"]["name"] for edge in data["products"]["edges"]], data["products"]["totalCount"]


async def test_a_chinese_word_in_a_translated_name_finds_the_gift(api):
    # given
    channel = await make_channel(CHANNEL)
    wok = await gift(channel, "Classic Wok")
    await translated(wok, "经典炒锅")
    earbuds = await gift(channel, "Wireless Earbuds")
    await translated(earbuds, "无线耳机")

    # when
    by_chinese = await search(api, "炒锅")
    by_english = await search(api, "wok")
    by_both = await search(api, "经典 wok")

    # then
    assert by_chinese == (["Classic Wok"], 1)
    assert by_english == (["Classic Wok"], 1)
    assert by_both == (["Classic Wok"], 1)


async def test_the_answer_carries_the_chinese_name_for_zh_hans(api):
    # given
    channel = await make_channel(CHANNEL)
    await translated(await gift(channel, "Wireless Earbuds"), "无线耳机")

    # when
    data = await api.ok(SEARCH, {"channel": CHANNEL, "first": 5, "search": "耳机", "lang": ZH})

    # then
    assert data["products"]["edges"][0]["node"]["translation"] == {"name": "无线耳机"}


async def test_a_translated_description_and_a_category_name_in_either_language_find_the_gift(api):
    # given
    channel = await make_channel(CHANNEL)
    cookware = await make_category("Cookware")
    await translate("category", cookware.id, ZH, TranslationData(name="厨具", given={"name"}))
    wok = await gift(channel, "Classic Wok", category=cookware)
    await translated(wok, "经典炒锅", "铸铁锅身，受热均匀")
    await gift(channel, "Bluetooth Speaker")

    # when
    found = [await search(api, text) for text in ("受热均匀", "厨具", "cookware")]

    # then
    assert found == [(["Classic Wok"], 1)] * 3


async def test_renaming_a_category_makes_its_gifts_found_by_the_new_name(api):
    # given
    channel = await make_channel(CHANNEL)
    category = await make_category("Kitchen")
    await gift(channel, "Classic Wok", category=category)

    # when
    await update_category(category, CategoryData(name="Cookware", given={"name"}))

    # then
    assert await search(api, "cookware") == (["Classic Wok"], 1)
    assert await search(api, "kitchen") == ([], 0)


async def test_gifts_named_after_the_words_come_before_those_that_only_mention_them(api):
    # given: by name alone, the kettle would come first
    channel = await make_channel(CHANNEL)
    await gift(channel, "Amber Kettle", description="Pairs with any tea set.")
    await gift(channel, "Zen Tea Set")
    await translated(await gift(channel, "Bamboo Tray"), "竹制茶盘")
    await translated(await gift(channel, "Clay Pot", description="A pot for tea."), "紫砂壶", "泡茶用的紫砂壶")

    # when
    english = await search(api, "tea")
    chinese = await search(api, "茶")

    # then
    assert english == (["Zen Tea Set", "Amber Kettle", "Clay Pot"], 3)
    assert chinese == (["Bamboo Tray", "Clay Pot"], 2)


async def test_ranked_results_page_forwards_with_cursors_in_the_same_order(api):
    # given
    channel = await make_channel(CHANNEL)
    await gift(channel, "Amber Kettle", description="Pairs with any tea set.")
    await gift(channel, "Zen Tea Set")
    await gift(channel, "Oolong Tea Tin")
    await gift(channel, "Clay Pot", description="A pot for tea.")
    order = {"field": "RANK", "direction": "ASC"}

    # when
    walked, after = [], None
    for _ in range(5):
        data = await api.ok(SEARCH, {"channel": CHANNEL, "first": 1, "after": after, "search": "tea",
                                     "sortBy": order, "lang": ZH})
        walked += [edge["node"]["name"] for edge in data["products"]["edges"]]
        if not data["products"]["pageInfo"]["hasNextPage"]:
            break
        after = data["products"]["pageInfo"]["endCursor"]

    # then
    assert walked == ["Oolong Tea Tin", "Zen Tea Set", "Amber Kettle", "Clay Pot"]


@pytest.mark.postgres_only  # SQLite has neither index: its search is a scan
async def test_on_postgresql_search_text_has_a_trigram_and_a_bigram_index():
    # given: the session database was built by running every migration

    # when
    rows = await connections.get("default").execute_query_dict(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'catalog_product_search_%' ORDER BY 1"
    )

    # then
    assert rows == [
        {"indexname": "catalog_product_search_bigram_idx",
         "indexdef": "CREATE INDEX catalog_product_search_bigram_idx ON public.catalog_product USING gin "
                     "(catalog_search_bigrams(search_text))"},
        {"indexname": "catalog_product_search_trgm_idx",
         "indexdef": "CREATE INDEX catalog_product_search_trgm_idx ON public.catalog_product USING gin "
                     "(search_text gin_trgm_ops)"},
    ]


@pytest.mark.postgres_only
async def test_the_bigram_index_holds_each_pair_of_adjacent_wide_characters():
    # when
    rows = await connections.get("default").execute_query_dict(
        "SELECT catalog_search_bigrams('经典炒锅 classic wok') AS pairs"
    )

    # then
    assert sorted(rows[0]["pairs"]) == sorted(["经典", "典炒", "炒锅"])
