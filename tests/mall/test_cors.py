"""Cross-origin calls to /graphql/ (a Saleor Dashboard served elsewhere): ALLOWED_GRAPHQL_ORIGINS, preflights,
credentials; nothing for other origins, nothing by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from mall.app import create_app
from mall.cli import allow_dashboard_in_development
from mall.settings import Settings
from tests.conftest import TEST_PUBLIC_URL

DASHBOARD = "https://dashboard.example.com"
PREFLIGHT = {"Origin": DASHBOARD, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization-bearer,authorization,content-type"}


async def _client(settings: Settings, origins: tuple[str, ...]) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(replace(settings, allowed_graphql_origins=origins), manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.3", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield client


@pytest.fixture
async def cross_origin(settings):
    async for client in _client(settings, (DASHBOARD,)):
        yield client


@pytest.fixture
async def same_origin_only(settings):
    async for client in _client(settings, ()):
        yield client


async def test_a_preflight_from_an_allowed_origin_is_answered_with_credentials_and_the_dashboards_headers(
    cross_origin,
):
    # when
    response = await cross_origin.options("/graphql/", headers=PREFLIGHT)

    # then
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert response.headers["access-control-allow-credentials"] == "true"
    allowed = {name.strip() for name in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization-bearer", "authorization", "content-type"} <= allowed
    assert "POST" in response.headers["access-control-allow-methods"]


async def test_an_answer_to_an_allowed_origin_names_it_and_allows_credentials(cross_origin):
    # when
    response = await cross_origin.post("/graphql/", json={"query": "{ shop { passwordLoginMode } }"},
                                       headers={"Origin": DASHBOARD})

    # then
    assert response.json()["data"] == {"shop": {"passwordLoginMode": "ENABLED"}}
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert response.headers["access-control-allow-credentials"] == "true"


async def test_another_origin_gets_no_cors_headers(cross_origin):
    # when
    preflight = await cross_origin.options("/graphql/", headers=PREFLIGHT | {"Origin": "https://evil.example.com"})
    answer = await cross_origin.post("/graphql/", json={"query": "{ shop { name } }"},
                                     headers={"Origin": "https://evil.example.com"})

    # then
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in answer.headers


async def test_only_the_api_is_open_to_other_origins(cross_origin):
    # when: the member mall's pages and media stay same-origin
    response = await cross_origin.get("/", headers={"Origin": DASHBOARD})

    # then
    assert "access-control-allow-origin" not in response.headers


async def test_by_default_no_origin_is_allowed(same_origin_only):
    # when
    preflight = await same_origin_only.options("/graphql/", headers=PREFLIGHT)
    answer = await same_origin_only.post("/graphql/", json={"query": "{ shop { name } }"},
                                         headers={"Origin": DASHBOARD})

    # then
    assert preflight.status_code == 405
    assert "access-control-allow-origin" not in answer.headers


def test_the_setting_reads_comma_separated_origins_as_browsers_send_them():
    # when
    settings = Settings.from_environ({"ALLOWED_GRAPHQL_ORIGINS": " https://a.example.com/, http://localhost:9000 ,"})

    # then
    assert settings.allowed_graphql_origins == ("https://a.example.com", "http://localhost:9000")
    assert Settings.from_environ({}).allowed_graphql_origins == ()


def test_demo_mode_allows_the_dashboards_development_origin_unless_told_otherwise():
    # given
    unset: dict[str, str] = {}
    chosen = {"ALLOWED_GRAPHQL_ORIGINS": DASHBOARD}

    # when
    allow_dashboard_in_development(unset)
    allow_dashboard_in_development(chosen)

    # then
    assert unset == {"ALLOWED_GRAPHQL_ORIGINS": "http://localhost:9000"}
    assert chosen == {"ALLOWED_GRAPHQL_ORIGINS": DASHBOARD}
