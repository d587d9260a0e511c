"""Storefront browsing throughput: the storefront's ProductListPaginated (20 per page) and ProductDetails
against PostgreSQL with 10,000 gifts, one `mall serve` worker.

    python bench/browse.py [--server postgres://postgres@127.0.0.1:5432/postgres]
                           [--products 10000] [--seconds 10] [--concurrency 1 16 64] [--keep]

It creates its own database (mall_bench_<hex>), migrates it with mall.db.migrate_database, seeds it with
bulk inserts (10,000 products in 24 categories, 1-3 variants each priced in the channel, a picture each,
stock in two warehouses), starts `mall serve --no-migrate` (one worker) on a free port, and for each
operation and concurrency runs closed-loop aiohttp clients for --seconds. List requests walk the first 50
pages by cursor; "varied" list requests rotate over the first pages of every category in five sort
orders (120 different pages, as shoppers filtering and sorting ask); detail requests rotate over 500
products. It prints requests/s and p50/p95/p99 latency, then stops the server and drops the database
(unless --keep).

    --render-cache-entries 0      render every product on every request (no reuse of rendered products)
    --edits-per-second 20         meanwhile rename products of the walked pages (each edit makes the next
                                  page showing that product render it again)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import (
    admin,
    cpu_seconds,
    database_name,
    free_port,
    scratch_database,
    start_server,
    stop_server,
    wait_until_up,
)

from catalog.models import (
    Category,
    ChannelWarehouse,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from mall.channels.models import Channel
from mall.db import close_database, migrate_database, open_database

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
CHANNEL = "bench-mall"
BATCH = 2000
LIST_PAGES = 50
DETAIL_PRODUCTS = 500
REQUEST_TIMEOUT_SECONDS = 30

# A storefront's two hottest reads, written for this bench: a shelf of gifts (a page of a category or a search,
# with the card each gift shows) and a gift's page. They ask what a Saleor storefront's catalogue pages ask of
# the API (translations, price ranges, the category, pictures, the variants' selection attributes), so the
# figures compare with Saleor's on the same documents.
PRODUCT_LIST_PAGINATED = """
query GiftShelf($first: Int, $after: String, $channel: String!, $languageCode: LanguageCodeEnum!,
    $sortBy: ProductOrder, $filter: ProductFilterInput) {
  products(first: $first, after: $after, channel: $channel, sortBy: $sortBy, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ...GiftCard } }
  }
}
fragment GiftCard on Product {
  id slug name created
  translation(languageCode: $languageCode) { name }
  thumbnail(size: 1024, format: WEBP) { alt url }
  category { id slug name translation(languageCode: $languageCode) { name } }
  pricing {
    priceRange { start { gross { currency amount } } stop { gross { currency amount } } }
    priceRangeUndiscounted { start { gross { currency amount } } stop { gross { currency amount } } }
  }
  productVariants(first: 50) {
    totalCount
    edges { node { id attributes(variantSelection: VARIANT_SELECTION) {
      attribute { slug name inputType translation(languageCode: $languageCode) { name } }
      values { slug name translation(languageCode: $languageCode) { name } }
    } } }
  }
}
"""

PRODUCT_DETAILS = """
query GiftPage($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!) {
  product(slug: $slug, channel: $channel) {
    id slug name description isAvailable seoTitle seoDescription
    translation(languageCode: $languageCode) { name description seoTitle seoDescription }
    media { type alt url(size: 2048, format: WEBP) }
    thumbnail(size: 2048, format: WEBP) { alt url }
    category { id slug name translation(languageCode: $languageCode) { name } }
    productType { slug }
    productVariants(first: 1) { totalCount }
    attributes {
      attribute { slug name translation(languageCode: $languageCode) { name } }
      values { slug name plainText boolean translation(languageCode: $languageCode) { name } }
    }
    pricing { priceRange { start { gross { currency amount } } stop { gross { currency amount } } } }
  }
}
"""


# Seeding ------------------------------------------------------------------------------------------


async def _bulk(model: type, rows: list[Any]) -> None:
    for start in range(0, len(rows), BATCH):
        await model.bulk_create(rows[start : start + BATCH])


async def seed(count: int) -> None:
    """`count` published gifts in one channel, in bulk (ids read back by slug/sku after each insert)."""
    generator = random.Random(7)
    now = datetime.now(UTC)
    channel = await Channel.create(name="Bench Mall", slug=CHANNEL, currency_code="PTS")
    product_type = await ProductType.create(name="Gift", slug="gift")
    tops = [await Category.create(name=f"Department {n}", slug=f"department-{n}") for n in range(8)]
    children = [
        await Category.create(name=f"Aisle {n}", slug=f"aisle-{n}", parent=tops[n % 8], level=1) for n in range(16)
    ]
    warehouses = [await Warehouse.create(name=f"Warehouse {n}", slug=f"warehouse-{n}") for n in range(2)]
    for position, warehouse in enumerate(warehouses):
        await ChannelWarehouse.create(channel=channel, warehouse=warehouse, sort_order=position)
    products = [
        Product(
            name=f"Gift {index:05d}",
            slug=f"gift-{index:05d}",
            product_type_id=product_type.id,
            category_id=children[index % 16].id,
            description={"blocks": [{"type": "paragraph", "data": {"text": f"Gift number {index}."}}]},
            search_text=f"gift {index:05d} gift number {index}.",
            created_at=now - timedelta(minutes=index),
        )
        for index in range(count)
    ]
    await _bulk(Product, products)
    ids = dict(await Product.all().values_list("slug", "id"))
    variants = [
        ProductVariant(product_id=ids[f"gift-{index:05d}"], sku=f"G{index:05d}-{v}", name=f"Option {v}", sort_order=v)
        for index in range(count)
        for v in range(1 + index % 3)
    ]
    await _bulk(ProductVariant, variants)
    variant_rows = await ProductVariant.all().values_list("id", "product_id")
    prices: dict[int, list[int]] = {}
    price_rows, stocks = [], []
    for variant_id, product_id in variant_rows:
        points = generator.randint(50, 5000) * 10
        prices.setdefault(product_id, []).append(points)
        price_rows.append(
            ProductVariantChannelListing(
                variant_id=variant_id,
                channel_id=channel.id,
                price_points=points,
                cost_price_amount=Decimal(points) / 200,
                reference_price_amount=Decimal(points) / 100,
            )
        )
        stocks.append(Stock(variant_id=variant_id, warehouse_id=warehouses[variant_id % 2].id, quantity=50))
    await _bulk(ProductVariantChannelListing, price_rows)
    await _bulk(Stock, stocks)
    listings = [
        ProductChannelListing(
            product_id=product_id,
            channel_id=channel.id,
            is_published=True,
            published_at=now - timedelta(days=1),
            available_for_purchase_at=now - timedelta(days=1),
            min_price_points=min(points),
            max_price_points=max(points),
        )
        for product_id, points in prices.items()
    ]
    await _bulk(ProductChannelListing, listings)
    media = [ProductMedia(product_id=pk, storage_key=f"bench/{slug}.png", alt=slug) for slug, pk in ids.items()]
    await _bulk(ProductMedia, media)


# Load ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0
    edits: int = 0

    def line(self, label: str) -> str:
        ordered = sorted(self.latencies_ms) or [0.0]

        def pct(share: float) -> float:
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

        count = len(self.latencies_ms)
        rate = count / self.seconds if self.seconds else 0.0
        cpu_ms = 1000 * self.server_cpu_seconds / count if count else 0.0
        return (
            f"{label:<28} {rate:7.1f} req/s   p50 {pct(0.50):7.1f} ms   p95 {pct(0.95):7.1f} ms   "
            f"p99 {pct(0.99):7.1f} ms   server CPU {cpu_ms:5.1f} ms/req   n={count} errors={self.errors}"
            + (f" edits={self.edits}" if self.edits else "")
        )


async def _client(
    session: aiohttp.ClientSession, url: str, bodies: list[dict[str, Any]], deadline: float, result: Result
) -> None:
    index = random.randrange(len(bodies))
    while time.perf_counter() < deadline:
        body = bodies[index % len(bodies)]
        index += 1
        started = time.perf_counter()
        async with session.post(url, json=body) as response:
            payload = await response.json()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or payload.get("errors"):
            result.errors += 1
        else:
            result.latencies_ms.append(elapsed)


async def edit_products(database_url: str, per_second: float, deadline: float) -> int:
    """Rename random products among the first LIST_PAGES pages' (by slug), `per_second` times a second."""
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    edits = 0
    try:
        while time.perf_counter() < deadline:
            number = random.randrange(LIST_PAGES * 20)
            await connection.execute(
                "UPDATE catalog_product SET name = $1 WHERE slug = $2", f"Gift {number} (edit {edits})",
                f"gift-{number:05d}",
            )
            edits += 1
            await asyncio.sleep(1 / per_second)
    finally:
        await connection.close()
    return edits


