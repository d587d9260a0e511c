"""Render versions: a counter per product that every change to what its storefront answer shows moves on.

Product list pages reuse a product's rendered answer while its version and the catalogue's version
(product id 0: categories, product types, channels, collections) are unchanged (catalog/render_versions.py,
which declares the tables the triggers watch).
The counters are kept by triggers, not by the services, so that no write path (a mutation, an import, the
demo loader, a raw statement) can change a product without its cached answers being dropped. Stock and
warehouses move no counter: the fields that read them are never reused, and a flash sale's thousands of
allocations must not contend on a version row.

The table is not a model: nothing reads it through the ORM, and tests that empty every model's table must
keep it, so a re-used product id never meets an old version.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from catalog.render_versions import CATALOGUE_TABLES, PRODUCT_ROWS
from catalog.render_versions import RENDER_VERSIONS_TABLE as TABLE

EVENTS = ("INSERT", "UPDATE", "DELETE")

POSTGRES_FUNCTION = f"""
CREATE FUNCTION catalog_render_product(changed_row record, kind text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    changed integer;
BEGIN
    IF kind = 'id' THEN
        changed := changed_row.id;
    ELSIF kind = 'product_id' THEN
        changed := changed_row.product_id;
    ELSIF kind = 'variant_id' THEN
        SELECT product_id INTO changed FROM catalog_product_variant WHERE id = changed_row.variant_id;
    ELSE
        changed := 0;
    END IF;
    RETURN changed;
END
$$;
CREATE FUNCTION catalog_render_bump(changed integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF changed IS NOT NULL THEN
        INSERT INTO {TABLE} AS v (product_id, version) VALUES (changed, 1)
        ON CONFLICT (product_id) DO UPDATE SET version = v.version + 1;
    END IF;
END
$$;
CREATE FUNCTION catalog_render_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_change integer;
    after_change integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN before_change := catalog_render_product(OLD, TG_ARGV[0]); END IF;
    IF TG_OP <> 'DELETE' THEN after_change := catalog_render_product(NEW, TG_ARGV[0]); END IF;
    -- A row moved to another product changes both products' answers.
    PERFORM catalog_render_bump(after_change);
    IF before_change IS DISTINCT FROM after_change THEN PERFORM catalog_render_bump(before_change); END IF;
    RETURN NULL;
END
$$
"""


def _sqlite_product_expression(column: str, row: str) -> str:
    if column == "variant_id":
        return f"(SELECT product_id FROM catalog_product_variant WHERE id = {row}.variant_id)"
    return f"{row}.{column}"


def _sqlite_bump(product: str, condition: str = "") -> str:
    # INSERT ... SELECT needs its WHERE before ON CONFLICT (SQLite's parser); a vanished variant is skipped.
    return (
        f"INSERT INTO {TABLE} (product_id, version) SELECT {product}, 1 WHERE {product} IS NOT NULL{condition} "
        f"ON CONFLICT (product_id) DO UPDATE SET version = version + 1;"
    )


def _sqlite_trigger(table: str, event: str, new_product: str, old_product: str) -> str:
    if event == "INSERT":
        body = _sqlite_bump(new_product)
    elif event == "DELETE":
        body = _sqlite_bump(old_product)
    else:  # a row moved to another product changes both products' answers
        body = _sqlite_bump(new_product) + " " + _sqlite_bump(old_product, f" AND {old_product} <> {new_product}")
    return f'CREATE TRIGGER "render_{table}_{event.lower()}" AFTER {event} ON "{table}" BEGIN {body} END'


def _sqlite_statements() -> list[str]:
    statements = []
    for table, column in PRODUCT_ROWS:
        new, old = _sqlite_product_expression(column, "NEW"), _sqlite_product_expression(column, "OLD")
        statements += [_sqlite_trigger(table, event, new, old) for event in EVENTS]
    for table in CATALOGUE_TABLES:
        statements += [_sqlite_trigger(table, event, "0", "0") for event in EVENTS]
    return statements


def _postgres_statements() -> list[str]:
    statements = [POSTGRES_FUNCTION]
    tables = [*PRODUCT_ROWS, *((table, "catalogue") for table in CATALOGUE_TABLES)]
    for table, column in tables:
        statements.append(
            f'CREATE TRIGGER "render_{table}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION catalog_render_changed('{column}')"
        )
    return statements


async def create_render_versions(apps, schema_editor):
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    version_type = "BIGINT" if postgres else "INTEGER"
    await client.execute_script(
        f"CREATE TABLE {TABLE} (product_id INTEGER PRIMARY KEY, version {version_type} NOT NULL)"
    )
    for statement in _postgres_statements() if postgres else _sqlite_statements():
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_variant_restock_date"), ("mall", "0003_channel_return_window")]

    operations = [ops.RunPython(create_render_versions)]
