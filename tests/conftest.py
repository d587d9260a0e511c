"""Fixtures shared by every suite.

The database is real and built by the project's migrations: SQLite in a temporary folder by default,
PostgreSQL when TEST_DATABASE_URL points at a server (a fresh `mall_test_<hex>` database is created and
dropped around the session). Every test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import Tortoise, connections

from mall.accounts.passwords import use_cheap_hashing_for_tests
from mall.app import create_app
from mall.db import close_database, migrate_database, open_database
from mall.settings import Settings, read_or_create_rsa_key
from tests.graphql_client import GraphQLClient

MIGRATIONS_TABLE = "tortoise_migrations"
use_cheap_hashing_for_tests()
TEST_PUBLIC_URL = "http://testserver"


def _server_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


@pytest.fixture(scope="session")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def database_url(var_dir: Path) -> Iterator[str]:
    """A fresh, empty database for this test session."""
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        yield f"sqlite://{var_dir / 'test.db'}"
        return
    import asyncio

    name = f"mall_test_{uuid.uuid4().hex[:12]}"
    base, _, _ = server.rpartition("/")

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(_server_url(server))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield f"{base.replace('postgresql://', 'postgres://', 1)}/{name}"
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def is_postgres(database_url: str) -> bool:
    return database_url.startswith("postgres")


@pytest.fixture(scope="session")
def settings(var_dir: Path, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        public_url=TEST_PUBLIC_URL,
        var_dir=var_dir,
        storage_dir=var_dir / "storage",
        mail_dir=var_dir / "mail",
        jwt_private_key_pem=read_or_create_rsa_key(var_dir / "jwt-private.pem"),
        secret_key="test-secret",
    )


@pytest.fixture(scope="session")
async def migrated_database(settings: Settings) -> AsyncIterator[str]:
    await migrate_database(settings)
    await close_database()
    await open_database(settings)
    yield settings.database_url
    await close_database()


async def _table_names() -> list[str]:
    names: set[str] = set()
    for app_models in Tortoise.apps.values():
        names.update(model._meta.db_table for model in app_models.values())
    return sorted(names - {MIGRATIONS_TABLE})


async def empty_all_tables(is_postgres: bool) -> None:
    connection = connections.get("default")
    tables = await _table_names()
    if is_postgres:
        # TRUNCATE costs a few milliseconds a table even when empty: only empty the tables that have rows.
        probe = " UNION ALL ".join(f"SELECT '{t}' AS name WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables)
        used = [row["name"] for row in await connection.execute_query_dict(probe)]
        if used:
            quoted = ", ".join(f'"{t}"' for t in used)
            await connection.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        return
    statements = [f'DELETE FROM "{t}"' for t in tables] + ["DELETE FROM sqlite_sequence"]
    await connection.execute_script(
        "PRAGMA foreign_keys = OFF; " + "; ".join(statements) + "; PRAGMA foreign_keys = ON;"
    )


@pytest.fixture(autouse=True)
async def db(migrated_database: str, is_postgres: bool) -> None:
    """Every test starts with empty tables (the schema stays: migrations ran once per session)."""
    await empty_all_tables(is_postgres)


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings, manage_database=False)


@pytest.fixture
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield client


@pytest.fixture
def api(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        from mall.storage import s3_client

        return s3_client({"S3_ENDPOINT_URL": self.endpoint_url})


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """moto's S3 in server mode on a free local port: real HTTP, real boto3, no patching."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield S3Server(f"http://127.0.0.1:{port}")
    server.stop()


@pytest.fixture
def s3_bucket(s3_server: S3Server) -> str:
    """A fresh, empty bucket for one test."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    s3_server.client().create_bucket(Bucket=name)
    return name
