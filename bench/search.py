"""Product search at catalogue scale on PostgreSQL: the statement `products(search:)` runs (every word in
the search text, ranked by names first; catalog/graphql/filters.search_sql and sorting.RankKey), over
100,000 gifts named in English and Chinese, with the trigram index of migration 0006 and without it.

    python bench/search.py [--server postgres://postgres@127.0.0.1:5432/postgres] [--products 100000]
                           [--repeats 20] [--keep]

It creates its own database (mall_bench_<hex>), migrates it, seeds the products in bulk (names and
descriptions drawn from the demo catalogue's words in both languages, so a word matches a realistic share
of them), runs ANALYZE, then times each search (median and worst of --repeats runs of the page query and
of the count) and prints the plan's access path, first with the index, then after dropping it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serving import admin, database_name, scratch_database

from catalog import demo_zh
from catalog.graphql.filters import is_two_wide_characters
from catalog.models import Product, ProductType
from mall.db import close_database, migrate_database, open_database

BATCH = 2000
INDEX = "catalog_product_search_trgm_idx"
BIGRAM_INDEX = "catalog_product_search_bigram_idx"
# (label, search text): English and Chinese words of several lengths, and a word nothing contains.
SEARCHES = (
    ("english word", "wok"),
    ("english two words", "premium speaker"),
    ("english rare", "doorbell 00042"),
    ("chinese 2 chars", "炒锅"),
    ("chinese 4 chars", "无线耳机"),
    ("chinese + english", "经典 wok"),
    ("no match", "zzzqqq"),
)


def _rank(words: list[str]) -> str:
    """sorting.RankKey's expression, parameters $1..$n in the words' order."""
    parts = []
    for position in range(1, len(words) + 1):
        translated = (
            "EXISTS (SELECT 1 FROM catalog_translation rt WHERE rt.product_id = p.id "
            f"AND LOWER(rt.name) LIKE ${position} ESCAPE '\\')"
        )
        parts.append(f"(CASE WHEN LOWER(p.name) LIKE ${position} ESCAPE '\\' OR {translated} THEN 0 ELSE 1 END)")
    return "(" + " + ".join(parts) + ")"


def _word(position: int, word: str) -> str:
    """filters.search_sql's condition for one word; a two-character CJK word also asks the bigram index."""
    contains = f"p.search_text LIKE ${position} ESCAPE '\\'"
    if not is_two_wide_characters(word):
        return contains
    return f"catalog_search_bigrams(p.search_text) @> ARRAY[substr(${position}, 2, 2)]::text[] AND {contains}"


def statements(text: str) -> tuple[str, str, list[str]]:
    words = text.lower().split()
    where = " AND ".join(_word(i, word) for i, word in enumerate(words, start=1))
    page = (f"SELECT p.id FROM catalog_product p WHERE {where} "
            f"ORDER BY {_rank(words)}, p.name, p.slug, p.id LIMIT 21")
    count = f"SELECT COUNT(*) FROM catalog_product p WHERE {where}"
    return page, count, [f"%{word}%" for word in words]


async def seed(count: int) -> None:
    generator = random.Random(22)
    product_type = await ProductType.create(name="Gift", slug="gift")
    adjectives, nouns = list(demo_zh.ADJECTIVES.items()), list(demo_zh.NOUNS.items())
    for start in range(0, count, BATCH):
        rows = []
        for index in range(start, min(start + BATCH, count)):
            (adjective, adjective_zh), (noun, noun_zh) = generator.choice(adjectives), generator.choice(nouns)
            name, name_zh = f"{adjective} {noun} {index:05d}", f"{adjective_zh}{noun_zh}"
            description = f"{name} from a partner merchant. {name_zh}，由合作商户发货。"
            rows.append(Product(name=name, slug=f"gift-{index:06d}", product_type_id=product_type.id,
                                search_text=f"{name} {name_zh} {description}".lower()))
        await Product.bulk_create(rows)


async def _timed(connection: asyncpg.Connection, statement: str, values: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await connection.fetch(statement, *values)
        times.append((time.perf_counter() - started) * 1000)
    return times


async def _access_path(connection: asyncpg.Connection, statement: str, values: list[str]) -> str:
    plan = [row[0] for row in await connection.fetch(f"EXPLAIN {statement}", *values)]
    indexes = (("trigram", INDEX), ("bigram", BIGRAM_INDEX))
    used = [name for name, index in indexes if any(index in line for line in plan)]
    return " + ".join(used) or "scan"


async def measure_searches(database_url: str, repeats: int, label: str) -> None:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        print(f"\n{label}\n| search | matches | path | page median ms | page max ms | count median ms |")
        print("|---|---|---|---|---|---|")
        for name, text in SEARCHES:
            page, count, values = statements(text)
            matches = await connection.fetchval(count, *values)
            page_times = await _timed(connection, page, values, repeats)
            count_times = await _timed(connection, count, values, repeats)
            print(f"| {name} `{text}` | {matches} | {await _access_path(connection, count, values)} "
                  f"| {statistics.median(page_times):.1f} | {max(page_times):.1f} "
                  f"| {statistics.median(count_times):.1f} |", flush=True)
    finally:
        await connection.close()


async def main(arguments: argparse.Namespace) -> None:
    async with scratch_database(arguments.server, keep=arguments.keep) as database_url:
        started = time.perf_counter()
        await migrate_database(database_url)
        await close_database()
        await open_database(database_url)
        await seed(arguments.products)
        await close_database()
        await admin(database_url, "VACUUM ANALYZE")
        print(f"seeded {arguments.products} products in {time.perf_counter() - started:.1f} s "
              f"({database_name(database_url)}); python {platform.python_version()}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        await measure_searches(database_url, arguments.repeats, "with the trigram and bigram indexes (migration 0006)")
        await admin(database_url, f'DROP INDEX "{INDEX}"; DROP INDEX "{BIGRAM_INDEX}"')
        await measure_searches(database_url, arguments.repeats, "without them (a sequential scan)")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments()))
