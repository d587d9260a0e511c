"""SQL statements of the storefront's product list and product page (issue 23).

Counted where the driver sends them (mall/statement_count.py), for the member mall's own documents
(frontend/static/mall/operations.js: `Gifts`, `Gift`) and for documents shaped like a Saleor storefront's list
and product page, each for a visitor and for a signed-in gold member (whose tier changes prices). Counts are
deterministic, unlike time: a count that goes up means a page does more round trips than before; look at what
was added before raising the number. Issue 23's goals: a list page at 4 statements or fewer, a product page at
8 or fewer (met on a warm worker, except a member's list: the member's account row makes it 5).
"""

from __future__ import annotations

import os
from typing import Any

from catalog.models import Product
from mall.statement_count import StatementCounter, install_statement_counter
from tests.catalog.factories import (
    add_media,
    list_product,
    make_category,
    make_product,
    make_variant,
    make_warehouse,
    price_variant,
    stock,
)
from tests.factories import token_for
from tests.graphql_client import GraphQLClient
from tests.loyalty.test_benefits import tiered_world

GIFT_CARD = """
fragment GiftCard on Product {
  id name slug translation(languageCode: $lang) { name }
  thumbnail(size: 256) { url alt }
  category { name slug translation(languageCode: $lang) { name } }
  pricing { priceRange { start { gross { amount currency } } } }
  productVariants(first: 20) { edges { node { id quantityAvailable } } }
}
"""
MALL_LIST = """
query Gifts($channel: String!, $first: Int, $after: String, $lang: LanguageCodeEnum!) {
  products(channel: $channel, first: $first, after: $after, sortBy: {field: NAME, direction: ASC}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ...GiftCard } }
  }
}
""" + GIFT_CARD
MALL_PAGE = """
query Gift($slug: String!, $channel: String!, $lang: LanguageCodeEnum!) {
  product(slug: $slug, channel: $channel) {
    id name slug description isAvailableForPurchase loyaltyReservedTier
    translation(languageCode: $lang) { name description }
    category { name slug translation(languageCode: $lang) { name } }
    media { url(size: 1024) alt }
    productVariants(first: 20) { edges { node {
      id name sku quantityAvailable quantityLimitPerCustomer restockExpectedOn
      translation(languageCode: $lang) { name }
      pricing { price { gross { amount currency } } pointsCashValue { amount currency }
                referenceRetailPrice { amount currency } }
      loyaltyTierPrice { amount currency }
    } } }
  }
}
"""
# Shaped like a Saleor storefront's catalogue pages: the list's grid with both price ranges and variant ids,
# the product page's media, variants with their own pricing and stock, and the product's availability.
STOREFRONT_LIST = """
query Shelf($channel: String!, $first: Int!, $after: String) {
  products(first: $first, after: $after, channel: $channel, sortBy: {field: PRICE, direction: ASC}) {
    totalCount
    edges { cursor node {
      id name slug created
      thumbnail(size: 512) { url alt }
      category { id name slug }
      pricing {
        onSale
        priceRange { start { gross { amount currency } } stop { gross { amount currency } } }
        priceRangeUndiscounted { start { gross { amount currency } } }
      }
      productVariants(first: 50) { totalCount edges { node { id name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
STOREFRONT_PAGE = """
query Detail($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription isAvailable
    thumbnail(size: 1024) { url alt }
    media { url alt type }
    category { id name slug }
    pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
    variants { id name sku quantityAvailable
      pricing { price { gross { amount currency } } priceUndiscounted { gross { amount currency } } } }
  }
}
"""

GIFTS = 12
PAGE_SIZE = 8

# Statements per request, the same on SQLite and PostgreSQL, on a warm worker (the per-worker copies of the
# pricing rules loaded by an earlier request) and on a cold one (the first requests of a worker, as a list then a
# product page: the first list loads the running promotion rules, the first gift page the tier levels).
# Each page reads the channel with the rules' version (mall/rule_versions.py) and reads its rules from the
# worker's copies; a list's page statement also reads each card's category and thumbnail; the translations a page
# asks together (a product's and its category's) are one statement. A member's requests also read the member's
# account (the token's user) and, on a product page, the member's tier (the tier price and reserved gifts).
# The second Saleor-shaped list reuses the products rendered by the first (their render versions are read with
# the page: README's RENDER_CACHE_ENTRIES), so it reads no variants; the mall's list shows stock, always rendered.
EXPECTED_WARM = {
    "visitor": {"mall list": 4, "mall page": 6, "storefront list": 2, "storefront page": 5},
    "member": {"mall list": 5, "mall page": 8, "storefront list": 3, "storefront page": 6},
}
EXPECTED_COLD = {
    "visitor": {"mall list": 5, "mall page": 7, "storefront list": 3, "storefront page": 5},
    "member": {"mall list": 6, "mall page": 9, "storefront list": 4, "storefront page": 6},
}


async def shelf(channel: Any) -> str:
    """Twelve gifts of two variants each in three categories, stocked and pictured; the slug of the first."""
    warehouse = await make_warehouse("jade", [channel])
    categories = [await make_category(f"Shelf {n}") for n in range(3)]
    for index in range(GIFTS):
        product = await make_product(f"Shelf gift {index:02d}", category=categories[index % 3])
        for size in ("S", "L"):
            item = await make_variant(product, f"SHELF-{index}-{size}", size)
            await price_variant(item, channel, 100 * (index + 1) + (50 if size == "L" else 0))
            await stock(item, warehouse, 10)
        await list_product(product, channel)
        await add_media(product, f"products/{index}.png", alt=f"Gift {index}")
    return (await Product.get(name="Shelf gift 00")).slug


async def counted(
    counter: StatementCounter, api: GraphQLClient, token: str | None, document: str, variables: dict[str, object]
) -> int:
    await counter.measure_from_now()
    await api.ok(document, variables, token)
    if counter.keep_texts:  # SHOW_STATEMENTS=1 python -m pytest -s ...: what each request sends
        print("=====", document.split("(")[0].strip(), "member" if token else "visitor")
        for text in counter.texts:
            print("  ", " ".join(text.split())[:300])
    return await counter.measure_from_now()


async def page_counts(api: GraphQLClient, channel_slug: str, slug: str, token: str | None) -> dict[str, int]:
    counter = await install_statement_counter(keep_texts=bool(os.environ.get("SHOW_STATEMENTS")))
    lists = {"channel": channel_slug, "first": PAGE_SIZE, "lang": "EN"}
    pages = {"channel": channel_slug, "slug": slug, "lang": "EN"}
    return {
        "mall list": await counted(counter, api, token, MALL_LIST, lists),
        "mall page": await counted(counter, api, token, MALL_PAGE, pages),
        "storefront list": await counted(counter, api, token, STOREFRONT_LIST,
                                         {"channel": channel_slug, "first": PAGE_SIZE}),
        "storefront page": await counted(counter, api, token, STOREFRONT_PAGE,
                                         {"channel": channel_slug, "slug": slug}),
    }


async def test_a_visitors_list_and_product_pages_send_their_counted_statements(api, settings, set_clock):
    # given
    world = await tiered_world(settings, set_clock)
    slug = await shelf(world.channel)

    # when
    cold = await page_counts(api, world.channel.slug, slug, None)
    warm = await page_counts(api, world.channel.slug, slug, None)

    # then
    assert (cold, warm) == (EXPECTED_COLD["visitor"], EXPECTED_WARM["visitor"])


async def test_a_gold_members_list_and_product_pages_send_their_counted_statements(api, settings, set_clock):
    # given
    world = await tiered_world(settings, set_clock)
    slug = await shelf(world.channel)

    # when
    token = token_for(world.member, settings)
    cold = await page_counts(api, world.channel.slug, slug, token)
    warm = await page_counts(api, world.channel.slug, slug, token)

    # then
    assert (cold, warm) == (EXPECTED_COLD["member"], EXPECTED_WARM["member"])
