"""The served mall's own database: a SQLite file, or a fresh PostgreSQL database dropped afterwards."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg


def _run_admin(server_url: str, statement: str) -> None:
    async def execute() -> None:
        connection = await asyncpg.connect(server_url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(execute())


@contextmanager
def served_database_url(var_dir: Path) -> Iterator[str]:
    """A database URL of the kind the suite runs on (TEST_DATABASE_URL decides), empty."""
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        yield f"sqlite://{var_dir / 'mall.db'}"
        return
    admin_url = server.replace("postgres://", "postgresql://", 1)
    name = f"mall_browser_{uuid.uuid4().hex[:10]}"
    _run_admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rpartition('/')[0].replace('postgresql://', 'postgres://', 1)}/{name}"
    finally:
        _run_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
