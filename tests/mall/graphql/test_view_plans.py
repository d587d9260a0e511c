"""Catalogue reads run on query plans (mall/graphql/planned) and answer byte for byte as graphql-core's
executor does, through the HTTP API, for members and staff, pages and errors alike."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import parse

from catalog.demo import load_catalog_demo
from mall.app import create_app
from mall.graphql.limits import select_operation
from mall.graphql.planned import make_plan
from mall.graphql.schema import build_schema
from mall.settings import Settings
from tests.catalog.graphql import test_storefront_operations as storefront
from tests.factories import make_channel, make_staff, token_for

A = {"channel": "bank-a-mall", "languageCode": "EN"}
GIFT_PAGE_EXTRAS = """
query Extras($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    __typename id
    variants { sku quantityAvailable quantityLimitPerCustomer restockExpectedOn }
    again: variants { sku }
    category { ancestors(first: 5) { edges { node { slug } } } children(first: 5) { totalCount } }
    ... on Product { name isAvailableForPurchase availableForPurchaseAt }
    ...Names
  }
}
fragment Names on Product { name slug productType { name hasVariants } }
"""


@pytest.fixture
async def demo(settings: Settings) -> int:
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")
    return await load_catalog_demo(settings=settings)


@pytest.fixture
async def both(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """The same mall twice: answering on plans (the default), and on graphql-core alone."""
    clients = []
    for planned in (True, False):
        app = create_app(dataclasses.replace(settings, planned_execution=planned), manage_database=False)
        transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
        clients.append(httpx.AsyncClient(transport=transport, base_url=settings.public_url))
    yield clients[0], clients[1]
    for client in clients:
        await client.aclose()


async def answers(
    both: tuple[httpx.AsyncClient, httpx.AsyncClient], query: str, variables: dict[str, Any], token: str | None = None
) -> tuple[bytes, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"query": query, "variables": variables}
    planned, executed = [(await client.post("/graphql/", json=body, headers=headers)) for client in both]
    assert planned.status_code == executed.status_code
    return planned.content, executed.content


def has_plan(query: str) -> bool:
    document = parse(query)
    return make_plan(build_schema(), document, select_operation(document, None)) is not None


async def first_slug(both: tuple[httpx.AsyncClient, httpx.AsyncClient]) -> str:
    reply = await both[1].post(
        "/graphql/", json={"query": storefront.PRODUCT_LIST_PAGINATED, "variables": A | {"first": 1}}
    )
    return reply.json()["data"]["products"]["edges"][0]["node"]["slug"]


async def test_storefront_reads_answer_the_same_on_plans(
    both: tuple[httpx.AsyncClient, httpx.AsyncClient], demo: int, caplog: pytest.LogCaptureFixture
) -> None:
    # given
    caplog.set_level(logging.DEBUG, logger="mall.graphql.planned")
    slug = await first_slug(both)
    sku_reply = await both[1].post(
        "/graphql/", json={"query": storefront.PRODUCT_VARIANTS_FOR_PDP, "variables": A | {"slug": slug, "first": 5}}
    )
    sku = sku_reply.json()["data"]["product"]["productVariants"]["edges"][0]["node"]["sku"]
    requests = [
        (storefront.PRODUCT_LIST_PAGINATED, A | {"first": 20, "sortBy": {"field": "PRICE", "direction": "ASC"}}),
        (storefront.PRODUCT_LIST_PAGINATED, A | {"first": 7, "sortBy": {"field": "NAME", "direction": "DESC"}}),
        (storefront.PRODUCT_LIST_PAGINATED, A | {"last": 5, "filter": {"search": "tea"}}),
        (storefront.PRODUCT_LIST_BY_CATEGORY, A | {"slug": "electronics", "first": 12}),
        (storefront.PRODUCT_LIST_BY_COLLECTION, A | {"slug": "featured", "first": 12}),
        (storefront.SEARCH_PRODUCTS, A | {"search": "tea", "sortBy": "NAME", "sortDirection": "ASC", "first": 5}),
        (storefront.PRODUCT_DETAILS, A | {"slug": slug}),
        (storefront.PRODUCT_VARIANTS_FOR_PDP, A | {"slug": slug, "first": 10}),
        (storefront.PRODUCT_VARIANT_FOR_PDP, A | {"sku": sku}),
        (storefront.CATEGORIES_BY_SLUG, {"slugs": ["audio", "travel"]}),
        (storefront.MENU_GET_BY_SLUG, A | {"slug": "navbar"}),
        (storefront.CONTENT_PAGES, A | {"slugs": ["about", "faq"]}),
        (storefront.PAGE_GET_BY_SLUG, {"slug": "terms", "languageCode": "EN"}),
        (GIFT_PAGE_EXTRAS, {"slug": slug, "channel": "bank-a-mall"}),
    ]

    for query, variables in requests:
        # when
        planned, executed = await answers(both, query, variables)

        # then
        assert has_plan(query)
        assert b'"errors"' not in executed
        assert planned == executed
    assert [r.message for r in caplog.records if "declined" in r.message] == []


async def test_staff_see_unlisted_gifts_the_same_on_plans(
    both: tuple[httpx.AsyncClient, httpx.AsyncClient], demo: int, settings: Settings
) -> None:
    # given
    staff = await make_staff(permissions=["MANAGE_PRODUCTS"])
    query = storefront.PRODUCT_LIST_PAGINATED

    # when
    planned, executed = await answers(both, query, A | {"first": 30}, token_for(staff, settings))

    # then
    assert b'"totalCount":208' in executed
    assert planned == executed


async def test_a_refused_read_is_answered_by_graphql_core_with_the_same_error(
    both: tuple[httpx.AsyncClient, httpx.AsyncClient], demo: int, caplog: pytest.LogCaptureFixture
) -> None:
    # given
    caplog.set_level(logging.DEBUG, logger="mall.graphql.planned")
    bad_cursor = A | {"first": 5, "after": "not-a-cursor"}

    # when
    planned, executed = await answers(both, storefront.PRODUCT_LIST_PAGINATED, bad_cursor)

    # then
    assert b'"Received cursor is invalid."' in executed
    assert planned == executed
    assert len([r for r in caplog.records if "declined" in r.message]) == 1
