"""Product search as an index lookup on PostgreSQL: a trigram GIN index (pg_trgm) over `search_text`, which
`LIKE '%word%'` uses for every word of three characters or more, in any script (this cluster's C.UTF-8
ctype counts CJK characters as word characters). A trigram index cannot serve a two-character word, and two
characters are the commonest Chinese word (炒锅, 耳机): a second GIN index holds each product's pairs of
adjacent non-ASCII characters (`catalog_search_bigrams`), which search asks for such words
(catalog/graphql/filters.search_sql). Measured in bench/search.py (bench/README.md).

Where pg_trgm cannot be created (not installed, or the migrating role may not create extensions), the
migration says so and goes on without the index: search stays correct, as a scan. SQLite has no such
index; its search is a scan, fast enough for a laptop catalogue.
"""

import logging

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEX = "catalog_product_search_trgm_idx"
BIGRAM_INDEX = "catalog_product_search_bigram_idx"
# Every distinct pair of adjacent characters that are both outside ASCII (CJK and other scripts). Built in
# (no extension needed). IMMUTABLE: an index expression must be.
BIGRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION catalog_search_bigrams(text_value text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT pair), '{}')
    FROM (SELECT substr(text_value, position, 2) AS pair
          FROM generate_series(1, length(text_value) - 1) AS position) AS pairs
    WHERE pair ~ '^[^\x01-\x7f]{2}$'
$$
"""
LOGGER = logging.getLogger("mall.migrations")


async def _trigrams_available(client) -> bool:
    rows = await client.execute_query_dict(
        "SELECT (SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm') AS installed, "
        "(SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'pg_trgm') AS available, "
        "(SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user) AS may_create"
    )
    row = rows[0]
    return bool(row["installed"]) or (bool(row["available"]) and bool(row["may_create"]))


async def create_search_index(apps, schema_editor):
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    await client.execute_script(BIGRAMS_FUNCTION)
    await client.execute_script(
        f'CREATE INDEX IF NOT EXISTS "{BIGRAM_INDEX}" ON "catalog_product" USING gin (catalog_search_bigrams("search_text"))'
    )
    if not await _trigrams_available(client):
        LOGGER.warning("pg_trgm is not available: product search runs without its index (a scan)")
        return
    await client.execute_script("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    await client.execute_script(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "catalog_product" USING gin ("search_text" gin_trgm_ops)'
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_translations")]

    initial = False

    operations = [ops.RunPython(create_search_index)]