async def run_load(
    url: str, bodies: list[dict[str, Any]], concurrency: int, seconds: float, pid: int,
    edits: tuple[str, float] | None = None,
) -> Result:
    result = Result()
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await _client(session, url, bodies[:1], time.perf_counter() + 1, Result())  # warm up the worker
        started, cpu_before = time.perf_counter(), cpu_seconds(pid)
        deadline = started + seconds
        clients = [_client(session, url, bodies, deadline, result) for _ in range(concurrency)]
        if edits is not None:
            clients.append(_count_edits(result, edit_products(edits[0], edits[1], deadline)))
        await asyncio.gather(*clients)
        result.seconds = time.perf_counter() - started
        result.server_cpu_seconds = cpu_seconds(pid) - cpu_before
    return result


async def _count_edits(result: Result, editing: Any) -> None:
    result.edits = await editing


async def list_bodies(url: str) -> list[dict[str, Any]]:
    """The first LIST_PAGES pages, each request carrying the cursor a storefront would send."""
    bodies, after = [], None
    async with aiohttp.ClientSession() as session:
        for _ in range(LIST_PAGES):
            variables = {"first": 20, "after": after, "channel": CHANNEL, "languageCode": "EN"}
            body = {"query": PRODUCT_LIST_PAGINATED, "variables": variables}
            bodies.append(body)
            async with session.post(url, json=body) as response:
                payload = await response.json()
            assert not payload.get("errors"), payload["errors"]
            after = payload["data"]["products"]["pageInfo"]["endCursor"]
    return bodies


