"""Rule version: one row that triggers move on every write to the tables checkout pricing caches per worker.

mall/rule_versions.py declares the watched tables and explains the cache. The row is moved by triggers, not by
the services, so that no write path can change a tier level, a promotion, a flash sale or an issuer without
every worker's copies being dropped. The new version comes from a sequence on PostgreSQL and from random() on
SQLite, never from `version + 1`: a rolled-back write must not hand its version to a later one.

The table is not a model: nothing reads it through the ORM, and tests that empty every model's table keep it.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from mall.rule_versions import RULE_VERSION_TABLE as TABLE

# The tables this migration watches, frozen as they were: later migrations add theirs (0008: channels), and
# mall.rule_versions.WATCHED_TABLES lists them all.
WATCHED_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("loyalty_tier_level", ()),
    ("catalog_promotion", ()),
    ("catalog_promotion_rule", ()),
    ("catalog_promotion_rule_channel", ()),
    ("orders_flash_sale", ("channel_id", "variant_id", "starts_at", "ends_at", "is_ended")),
    ("bank_link_issuer", ()),
)

SEQUENCE = f"{TABLE}_seq"

POSTGRES_FUNCTION = f"""
CREATE FUNCTION mall_rule_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET version = nextval('{SEQUENCE}') WHERE id = 1;
    RETURN NULL;
END
$$
"""


def postgres_triggers(watched: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    """The triggers that move the version on every write to the `watched` tables (PostgreSQL)."""
    statements = []
    for table, columns in watched:
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        # One bump per statement is enough: the version only has to differ once the writer commits.
        statements.append(
            f'CREATE TRIGGER "rule_version_{table}" AFTER INSERT OR {update} OR DELETE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION mall_rule_version_bump()"
        )
        statements.append(
            f'CREATE TRIGGER "rule_version_{table}_truncate" AFTER TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION mall_rule_version_bump()"
        )
    return statements


def _postgres_statements() -> list[str]:
    return [f"CREATE SEQUENCE {SEQUENCE}", POSTGRES_FUNCTION, *postgres_triggers(WATCHED_TABLES)]


def sqlite_triggers(watched: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    """The triggers that move the version on every write to the `watched` tables (SQLite)."""
    bump = f"UPDATE {TABLE} SET version = random() WHERE id = 1;"
    statements = []
    for table, columns in watched:
        update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
        for event in ("INSERT", update, "DELETE"):
            name = f"rule_version_{table}_{event.split()[0].lower()}"
            statements.append(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {bump} END')
    return statements


async def create_rule_version(apps, schema_editor):
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    version_type = "BIGINT" if postgres else "INTEGER"
    await client.execute_script(f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, version {version_type} NOT NULL)")
    await client.execute_script(f"INSERT INTO {TABLE} (id, version) VALUES (1, 0)")
    for statement in _postgres_statements() if postgres else sqlite_triggers(WATCHED_TABLES):
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("mall", "0005_site_settings"),
        ("catalog", "0007_promotions"),
        ("loyalty", "0001_initial"),
        ("orders", "0004_flash_sales"),
        ("bank_link", "0001_initial"),
    ]

    operations = [ops.RunPython(create_rule_version)]
