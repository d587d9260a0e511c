"""Fixtures shared by every suite.

The database is real and built by the project's migrations: SQLite in a temporary folder by default,
PostgreSQL when TEST_DATABASE_URL points at a server (a fresh `mall_test_<hex>` database is created and
dropped around the session). Every test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import Tortoise, connections

from catalog.services.page_types import ensure_content_page_type
from kernel import clock
from loyalty.rules import forget_rules
from mall.accounts.passwords import use_cheap_hashing_for_tests
from mall.app import create_app
from mall.db import close_database, migrate_database, open_database
from mall.settings import Settings, read_or_create_rsa_key
from mall.wiring import wire
from tests.graphql_client import GraphQLClient
from tests.serving import free_port, wait_until_listening
from tests.web_server import WebServer

MIGRATIONS_TABLE = "tortoise_migrations"
use_cheap_hashing_for_tests()
TEST_PUBLIC_URL = "http://testserver"


def _server_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _postgres_server() -> str:
    server = os.environ.get("TEST_DATABASE_URL", "")
    return server if server.startswith(("postgres://", "postgresql://")) else ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres_only` race real transactions: on SQLite (one writer at a time) they would pass
    whether or not the code is right, so they are skipped there."""
    if _postgres_server():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set TEST_DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def database_url(var_dir: Path) -> Iterator[str]:
    """A fresh, empty database for this test session."""
    server = _postgres_server()
    if not server:
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
    else:
        statements = [f'DELETE FROM "{t}"' for t in tables] + ["DELETE FROM sqlite_sequence"]
        await connection.execute_script(
            "PRAGMA foreign_keys = OFF; " + "; ".join(statements) + "; PRAGMA foreign_keys = ON;"
        )
    await ensure_content_page_type()  # the row migration 0011 writes: pages written without a type get it


@pytest.fixture(scope="session", autouse=True)
def _wired() -> None:
    """Services some tests call directly use the hooks the composition root fills at start-up."""
    wire()


@pytest.fixture(autouse=True)
def _wall_clock_between_tests() -> Iterator[None]:
    """A test that sets the clock never leaks its date into the next one."""
    yield
    clock.reset()


@pytest.fixture
def set_clock() -> Callable[[str], datetime]:
    """Sets the mall's clock: `set_clock("2026-11-12T03:00:00+08:00")` says it is 03:00 in Shanghai.

    The clock then runs on from there (timestamps taken one after another still increase); the instant
    must carry its offset. Returns the instant as an aware datetime."""

    def set_to(instant: str) -> datetime:
        moment = datetime.fromisoformat(instant)
        clock.set_now(moment)
        return moment

    return set_to


@pytest.fixture(autouse=True)
async def db(migrated_database: str, is_postgres: bool) -> None:
    """Every test starts with empty tables (the schema stays: migrations ran once per session)."""
    await empty_all_tables(is_postgres)
    forget_rules()  # the loyalty rules a worker caches: ids restart with the tables


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


@pytest.fixture
def web_server() -> Iterator[WebServer]:
    """A web server on 127.0.0.1 for this test, answering what the test tells it (tests/web_server.py)."""
    server = WebServer().start()
    yield server
    server.stop()


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        from mall.storage import s3_client

        return s3_client({"S3_ENDPOINT_URL": self.endpoint_url})


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """moto's S3 in server mode on a free local port: real HTTP, real boto3, no patching."""
    from moto.server import ThreadedMotoServer

    port = free_port()
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


@dataclass(frozen=True)
class LocalStripe:
    """localstripe on a free local port, and the keys the mall's settings use for it."""

    url: str
    secret_key: str = "sk_test_mall"
    publishable_key: str = "pk_test_mall"
    webhook_secret: str = "whsec_test_mall"

    def settings(self, base: Settings) -> Settings:
        import dataclasses

        return dataclasses.replace(
            base, stripe_secret_key=self.secret_key, stripe_publishable_key=self.publishable_key,
            stripe_api_base=self.url, stripe_js_url=f"{self.url}/js.stripe.com/v3/",
            stripe_webhook_secret=self.webhook_secret,
        )

    def admin(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, headers={"Authorization": f"Bearer {self.secret_key}"})

    async def send_webhooks_to(self, url: str) -> None:
        async with self.admin() as client:
            reply = await client.post("/_config/webhooks/mall", data={"url": url, "secret": self.webhook_secret})
            reply.raise_for_status()

    async def reset(self) -> None:
        """Forget every object, and send webhooks nowhere (a closed port) until a test asks for them."""
        async with self.admin() as client:
            (await client.delete("/_config/data")).raise_for_status()
        await self.send_webhooks_to("http://127.0.0.1:9/")


@pytest.fixture(scope="session")
def localstripe_server() -> Iterator[LocalStripe]:
    """One localstripe process for the session (tests/localstripe_server.py), on 127.0.0.1."""
    import subprocess
    import sys

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.localstripe_server", str(port)],
        cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_until_listening(port, process, lambda: "(its output is not kept)")
    yield LocalStripe(f"http://127.0.0.1:{port}")
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
async def localstripe(localstripe_server: LocalStripe) -> LocalStripe:
    """localstripe emptied for this test."""
    await localstripe_server.reset()
    return localstripe_server


@pytest.fixture
def stripe_settings(settings: Settings, localstripe: LocalStripe) -> Settings:
    """The test settings with Stripe on, pointed at localstripe."""
    return localstripe.settings(settings)


@pytest.fixture
async def stripe_api(stripe_settings: Settings) -> AsyncIterator[GraphQLClient]:
    """The API of a mall with Stripe on, in process."""
    transport = httpx.ASGITransport(app=create_app(stripe_settings, manage_database=False), client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield GraphQLClient(client)
