"""Fixtures of the accounts suite: a mailbox per test, more API clients, a mall that confirms e-mails."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from mall.app import create_app
from mall.settings import Settings
from tests.graphql_client import GraphQLClient
from tests.mall.accounts.helpers import Mailbox

ClientFactory = Callable[..., Awaitable[GraphQLClient]]


@pytest.fixture
def mailbox(settings: Settings, tmp_path: Path) -> Mailbox:
    # A folder per test: outbox ids restart with every test, so a shared folder would mix messages.
    return Mailbox(dataclasses.replace(settings, mail_dir=tmp_path / "mail"))


@pytest.fixture
async def make_client(settings: Settings) -> AsyncIterator[ClientFactory]:
    """More API clients: from another address (`client_ip`), or against an app with other settings."""
    opened: list[httpx.AsyncClient] = []

    async def make(client_ip: str = "10.0.0.1", app_settings: Settings | None = None) -> GraphQLClient:
        app = create_app(app_settings or settings, manage_database=False)
        transport = httpx.ASGITransport(app=app, client=(client_ip, 50000))
        http = httpx.AsyncClient(transport=transport, base_url=settings.public_url)
        opened.append(http)
        return GraphQLClient(http)

    yield make
    for http in opened:
        await http.aclose()


@pytest.fixture
def confirmation_settings(settings: Settings, tmp_path: Path) -> Settings:
    """A mall that asks new members to confirm their e-mail address (its mail lands in the test's mailbox)."""
    return dataclasses.replace(settings, account_confirmation_required=True, mail_dir=tmp_path / "mail")


@pytest.fixture
async def confirming_api(make_client: ClientFactory, confirmation_settings: Settings) -> GraphQLClient:
    return await make_client(app_settings=confirmation_settings)
