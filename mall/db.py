"""Database wiring: which domain owns which models and migrations, and how to apply them.

Each domain is one tortoise app with its own `migrations` package, so domains add tables without
touching each other's migration history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.api import migrate as run_migrations

from mall.settings import Settings

# app label -> (model modules, migrations package). Order is the order of dependencies.
DOMAIN_APPS: dict[str, tuple[list[str], str]] = {
    "mall": (
        ["mall.accounts.models", "mall.channels.models", "mall.outbox.models"],
        "mall.migrations",
    ),
    "ledger": (["mall.ledger.models"], "mall.ledger.migrations"),
    "partners": (["partners.models"], "partners.migrations"),
    "catalog": (["catalog.models"], "catalog.migrations"),
    "orders": (["orders.models"], "orders.migrations"),
    "bank_link": (["bank_link.models"], "bank_link.migrations"),
    "settlement": (["bank_link.settlement.models"], "bank_link.settlement.migrations"),
}

ProgressCallback = Callable[[str, str, str], object]


def tortoise_config(settings: Settings | str) -> dict[str, Any]:
    """The tortoise config for a settings object or a bare database URL."""
    url = settings if isinstance(settings, str) else settings.database_url
    return {
        "connections": {"default": url},
        "apps": {
            label: {"models": modules, "migrations": migrations, "default_connection": "default"}
            for label, (modules, migrations) in DOMAIN_APPS.items()
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def migrate_database(settings: Settings | str, progress: ProgressCallback | None = None) -> None:
    """Apply every pending migration of every domain app. Idempotent."""
    await run_migrations(config=tortoise_config(settings), progress=progress)


async def open_database(settings: Settings | str) -> None:
    """Initialise tortoise for a script or CLI command (no schema generation: migrations own the schema)."""
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_database() -> None:
    # SQLite processes hang at exit when their connection stays open. Closing through Tortoise also
    # releases the global context, so the same process (`mall serve`) can start the app afterwards.
    await Tortoise.close_connections()
