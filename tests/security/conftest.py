"""The matrix builds its world once per module and asks every root field of it: tables are emptied before the
world is built, not before each test (which would cost a world per field)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from mall.app import create_app
from mall.settings import Settings
from tests.conftest import TEST_PUBLIC_URL, empty_all_tables
from tests.graphql_client import GraphQLClient
from tests.security.world import World, build_world


@pytest.fixture
async def db() -> None:
    """Overrides the suite's per-test emptying: the module's world must outlive each test."""


@pytest.fixture(scope="module")
async def matrix_api(settings: Settings, migrated_database: str) -> AsyncIterator[GraphQLClient]:
    transport = httpx.ASGITransport(app=create_app(settings, manage_database=False), client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield GraphQLClient(client)


@pytest.fixture(scope="module")
async def world(matrix_api: GraphQLClient, settings: Settings, is_postgres: bool) -> AsyncIterator[World]:
    await empty_all_tables(is_postgres)
    yield await build_world(matrix_api, settings)
    await empty_all_tables(is_postgres)
