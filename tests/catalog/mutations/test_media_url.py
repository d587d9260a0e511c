"""productMediaCreate(mediaUrl) never fetches from the mall's own network, and its answers do not map it
(issue #16, defect 5). The only requests sent go to a server on 127.0.0.1."""

from __future__ import annotations

import base64
import dataclasses
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from catalog.models import ProductMedia
from catalog.services.images import DAMAGED
from mall.app import create_app
from mall.graphql.ids import to_global_id
from tests.catalog.services.builders import gift
from tests.conftest import TEST_PUBLIC_URL
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.serving import free_port
from tests.web_server import Answer

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
MEDIA_CREATE = """
mutation($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) { media { url } errors { field code message } }
}
"""
UNFETCHABLE = [{"field": "mediaUrl", "code": "INVALID", "message": "The image could not be fetched from this URL."}]


@pytest.fixture
async def operator(settings) -> str:
    return token_for(await make_staff("ops@mall.example", ["MANAGE_PRODUCTS"]), settings)


@pytest.fixture
async def image_store_api(settings) -> AsyncIterator[GraphQLClient]:
    """The API of a mall whose settings allow 127.0.0.1 as an internal image store."""
    allowing = dataclasses.replace(settings, media_fetch_private_hosts=frozenset({"127.0.0.1"}))
    transport = httpx.ASGITransport(app=create_app(allowing, manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url=TEST_PUBLIC_URL) as client:
        yield GraphQLClient(client)


def stored_files(storage_dir: Path) -> set[Path]:
    return {path for path in storage_dir.rglob("*") if path.is_file()} if storage_dir.exists() else set()


async def add_media(api: GraphQLClient, token: str, url: str) -> dict[str, object]:
    product = await gift(name=f"Kettle {uuid.uuid4().hex}")
    variables = {"input": {"product": to_global_id("Product", product.id), "mediaUrl": url, "alt": "Kettle"}}
    data = await api.ok(MEDIA_CREATE, variables, token)
    return data["productMediaCreate"]


async def test_a_url_on_the_mall_s_own_machine_is_refused_and_nothing_is_stored(api, operator, web_server, settings):
    # given
    web_server.answer("/kettle.png", Answer(body=PNG, headers={"Content-Type": "image/png"}))
    files_before = stored_files(settings.storage_dir)

    # when
    payload = await add_media(api, operator, web_server.url("/kettle.png"))

    # then
    assert payload == {"media": None, "errors": UNFETCHABLE}
    assert web_server.received == []
    assert await ProductMedia.all().count() == 0
    assert stored_files(settings.storage_dir) == files_before


@pytest.mark.parametrize("url", [
    "http://localhost:{port}/kettle.png",
    "http://[::1]:{port}/kettle.png",
    "http://0.0.0.0:{port}/kettle.png",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://10.0.0.1/kettle.png",
    "http://192.168.1.1/kettle.png",
], ids=["localhost", "ipv6-loopback", "unspecified", "metadata", "10-net", "192-168-net"])
async def test_every_non_public_address_gets_the_same_answer(api, operator, web_server, url):
    # when
    payload = await add_media(api, operator, url.format(port=web_server.port))

    # then
    assert payload == {"media": None, "errors": UNFETCHABLE}
    assert web_server.received == []
    assert await ProductMedia.all().count() == 0


async def test_a_refused_address_a_closed_port_and_a_missing_file_cannot_be_told_apart(
    image_store_api, operator, web_server
):
    # given: 127.0.0.1 is allowed, so a closed port and a 404 really are tried
    closed_port = free_port()

    # when
    answers = [
        await add_media(image_store_api, operator, "http://10.0.0.1/kettle.png"),
        await add_media(image_store_api, operator, f"http://127.0.0.1:{closed_port}/kettle.png"),
        await add_media(image_store_api, operator, web_server.url("/missing.png")),
    ]

    # then
    assert answers == [{"media": None, "errors": UNFETCHABLE}] * 3
    assert [received.path for received in web_server.received] == ["/missing.png"]


async def test_an_image_from_an_allowed_internal_store_is_fetched_and_stored(
    image_store_api, operator, web_server, settings
):
    # given
    web_server.answer("/kettle.png", Answer(body=PNG, headers={"Content-Type": "image/png"}))

    # when
    payload = await add_media(image_store_api, operator, web_server.url("/kettle.png"))

    # then
    assert payload["errors"] == []
    key = payload["media"]["url"].split("/media/", 1)[1]  # type: ignore[index]
    assert (settings.storage_dir / key).read_bytes() == PNG
    assert await ProductMedia.all().count() == 1


async def test_an_allowed_store_redirecting_into_the_network_is_refused(image_store_api, operator, web_server):
    # given: 127.0.0.1 is allowed, the name it redirects to is not
    web_server.answer("/moved.png", Answer(302, headers={"Location": web_server.url("/kettle.png", "localhost")}))
    web_server.answer("/kettle.png", Answer(body=PNG))

    # when
    payload = await add_media(image_store_api, operator, web_server.url("/moved.png"))

    # then
    assert payload == {"media": None, "errors": UNFETCHABLE}
    assert [received.path for received in web_server.received] == ["/moved.png"]
    assert await ProductMedia.all().count() == 0


async def test_a_fetched_file_that_only_starts_like_an_image_is_refused(image_store_api, operator, web_server):
    # given
    web_server.answer("/kettle.png", Answer(body=PNG[:8] + b"garbage" * 40, headers={"Content-Type": "image/png"}))

    # when
    payload = await add_media(image_store_api, operator, web_server.url("/kettle.png"))

    # then
    assert payload == {"media": None, "errors": [
        {"field": "mediaUrl", "code": "INVALID", "message": DAMAGED}
    ]}
    assert await ProductMedia.all().count() == 0
