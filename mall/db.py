"""Database wiring: which domain owns which models and migrations, and how to apply them.

Each domain is one tortoise app with its own `migrations` package, so domains add tables without
touching each other's migration history.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as run_migrations

from mall.settings import Settings

T = TypeVar("T")

# app label -> (model modules, migrations package). Order is the order of dependencies.
DOMAIN_APPS: dict[str, tuple[list[str], str]] = {
    "mall": (
        ["mall.accounts.models", "mall.channels.models", "mall.outbox.models", "mall.notifications.models",
         "mall.site.models"],
        "mall.migrations",
    ),
    "ledger": (["ledger.models"], "ledger.migrations"),
    "partners": (["partners.models"], "partners.migrations"),
    "catalog": (["catalog.models", "catalog.promotions.models"], "catalog.migrations"),
    "orders": (["orders.models", "orders.flash_sales.models", "orders.vouchers.models"], "orders.migrations"),
    "fulfilment": (["fulfilment.models", "fulfilment.digital.models"], "fulfilment.migrations"),
    "bank_link": (["bank_link.models"], "bank_link.migrations"),
    "settlement": (["settlement.models"], "settlement.migrations"),
    "loyalty": (["loyalty.models"], "loyalty.migrations"),
    "cases": (["cases.models"], "cases.migrations"),
}

ProgressCallback = Callable[[str, str, str], object]
POSTGRES_SCHEMES = ("postgres://", "postgresql://", "asyncpg://")


class StatelessConnection(asyncpg.Connection):
    """A PostgreSQL connection that goes back to the pool without asyncpg's reset query.

    asyncpg resets every released connection (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL): one more
    round trip and statement per transaction, which bench/ledger_holds.py measured at 40-55% of a points
    redemption's throughput. The mall keeps no session state (no SET, LISTEN, advisory locks or held
    cursors; transaction-scoped settings end with the transaction), so there is nothing to reset. asyncpg
    still rolls back a connection released inside a transaction.
    """

    def get_reset_query(self) -> str:
        return ""


def _connection_config(url: str) -> str | dict[str, Any]:
    if not url.startswith(POSTGRES_SCHEMES):
        return url
    config = expand_db_url(url)
    config["credentials"]["connection_class"] = StatelessConnection
    return config


def tortoise_config(settings: Settings | str) -> dict[str, Any]:
    """The tortoise config for a settings object or a bare database URL."""
    url = settings if isinstance(settings, str) else settings.database_url
    return {
        "connections": {"default": _connection_config(url)},
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


def run_with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Open the database, run `work`, and always close connections (SQLite hangs at exit otherwise). For the
    commands of every domain's CLI, which import it from here, not from the composition root's CLI."""

    async def main() -> T:
        await open_database(settings)
        try:
            return await work()
        finally:
            await close_database()

    return asyncio.run(main())
