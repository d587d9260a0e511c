"""A Saleor Dashboard on another origin signs in to `mall serve --demo` from a real Chromium: the same requests
its auth SDK makes (`credentials: "include"`, the `authorization-bearer` header), across origins, as the
origin ALLOWED_GRAPHQL_ORIGINS allows; another origin is refused by the browser itself."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from mall.demo import DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD
from tests.frontend.databases import served_database_url
from tests.serving import free_port, wait_until_healthy
from tests.web_server import Answer, WebServer

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
DASHBOARD_PAGE = b"<!doctype html><title>Dashboard</title><p>a stand-in for the Saleor Dashboard's page</p>"

# What the Dashboard's auth SDK and sign-in page send (its documents, written here in their shape).
SIGN_IN_PAGE = "query AvailableExternalAuthentications { shop { availableExternalAuthentications { id name } " \
               "passwordLoginMode } }"
TOKEN_CREATE = "mutation tokenCreate($email: String!, $password: String!) { tokenCreate(email: $email, " \
               "password: $password) { token refreshToken errors { code field message } } }"
TOKEN_REFRESH = "mutation refreshToken($refreshToken: String!) { tokenRefresh(refreshToken: $refreshToken) { " \
                "token errors { code field message } } }"
TOKEN_VERIFY = "mutation tokenVerify($token: String!) { tokenVerify(token: $token) { isValid " \
               "user { email } errors { code } } }"
USER_DETAILS = "query UserDetails { me { email isStaff userPermissions { code } } }"

# Runs in the Dashboard's page: a POST exactly as the SDK fetches, answering the JSON or the fetch's failure.
CALL = """async ([url, query, variables, token]) => {
    const headers = {"content-type": "application/json"};
    if (token) headers["authorization-bearer"] = token;
    try {
        const response = await fetch(url, {method: "POST", credentials: "include", headers,
                                           body: JSON.stringify({query, variables})});
        return await response.json();
    } catch (error) {
        return {fetchFailed: String(error)};
    }
}"""


@pytest.fixture(autouse=True)
def db() -> None:
    """The served mall has its own database; the suite's in-process one is not used."""


@pytest.fixture(scope="module")
def dashboard_server() -> Iterator[WebServer]:
    server = WebServer().start()
    server.answer("/", Answer(200, DASHBOARD_PAGE, {"Content-Type": "text/html"}))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served_mall(tmp_path_factory: pytest.TempPathFactory, dashboard_server: WebServer) -> Iterator[str]:
    """`mall serve --demo` allowing the Dashboard's origin (http://localhost:<its port>) only."""
    var_dir = tmp_path_factory.mktemp("dashboard-mall")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = var_dir / "serve.log"
    with served_database_url(var_dir) as database_url, log.open("wb") as output:
        environment = os.environ | {"DATABASE_URL": database_url, "MALL_VAR_DIR": str(var_dir),
                                    "PUBLIC_URL": base_url,
                                    "ALLOWED_GRAPHQL_ORIGINS": dashboard_server.url("", host="localhost")}
        process = subprocess.Popen([sys.executable, "-m", "mall", "serve", "--demo", "--port", str(port)],
                                   env=environment, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(base_url, process, log.read_text)
            yield f"{base_url}/graphql/"
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture
async def dashboard(dashboard_server: WebServer) -> AsyncIterator[Page]:
    """A page of the Dashboard's origin, http://localhost:<port>/."""
    if not os.path.exists(CHROMIUM):  # noqa: ASYNC240 (once, before the browser starts)
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium`")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=["--disable-gpu", "--disable-quic"])
        page = await browser.new_page()
        await page.goto(dashboard_server.url("/", host="localhost"))
        yield page
        await browser.close()


async def call(page: Page, api: str, query: str, variables: dict[str, Any] | None = None,
               token: str | None = None) -> Any:
    return await page.evaluate(CALL, [api, query, variables or {}, token])


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


async def test_the_dashboard_signs_in_refreshes_and_reads_its_user_across_origins(served_mall, dashboard):
    # when: the sign-in page, then the SDK's sign-in, user details, refresh and verify
    sign_in_page = await call(dashboard, served_mall, SIGN_IN_PAGE)
    created = await call(dashboard, served_mall, TOKEN_CREATE,
                         {"email": DEMO_OPERATOR_EMAIL, "password": DEMO_OPERATOR_PASSWORD})
    tokens = created["data"]["tokenCreate"]
    me = await call(dashboard, served_mall, USER_DETAILS, token=tokens["token"])
    refreshed = await call(dashboard, served_mall, TOKEN_REFRESH, {"refreshToken": tokens["refreshToken"]})
    verified = await call(dashboard, served_mall, TOKEN_VERIFY,
                          {"token": refreshed["data"]["tokenRefresh"]["token"]})

    # then: the password form shows, and the tokens are Saleor's own (no `externalRefresh`)
    assert sign_in_page["data"] == {"shop": {"availableExternalAuthentications": [], "passwordLoginMode": "ENABLED"}}
    assert tokens["errors"] == []
    assert claims_of(tokens["token"])["owner"] == "saleor"
    assert claims_of(tokens["refreshToken"])["owner"] == "saleor"
    assert claims_of(tokens["token"])["iss"] == served_mall
    assert me["data"]["me"]["email"] == DEMO_OPERATOR_EMAIL
    assert me["data"]["me"]["isStaff"] is True
    assert {"code": "MANAGE_ORDERS"} in me["data"]["me"]["userPermissions"]
    assert refreshed["data"]["tokenRefresh"]["errors"] == []
    assert verified["data"]["tokenVerify"] == {"isValid": True, "user": {"email": DEMO_OPERATOR_EMAIL},
                                               "errors": []}


async def test_a_page_of_another_origin_is_refused_by_the_browser(served_mall, dashboard, dashboard_server):
    # given: the same page at 127.0.0.1 rather than localhost, an origin the setting does not name
    await dashboard.goto(dashboard_server.url("/"))

    # when
    answer = await call(dashboard, served_mall, SIGN_IN_PAGE)

    # then
    assert answer == {"fetchFailed": "TypeError: Failed to fetch"}
