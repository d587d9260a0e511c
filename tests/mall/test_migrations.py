"""The migrations build the schema the models describe (tortoise's generator has dropped columns before)."""

from __future__ import annotations

from tortoise import Tortoise, connections


async def _columns(table: str, is_postgres: bool) -> set[str]:
    connection = connections.get("default")
    if is_postgres:
        rows = await connection.execute_query_dict(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1", [table]
        )
    else:
        rows = await connection.execute_query_dict(f'PRAGMA table_info("{table}")')
    return {row["name"] for row in rows}


async def test_every_model_column_exists_after_migrating(is_postgres):
    # given: the session database was built by running every migration from scratch
    missing = {}

    # when
    for models in Tortoise.apps.values():
        for model in models.values():
            absent = set(model._meta.db_fields) - await _columns(model._meta.db_table, is_postgres)
            if absent:
                missing[model._meta.db_table] = sorted(absent)

    # then
    assert missing == {}