VARIED_SORTS = (("NAME", "ASC"), ("NAME", "DESC"), ("PRICE", "ASC"), ("PRICE", "DESC"), ("CREATED_AT", "DESC"))


async def varied_list_bodies(url: str) -> list[dict[str, Any]]:
    """The first page of every category in every sort order, shuffled."""
    async with aiohttp.ClientSession() as session:
        body = {"query": "{ categories(first: 100) { edges { node { id } } } }"}
        async with session.post(url, json=body) as response:
            payload = await response.json()
    category_ids = [edge["node"]["id"] for edge in payload["data"]["categories"]["edges"]]
    bodies = [
        {"query": PRODUCT_LIST_PAGINATED, "variables": {
            "first": 20, "channel": CHANNEL, "languageCode": "EN",
            "sortBy": {"field": field, "direction": direction}, "filter": {"categories": [category_id]},
        }}
        for category_id in category_ids
        for field, direction in VARIED_SORTS
    ]
    random.Random(7).shuffle(bodies)
    return bodies


def detail_bodies(count: int) -> list[dict[str, Any]]:
    step = max(1, count // DETAIL_PRODUCTS)
    return [
        {"query": PRODUCT_DETAILS, "variables": {"slug": f"gift-{n:05d}", "channel": CHANNEL, "languageCode": "EN"}}
        for n in range(0, count, step)
    ][:DETAIL_PRODUCTS]


async def main(arguments: argparse.Namespace) -> None:
    async with scratch_database(arguments.server, keep=arguments.keep) as database_url:
        await measure(arguments, database_url)


async def measure(arguments: argparse.Namespace, database_url: str) -> None:
    name = database_name(database_url)
    process = None
    try:
        started = time.perf_counter()
        await migrate_database(database_url)
        await close_database()
        await open_database(database_url)
        await seed(arguments.products)
        await close_database()
        await admin(database_url, "VACUUM ANALYZE")  # statistics and visibility map, as autovacuum keeps them
        print(f"seeded {arguments.products} products in {time.perf_counter() - started:.1f} s ({name})")
        port = free_port()
        process = start_server(database_url, port, Path(f"/tmp/{name}"),
                               RESPONSE_CACHE_SECONDS=str(arguments.response_cache_seconds),
                               RENDER_CACHE_ENTRIES=str(arguments.render_cache_entries))
        base = f"http://127.0.0.1:{port}"
        await wait_until_up(base, process)
        url = f"{base}/graphql/"
        workloads = {
            "ProductListPaginated": await list_bodies(url),
            "ProductList varied": await varied_list_bodies(url),
            "ProductDetails": detail_bodies(arguments.products),
        }
        workloads = {label: bodies for label, bodies in workloads.items() if _chosen(label, arguments.only)}
        edits = (database_url, arguments.edits_per_second) if arguments.edits_per_second > 0 else None
        machine = f"python {platform.python_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
        print(f"{machine}, one uvicorn worker, {arguments.seconds:g} s per run")
        for label, bodies in workloads.items():
            for concurrency in arguments.concurrency:
                result = await run_load(url, bodies, concurrency, arguments.seconds, process.pid, edits)
                print(result.line(f"{label} c={concurrency}"), flush=True)
    finally:
        if process is not None:
            stop_server(process)


def _chosen(label: str, only: list[str] | None) -> bool:
    return not only or any(word.lower() in label.lower() for word in only)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL (any database on it)")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    parser.add_argument("--response-cache-seconds", type=float, default=0.0,
                        help="the server's anonymous read cache (0: every request does the full work)")
    parser.add_argument("--render-cache-entries", type=int, default=10_000,
                        help="products' rendered answers kept for reuse by the worker (0: none)")
    parser.add_argument("--edits-per-second", type=float, default=0.0,
                        help="rename products of the walked pages meanwhile, this many a second")
    parser.add_argument("--only", nargs="+", help="run only the workloads whose label contains one of these words")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments()))
