"""Product search as an index lookup on PostgreSQL: a trigram GIN index (pg_trgm) over `search_text`, which
`LIKE '%word%'` uses for every word of three characters or more, in any script (this cluster's C.UTF-8
ctype counts CJK characters as word characters). Measured in bench/search.py (bench/README.md).

Where pg_trgm cannot be created (not installed, or the migrating role may not create extensions), the
migration says so and goes on without the index: search stays correct, as a scan. SQLite has no such
index; its search is a scan, fast enough for a laptop catalogue.
"""

import logging

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEX = "catalog_product_search_trgm_idx"
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
