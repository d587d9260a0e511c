"""No N+1: a product page costs the same, small number of SQL queries whatever its size."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
import pytest
from tortoise import connections
from tortoise.backends.asyncpg.client import AsyncpgDBClient

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
from tests.factories import make_channel

PRODUCT_LIST = """
query($first: Int!) {
  products(first: $first, channel: "bank-a-mall", sortBy: {field: PRICE, direction: ASC}) {
    totalCount
    edges { cursor node {
      id name slug created
      translation(languageCode: EN) { name }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
      category { id name slug backgroundImage { url } }
      thumbnail(size: 1024, format: WEBP) { url alt }
      bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
      productVariants(first: 50) {
        totalCount
        edges { node { id name sku quantityAvailable
          pricing { price { gross { amount } } pointsCashValue { amount } } } }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    """Every SQL statement sent to the database while the block is open, counted where it reaches the
    driver: the ORM's and raw SQL's alike (on PostgreSQL, raw reads go to asyncpg directly)."""
    client = connections.get("default")
    if isinstance(client, AsyncpgDBClient):
        owner: object = asyncpg.connection.Connection
        names = ("fetch", "fetchrow", "fetchval", "execute")
    else:
        owner, names = client, ("execute_query", "execute_query_dict")
    statements: list[str] = []
    originals = {name: getattr(owner, name) for name in names}

    def counted(name: str):  # type: ignore[no-untyped-def]
        async def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            statements.append(args[1] if owner is not client else args[0])
            return await originals[name](*args, **kwargs)

        return run

    for name in names:
        setattr(owner, name, counted(name))
    try:
        yield statements
    finally:
        for name, method in originals.items():
            setattr(owner, name, method)


async def catalogue(count: int) -> None:
    channel = await make_channel()
    warehouse = await make_warehouse("jade", [channel])
    categories = [await make_category(f"Category {n}") for n in range(3)]
    for index in range(count):
        product = await make_product(f"Gift {index:02d}", category=categories[index % 3])
        for size in ("S", "L"):
            variant = await make_variant(product, f"GIFT-{index}-{size}", size)
            await price_variant(variant, channel, 100 * (index + 1) + (50 if size == "L" else 0))
            await stock(variant, warehouse, 10)
        await list_product(product, channel)
        await add_media(product, f"products/{index}.png", alt=f"Gift {index}")


@pytest.mark.parametrize("page_size", [5, 20])
async def test_a_product_page_runs_a_fixed_number_of_queries(api, page_size):
    # given
    await catalogue(20)

    # when
    with counting_queries() as statements:
        data = await api.ok(PRODUCT_LIST, {"first": page_size})

    # then
    assert len(data["products"]["edges"]) == page_size
    assert data["products"]["edges"][0]["node"]["productVariants"]["totalCount"] == 2
    # channel, the page with its listings and its count, categories, variants with their prices and stock,
    # media, the page's translations, the channel's running promotions, and (for `assignedAttribute`) the attributes
    # the page's product types assign and the values its gifts carry
    assert len(statements) == 9, statements


async def test_the_count_is_the_same_for_5_and_20_products(api):
    # given
    await catalogue(20)

    # when
    with counting_queries() as small:
        await api.ok(PRODUCT_LIST, {"first": 5})
    with counting_queries() as large:
        await api.ok(PRODUCT_LIST, {"first": 20})

    # then
    assert len(small) == len(large)
