"""The member mall in a real browser: `mall serve --demo` on a free local port, Debian's Chromium driven by
Playwright, a fresh browser context (empty localStorage) per test, and every request the page makes recorded.

The served app has its own database (SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL
points at a server), loaded once per session with the demo data. Tests that need a member with a known
balance make one through the API (`api.member(points=...)`), so they never depend on each other's orders.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, async_playwright

from tests.conftest import LocalStripe
from tests.frontend.databases import served_database_url
from tests.frontend.mall_api import MallApi
from tests.frontend.pages import Visit
from tests.serving import free_port, wait_until_healthy

CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MILLISECONDS = 10_000


def stripe_js_url(localstripe: LocalStripe) -> str:
    return f"{localstripe.url}/js.stripe.com/v3/"


@pytest.fixture(scope="session")
def mall_environment(
    tmp_path_factory: pytest.TempPathFactory, localstripe_server: LocalStripe
) -> Iterator[dict[str, str]]:
    """Environment of the served mall: its own var folder and database, Stripe pointed at localstripe (so
    the demo banks allow points + cash, and Stripe.js comes from localstripe's stand-in)."""
    var_dir = tmp_path_factory.mktemp("served-mall")
    stripe = {
        "STRIPE_SECRET_KEY": localstripe_server.secret_key,
        "STRIPE_PUBLISHABLE_KEY": localstripe_server.publishable_key,
        "STRIPE_WEBHOOK_SECRET": localstripe_server.webhook_secret,
        "STRIPE_API_BASE": localstripe_server.url,
        "STRIPE_JS_URL": stripe_js_url(localstripe_server),
    }
    with served_database_url(var_dir) as database_url:
        yield os.environ | stripe | {"DATABASE_URL": database_url, "MALL_VAR_DIR": str(var_dir)}


@pytest.fixture(scope="session")
def mall_url(mall_environment: dict[str, str]) -> Iterator[str]:
    """The base URL of `mall serve --demo` running in a subprocess on 127.0.0.1.

    Its log goes to a file: a pipe nobody reads fills up and then blocks the server mid-request."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = Path(mall_environment["MALL_VAR_DIR"]) / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mall", "serve", "--demo", "--port", str(port)],
            env=mall_environment | {"PUBLIC_URL": base_url},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_healthy(base_url, process, log.read_text)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def mall_api(mall_url: str, mall_environment: dict[str, str]) -> Iterator[MallApi]:
    """The served mall's GraphQL API, for a test's setup and its checks (as the operator or a member)."""
    with httpx.Client(base_url=mall_url, timeout=30) as client:
        yield MallApi(client, mall_environment)


@pytest.fixture(autouse=True)
def db() -> None:
    """The browser tests read and write the served mall's database only, never the suite's in-process one."""


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not os.path.exists(CHROMIUM):  # noqa: ASYNC240 (once per session, before anything runs)
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--disable-gpu", "--disable-quic"]
        )
        yield chromium
        await chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mall-screenshots")
    print(f"\nmember mall screenshots: {folder}")
    return folder


@pytest.fixture
async def visit(
    browser: Browser, mall_url: str, screenshots: Path, request: pytest.FixtureRequest, localstripe_server: LocalStripe
) -> AsyncIterator[Visit]:
    """A fresh browser context at desktop size; the test may resize it. Checks every request stayed home."""
    stripe_js_origin = localstripe_server.url  # the configured Stripe.js URL: the only other origin allowed
    context = await browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MILLISECONDS)
    page = await context.new_page()
    visit = Visit(page, mall_url, screenshots / request.node.name)
    try:
        yield visit
        visit.assert_every_request_stayed_on(mall_url, allowed=stripe_js_origin)
        visit.assert_no_page_errors()
    finally:
        await context.close()
